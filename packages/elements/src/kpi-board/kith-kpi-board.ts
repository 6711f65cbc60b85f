import { type Crm, type KpiReport, type KpiRange, dateInZone, formatMoney, localTimeZone } from '@kith/core';
import { html, nothing, type PropertyValues } from 'lit';
import { KithElement } from '../kith-element.js';
import { LiveLoad } from '../live-load.js';
import { heading } from '../heading.js';
import { Coalesced } from '../coalesced.js';
import { type Bar, barChart, chartKeys } from './charts.js';
import { type KpiBoardMessages, kpiBoardMessages } from './messages/index.js';
import { styles } from './styles.js';

type Status = 'idle' | 'loading' | 'ready' | 'error';

/** Collections whose changes move the figures. */
const WATCHED = ['contacts', 'deals', 'activities', 'tasks', 'pipelines', 'members'];

/**
 * How well the team sells, over a range on the viewer's calendar: KPI tiles,
 * the sales funnel and where customers come from as accessible SVG charts
 * (each bar a focusable list item named with all it shows; arrow keys move
 * between bars), the workload per owner and the weighted forecast. Figures are
 * `crm.kpis.report()`'s, defined in docs/kpis.md. Live: recomputed after writes.
 *
 * @tag kith-kpi-board
 * @summary KPI tiles, a funnel and a source chart.
 * @csspart base - The board's frame.
 * @csspart heading - The board's heading.
 * @csspart tiles - The list of KPI tiles.
 * @csspart tile - One KPI.
 * @csspart funnel - The funnel figure.
 * @csspart sources - The source-attribution figure.
 * @csspart chart - A chart's SVG.
 * @csspart bar - One bar (a focusable list item).
 * @csspart bar-fill - A bar's shape.
 * @csspart bar-inner - The inner part of a source bar: leads that became customers.
 * @csspart bar-label - A bar's label.
 * @csspart bar-value - A bar's figure.
 * @csspart workload - The workload table.
 * @csspart forecast - The forecast table.
 * @csspart error - The alert of a failed read.
 * @csspart status - The polite live region.
 * @cssproperty --kith-chart-color - Bars' colour; defaults to the primary token.
 * @cssproperty --kith-chart-muted-color - Source bars' lighter part.
 * @cssproperty --kith-kpi-padding - Space inside the frame.
 */
export class KithKpiBoard extends KithElement {
  static override styles = styles;

  static override properties = {
    crm: { attribute: false },
    from: {},
    to: {},
    timeZone: { attribute: 'time-zone' },
    pipelineId: { attribute: 'pipeline-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
    _report: { state: true },
    _status: { state: true },
    _error: { state: true },
    _message: { state: true },
  };

  /** The CRM; else the surrounding `<kith-crm>`'s. */
  declare crm: Crm | undefined;
  /** First day of the range (`YYYY-MM-DD`); default: the first of the month two months back. */
  declare from: string | undefined;
  /** Last day of the range; default: today on the viewer's calendar. */
  declare to: string | undefined;
  /** The viewer's time zone (default: the browser's). */
  declare timeZone: string | undefined;
  /** Whose funnel to draw; default the default pipeline. */
  declare pipelineId: string | undefined;
  /** The level of the board's heading (sections are one below). Default 2. */
  declare headingLevel: number;
  declare _report: KpiReport | undefined;
  declare _status: Status;
  declare _error: string;
  declare _message: string;

  readonly #live = new LiveLoad(this, {
    keys: ['from', 'to', 'timeZone'],
    reload: () => this.#reload(),
    stop: () => this.#stop(),
    watching: () => !!this.#unwatch,
  });
  #unwatch: (() => void) | undefined;

  constructor() {
    super();
    this.crm = undefined;
    this.from = undefined;
    this.to = undefined;
    this.timeZone = undefined;
    this.pipelineId = undefined;
    this.headingLevel = 2;
    this._report = undefined;
    this._status = 'idle';
    this._error = '';
    this._message = '';
  }

  /** Resolves once the figures are computed and rendered. */
  whenLoaded(): Promise<void> {
    return this.#live.whenLoaded();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#live.willUpdate(changed);
  }

  get #m(): KpiBoardMessages {
    return kpiBoardMessages.for(this.localize.lang());
  }

  /** The range shown: the attributes, else three calendar months up to today. */
  range(): KpiRange {
    const timeZone = this.timeZone ?? localTimeZone();
    const today = dateInZone(this.#live.current?.clock.now() ?? Date.now(), timeZone);
    const to = this.to ?? today;
    let from = this.from;
    if (!from) {
      const [y, m] = to.split('-').map(Number) as [number, number];
      const back = new Date(Date.UTC(y, m - 3, 1));
      from = back.toISOString().slice(0, 10);
    }
    return { from, to, timeZone };
  }

  #stop() {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  async #reload(): Promise<void> {
    this.#stop();
    const crm = this.#live.current;
    if (!crm) {
      this._status = 'idle';
      return;
    }
    this._status = 'loading';
    this._report = undefined;
    this.#unwatch = crm.watch(() => void this.#read(true), { collections: WATCHED });
    await this.#read(false);
  }

  /** Whether the next computed report is announced (after a live change, not the first load). */
  #announce = false;

  /** Computes the report; writes during a computation cause one more. */
  readonly #reads = new Coalesced(async () => {
    const crm = this.#live.current;
    if (!crm) return;
    try {
      const report = await crm.kpis.report(this.range());
      if (crm !== this.#live.current) return;
      this._report = report;
      this._status = 'ready';
      this._error = '';
      if (this.#announce) this._message = this.#m.updated;
    } catch (error) {
      this._status = 'error';
      this._error = this.errorText(error);
    }
  });

  #read(announce: boolean): Promise<void> {
    this.#announce = announce;
    return this.#reads.run();
  }

  #pct(value: number | undefined): string | undefined {
    return value === undefined ? undefined : this.localize.number(value / 100, { style: 'percent', maximumFractionDigits: 1 });
  }

  #hours(ms: number | undefined): string | undefined {
    return ms === undefined ? undefined : this.localize.number(ms / 3_600_000, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 });
  }

  #money(totals: Record<string, number>): string {
    const lang = this.localize.lang();
    return Object.entries(totals)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, amount]) => formatMoney({ amount, currency }, lang))
      .join(' · ');
  }

  override render() {
    const m = this.#m;
    const r = this.range();
    const level = this.headingLevel;
    const dateText = (d: string) => this.localize.date(`${d}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
    const body =
      this._status === 'idle'
        ? html`<p>${m.noCrm}</p>`
        : this._status === 'loading' || !this._report
          ? this._status === 'error'
            ? this.#renderError()
            : html`<p role="status">${m.loading}</p>`
          : html`${this._status === 'error' ? this.#renderError() : nothing}${this.#renderReport(this._report, level + 1)}`;
    return html`<section part="base" aria-labelledby="kpi-heading" dir=${this.localize.dir()}>
      <header>${heading(level, m.title, { id: 'kpi-heading', part: 'heading' })} <small>${m.range(dateText(r.from), dateText(r.to))}</small></header>
      ${body}
      <div role="status" part="status" class="sr">${this._message}</div>
    </section>`;
  }

  #renderError() {
    return html`<div role="alert" part="error">${this._error} <button @click=${() => void this.#reload()}>${this.#m.retry}</button></div>`;
  }

  #renderReport(report: KpiReport, level: number) {
    return html`${this.#renderTiles(report)}
      <div class="grid2">${this.#renderFunnel(report, level)} ${this.#renderSources(report, level)}</div>
      <div class="grid2">${this.#renderWorkload(report, level)} ${this.#renderForecast(report, level)}</div>`;
  }

  #renderTiles(report: KpiReport) {
    const m = this.#m;
    const leads = report.conversion.reduce((n, c) => n + c.leads, 0);
    const won = report.conversion.reduce((n, c) => n + c.won, 0);
    const closed = report.wins.won + report.wins.lost;
    const lastGrowth = report.growth[report.growth.length - 1];
    const overdue = report.workload.reduce((n, w) => n + w.overdueTasks, 0);
    const revenue = Object.fromEntries(report.revenue.map((r) => [r.currency, r.revenue]));
    const check = Object.fromEntries(report.revenue.map((r) => [r.currency, r.averageCheck]));
    const tile = (label: string, value: string | undefined, sub?: string) =>
      html`<div part="tile"><dt>${label}</dt><dd>${value ?? m.none}${sub ? html` <span class="sub">${sub}</span>` : nothing}</dd></div>`;
    return html`<dl part="tiles">
      ${tile(m.tiles.winRate, this.#pct(report.wins.winRate), m.wonOf(report.wins.won, closed))}
      ${tile(m.tiles.revenue, this.#money(revenue) || undefined)}
      ${tile(m.tiles.averageCheck, this.#money(check) || undefined)}
      ${tile(m.tiles.conversion, leads ? this.localize.number((won / leads) * 100, { maximumFractionDigits: 1 }) : undefined, m.leadsCount(leads))}
      ${tile(m.tiles.firstResponse, this.#hours(report.firstResponse.medianMs), report.firstResponse.waiting ? m.waiting(report.firstResponse.waiting) : undefined)}
      ${tile(m.tiles.growth, lastGrowth ? this.#pct(lastGrowth.growthPct) : undefined, lastGrowth ? m.lastMonth(lastGrowth.month) : undefined)}
      ${tile(m.tiles.overdue, this.localize.number(overdue))}
    </dl>`;
  }

  #renderFunnel(report: KpiReport, level: number) {
    const m = this.#m;
    const funnel = report.funnels.find((f) => f.pipelineId === this.pipelineId) ?? report.funnels[0];
    if (!funnel) return nothing;
    const max = Math.max(1, ...funnel.steps.map((s) => s.reached));
    const bars: Bar[] = funnel.steps.map((s) => {
      const pct = this.#pct(s.fromPrevious);
      const days = s.medianDays === undefined ? undefined : m.days(Math.round(s.medianDays * 10) / 10);
      return { key: s.stageId, label: s.name, value: this.localize.number(s.reached), size: s.reached / max, description: m.stageBar(s.name, s.reached, pct, days) };
    });
    return html`<figure part="funnel" aria-labelledby="funnel-caption">
      <figcaption>
        ${heading(level, m.funnel, { id: 'funnel-caption' })}
        ${report.funnels.length > 1
          ? html`<label
              >${m.pipeline}
              <select @change=${(e: Event) => (this.pipelineId = (e.target as HTMLSelectElement).value)}>
                ${report.funnels.map((f) => html`<option value=${f.pipelineId} ?selected=${f === funnel}>${f.name}</option>`)}
              </select></label
            >`
          : nothing}
        <span class="help">${m.funnelHelp}</span>
      </figcaption>
      <div @keydown=${chartKeys}>${barChart(bars, `${m.funnel}: ${funnel.name}`, true)}</div>
    </figure>`;
  }

  #renderSources(report: KpiReport, level: number) {
    const m = this.#m;
    const byChannel = new Map<string, { leads: number; customers: number; revenue: Record<string, number> }>();
    for (const row of report.attribution.byYear) {
      const c = byChannel.get(row.channel) ?? byChannel.set(row.channel, { leads: 0, customers: 0, revenue: {} }).get(row.channel)!;
      c.leads += row.leads;
      c.customers += row.customers;
      for (const [cur, amount] of Object.entries(row.revenue)) c.revenue[cur] = (c.revenue[cur] ?? 0) + amount;
    }
    const rows = [...byChannel].sort((a, b) => b[1].leads - a[1].leads);
    const max = Math.max(1, ...rows.map(([, c]) => c.leads));
    const bars: Bar[] = rows.map(([channel, c]) => {
      const name = m.channels[channel] ?? channel;
      const revenue = this.#money(c.revenue);
      return { key: channel, label: name, value: `${this.localize.number(c.leads)} / ${this.localize.number(c.customers)}`, size: c.leads / max, inner: c.customers / max, description: m.sourceBar(name, c.leads, c.customers, revenue) };
    });
    return html`<figure part="sources" aria-labelledby="sources-caption">
      <figcaption>
        ${heading(level, m.sources, { id: 'sources-caption' })}
        <ul class="legend" aria-hidden="true">
          <li><span class="swatch muted"></span>${m.legendLeads}</li>
          <li><span class="swatch"></span>${m.legendCustomers}</li>
        </ul>
      </figcaption>
      ${bars.length ? html`<div @keydown=${chartKeys}>${barChart(bars, m.sources, false)}</div>` : html`<p>${m.none}</p>`}
    </figure>`;
  }

  #renderWorkload(report: KpiReport, level: number) {
    const m = this.#m;
    return html`<section aria-labelledby="workload-caption">
      ${heading(level, m.workload, { id: 'workload-caption' })}
      <table part="workload">
        <thead>
          <tr><th scope="col">${m.owner}</th><th scope="col">${m.openDeals}</th><th scope="col">${m.openTasks}</th><th scope="col">${m.overdueTasks}</th></tr>
        </thead>
        <tbody>
          ${report.workload.map(
            (w) => html`<tr>
              <th scope="row">${w.memberId === null ? m.nobody : (w.name ?? w.memberId)}</th>
              <td class="num">${this.localize.number(w.openDeals)}${w.openDeals ? html`<br /><small>${this.#money(w.openValue)}</small>` : nothing}</td>
              <td class="num">${this.localize.number(w.openTasks)}</td>
              <td class="num">${this.localize.number(w.overdueTasks)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  #renderForecast(report: KpiReport, level: number) {
    const m = this.#m;
    const monthText = (month: string) => (month === 'none' ? m.noDate : this.localize.date(`${month}-15T12:00:00Z`, { year: 'numeric', month: 'long', timeZone: 'UTC' }));
    return html`<section aria-labelledby="forecast-caption">
      ${heading(level, m.forecast, { id: 'forecast-caption' })}
      ${report.forecast.length
        ? html`<table part="forecast">
            <thead>
              <tr><th scope="col">${m.month}</th><th scope="col">${m.weighted}</th><th scope="col">${m.total}</th></tr>
            </thead>
            <tbody>
              ${report.forecast.map(
                (f) => html`<tr>
                  <th scope="row">${monthText(f.month)}</th>
                  <td class="num">${formatMoney({ amount: f.weighted, currency: f.currency }, this.localize.lang())}</td>
                  <td class="num">${formatMoney({ amount: f.total, currency: f.currency }, this.localize.lang())}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${m.none}</p>`}
    </section>`;
  }
}
