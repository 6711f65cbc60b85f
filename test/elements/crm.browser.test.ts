import { expect, fixture, html } from '@open-wc/testing';
import { createCrm, type Crm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { CrmController, KithElement } from '@kith/elements';
import '@kith/elements/crm/define.js';

/** A minimal consumer: shows how many contacts its CRM holds. */
class CrmProbe extends KithElement {
  static override properties = { crm: { attribute: false }, count: { state: true } };
  declare crm: Crm | undefined;
  declare count: number | undefined;
  readonly source = new CrmController(this);
  constructor() {
    super();
    this.crm = undefined;
    this.count = undefined;
  }
  async refresh() {
    this.count = (await this.source.value?.contacts.count()) ?? undefined;
  }
  override render() {
    return html`${this.source.value ? 'connected' : this.localize.t.noCrm}`;
  }
}
CrmProbe.define('kith-test-crm-probe');

async function crmWith(names: string[]): Promise<Crm> {
  const crm = createCrm({ storage: memoryStorage() });
  for (const firstName of names) await crm.contacts.create({ firstName });
  return crm;
}

describe('<kith-crm>', () => {
  it('passes an accessibility check and renders its children', async () => {
    const el = await fixture(html`<kith-crm><p>inside</p></kith-crm>`);
    await expect(el).to.be.accessible();
    expect(getComputedStyle(el).display).to.equal('contents');
  });

  it('provides its CRM to descendants through context, across shadow roots', async () => {
    const crm = await crmWith(['Ana', 'Lali']);
    const el = await fixture<HTMLElement & { crm?: Crm }>(html`<kith-crm .crm=${crm}><div><kith-test-crm-probe></kith-test-crm-probe></div></kith-crm>`);
    const probe = el.querySelector('kith-test-crm-probe') as CrmProbe;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('connected');
    await probe.refresh();
    expect(probe.count).to.equal(2);
  });

  it('shows the localized "no CRM" state outside a provider', async () => {
    const probe = await fixture<CrmProbe>(html`<kith-test-crm-probe lang="ru"></kith-test-crm-probe>`);
    expect(probe.shadowRoot!.textContent).to.equal('CRM не подключена.');
  });

  it('follows a replaced CRM, and an element’s own crm property wins over the context', async () => {
    const first = await crmWith(['A']);
    const second = await crmWith(['B', 'C', 'D']);
    const own = await crmWith([]);
    const el = await fixture<HTMLElement & { crm?: Crm }>(
      html`<kith-crm .crm=${first}><kith-test-crm-probe id="ctx"></kith-test-crm-probe><kith-test-crm-probe id="own" .crm=${own}></kith-test-crm-probe></kith-crm>`,
    );
    const ctx = el.querySelector('#ctx') as CrmProbe;
    const mine = el.querySelector('#own') as CrmProbe;
    await ctx.refresh();
    expect(ctx.count).to.equal(1);
    el.crm = second;
    await (el as unknown as KithElement).updateComplete;
    await ctx.refresh();
    expect(ctx.count).to.equal(3);
    await mine.refresh();
    expect(mine.count).to.equal(0);
  });
});
