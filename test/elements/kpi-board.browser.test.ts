import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Crm } from '@kith/core';
import { html, render } from 'lit';
import '@kith/elements/kpi-board/define.js';
import type { KithKpiBoard } from '@kith/elements';
import { history, RANGE } from '../fixtures/kpi-history.js';
import { until } from '../waiting.js';

async function mount(crm: Crm, lang = 'en'): Promise<KithKpiBoard> {
  const host = document.createElement('div');
  host.lang = lang;
  host.style.width = '900px';
  document.body.append(host);
  render(html`<kith-kpi-board .crm=${crm} from=${RANGE.from} to=${RANGE.to} time-zone=${RANGE.timeZone}></kith-kpi-board>`, host);
  const el = host.firstElementChild as KithKpiBoard;
  await el.whenLoaded();
  await el.updateComplete;
  return el;
}

const $ = (el: KithKpiBoard, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: KithKpiBoard, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const words = (n: Element | null) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<kith-kpi-board>', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('kith-kpi-board')) el.parentElement?.remove();
  });

  it('shows the hand-computed KPIs as tiles', async () => {
    const { crm } = await history();
    const el = await mount(crm);
    const tiles = Object.fromEntries($$(el, '[part~="tile"]').map((t) => [words(t.querySelector('dt')), words(t.querySelector('dd'))]));
    expect(tiles['Win rate']).to.equal('66.7% 2 won of 3 closed');
    expect(tiles['Won revenue']).to.equal('€3,000.00');
    expect(tiles['Average check']).to.equal('€1,500.00');
    expect(tiles['Leads → won, per 100']).to.equal('50 4 leads');
    expect(tiles['First response (median)']).to.equal('6 hr 1 still waiting');
    expect(tiles['Customer base growth']).to.equal('0% in 2026-03');
    expect(tiles['Overdue tasks']).to.equal('2');
    await expect(el).to.be.accessible();
  });

  it('draws the funnel as a list of focusable bars named with everything they show, moved through with the arrow keys', async () => {
    const { crm } = await history();
    const el = await mount(crm);
    const bars = $$(el, '[part~="funnel"] [role="listitem"]');
    expect(bars.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Qualified: 6 deals, median 10 days in stage',
      'Proposal: 4 deals, 66.7% of the stage before, median 20 days in stage',
      'Negotiation: 3 deals, 75% of the stage before, median 30 days in stage',
      'Won: 2 deals, 66.7% of the stage before',
    ]);
    expect(bars.map((b) => b.getAttribute('tabindex'))).to.deep.equal(['0', '-1', '-1', '-1']);
    // Widths follow the counts: 6 : 4.
    const width = (b: Element) => Number(b.querySelector('[part~="bar-fill"]')!.getAttribute('width'));
    expect(width(bars[1]!) / width(bars[0]!)).to.be.closeTo(4 / 6, 0.01);
    bars[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(bars[1]);
    await sendKeys({ press: 'End' });
    expect(el.shadowRoot!.activeElement).to.equal(bars[3]);
    expect(bars[3]!.getAttribute('tabindex')).to.equal('0');
    await sendKeys({ press: 'Home' });
    expect(el.shadowRoot!.activeElement).to.equal(bars[0]);
  });

  it('charts sources with leads, customers and won revenue, and tables workload and forecast', async () => {
    const { crm } = await history();
    const el = await mount(crm);
    expect($$(el, '[part~="sources"] [role="listitem"]').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Paid ads: 2 leads, 1 customer, €1,000.00 won',
      'Organic search: 1 lead, 0 customers',
      'Referral: 1 lead, 1 customer, €2,000.00 won',
    ]);
    // The longest bar's value is written beside it, inside the chart, not cut off at its edge.
    const chart = $$(el, '[part~="sources"] svg')[0] as unknown as SVGSVGElement;
    for (const value of chart.querySelectorAll<SVGTextElement>('[part~="bar-value"]')) {
      const box = value.getBBox();
      expect(box.x + box.width).to.be.at.most(chart.viewBox.baseVal.width);
    }
    // innerText: a cell's line break (count, then value) reads as a space.
    const rows = $$(el, '[part~="workload"] tbody tr').map((r) => r.innerText.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal(['Alice 1 $500.00 2 1', 'Bob 1 €600.00 1 0', 'Nobody 1 €400.00 1 1']);
    expect($$(el, '[part~="forecast"] tbody tr').map((r) => words(r))).to.deep.equal(['March 2026 $100.00 $500.00', 'No date €80.00 €400.00']);
  });

  it('recomputes after a write and announces it; speaks Russian', async () => {
    const { crm } = await history();
    const el = await mount(crm, 'ru');
    expect(words($(el, '[part~="heading"]'))).to.equal('Как мы продаём');
    const deal = await crm.deals.create({ title: 'Late win', value: { amount: 10_000, currency: 'EUR' } });
    await crm.deals.move(deal.id, 'won');
    await until(() => words($(el, '[part~="status"]')) === 'Показатели обновлены.', 'the announcement');
    // Before the write the win-rate tile reads "2 выиграно из 3 закрытых"; the new won deal makes it 3 of 4.
    await until(() => words($(el, '[part~="tile"] dd')).endsWith('3 выиграно из 4 закрытых'), 'three wins of four closed');
    await expect(el).to.be.accessible();
  });
});
