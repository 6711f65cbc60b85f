import { expect, fixture, html } from '@open-wc/testing';
import type { KithLifecycleBadge } from '@kith/elements';
import '@kith/elements/lifecycle-badge/define.js';

const label = (el: KithLifecycleBadge) => el.shadowRoot!.querySelector('[part=base]')!.getAttribute('aria-label');

describe('<kith-lifecycle-badge>', () => {
  it('passes an accessibility check', async () => {
    const el = await fixture<KithLifecycleBadge>(html`<kith-lifecycle-badge stage="customer"></kith-lifecycle-badge>`);
    await expect(el).to.be.accessible();
  });

  it('renders nothing without a known stage', async () => {
    const el = await fixture<KithLifecycleBadge>(html`<kith-lifecycle-badge stage="vip"></kith-lifecycle-badge>`);
    expect(el.shadowRoot!.querySelector('[part=base]')).to.equal(null);
  });

  it('speaks each of the five languages, from its own lang or an ancestor’s', async () => {
    const cases: [string, string][] = [
      ['en', 'Lifecycle stage: Customer'],
      ['ru', 'Этап жизненного цикла: Клиент'],
      ['ka', 'სასიცოცხლო ციკლის ეტაპი: კლიენტი'],
      ['ca', 'Etapa del cicle de vida: Client'],
      ['sw', 'Hatua ya mteja: Mteja'],
      ['ru-RU', 'Этап жизненного цикла: Клиент'],
      ['xx', 'Lifecycle stage: Customer'],
    ];
    for (const [lang, expected] of cases) {
      const wrap = await fixture(html`<div lang=${lang}><kith-lifecycle-badge stage="customer"></kith-lifecycle-badge></div>`);
      const el = wrap.querySelector('kith-lifecycle-badge')!;
      await el.updateComplete;
      expect(label(el), lang).to.equal(expected);
    }
  });

  it('re-renders when the page language changes', async () => {
    const el = await fixture<KithLifecycleBadge>(html`<kith-lifecycle-badge stage="lost"></kith-lifecycle-badge>`);
    const original = document.documentElement.lang;
    try {
      document.documentElement.lang = 'ca';
      await new Promise((r) => setTimeout(r));
      await el.updateComplete;
      expect(label(el)).to.equal('Etapa del cicle de vida: Perdut');
    } finally {
      document.documentElement.lang = original;
    }
  });

  it('lays out right to left under dir="rtl", with logical padding', async () => {
    const wrap = await fixture(html`<div dir="rtl"><kith-lifecycle-badge stage="lead"></kith-lifecycle-badge></div>`);
    const el = wrap.querySelector('kith-lifecycle-badge')!;
    await el.updateComplete;
    const base = el.shadowRoot!.querySelector('[part=base]') as HTMLElement;
    const dot = el.shadowRoot!.querySelector('[part=dot]') as HTMLElement;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(dot.getBoundingClientRect().left).to.be.greaterThan(base.getBoundingClientRect().left + base.getBoundingClientRect().width / 2);
  });

  it('takes the host page’s theme through --kith-* tokens and exposes parts', async () => {
    const wrap = await fixture(html`<div style="--kith-color-success: rgb(1, 2, 3)"><kith-lifecycle-badge stage="loyal"></kith-lifecycle-badge></div>`);
    const el = wrap.querySelector('kith-lifecycle-badge')!;
    await el.updateComplete;
    const dot = el.shadowRoot!.querySelector('[part=dot]') as HTMLElement;
    expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});
