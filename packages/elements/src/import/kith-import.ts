import type { CellKind, Crm, DateOrder, ImportEntity, ImportMode, ImportPreview, ImportReport, ImportTarget } from '@kith/core';
import { html, nothing, type PropertyValues } from 'lit';
import { CrmController } from '../context.js';
import { heading } from '../heading.js';
import { KithElement } from '../kith-element.js';
import { type ImportMessages, importMessages } from './messages/index.js';
import { styles } from './styles.js';

type Step = 'choose' | 'map' | 'check' | 'run' | 'done';
const STEPS: Step[] = ['choose', 'map', 'check', 'run', 'done'];
/** Problems listed on screen; the downloadable report has them all. */
const SHOWN_ISSUES = 50;

/**
 * An import wizard: choose a CSV or JSON file, match its columns to fields
 * (suggested from the headers, in the seeds' languages), check every row
 * with a dry run, then import with a progress bar and Cancel, and end with
 * what was created, updated, skipped and failed and a downloadable error
 * report. Each step's heading takes focus; progress is announced politely.
 *
 * @tag kith-import
 * @summary CSV/JSON import with mapping, a dry run, progress and an error report.
 * @event kith-import-finished - The user's import ended (finished or cancelled). Detail: `{ report }`.
 * @csspart base - The wizard's frame.
 * @csspart heading - The current step's heading.
 * @csspart step - The "step N of 5" line.
 * @csspart mapping - The table of columns and their targets.
 * @csspart summary - The counts of a check or an import.
 * @csspart issues - The table of problems.
 * @csspart progress - The progress bar.
 * @csspart actions - The row of buttons.
 * @csspart download - The error report link.
 * @csspart error - The alert of a failure.
 * @csspart status - The polite live region.
 * @cssproperty --kith-import-padding - Space inside the frame.
 */
export class KithImport extends KithElement {
  static override styles = styles;

  static override properties = {
    crm: { attribute: false },
    entity: { reflect: true },
    mode: {},
    currency: {},
    headingLevel: { attribute: 'heading-level', type: Number },
    _step: { state: true },
    _preview: { state: true },
    _targets: { state: true },
    _mapping: { state: true },
    _dateOrder: { state: true },
    _dry: { state: true },
    _report: { state: true },
    _progress: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _status: { state: true },
  };

  /** The CRM; else the surrounding `<kith-crm>`'s. */
  declare crm: Crm | undefined;
  /** What the rows are: `contact` (default), `company` or `deal`. The user can change it in the first step. */
  declare entity: ImportEntity;
  /** What to do with a row that matches a stored record (default `skip-duplicates`). */
  declare mode: ImportMode;
  /** Currency of amounts that name none (deals, money fields). */
  declare currency: string | undefined;
  /** The level of the step headings. Default 2. */
  declare headingLevel: number;
  declare _step: Step;
  declare _preview: ImportPreview | undefined;
  declare _targets: { target: ImportTarget; label: string; kind: CellKind }[];
  declare _mapping: Record<string, ImportTarget | null>;
  declare _dateOrder: DateOrder | undefined;
  declare _dry: ImportReport | undefined;
  declare _report: ImportReport | undefined;
  declare _progress: { rows: number; read: number; total?: number } | undefined;
  declare _busy: boolean;
  declare _error: string;
  declare _status: string;

  readonly #crm = new CrmController(this);
  #file: File | undefined;
  #abort: AbortController | undefined;
  #reportUrl: string | undefined;

  constructor() {
    super();
    this.crm = undefined;
    this.entity = 'contact';
    this.mode = 'skip-duplicates';
    this.currency = undefined;
    this.headingLevel = 2;
    this._step = 'choose';
    this._preview = undefined;
    this._targets = [];
    this._mapping = {};
    this._dateOrder = undefined;
    this._dry = undefined;
    this._report = undefined;
    this._progress = undefined;
    this._busy = false;
    this._error = '';
    this._status = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#revoke();
  }

  get #m(): ImportMessages {
    return importMessages.for(this.localize.lang());
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A new step: its heading takes focus, so keyboard and screen-reader users start there.
    if (changed.has('_step') && changed.get('_step') !== undefined) this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
  }

  #revoke() {
    if (this.#reportUrl) URL.revokeObjectURL(this.#reportUrl);
    this.#reportUrl = undefined;
  }

  #fail(error: unknown) {
    this._error = this.errorText(error);
    this._busy = false;
  }

  async #choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    const crm = this.#crm.value;
    if (!file || !crm) return;
    this.#file = file;
    this._error = '';
    this._busy = true;
    this._status = this.#m.reading;
    try {
      const [preview, targets] = await Promise.all([crm.imports.preview(await this.#source(file), { entity: this.entity, rows: 3 }), crm.imports.targets(this.entity)]);
      this._preview = preview;
      this._targets = targets;
      this._mapping = { ...preview.suggestions };
      this._dateOrder = preview.dateOrder.order;
      this._busy = false;
      this._status = '';
      this._step = 'map';
    } catch (error) {
      this.#fail(error);
    }
  }

  /** A JSON file is read whole as an array of rows; a CSV streams. */
  #source(file: File): Blob | Promise<Record<string, unknown>[]> {
    return /\.json$/i.test(file.name) || file.type === 'application/json' ? file.text().then((t) => JSON.parse(t) as Record<string, unknown>[]) : file;
  }

  async #options(extra: { dryRun?: boolean; signal?: AbortSignal; onProgress?: (p: { rows: number; read: number; total?: number }) => void }) {
    return {
      entity: this.entity,
      mode: this.mode,
      mapping: this._mapping,
      ...(this._dateOrder ? { dateOrder: this._dateOrder } : {}),
      ...(this.currency ? { currency: this.currency } : {}),
      ...extra,
    };
  }

  async #check() {
    const crm = this.#crm.value;
    if (!crm || !this.#file) return;
    this._busy = true;
    this._error = '';
    this._status = this.#m.checking;
    try {
      const source = await this.#source(this.#file);
      this._dry = await crm.imports.run(source, await this.#options({ dryRun: true }));
      this._busy = false;
      this._status = '';
      this._step = 'check';
    } catch (error) {
      this.#fail(error);
    }
  }

  async #run() {
    const crm = this.#crm.value;
    if (!crm || !this.#file) return;
    this.#abort = new AbortController();
    this._error = '';
    this._progress = { rows: 0, read: 0 };
    this._step = 'run';
    try {
      const source = await this.#source(this.#file);
      const report = await crm.imports.run(
        source,
        await this.#options({
          signal: this.#abort.signal,
          onProgress: (p) => {
            this._progress = p;
            this._status = this.#m.rowsDone(p.rows);
          },
        }),
      );
      this._report = report;
      this.#revoke();
      if (report.issues.length) this.#reportUrl = URL.createObjectURL(new Blob([crm.imports.issuesCsv(report.issues)], { type: 'text/csv' }));
      this._status = report.cancelled ? this.#m.cancelled : this.#m.finished(report.created + report.updated);
      this._step = 'done';
      this.emit('kith-import-finished', { detail: { report } });
    } catch (error) {
      this.#fail(error);
      this._step = 'check';
    }
  }

  #restart() {
    this.#revoke();
    this.#file = undefined;
    this._preview = undefined;
    this._dry = undefined;
    this._report = undefined;
    this._progress = undefined;
    this._error = '';
    this._status = '';
    this._step = 'choose';
  }

  override render() {
    const m = this.#m;
    if (!this.#crm.value) return html`<div part="base"><p>${m.noCrm}</p></div>`;
    const n = STEPS.indexOf(this._step) + 1;
    return html`<div part="base" aria-busy=${this._busy ? 'true' : 'false'}>
      ${heading(this.headingLevel, `${m.title}: ${m.steps[this._step]}`, { part: 'heading', focusable: true })}
      <p part="step">${m.stepOf(n, STEPS.length)}</p>
      ${this._error ? html`<p part="error" role="alert">${this._error}</p>` : nothing}
      ${this._step === 'choose' ? this.#renderChoose() : this._step === 'map' ? this.#renderMap() : this._step === 'check' ? this.#renderCheck() : this._step === 'run' ? this.#renderRun() : this.#renderDone()}
      <p part="status" role="status" aria-live="polite">${this._status}</p>
    </div>`;
  }

  #renderChoose() {
    const m = this.#m;
    return html`<div class="fields">
      <label
        >${m.entity}
        <select @change=${(e: Event) => (this.entity = (e.currentTarget as HTMLSelectElement).value as ImportEntity)}>
          ${(['contact', 'company', 'deal'] as const).map((e) => html`<option value=${e} ?selected=${this.entity === e}>${m.entities[e]}</option>`)}
        </select></label
      >
      <label
        >${m.mode}
        <select @change=${(e: Event) => (this.mode = (e.currentTarget as HTMLSelectElement).value as ImportMode)}>
          ${(['skip-duplicates', 'update-existing', 'create-only'] as const).map((v) => html`<option value=${v} ?selected=${this.mode === v}>${m.modes[v]}</option>`)}
        </select></label
      >
      <label
        >${m.file}
        <input type="file" accept=".csv,.tsv,.txt,.json,text/csv,application/json" aria-describedby="file-help" ?disabled=${this._busy} @change=${this.#choose} />
      </label>
      <small id="file-help">${m.fileHelp}</small>
    </div>`;
  }

  #renderMap() {
    const m = this.#m;
    const p = this._preview!;
    const hasDates = p.headers.some((h) => this.#kindOf(this._mapping[h]) === 'date');
    const hasMoney = p.headers.some((h) => this.#kindOf(this._mapping[h]) === 'money');
    return html`<table part="mapping">
        <thead>
          <tr>
            <th scope="col">${m.column}</th>
            <th scope="col">${m.samples}</th>
            <th scope="col">${m.target}</th>
          </tr>
        </thead>
        <tbody>
          ${p.headers.map((h, i) => {
            const id = `target-${i}`;
            return html`<tr>
              <th scope="row"><label for=${id}>${h}</label></th>
              <td>${p.sample.map((r) => r[i]).filter(Boolean).slice(0, 3).join(' · ')}</td>
              <td>
                <select id=${id} @change=${(e: Event) => (this._mapping = { ...this._mapping, [h]: (e.currentTarget as HTMLSelectElement).value || null })}>
                  <option value="" ?selected=${!this._mapping[h]}>${m.skip}</option>
                  ${this._targets.map((t) => html`<option value=${t.target} ?selected=${this._mapping[h] === t.target}>${t.label}${p.suggestions[h] === t.target ? ` (${m.suggested})` : ''}</option>`)}
                </select>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      <div class="fields">
        ${hasDates
          ? html`<label
              >${m.dateOrder}
              <select aria-describedby="date-found" @change=${(e: Event) => (this._dateOrder = (e.currentTarget as HTMLSelectElement).value as DateOrder)}>
                ${(['dmy', 'mdy'] as const).map((o) => html`<option value=${o} ?selected=${this._dateOrder === o}>${m.dateOrders[o]}</option>`)}
              </select></label
            ><small id="date-found">${m.dateFound(p.dateOrder.decidedBy)}</small>`
          : nothing}
        ${hasMoney || this.entity === 'deal'
          ? html`<label
              >${m.currency}
              <input maxlength="3" size="4" .value=${this.currency ?? ''} @input=${(e: Event) => (this.currency = (e.currentTarget as HTMLInputElement).value.trim().toUpperCase() || undefined)}
            /></label>`
          : nothing}
      </div>
      <div part="actions">
        <button type="button" @click=${() => (this._step = 'choose')}>${m.back}</button>
        <button type="button" class="primary" ?disabled=${this._busy} @click=${this.#check}>${m.check}</button>
      </div>`;
  }

  #kindOf(target: ImportTarget | null | undefined): CellKind | undefined {
    return target ? this._targets.find((t) => t.target === target)?.kind : undefined;
  }

  #counts(r: ImportReport) {
    const m = this.#m;
    return html`<ul part="summary">
      <li>${m.willCreate(r.created)}</li>
      <li>${m.willUpdate(r.updated)}</li>
      <li>${m.willSkip(r.skipped)}</li>
      <li>${m.willFail(r.failed)}</li>
    </ul>`;
  }

  #issues(r: ImportReport) {
    const m = this.#m;
    if (!r.issues.length) return nothing;
    const shown = r.issues.slice(0, SHOWN_ISSUES);
    return html`<table part="issues">
        <caption>
          ${m.issues}
        </caption>
        <thead>
          <tr>
            <th scope="col">${m.row}</th>
            <th scope="col">${m.column}</th>
            <th scope="col">${m.message}</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map((i) => html`<tr class=${i.level}>
            <td>${i.row}</td>
            <td>${i.column ?? ''}</td>
            <td>${i.message}${i.value ? html` <q>${i.value}</q>` : nothing}</td>
          </tr>`)}
        </tbody>
      </table>
      ${r.issues.length > SHOWN_ISSUES ? html`<p>${m.moreIssues(r.issues.length - SHOWN_ISSUES)}</p>` : nothing}`;
  }

  #renderCheck() {
    const m = this.#m;
    const r = this._dry!;
    return html`${this.#counts(r)} ${this.#issues(r)}
      <div part="actions">
        <button type="button" @click=${() => (this._step = 'map')}>${m.back}</button>
        <button type="button" class="primary" ?disabled=${r.created + r.updated === 0} @click=${this.#run}>${m.start(r.created + r.updated)}</button>
      </div>`;
  }

  #renderRun() {
    const m = this.#m;
    const p = this._progress;
    const total = p?.total ?? 0;
    return html`<label
        >${m.progress}
        <progress part="progress" max=${total || 1} .value=${total ? (p?.read ?? 0) : 0}></progress>
      </label>
      <p>${m.rowsDone(p?.rows ?? 0)}</p>
      <div part="actions">
        <button type="button" @click=${() => this.#abort?.abort()}>${m.cancel}</button>
      </div>`;
  }

  #renderDone() {
    const m = this.#m;
    const r = this._report!;
    return html`<dl part="summary">
        <div><dt>${m.created}</dt><dd>${r.created}</dd></div>
        <div><dt>${m.updated}</dt><dd>${r.updated}</dd></div>
        <div><dt>${m.skipped}</dt><dd>${r.skipped}</dd></div>
        <div><dt>${m.failed}</dt><dd>${r.failed}</dd></div>
      </dl>
      ${r.cancelled ? html`<p>${m.cancelled}</p>` : nothing} ${this.#issues(r)}
      <div part="actions">
        ${this.#reportUrl ? html`<a part="download" href=${this.#reportUrl} download="import-errors.csv">${m.download}</a>` : nothing}
        <button type="button" @click=${this.#restart}>${m.again}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'kith-import-finished': CustomEvent<{ report: ImportReport }>;
  }
}
