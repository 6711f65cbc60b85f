import {
  type Activity,
  type Company,
  ConflictError,
  type Contact,
  type Crm,
  type Member,
  type Task,
  contactName,
  daysUntilBirthday,
  dueInfo,
  formatPhone,
  loadPhoneSupport,
  localTimeZone,
  phoneSupportLoaded,
  sumByCurrency,
} from '@kith/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { KithElement } from '../kith-element.js';
import { LiveLoad } from '../live-load.js';
import { heading } from '../heading.js';
import { formField, invalidInputs } from '../form-field.js';
import { dueText, relativeTime } from '../time-text.js';
import { type CardData, type CardRef, loadCard, touches } from './card-data.js';
import { type EditView, type ListInputs, readEditForm, renderEditFields } from './edit-form.js';
import { type Changes, type Clash, clashes, diff, inputFor, toPatch } from './edit-state.js';
import { type FieldGroupConfig, groupFields } from './field-groups.js';
import { type CardMessages, cardMessages } from './messages/index.js';
import { renderValue } from './values.js';
import { styles } from './styles.js';

/** The quick-action forms, and the inline edit. */
type Panel = 'call' | 'note' | 'task' | 'edit';
type Status = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

/** How many times a save is applied on top of another writer's change to other fields before it gives up and shows the conflict. */
const REBASES = 3;

/**
 * A contact's (or a company's) card: who they are, how to reach them, where
 * they came from, what is open with them and what to do next, in one block.
 * Custom fields sit in groups the host orders, hides and collapses. Quick
 * actions log a call, add a note or schedule a task; the inline edit
 * validates with the core's schemas, shows errors in place, and on a
 * version conflict shows both versions instead of overwriting. It warns when
 * the core finds likely duplicates, and stays live.
 *
 * @tag kith-contact-card
 * @summary A contact or company at a glance, with quick actions and inline edit.
 * @event kith-activity-logged - The user logged a call or a note. Detail: `{ activity }`.
 * @event kith-task-scheduled - The user scheduled a task. Detail: `{ task }`.
 * @event kith-record-saved - The user saved an inline edit. Detail: `{ entity, record }`.
 * @csspart base - The card.
 * @csspart header - Avatar, name, subtitle and lifecycle badge.
 * @csspart avatar - The initials.
 * @csspart name - The name heading.
 * @csspart subtitle - Job title and company, or a company's kinds and people.
 * @csspart duplicate - The likely-duplicate warning.
 * @csspart summary - The list of contact details.
 * @csspart tag - One tag.
 * @csspart next-task - The next task (`data-state`: overdue, today, upcoming, none).
 * @csspart deals - The open deals.
 * @csspart fields - The custom field groups.
 * @csspart group - One group (a `<details>`).
 * @csspart actions - The quick action buttons.
 * @csspart panel - The open quick-action or edit form.
 * @csspart field-error - An error shown under its input.
 * @csspart conflict - Both versions of the fields changed elsewhere meanwhile.
 * @csspart status - The polite live region.
 * @csspart error - The alert region.
 * @cssproperty --kith-avatar-size - The avatar's size; 3rem, 2.25rem when compact.
 * @cssproperty --kith-avatar-color - The avatar's background; by default a dark hue derived from the record's id.
 * @cssproperty --kith-card-padding - Padding inside the card.
 */
export class KithContactCard extends KithElement {
  static override styles = styles;

  static override properties = {
    crm: { attribute: false },
    contactId: { attribute: 'contact-id' },
    companyId: { attribute: 'company-id' },
    variant: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    headingLevel: { attribute: 'heading-level', type: Number },
    fieldGroups: { attribute: false },
    hiddenFields: { attribute: false },
    readonly: { type: Boolean },
    _data: { state: true },
    _status: { state: true },
    _panel: { state: true },
    _invalid: { state: true },
    _clash: { state: true },
    _message: { state: true },
    _error: { state: true },
    _open: { state: true },
  };

  /** The CRM; else the surrounding `<kith-crm>`'s. */
  declare crm: Crm | undefined;
  /** The contact to show. */
  declare contactId: string | undefined;
  /** The company to show, when no contact id is set. */
  declare companyId: string | undefined;
  /** `full` (default) or `compact`: name, reach, next task and last interaction only. */
  declare variant: 'full' | 'compact';
  /** The zone that decides "today", overdue and birthdays; defaults to the browser's. */
  declare timeZone: string | undefined;
  /** The level of the name heading (sections are one below); 2 by default. */
  declare headingLevel: number;
  /** Custom field groups: label, field keys in order, collapsed or not. Fields no group lists follow, grouped by their definitions. */
  declare fieldGroups: FieldGroupConfig[];
  /** Custom field keys never shown. */
  declare hiddenFields: string[];
  /** Hides the quick actions and the edit. */
  declare readonly: boolean;

  declare _data: CardData | undefined;
  declare _status: Status;
  declare _panel: Panel | undefined;
  declare _invalid: Record<string, string>;
  declare _clash: Clash[] | undefined;
  declare _message: string;
  declare _error: string;
  /** Groups the user opened or closed, by group id. */
  declare _open: Record<string, boolean>;

  readonly #live = new LiveLoad(this, {
    keys: ['contactId', 'companyId'],
    reload: () => this.#reload(),
    stop: () => this.#stop(),
    watching: () => !!this.#unwatch,
  });
  #unwatch: (() => void) | undefined;
  #abort: AbortController | undefined;
  /** A refresh is running; `#again` asks for one more after it (changes arrived meanwhile). */
  #refreshing: Promise<void> | undefined;
  #again = false;
  /**
   * The inline edit: the record as it started (the form shows it, and changes are measured from it), the
   * members it offers, where each email or phone input went, the changes last saved, and the version stored
   * now when a save met someone else's (what "Save mine" writes over).
   */
  #edit: { base: Contact | Company; members: Member[]; lists: ListInputs; changes?: Changes; latest?: Contact | Company } | undefined;
  /** The button that opened the panel: focus returns there when it closes. */
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    this.crm = undefined;
    this.contactId = undefined;
    this.companyId = undefined;
    this.variant = 'full';
    this.timeZone = undefined;
    this.headingLevel = 2;
    this.fieldGroups = [];
    this.hiddenFields = [];
    this.readonly = false;
    this._data = undefined;
    this._status = 'idle';
    this._panel = undefined;
    this._invalid = {};
    this._clash = undefined;
    this._message = '';
    this._error = '';
    this._open = {};
  }

  /** Resolves once the record is loaded (or known missing) and rendered. */
  whenLoaded(): Promise<void> {
    return this.#live.whenLoaded();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#live.willUpdate(changed);
  }

  get #ref(): CardRef | undefined {
    if (this.contactId) return { contactId: this.contactId };
    if (this.companyId) return { companyId: this.companyId };
    return undefined;
  }

  get #entity(): 'contact' | 'company' {
    return this.contactId ? 'contact' : 'company';
  }

  /** The card's messages in the element's language. */
  get #m(): CardMessages {
    return cardMessages.for(this.localize.lang());
  }

  get #zone(): string {
    return this.timeZone ?? localTimeZone();
  }

  #now(): number {
    return this.#live.current?.clock.now() ?? Date.now();
  }

  #stop() {
    this.#abort?.abort();
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  async #reload(): Promise<void> {
    this.#stop();
    // A refresh of the previous record ends with its aborted signal; changes to this one start their own.
    this.#refreshing = undefined;
    this.#again = false;
    this._data = undefined;
    this._panel = undefined;
    this._clash = undefined;
    this.#edit = undefined;
    this._error = '';
    const crm = this.#live.current;
    const ref = this.#ref;
    if (!crm || !ref) {
      this._status = 'idle';
      return;
    }
    this._status = 'loading';
    const abort = (this.#abort = new AbortController());
    this.#unwatch = crm.watch((set) => {
      if (set.changes.some((c) => touches(this._data, ref, c))) void this.#refresh();
    });
    await this.#read(crm, ref, abort.signal);
  }

  async #read(crm: Crm, ref: CardRef, signal: AbortSignal) {
    try {
      const data = await loadCard(crm, ref, signal);
      if (signal.aborted) return;
      // Clear the alert only when it held this read's own failure: a conflict or a refused action stays up across live refreshes.
      if (this._status === 'error') this._error = '';
      this._data = data;
      this._status = data ? 'ready' : 'not-found';
      const phones = data && 'phones' in data.record ? data.record.phones : [];
      if (phones.length && !phoneSupportLoaded()) void loadPhoneSupport().then(() => this.requestUpdate());
    } catch (error) {
      if (signal.aborted) return;
      this._status = 'error';
      this._error = this.errorText(error);
    }
  }

  /** Reads again after a change elsewhere, keeping what is shown meanwhile; changes during a read cause one more. */
  #refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    const crm = this.#live.current;
    const ref = this.#ref;
    const abort = this.#abort;
    if (!crm || !ref || !abort) return Promise.resolve();
    const run: Promise<void> = (async () => {
      do {
        this.#again = false;
        await this.#read(crm, ref, abort.signal);
      } while (this.#again && !abort.signal.aborted);
    })().finally(() => {
      if (this.#refreshing === run) this.#refreshing = undefined;
    });
    this.#refreshing = run;
    return run;
  }

  // ---- Quick actions and edit --------------------------------------------

  async #openPanel(panel: Panel, e: Event) {
    if (this._panel === panel) return this.#closePanel();
    this.#opener = e.currentTarget as HTMLElement;
    this._invalid = {};
    this._clash = undefined;
    this.#edit = undefined;
    if (panel === 'edit') {
      const crm = this.#live.current;
      if (!crm || !this._data) return;
      try {
        const members = (await crm.members.list({ limit: 500 })).items;
        this.#edit = { base: structuredClone(this._data.record), members, lists: { emails: [], phones: [] } };
      } catch (error) {
        this._error = this.errorText(error);
        return;
      }
    }
    this._panel = panel;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="panel"] :is(input, select, textarea)')?.focus();
  }

  async #closePanel() {
    this._panel = undefined;
    this._invalid = {};
    this._clash = undefined;
    this.#edit = undefined;
    await this.updateComplete;
    this.#opener?.focus();
  }

  #onPanelKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      void this.#closePanel();
    }
  };

  /** Shows a failed write: validation issues under their inputs (the first one focused), anything else in the alert. */
  async #fail(error: unknown, nameOf: (path: (string | number)[]) => string | undefined) {
    this._invalid = invalidInputs(error, nameOf);
    this._error = this.errorText(error);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="panel"] [aria-invalid="true"]')?.focus();
  }

  #quick = async (e: SubmitEvent) => {
    e.preventDefault();
    const crm = this.#live.current;
    const ref = this.#ref;
    if (!crm || !ref) return;
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const str = (n: string) => {
      const v = data.get(n);
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const t = this.#m;
    const names = new Set([...form.elements].map((el) => (el as HTMLInputElement).name).filter(Boolean));
    try {
      if (this._panel === 'task') {
        const task = await crm.tasks.schedule({ ...ref, title: str('title') ?? '', ...(str('due') ? { due: str('due') } : {}) });
        this._message = t.taskScheduled(task.title);
        this.emit('kith-task-scheduled', { detail: { task } });
      } else {
        const activity =
          this._panel === 'call'
            ? await crm.activities.log({ type: 'call', ...ref, direction: str('direction') === 'inbound' ? 'inbound' : 'outbound', ...(str('outcome') ? { outcome: str('outcome') as never } : {}), ...(str('text') ? { text: str('text') } : {}) })
            : await crm.activities.log({ type: 'note', ...ref, text: str('text') ?? '' });
        this._message = this._panel === 'call' ? t.callLogged : t.noteAdded;
        this.emit('kith-activity-logged', { detail: { activity } });
      }
      this._error = '';
      await this.#closePanel();
    } catch (error) {
      await this.#fail(error, (path) => inputFor(path, names));
    }
  };

  #save = async (e: SubmitEvent) => {
    e.preventDefault();
    const edit = this.#edit;
    if (!edit || !this._data) return;
    const view = { entity: this.#entity, base: edit.base, fields: this._data.fields };
    const { values, lists } = readEditForm(e.currentTarget as HTMLFormElement, view);
    edit.lists = lists;
    edit.changes = diff(edit.base as unknown as Record<string, unknown>, values);
    await this.#write(edit.changes, edit.base, false);
  };

  /**
   * Writes the edit's changes on top of `latest` with its version. When
   * someone else wrote meanwhile, reads their version: if they changed other
   * fields only, applies the edit on top of theirs (a field-level merge);
   * if they changed a field this edit changes too, shows both (unless
   * `force`: the user chose to save theirs over).
   */
  async #write(changes: Changes, latest: Contact | Company, force: boolean) {
    const crm = this.#live.current;
    const edit = this.#edit;
    if (!crm || !edit) return;
    const t = this.#m;
    const names = new Set([...this.renderRoot.querySelectorAll<HTMLInputElement>('[part~="panel"] [name]')].map((el) => el.name));
    const nameOf = (path: (string | number)[]) => {
      const [head, index, ...rest] = path;
      if ((head === 'emails' || head === 'phones') && typeof index === 'number') return inputFor([head, edit.lists[head][index] ?? index, ...rest], names);
      return inputFor(path, names);
    };
    let target = latest;
    let merged = false;
    for (let attempt = 0; ; attempt++) {
      if (!changes.size) break;
      try {
        const patch = toPatch(changes, target as unknown as Record<string, unknown>);
        const options = { expectedVersion: target.version };
        const detail =
          this.#entity === 'contact'
            ? { entity: 'contact' as const, record: await crm.contacts.update(target.id, patch, options) }
            : { entity: 'company' as const, record: await crm.companies.update(target.id, patch, options) };
        this.emit('kith-record-saved', { detail });
        break;
      } catch (error) {
        if (!(error instanceof ConflictError)) return this.#fail(error, nameOf);
        const fresh = this.#entity === 'contact' ? await crm.contacts.find(target.id) : await crm.companies.find(target.id);
        if (!fresh) return this.#fail(error, nameOf);
        const clashing = clashes(changes, (force ? target : edit.base) as unknown as Record<string, unknown>, fresh as unknown as Record<string, unknown>);
        if (clashing.length || attempt >= REBASES) {
          // The form keeps what the user typed: only the conflict table shows the stored values.
          edit.latest = fresh;
          this._clash = clashing;
          this._error = t.conflict;
          return;
        }
        target = fresh;
        merged = true;
      }
    }
    this._message = merged ? t.savedOnTop : t.saved;
    this._error = '';
    await this.#closePanel();
  }

  /** From the conflict: write this edit over the version stored now. */
  #saveMine = () => {
    const edit = this.#edit;
    if (edit?.changes && edit.latest) void this.#write(edit.changes, edit.latest, true);
  };

  // ---- Rendering ----------------------------------------------------------

  #initials(): string {
    const r = this._data!.record;
    const words = 'name' in r ? r.name.split(/\s+/) : [r.firstName, r.lastName].filter(Boolean).length ? [r.firstName ?? '', r.lastName ?? ''] : [contactName(r)];
    return words.filter(Boolean).slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('');
  }

  #hue(): number {
    let h = 0;
    for (const ch of this._data!.record.id) h = (h * 31 + ch.charCodeAt(0)) % 360;
    return h;
  }

  #renderNextTask(task: Task | undefined) {
    if (!task) return html`<span part="next-task" data-state="none">${this.#m.noTask}</span>`;
    const due = dueInfo(task, this.#now(), this.#zone);
    const when = dueText(this.localize, due);
    return html`<span part="next-task" data-state=${due.state}>${task.title}${when ? html` · ${when}` : nothing}</span>`;
  }

  #renderLastInteraction(a: Activity | undefined) {
    const t = this.localize.t;
    if (!a) return html`<span class="muted">${this.#m.noInteraction}</span>`;
    const direction = 'direction' in a ? ` · ${t.timeline.directions[a.direction]}` : '';
    return html`<span part="last-interaction">${t.timeline.kinds[a.type]}${direction} · ${relativeTime(this.localize, a.occurredAt, this.#now(), this.#zone)}</span>`;
  }

  #renderReach(c: Contact, all: boolean) {
    const t = this.#m;
    const lang = this.localize.lang();
    const emails = all ? c.emails : c.emails.slice(0, 1);
    const phones = all ? c.phones : c.phones.slice(0, 1);
    return html`${emails.length
      ? html`<dt>${t.email}</dt>
          <dd><ul class="inline">${emails.map((e) => html`<li><a href=${`mailto:${e.value}`}>${e.value}</a>${e.label ? html` <span class="muted">(${e.label})</span>` : nothing}</li>`)}</ul></dd>`
      : nothing}
    ${phones.length
      ? html`<dt>${t.phone}</dt>
          <dd><ul class="inline">${phones.map((p) => html`<li><a href=${`tel:${p.e164 ?? p.value.replace(/[^\d+]/g, '')}`}>${formatPhone(p, lang)}</a>${p.label ? html` <span class="muted">(${p.label})</span>` : nothing}</li>`)}</ul></dd>`
      : nothing}`;
  }

  #renderConsent(c: Contact) {
    const t = this.#m;
    if (!c.consents.length) return html`<span class="muted">${t.noConsent}</span>`;
    const latest = new Map<string, Contact['consents'][number]>();
    for (const e of c.consents) {
      const before = latest.get(e.purpose);
      if (!before || Date.parse(e.at) >= Date.parse(before.at)) latest.set(e.purpose, e);
    }
    return html`<ul class="inline">${[...latest.values()].map((e) => html`<li data-consent=${e.status}>${e.purpose}: ${t.consentState[e.status]} (${this.localize.date(e.at, { dateStyle: 'medium', timeZone: this.#zone })})</li>`)}</ul>`;
  }

  #renderSource(c: Contact) {
    const t = this.#m;
    const s = c.source;
    if (!s || (!s.channel && !s.firstTouch && !s.lastTouch)) return nothing;
    const touch = (label: string, touchAt: NonNullable<typeof s.firstTouch>) => {
      const utm = [touchAt.utmSource, touchAt.utmMedium, touchAt.utmCampaign].filter(Boolean).join(' / ');
      const where = touchAt.referrer ?? touchAt.landingPage;
      return html`<div>${label}: ${utm || where || ''} <span class="muted">(${this.localize.date(touchAt.at, { dateStyle: 'medium', timeZone: this.#zone })})</span></div>`;
    };
    return html`<dt>${t.source}</dt>
      <dd part="source">
        ${s.channel ? html`<div>${t.channels[s.channel]}</div>` : nothing} ${s.firstTouch ? touch(t.firstTouch, s.firstTouch) : nothing}
        ${s.lastTouch && JSON.stringify(s.lastTouch) !== JSON.stringify(s.firstTouch) ? touch(t.lastTouch, s.lastTouch) : nothing}
      </dd>`;
  }

  #renderDeals(d: CardData) {
    const t = this.#m;
    const totals = Object.entries(sumByCurrency(d.dealValues)).map(([currency, amount]) => this.localize.money({ amount, currency }));
    return html`<section part="deals" aria-labelledby="deals-h">
      ${heading(this.headingLevel + 1, d.openDeals ? t.openDeals(d.openDeals) : t.deals, { id: 'deals-h' })}
      ${d.openDeals
        ? html`<ul>
              ${d.deals.map((deal) => html`<li data-id=${deal.id}>${deal.title} · ${this.localize.money(deal.value)} · <span class="muted">${d.stages.get(deal.stageId) ?? deal.stageId}</span></li>`)}
            </ul>
            ${d.openDeals > d.deals.length ? html`<p class="muted">${t.moreDeals(d.openDeals - d.deals.length)}</p>` : nothing}
            <p part="deal-totals">${totals.join(' · ')}</p>`
        : html`<p class="muted">${t.noDeals}</p>`}
    </section>`;
  }

  #renderFields(d: CardData) {
    const t = this.#m;
    const groups = groupFields(d.fields, this.fieldGroups, this.hiddenFields, t.otherFields);
    if (!groups.length) return nothing;
    const custom = d.record.custom;
    return html`<section part="fields" aria-label=${t.details}>
      ${groups.map((g) => {
        const open = this._open[g.id] ?? !g.collapsed;
        return html`<details part="group" data-group=${g.id} ?open=${open} @toggle=${(e: Event) => (this._open = { ...this._open, [g.id]: (e.target as HTMLDetailsElement).open })}>
          <summary>${g.label}</summary>
          <dl>${g.fields.map((f) => html`<dt>${f.label}</dt><dd data-field=${f.key}>${renderValue(f, custom[f.key], this.localize, t)}</dd>`)}</dl>
        </details>`;
      })}
    </section>`;
  }

  #renderDuplicates(d: CardData) {
    if (!d.duplicates.length) return nothing;
    const t = this.#m;
    return html`<div part="duplicate" role="note">
      <p>⚠ ${t.duplicate(d.duplicates.length)}</p>
      <ul>
        ${d.duplicates.map((m) => html`<li data-id=${m.record.id}>${m.entity === 'contact' ? contactName(m.record) : m.record.name} <span class="muted">(${m.reasons.map((r) => t.reasons[r]).join(', ')})</span></li>`)}
      </ul>
    </div>`;
  }

  #renderActions() {
    const t = this.#m;
    const button = (panel: Panel, label: string) =>
      html`<button type="button" data-action=${panel} aria-expanded=${this._panel === panel ? 'true' : 'false'} aria-controls="panel" @click=${(e: Event) => this.#openPanel(panel, e)}>${label}</button>`;
    const actions = this.#entity === 'contact' ? ([['call', t.logCall], ['note', t.addNote], ['task', t.scheduleTask], ['edit', t.edit]] as const) : ([['note', t.addNote], ['task', t.scheduleTask], ['edit', t.edit]] as const);
    return html`<div part="actions" role="group" aria-label=${t.actions}>${actions.map(([p, label]) => button(p, label))}</div>`;
  }

  #input(name: string, label: string, type = 'text', required = false) {
    const id = `q-${name}`;
    return formField(id, label, this._invalid[name], (a) =>
      name === 'text'
        ? html`<textarea id=${id} name=${name} rows="2" ?required=${required} aria-invalid=${a.invalid} aria-describedby=${a.describedby}></textarea>`
        : html`<input id=${id} name=${name} type=${type} ?required=${required} aria-invalid=${a.invalid} aria-describedby=${a.describedby} />`,
    );
  }

  #renderPanel(d: CardData) {
    const t = this.localize.t;
    const panel = this._panel;
    if (!panel) return nothing;
    const buttons = html`<div class="row"><button type="submit">${this.#m.save}</button> <button type="button" @click=${() => this.#closePanel()}>${this.#m.cancel}</button></div>`;
    const titles: Record<Panel, string> = { call: this.#m.logCall, note: this.#m.addNote, task: this.#m.scheduleTask, edit: this.#m.edit };
    if (panel === 'edit' && this.#edit) {
      const view: EditView = { t, m: this.#m, entity: this.#entity, base: this.#edit.base, fields: d.fields, members: this.#edit.members, invalid: this._invalid };
      return html`<form id="panel" part="panel" data-panel="edit" aria-label=${titles.edit} novalidate @submit=${this.#save} @keydown=${this.#onPanelKey}>
        ${this.#renderClash(d)} ${renderEditFields(view)} ${buttons}
      </form>`;
    }
    return html`<form id="panel" part="panel" data-panel=${panel} aria-label=${titles[panel]} novalidate @submit=${this.#quick} @keydown=${this.#onPanelKey}>
      ${panel === 'call'
        ? html`<div class="row">
            <div class="field"><label for="q-direction">${t.timeline.direction}</label><select id="q-direction" name="direction">${(['outbound', 'inbound'] as const).map((v) => html`<option value=${v}>${t.timeline.directions[v]}</option>`)}</select></div>
            <div class="field"><label for="q-outcome">${t.timeline.outcome}</label><select id="q-outcome" name="outcome"><option value=""></option>${Object.entries(t.timeline.outcomes).map(([k, label]) => html`<option value=${k}>${label}</option>`)}</select></div>
          </div>`
        : nothing}
      ${panel === 'task' ? html`<div class="row">${this.#input('title', t.timeline.title, 'text', true)} ${this.#input('due', this.#m.due, 'date')}</div>` : this.#input('text', t.timeline.text, 'text', panel === 'note')}
      ${buttons}
    </form>`;
  }

  #renderClash(d: CardData) {
    const clash = this._clash;
    if (!clash) return nothing;
    const t = this.#m;
    const label = (path: string) => {
      if (path.startsWith('custom.')) return d.fields.find((f) => `custom.${f.key}` === path)?.label ?? path.slice(7);
      const labels: Record<string, string> = {
        firstName: t.firstName,
        lastName: t.lastName,
        jobTitle: t.jobTitle,
        name: t.name,
        domain: t.domain,
        emails: t.email,
        phones: t.phone,
        birthday: t.birthday,
        lifecycle: this.localize.t.lifecycleLabel,
        ownerId: t.owner,
        tags: t.tags,
      };
      return labels[path] ?? path;
    };
    const show = (v: unknown) => (v === undefined ? t.none : Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x && 'value' in x ? (x as { value: string }).value : String(x))).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));
    return html`<div part="conflict" role="group" aria-labelledby="conflict-h">
      <p id="conflict-h"><strong>${t.conflict}</strong></p>
      ${clash.length
        ? html`<table>
            <thead><tr><td></td><th scope="col">${t.theirs}</th><th scope="col">${t.mine}</th></tr></thead>
            <tbody>${clash.map((c) => html`<tr data-path=${c.path}><th scope="row">${label(c.path)}</th><td>${show(c.theirs)}</td><td>${show(c.mine)}</td></tr>`)}</tbody>
          </table>`
        : nothing}
      <div class="row">
        <button type="button" data-choice="theirs" @click=${() => this.#closePanel()}>${t.keepTheirs}</button>
        <button type="button" data-choice="mine" @click=${this.#saveMine}>${t.saveMine}</button>
      </div>
    </div>`;
  }

  #renderContact(d: CardData, c: Contact, compact: boolean) {
    const t = this.#m;
    const birthday = c.birthday ? daysUntilBirthday(c.birthday, this.#now(), this.#zone) : undefined;
    return html`<dl part="summary">
      ${this.#renderReach(c, !compact)}
      ${!compact ? html`<dt>${t.owner}</dt><dd part="owner">${d.owner?.name ?? html`<span class="muted">${t.noOwner}</span>`}</dd>` : nothing}
      ${!compact && c.tags.length ? html`<dt>${t.tags}</dt><dd><ul class="inline">${c.tags.map((tag) => html`<li part="tag">${tag}</li>`)}</ul></dd>` : nothing}
      ${c.birthday && !compact
        ? html`<dt>${t.birthday}</dt><dd part="birthday">${this.localize.date(`${c.birthday}T12:00:00Z`, { month: 'long', day: 'numeric', timeZone: 'UTC' })} · ${t.birthdayIn(birthday!)}</dd>`
        : nothing}
      ${!compact ? html`<dt>${t.consent}</dt><dd part="consent">${this.#renderConsent(c)}</dd>` : nothing} ${!compact ? this.#renderSource(c) : nothing}
      <dt>${t.lastInteraction}</dt><dd>${this.#renderLastInteraction(d.lastInteraction)}</dd>
      <dt>${t.nextTask}</dt><dd>${this.#renderNextTask(d.nextTask)}</dd>
    </dl>`;
  }

  #renderCompany(d: CardData, c: Company, compact: boolean) {
    const t = this.#m;
    return html`<dl part="summary">
      ${c.domain ? html`<dt>${t.website}</dt><dd><a href=${`https://${c.domain}`} target="_blank" rel="noopener noreferrer">${c.domain}</a></dd>` : nothing}
      ${!compact ? html`<dt>${t.owner}</dt><dd part="owner">${d.owner?.name ?? html`<span class="muted">${t.noOwner}</span>`}</dd>` : nothing}
      ${!compact && c.tags.length ? html`<dt>${t.tags}</dt><dd><ul class="inline">${c.tags.map((tag) => html`<li part="tag">${tag}</li>`)}</ul></dd>` : nothing}
      <dt>${t.lastInteraction}</dt><dd>${this.#renderLastInteraction(d.lastInteraction)}</dd>
      <dt>${t.nextTask}</dt><dd>${this.#renderNextTask(d.nextTask)}</dd>
    </dl>`;
  }

  #renderCard(d: CardData): TemplateResult {
    const t = this.#m;
    const r = d.record;
    const compact = this.variant === 'compact';
    const isContact = 'emails' in r;
    const name = isContact ? contactName(r) : r.name;
    const subtitle = isContact
      ? [r.jobTitle, d.company?.name].filter(Boolean).join(' · ')
      : [...r.kinds.map((k) => t.kinds[k]), d.people !== undefined ? t.people(d.people) : ''].filter(Boolean).join(' · ');
    return html`<header part="header">
        <span part="avatar" aria-hidden="true" style=${`--_hue: ${this.#hue()}`}>${this.#initials()}</span>
        <div class="who">${heading(this.headingLevel, name, { id: 'name', part: 'name' })} ${subtitle ? html`<p part="subtitle">${subtitle}</p>` : nothing}</div>
        ${isContact ? html`<kith-lifecycle-badge stage=${r.lifecycle}></kith-lifecycle-badge>` : nothing}
      </header>
      ${this.#renderDuplicates(d)} ${isContact ? this.#renderContact(d, r, compact) : this.#renderCompany(d, r as Company, compact)}
      ${!compact ? html`${this.#renderDeals(d)} ${this.#renderFields(d)}` : nothing}
      ${!compact && !this.readonly ? html`${this.#renderActions()} ${this.#renderPanel(d)}` : nothing}`;
  }

  override render() {
    const t = this.localize.t;
    const d = this._data;
    let body: unknown;
    if (!this.#live.crm) body = html`<p part="empty">${t.noCrm}</p>`;
    else if (!this.#ref) body = html`<p part="empty">${this.#m.empty}</p>`;
    else if (this._status === 'loading') body = html`<p part="loading" role="status">${this.#m.loading}</p>`;
    else if (this._status === 'not-found') body = html`<p part="not-found">${this.#m.notFound}</p>`;
    else if (this._status === 'error' && !d) body = html`<button type="button" part="retry" @click=${() => this.#reload()}>${this.#m.retry}</button>`;
    else if (d) body = this.#renderCard(d);
    return html`<article part="base" data-variant=${this.variant} aria-labelledby=${d ? 'name' : nothing} aria-label=${d ? nothing : this.#m.details} aria-busy=${this._status === 'loading' ? 'true' : 'false'} dir=${this.localize.dir()}>
      ${body}
      <div part="status" role="status" aria-live="polite" class="sr">${this._message}</div>
      <div part="error" role="alert">${this._error}</div>
    </article>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'kith-activity-logged': CustomEvent<{ activity: Activity; next?: Task }>;
    'kith-task-scheduled': CustomEvent<{ task: Task }>;
    'kith-record-saved': CustomEvent<{ entity: 'contact'; record: Contact } | { entity: 'company'; record: Company }>;
  }
}
