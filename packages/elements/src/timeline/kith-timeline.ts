import { type Activity, type ActivityInput, type ActivityType, type Crm, type Task, type TimelineRef, dueInfo, localTimeZone } from '@kith/core';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, nothing, type PropertyValues } from 'lit';
import { LiveLoad } from '../live-load.js';
import { KithElement } from '../kith-element.js';
import { dueText, relativeTime } from '../time-text.js';
import { type FieldAria, formField, invalidInputs } from '../form-field.js';
import { type EntryContext, entryLines } from './entry-text.js';
import { styles } from './styles.js';
import { type Row, type TimelineFilter, belongs, insertAt, passes, refOf, rowsOf } from './timeline-data.js';

const PAGE = 50;
/** Kinds a person logs from the composer. */
const COMPOSED = ['note', 'call', 'email', 'meeting'] as const;
const ICON: Record<ActivityType, string> = {
  note: '✎', call: '☏', email: '✉', meeting: '◎', message: '✆', form: '▤', document: '▧',
  created: '✚', 'fields-changed': '⇄', 'stage-changed': '➜', 'owner-changed': '⇆', 'lifecycle-changed': '↗', 'task-completed': '✔', merged: '⧉',
};

/**
 * A customer's whole story in one feed: every kind of activity, newest
 * first, grouped by day, with relative times (the exact time on hover and
 * focus); filters by kind and direction; threads; field changes before and
 * after; a company's feed rolled up from its people and deals. Above it, the
 * upcoming and overdue tasks (judged in the viewer's time zone); below that,
 * a composer that logs an activity and schedules the next step in one batch.
 * The list is virtualized and read in keyset pages; new entries appear live.
 *
 * @tag kith-timeline
 * @summary The activity timeline of a contact, company or deal.
 * @event kith-activity-logged - The user logged an activity from the composer. Detail: `{ activity, next? }`.
 * @csspart base - The whole timeline.
 * @csspart upcoming - The upcoming and overdue tasks.
 * @csspart task - One upcoming task (`data-state`: overdue, today, upcoming, none).
 * @csspart filters - The kind and direction filters.
 * @csspart feed - The scrolling, virtualized list (a focusable region, so it scrolls by keyboard too).
 * @csspart day - A day heading.
 * @csspart entry - One activity (`data-type` is its kind).
 * @csspart icon - An entry's kind icon.
 * @csspart time - The relative time; the exact time shows on hover and focus.
 * @csspart thread - A thread opened under its entry.
 * @csspart composer - The form that logs an activity.
 * @csspart status - The polite live region.
 * @csspart error - The alert region.
 * @cssproperty --kith-timeline-height - Height of the feed; defaults to 60vh.
 */
export class KithTimeline extends KithElement {
  static override styles = styles;

  static override properties = {
    crm: { attribute: false },
    recordType: { attribute: 'for' },
    refId: { attribute: 'ref-id' },
    timeZone: { attribute: 'time-zone' },
    types: { attribute: false },
    direction: {},
    readonly: { type: Boolean },
    _items: { state: true },
    _done: { state: true },
    _tasks: { state: true },
    _threads: { state: true },
    _composeType: { state: true },
    _invalid: { state: true },
    _message: { state: true },
    _error: { state: true },
  };

  /** The CRM; else the surrounding `<kith-crm>`'s. */
  declare crm: Crm | undefined;
  /** Whose timeline: `contact` (default), `company` (rolled up) or `deal`. Attribute `for`. */
  declare recordType: 'contact' | 'company' | 'deal';
  /** The record's id. */
  declare refId: string | undefined;
  /** The zone that decides days, "today" and "overdue"; defaults to the browser's. */
  declare timeZone: string | undefined;
  /** Only these kinds (all when empty); the toolbar sets it too. */
  declare types: ActivityType[];
  /** Only `inbound` or `outbound` calls, emails and messages. */
  declare direction: 'inbound' | 'outbound' | undefined;
  /** Hides the composer. */
  declare readonly: boolean;

  declare _items: Activity[] | undefined;
  declare _done: boolean;
  declare _tasks: Task[] | undefined;
  /** Open threads by their root: the entry they are shown under, and their activities oldest first. */
  declare _threads: Map<string, { at: string; entries: Activity[] }>;
  declare _composeType: (typeof COMPOSED)[number];
  declare _invalid: Record<string, string>;
  declare _message: string;
  declare _error: string;

  readonly #live = new LiveLoad(this, {
    keys: ['recordType', 'refId', 'types', 'direction'],
    reload: () => this.#reload(),
    stop: () => this.#stop(),
    watching: () => !!this.#unwatch,
  });
  #ref: TimelineRef | undefined;
  #feed: AsyncGenerator<Activity> | undefined;
  #abort: AbortController | undefined;
  #loading: { feed: AsyncGenerator<Activity> | undefined; done: Promise<void> } | undefined;
  #unwatch: (() => void) | undefined;
  /** For a company: the ids of its people and deals, whose activities roll up. */
  #related = new Set<string>();
  #stages = new Map<string, string>();
  #members = new Map<string, string>();

  constructor() {
    super();
    this.crm = undefined;
    this.recordType = 'contact';
    this.refId = undefined;
    this.timeZone = undefined;
    this.types = [];
    this.direction = undefined;
    this.readonly = false;
    this._items = undefined;
    this._done = false;
    this._tasks = undefined;
    this._threads = new Map();
    this._composeType = 'note';
    this._invalid = {};
    this._message = '';
    this._error = '';
  }

  /** Resolves once the first page (and the upcoming tasks) are loaded and rendered. */
  whenLoaded(): Promise<void> {
    return this.#live.whenLoaded();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#live.willUpdate(changed);
  }

  get #current(): Crm | undefined {
    return this.#live.current;
  }

  get #zone(): string {
    return this.timeZone ?? localTimeZone();
  }

  get #filter(): TimelineFilter {
    return { types: this.types, direction: this.direction };
  }

  #stop() {
    this.#abort?.abort();
    this.#unwatch?.();
    this.#unwatch = undefined;
    void this.#feed?.return(undefined);
    this.#feed = undefined;
  }

  async #reload(): Promise<void> {
    this.#stop();
    this._items = undefined;
    this._tasks = undefined;
    this._done = false;
    this._error = '';
    this._threads = new Map();
    const crm = this.#current;
    const ref = (this.#ref = refOf(this.recordType, this.refId));
    if (!crm || !ref) return;
    const abort = (this.#abort = new AbortController());
    try {
      if (!this.#stages.size) {
        for (const p of (await crm.pipelines.list({ limit: 200 })).items) for (const s of p.stages) this.#stages.set(s.id, s.name);
        for (const m of (await crm.members.list({ limit: 500 })).items) this.#members.set(m.id, m.name);
      }
      this.#related = new Set();
      if ('companyId' in ref) {
        for (const collection of ['contacts', 'deals'] as const) {
          for await (const r of crm[collection].each([{ field: 'companyId', op: 'eq', value: ref.companyId }])) this.#related.add(r.id);
        }
      }
      this.#feed = crm.activities.feed(ref, { types: this.types, pageSize: PAGE, signal: abort.signal });
      this._items = [];
      await Promise.all([this.#more(), this.#loadTasks()]);
      if (abort.signal.aborted) return;
      this.#unwatch = crm.watch((set) => {
        let tasks = false;
        for (const c of set.changes) {
          if (c.collection === 'tasks') tasks = true;
          else if (c.collection === 'activities') this.#applyActivity(c.id, c.type === 'put' ? (c.record as Activity) : undefined);
        }
        if (tasks) void this.#loadTasks();
      }, { collections: ['activities', 'tasks'] });
    } catch (error) {
      if (!abort.signal.aborted) this._error = this.errorText(error);
    }
  }

  /** Reads the next page of the feed (entries passing the filter). */
  #more(): Promise<void> {
    const feed = this.#feed;
    // One read at a time per feed; a reload's new feed does not wait on the old one's read.
    if (this.#loading && this.#loading.feed === feed) return this.#loading.done;
    const done = (async () => {
      if (!feed || this._done) return;
      const page: Activity[] = [];
      const filter = this.#filter;
      let ended = false;
      while (page.length < PAGE) {
        const next = await feed.next();
        if (next.done) {
          ended = true;
          break;
        }
        if (passes(next.value, filter)) page.push(next.value);
      }
      // A reload replaced the feed meanwhile: this page and its end belong to the old one.
      if (feed !== this.#feed) return;
      this._done = ended;
      const seen = new Set(this._items?.map((a) => a.id));
      this._items = [...(this._items ?? []), ...page.filter((a) => !seen.has(a.id))];
    })().finally(() => {
      if (this.#loading?.done === done) this.#loading = undefined;
    });
    this.#loading = { feed, done };
    return done;
  }

  async #loadTasks() {
    const crm = this.#current;
    const ref = this.#ref;
    if (!crm || !ref) return;
    const [field, value] = Object.entries(ref)[0]!;
    const { items } = await crm.tasks.list({
      where: [
        { field, op: 'eq', value },
        { field: 'completedAt', op: 'exists', value: false },
      ],
      orderBy: { field: 'due' },
      limit: 50,
    });
    // Dated tasks soonest first, then undated ones (storage sorts missing dues first).
    this._tasks = [...items.filter((t) => t.due), ...items.filter((t) => !t.due)];
  }

  /** A change from anywhere: put the activity in its place, or take it out. */
  #applyActivity(id: string, activity: Activity | undefined) {
    const ref = this.#ref;
    if (!this._items || !ref) return;
    let items = this._items.filter((a) => a.id !== id);
    if (activity && belongs(activity, ref, this.#related) && passes(activity, this.#filter)) {
      const at = insertAt(items, activity);
      // Older than everything loaded while more remain: it comes with a later page.
      if (at < items.length || this._done) items = [...items.slice(0, at), activity, ...items.slice(at)];
    }
    this._items = items;
    const root = activity?.threadId;
    const open = root && this._threads.get(root);
    if (open) void this.#openThread(root, open.at);
  }

  async #openThread(rootId: string, at: string) {
    const crm = this.#current;
    if (!crm) return;
    try {
      const entries = await crm.activities.thread(rootId);
      this._threads = new Map(this._threads).set(rootId, { at, entries });
    } catch (error) {
      this._error = this.errorText(error);
    }
  }

  /** Opens a thread under the entry whose button was pressed, or closes it. */
  #toggleThread(rootId: string, at: string) {
    if (this._threads.get(rootId)?.at === at) {
      const threads = new Map(this._threads);
      threads.delete(rootId);
      this._threads = threads;
    } else void this.#openThread(rootId, at);
  }

  // ---- Composer -----------------------------------------------------------

  #compose = async (e: SubmitEvent) => {
    e.preventDefault();
    const crm = this.#current;
    const ref = this.#ref;
    if (!crm || !ref) return;
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const type = this._composeType;
    const base = { ...ref, ...(text('text') ? { text: text('text') } : {}) };
    const input = (
      type === 'note'
        ? { type, ...base, text: text('text') ?? '' }
        : type === 'call'
          ? { type, ...base, direction: text('direction'), ...(text('outcome') ? { outcome: text('outcome') } : {}) }
          : type === 'email'
            ? { type, ...base, direction: text('direction'), subject: text('subject') ?? '' }
            : { type, ...base, title: text('title') ?? '', ...(text('outcome') ? { outcome: text('outcome') } : {}) }
    ) as ActivityInput;
    const nextTitle = text('nextTitle');
    const t = this.localize.t.timeline;
    try {
      const result = nextTitle
        ? await crm.activities.logWithNext(input, { title: nextTitle, ...(text('nextDue') ? { due: text('nextDue') } : {}) })
        : { activity: await crm.activities.log(input) };
      this._invalid = {};
      this._error = '';
      this._message = result.next ? t.scheduled(result.next.title) : t.saved;
      form.reset();
      this.emit('kith-activity-logged', { detail: result });
    } catch (error) {
      // A next-step issue comes from the task's schema: its `title` and `due` are the composer's nextTitle and nextDue.
      const fromTask = nextTitle && (error as { entity?: string }).entity === 'task';
      const invalid = invalidInputs(error, (path) => {
        const name = String(path[0] ?? 'text');
        return fromTask ? (name === 'due' ? 'nextDue' : 'nextTitle') : name;
      });
      this._invalid = invalid;
      this._error = this.errorText(error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  };

  #field(name: string, label: string, control: (id: string, aria: FieldAria) => unknown) {
    const id = `c-${name}`;
    return formField(id, label, this._invalid[name], (aria) => control(id, aria));
  }

  #input(name: string, label: string, type = 'text', required = false) {
    return this.#field(
      name,
      label,
      (id, a) => html`<input id=${id} name=${name} type=${type} ?required=${required} aria-invalid=${a.invalid} aria-describedby=${a.describedby} />`,
    );
  }

  #renderComposer() {
    const t = this.localize.t.timeline;
    const type = this._composeType;
    const directed = type === 'call' || type === 'email';
    return html`<form part="composer" aria-label=${t.compose} novalidate @submit=${this.#compose}>
      <div class="field">
        <label for="c-type">${t.type}</label>
        <select id="c-type" name="type" @change=${(e: Event) => (this._composeType = (e.target as HTMLSelectElement).value as (typeof COMPOSED)[number])}>
          ${COMPOSED.map((k) => html`<option value=${k} ?selected=${k === type}>${t.kinds[k]}</option>`)}
        </select>
      </div>
      ${directed
        ? this.#field('direction', t.direction, (id) => html`<select id=${id} name="direction">${(['outbound', 'inbound'] as const).map((d) => html`<option value=${d}>${t.directions[d]}</option>`)}</select>`)
        : nothing}
      ${type === 'email' ? this.#input('subject', t.subject, 'text', true) : nothing} ${type === 'meeting' ? this.#input('title', t.title, 'text', true) : nothing}
      ${type === 'call'
        ? this.#field(
            'outcome',
            t.outcome,
            (id) => html`<select id=${id} name="outcome"><option value=""></option>${Object.entries(t.outcomes).map(([k, label]) => html`<option value=${k}>${label}</option>`)}</select>`,
          )
        : type === 'meeting'
          ? this.#input('outcome', t.outcome)
          : nothing}
      ${this.#field(
        'text',
        t.text,
        (id, a) => html`<textarea id=${id} name="text" rows="2" ?required=${type === 'note'} aria-invalid=${a.invalid} aria-describedby=${a.describedby}></textarea>`,
      )}
      <fieldset>
        <legend>${t.nextStep}</legend>
        ${this.#input('nextTitle', t.title)} ${this.#input('nextDue', t.nextDue, 'date')}
      </fieldset>
      <button type="submit">${t.save}</button>
    </form>`;
  }

  // ---- Rendering ----------------------------------------------------------


  get #entryContext(): EntryContext {
    return {
      t: this.localize.t,
      money: (v) => this.localize.money(v),
      stageName: (id) => (id ? (this.#stages.get(id) ?? id) : this.localize.t.timeline.emptyValue),
      memberName: (id) => (id ? (this.#members.get(id) ?? id) : this.localize.t.timeline.emptyValue),
    };
  }

  #now(): number {
    return this.#current?.clock.now() ?? Date.now();
  }

  #renderTime(iso: string) {
    return relativeTime(this.localize, iso, this.#now(), this.#zone);
  }

  #renderTasks() {
    const t = this.localize.t;
    const tasks = this._tasks;
    if (!tasks) return nothing;
    const now = this.#now();
    return html`<section part="upcoming" aria-labelledby="upcoming-h">
      <h3 id="upcoming-h">${t.timeline.upcoming}</h3>
      ${tasks.length
        ? html`<ul>
            ${tasks.map((task) => {
              const due = dueInfo(task, now, this.#zone);
              const when = dueText(this.localize, due);
              return html`<li part="task" data-state=${due.state}><span>${task.title}</span> <span part="task-due">${when}</span></li>`;
            })}
          </ul>`
        : html`<p part="empty">${t.timeline.nothingPlanned}</p>`}
    </section>`;
  }

  #renderFilters() {
    const t = this.localize.t.timeline;
    return html`<div part="filters">
      <label
        >${t.kind}
        <select @change=${(e: Event) => ((this.types = (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value as ActivityType] : []))}>
          <option value="">${t.allKinds}</option>
          ${(Object.keys(t.kinds) as ActivityType[]).map((k) => html`<option value=${k} ?selected=${this.types.length === 1 && this.types[0] === k}>${t.kinds[k]}</option>`)}
        </select></label
      >
      <label
        >${t.direction}
        <select @change=${(e: Event) => (this.direction = ((e.target as HTMLSelectElement).value || undefined) as typeof this.direction)}>
          <option value="">${t.anyDirection}</option>
          ${(['inbound', 'outbound'] as const).map((d) => html`<option value=${d} ?selected=${this.direction === d}>${t.directions[d]}</option>`)}
        </select></label
      >
    </div>`;
  }

  #renderEntry(a: Activity, roots: ReadonlySet<string>) {
    const t = this.localize.t.timeline;
    const { headline, lines } = entryLines(a, this.#entryContext);
    const root = a.threadId ?? (roots.has(a.id) ? a.id : undefined);
    const open = root ? this._threads.get(root) : undefined;
    const thread = open?.at === a.id ? open.entries : undefined;
    const direction = 'direction' in a ? t.directions[a.direction] : '';
    return html`<article part="entry" data-type=${a.type} data-id=${a.id}>
      <span part="icon" aria-hidden="true">${ICON[a.type]}</span>
      <div class="body">
        <div class="head"><strong>${t.kinds[a.type]}</strong>${direction ? html` · ${direction}` : nothing} ${headline ? html`· <span part="headline">${headline}</span>` : nothing} ${this.#renderTime(a.occurredAt)}</div>
        ${lines.map((l) => html`<p part="line">${l}</p>`)}
        ${root
          ? html`<button type="button" part="thread-toggle" aria-expanded=${thread ? 'true' : 'false'} @click=${() => this.#toggleThread(root, a.id)}>
              ${thread ? t.hideThread : t.thread(this._items?.filter((x) => x.threadId === root || x.id === root).length ?? 1)}
            </button>`
          : nothing}
        ${thread
          ? html`<ol part="thread">
              ${thread.map((x) => {
                const e = entryLines(x, this.#entryContext);
                return html`<li data-id=${x.id}><strong>${t.kinds[x.type]}</strong> ${e.headline} ${this.#renderTime(x.occurredAt)} ${e.lines.map((l) => html`<p part="line">${l}</p>`)}</li>`;
              })}
            </ol>`
          : nothing}
      </div>
    </article>`;
  }

  #renderRow = (row: Row, roots: ReadonlySet<string>) =>
    row.kind === 'day'
      ? html`<h4 part="day">${this.localize.date(`${row.day}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' })}</h4>`
      : this.#renderEntry(row.activity, roots);

  #onRange = (e: Event) => {
    const last = (e as Event & { last: number }).last;
    const rows = this.#rows?.length ?? 0;
    if (!this._done && last >= rows - 10) void this.#more();
  };

  #rows: Row[] | undefined;

  override render() {
    const t = this.localize.t.timeline;
    const crm = this.#live.crm;
    const items = this._items;
    const rows = (this.#rows = items ? rowsOf(items, this.#zone) : undefined);
    const roots = new Set(items?.map((a) => a.threadId).filter((id): id is string => !!id));
    return html`<div part="base" dir=${this.localize.dir()}>
      ${!crm ? html`<p part="empty">${this.localize.t.noCrm}</p>` : nothing} ${this.#renderTasks()} ${crm && this.#ref && !this.readonly ? this.#renderComposer() : nothing}
      ${crm ? this.#renderFilters() : nothing}
      ${crm && !items && !this._error ? html`<p part="loading" role="status">${t.loading}</p>` : nothing}
      ${items && !items.length && this._done ? html`<p part="empty">${t.empty}</p>` : nothing}
      <div part="feed" role="region" tabindex="0" aria-label=${t.label} aria-busy=${this._done ? 'false' : 'true'} @rangeChanged=${this.#onRange} ?hidden=${!rows?.length}>
        ${rows?.length
          ? virtualize({
              items: rows,
              // Put back into the page, the virtualizer may ask once for a row of its previous, longer list: nothing there.
              renderItem: (row) => (row ? this.#renderRow(row, roots) : html``),
              keyFunction: (row, i) => (!row ? `gone${i}` : row.kind === 'day' ? `d${row.day}` : row.activity.id),
              scroller: true,
            })
          : nothing}
      </div>
      <div part="status" role="status" aria-live="polite" class="sr">${this._message}</div>
      <div part="error" role="alert">${this._error}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'kith-activity-logged': CustomEvent<{ activity: Activity; next?: Task }>;
  }
}
