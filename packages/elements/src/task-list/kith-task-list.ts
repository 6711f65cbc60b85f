import { type Crm, type Task, type TaskInput, TASK_KINDS, contactName, dateInZone, isDateOnly, localTimeZone } from '@kith/core';
import { html, nothing, type PropertyValues } from 'lit';
import { KithElement } from '../kith-element.js';
import { LiveLoad } from '../live-load.js';
import { heading } from '../heading.js';
import { Coalesced } from '../coalesced.js';
import { formField, invalidInputs } from '../form-field.js';
import { dueText } from '../time-text.js';
import { type TaskListMessages, taskListMessages } from './messages/index.js';
import { type ListedTask, type TaskGroup, TASK_GROUPS, groupTasks } from './task-groups.js';
import { styles } from './styles.js';

type Status = 'idle' | 'loading' | 'ready' | 'error';

/**
 * A member's open tasks (or, with `contact-id`, one customer's): overdue
 * (worded "overdue by 2 days" in the page's language), today, upcoming and
 * undated, judged on the viewer's calendar.
 * Completing a task can schedule the next step in the same action, so a
 * customer is never left without one. Live: a task written anywhere shows.
 *
 * @tag kith-task-list
 * @summary My tasks, with complete and schedule-next.
 * @event kith-task-completed - The user completed a task. Detail: `{ task, next? }`.
 * @csspart base - The list's frame.
 * @csspart heading - The list's heading.
 * @csspart group - One section (overdue, today, upcoming, no date).
 * @csspart group-heading - A section's heading with its count.
 * @csspart task - One task.
 * @csspart due - A task's due wording.
 * @csspart complete - A task's "Complete" button.
 * @csspart complete-form - The form that completes a task and schedules the next one.
 * @csspart field-error - An input's error under it.
 * @csspart error - The alert of a failed read or write.
 * @csspart status - The polite live region.
 * @cssproperty --kith-task-overdue-color - The colour of overdue wording and edge; defaults to the danger token.
 * @cssproperty --kith-task-list-padding - Space inside the frame.
 */
export class KithTaskList extends KithElement {
  static override styles = styles;

  static override properties = {
    crm: { attribute: false },
    assigneeId: { attribute: 'assignee-id' },
    contactId: { attribute: 'contact-id' },
    timeZone: { attribute: 'time-zone' },
    headingLevel: { attribute: 'heading-level', type: Number },
    limit: { type: Number },
    _tasks: { state: true },
    _names: { state: true },
    _status: { state: true },
    _open: { state: true },
    _invalid: { state: true },
    _message: { state: true },
    _error: { state: true },
  };

  /** The CRM; else the surrounding `<kith-crm>`'s. */
  declare crm: Crm | undefined;
  /** Whose tasks: a member id. Default: the CRM's acting member; with neither, every open task. */
  declare assigneeId: string | undefined;
  /** Whose tasks about: a contact id. The contact's open tasks, whoever they are assigned to; takes the place of `assignee-id`. */
  declare contactId: string | undefined;
  /** The viewer's time zone for "today" and "overdue" (default: the browser's). */
  declare timeZone: string | undefined;
  /** The level of the list's heading (sections are one below). Default 2. */
  declare headingLevel: number;
  /** How many open tasks to read at most. Default 200. */
  declare limit: number;
  declare _tasks: Task[];
  declare _names: Record<string, string>;
  declare _status: Status;
  /** The task whose complete form is open. */
  declare _open: string | undefined;
  declare _invalid: Record<string, string>;
  declare _message: string;
  declare _error: string;

  readonly #live = new LiveLoad(this, {
    keys: ['assigneeId', 'contactId', 'limit'],
    reload: () => this.#reload(),
    stop: () => this.#stop(),
    watching: () => !!this.#unwatch,
  });
  #unwatch: (() => void) | undefined;
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    this.crm = undefined;
    this.assigneeId = undefined;
    this.contactId = undefined;
    this.timeZone = undefined;
    this.headingLevel = 2;
    this.limit = 200;
    this._tasks = [];
    this._names = {};
    this._status = 'idle';
    this._open = undefined;
    this._invalid = {};
    this._message = '';
    this._error = '';
  }

  /** Resolves once the tasks are loaded and rendered. */
  whenLoaded(): Promise<void> {
    return this.#live.whenLoaded();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#live.willUpdate(changed);
  }

  get #m(): TaskListMessages {
    return taskListMessages.for(this.localize.lang());
  }

  get #zone(): string {
    return this.timeZone ?? localTimeZone();
  }

  #now(): number {
    return this.#live.current?.clock.now() ?? Date.now();
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
    this.#unwatch = crm.watch(() => void this.#read(), { collections: ['tasks', 'contacts'] });
    await this.#read();
  }

  /** Reads the open tasks and the names of their contacts; writes during a read cause one more. */
  readonly #reads = new Coalesced(async () => {
    const crm = this.#live.current;
    if (!crm) return;
    try {
      const assignee = this.assigneeId ?? crm.memberId;
      const open = { field: 'completedAt', op: 'exists', value: false } as const;
      const tasks = this.contactId
        ? (await crm.tasks.list({ where: [{ field: 'contactId', op: 'eq', value: this.contactId }, open], orderBy: { field: 'due' }, limit: this.limit })).items
        : assignee
          ? await crm.tasks.openFor(assignee, this.limit)
          : (await crm.tasks.list({ where: [open], orderBy: { field: 'due' }, limit: this.limit })).items;
      const names: Record<string, string> = {};
      for (const id of new Set(tasks.map((t) => t.contactId).filter((x): x is string => !!x))) {
        const c = await crm.contacts.find(id);
        if (c) names[id] = contactName(c);
      }
      if (crm !== this.#live.current) return;
      this._tasks = tasks;
      this._names = names;
      if (this._status === 'error' || this._status === 'loading') this._error = '';
      this._status = 'ready';
    } catch (error) {
      this._status = 'error';
      this._error = this.errorText(error);
    }
  });

  #read(): Promise<void> {
    return this.#reads.run();
  }

  #openForm(taskId: string, event: Event) {
    this.#opener = event.currentTarget as HTMLElement;
    this._open = taskId;
    this._invalid = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#outcome-${CSS.escape(taskId)}`)?.focus());
  }

  #closeForm() {
    this._open = undefined;
    this._invalid = {};
    const opener = this.#opener;
    void this.updateComplete.then(() => opener?.isConnected && opener.focus());
  }

  async #complete(task: Task, event: SubmitEvent) {
    event.preventDefault();
    const crm = this.#live.current;
    if (!crm) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const outcome = text('outcome');
    const nextTitle = text('next-title');
    const next: TaskInput | undefined = nextTitle
      ? { title: nextTitle, kind: (text('next-kind') || 'todo') as TaskInput['kind'], ...(text('next-due') ? { due: text('next-due') } : {}) }
      : undefined;
    try {
      const result = await crm.tasks.complete(task.id, { expectedVersion: task.version, ...(outcome ? { outcome } : {}), ...(next ? { next } : {}) });
      this._message = result.next ? this.#m.doneNext(task.title, result.next.title) : this.#m.done(task.title);
      this._open = undefined;
      this._invalid = {};
      this._error = '';
      this.emit('kith-task-completed', { detail: result.next ? { task: result.task, next: result.next } : { task: result.task } });
      // Focus goes to the heading: the task and its button are gone.
      await this.#read();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
    } catch (error) {
      this._invalid = invalidInputs(error, (path) => (path[0] === 'title' ? 'next-title' : path[0] === 'due' ? 'next-due' : path[0] === 'kind' ? 'next-kind' : undefined));
      if (Object.keys(this._invalid).length) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      } else {
        this._error = this.errorText(error);
      }
    }
  }

  override render() {
    const m = this.#m;
    const body =
      this._status === 'idle'
        ? html`<p>${m.noCrm}</p>`
        : this._status === 'loading'
          ? html`<p role="status">${m.loading}</p>`
          : this._status === 'error'
            ? html`<div role="alert" part="error">${this._error} <button @click=${() => void this.#reload()}>${m.retry}</button></div>`
            : this.#renderGroups();
    return html`<section part="base" aria-labelledby="heading" dir=${this.localize.dir()}>
      ${heading(this.headingLevel, this.contactId ? m.contactTitle : m.title, { id: 'heading', part: 'heading', focusable: true })} ${body}
      ${this._status === 'ready' && this._error ? html`<div role="alert" part="error">${this._error}</div>` : nothing}
      <div role="status" part="status" class="sr">${this._message}</div>
    </section>`;
  }

  #renderGroups() {
    const groups = groupTasks(this._tasks, this.#now(), this.#zone);
    if (TASK_GROUPS.every((g) => !groups.get(g)!.length)) return html`<p>${this.#m.empty}</p>`;
    return TASK_GROUPS.map((g) => {
      const list = groups.get(g)!;
      if (!list.length) return nothing;
      return html`<section part="group" data-group=${g} aria-labelledby=${`group-${g}`}>
        ${heading(this.headingLevel + 1, html`${this.#m.groups[g]} <small>${this.#m.count(list.length)}</small>`, { id: `group-${g}`, part: 'group-heading' })}
        <ul>
          ${list.map((item) => this.#renderTask(item, g))}
        </ul>
      </section>`;
    });
  }

  #renderTask({ task, due }: ListedTask, group: TaskGroup) {
    const m = this.#m;
    const open = this._open === task.id;
    const formId = `complete-${task.id}`;
    const dueWords = dueText(this.localize, due);
    const dueDate = task.due ? (isDateOnly(task.due) ? task.due : dateInZone(task.due, this.#zone)) : undefined;
    return html`<li part="task" data-group=${group} data-task=${task.id}>
      <button part="complete" aria-expanded=${open ? 'true' : 'false'} aria-controls=${formId} aria-label=${m.completeTask(task.title)} @click=${(e: Event) => (open ? this.#closeForm() : this.#openForm(task.id, e))}>
        ${m.complete}
      </button>
      <div>
        <div>${m.kinds[task.kind]}: <strong>${task.title}</strong></div>
        <div class="meta">
          ${dueWords
            ? html`<span part="due" data-state=${due.state}>${dueWords}${dueDate ? html` (<time datetime=${dueDate}>${this.localize.date(`${dueDate}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</time>)` : nothing}</span>`
            : nothing}
          ${task.contactId && task.contactId !== this.contactId && this._names[task.contactId] ? html`<span>${m.about}: ${this._names[task.contactId]}</span>` : nothing}
        </div>
      </div>
      ${open ? this.#renderForm(task, formId) : nothing}
    </li>`;
  }

  #renderForm(task: Task, formId: string) {
    const m = this.#m;
    const id = (name: string) => `${name}-${task.id}`;
    return html`<form id=${formId} part="complete-form" @submit=${(e: SubmitEvent) => void this.#complete(task, e)} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#closeForm()}>
      ${formField(id('outcome'), m.outcome, undefined, () => html`<input id=${id('outcome')} name="outcome" autocomplete="off" />`)}
      <div class="row">
        ${formField(id('next-title'), m.nextTitle, this._invalid['next-title'], (a) => html`<input id=${id('next-title')} name="next-title" autocomplete="off" aria-invalid=${a.invalid} aria-describedby=${a.describedby === nothing ? `${id('next-hint')}` : `${a.describedby} ${id('next-hint')}`} />`)}
        ${formField(id('next-due'), m.nextDue, this._invalid['next-due'], (a) => html`<input id=${id('next-due')} name="next-due" type="date" aria-invalid=${a.invalid} aria-describedby=${a.describedby} />`)}
        ${formField(id('next-kind'), m.nextKind, this._invalid['next-kind'], (a) => html`<select id=${id('next-kind')} name="next-kind" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          ${TASK_KINDS.map((k) => html`<option value=${k} ?selected=${k === task.kind}>${m.kinds[k]}</option>`)}
        </select>`)}
      </div>
      <span class="hint" id=${id('next-hint')}>${m.nextHint}</span>
      <div class="row">
        <button type="submit">${m.save}</button>
        <button type="button" @click=${() => this.#closeForm()}>${m.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'kith-task-completed': CustomEvent<{ task: Task; next?: Task }>;
  }
}
