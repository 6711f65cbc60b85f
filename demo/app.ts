/**
 * The demo app: a small CRM made of Kith's elements. A hash router picks the
 * screen; every element gets the CRM from the surrounding `<kith-crm>`, so
 * the same screens run over IndexedDB or over the reference server.
 */
import { type Crm, type Member, addDays, dateInZone, isKithError, localTimeZone } from '@kith/core';
import { html, nothing, render } from 'lit';
import { type SeedProgress, seedDemo } from './seed.ts';
import { ContactsView } from './views/contacts.ts';

export type Route =
  | { name: 'contacts' }
  | { name: 'contact'; id: string }
  | { name: 'board' }
  | { name: 'tasks' }
  | { name: 'kpis' }
  | { name: 'import' };

const TITLES: Record<Route['name'], string> = { contacts: 'Contacts', contact: 'Contact', board: 'Pipeline', tasks: 'Tasks', kpis: 'Reports', import: 'Import' };
const NAV: Route['name'][] = ['contacts', 'board', 'tasks', 'kpis', 'import'];

/** Reads a route from a location hash (`#/contacts/abc`); anything unknown is the contacts list. */
export function routeOf(hash: string): Route {
  const [name, id] = hash.replace(/^#\/?/, '').split('/');
  if (name === 'contacts' && id) return { name: 'contact', id: decodeURIComponent(id) };
  if (name === 'board' || name === 'tasks' || name === 'kpis' || name === 'import') return { name };
  return { name: 'contacts' };
}

export interface DemoAppOptions {
  /** Where the sample customers CSV is served (default `samples/customers.csv` beside the page). */
  sampleCsvUrl?: string;
  /** Words for the storage in use, shown in the header ("this browser (IndexedDB)"). */
  storageLabel: string;
}

export class DemoApp {
  route: Route;
  /** Empty storage: the welcome screen offers the sample data. */
  empty = false;
  seeding: SeedProgress | undefined;
  error = '';
  members: Member[] = [];
  assigneeId = '';
  kpiDays = 90;
  readonly contacts: ContactsView;
  #unwatch: (() => void) | undefined;
  #redrawQueued = false;
  #focusHeading = false;
  #contactsStale = true;

  constructor(
    readonly root: HTMLElement,
    readonly crm: Crm,
    readonly options: DemoAppOptions,
    private readonly location: { hash: string } = window.location,
  ) {
    this.route = routeOf(location.hash);
    this.contacts = new ContactsView(crm, () => this.redraw());
  }

  /** Reads what the screens need first, draws, and follows the hash and the data. */
  async start(): Promise<void> {
    try {
      this.empty = (await this.crm.contacts.count()) === 0;
      if (!this.empty) await this.#loadShared();
    } catch (error) {
      this.error = `The storage did not answer: ${isKithError(error) ? error.message : String(error)}`;
    }
    window.addEventListener('hashchange', this.#onHash);
    // The elements follow changes themselves; the list and the member picker are plain views, so they re-read.
    this.#unwatch = this.crm.watch(() => {
      this.#contactsStale = true;
      if (this.route.name === 'contacts' && !this.seeding) void this.contacts.load();
    });
    this.draw();
    if (!this.empty && this.route.name === 'contacts') await this.#showContacts();
  }

  stop(): void {
    window.removeEventListener('hashchange', this.#onHash);
    this.#unwatch?.();
    render(nothing, this.root);
  }

  async #loadShared(): Promise<void> {
    this.members = await this.crm.members.active();
    this.assigneeId ||= this.members[0]?.id ?? '';
  }

  async #showContacts(): Promise<void> {
    if (!this.#contactsStale) return;
    this.#contactsStale = false;
    await this.contacts.load();
  }

  #onHash = () => {
    this.route = routeOf(this.location.hash);
    this.#focusHeading = true;
    this.draw();
    if (this.route.name === 'contacts' && !this.empty) void this.#showContacts();
  };

  /** Loads the sample history, showing its progress; then every screen has content. */
  async loadSamples(): Promise<void> {
    this.seeding = { step: 'Fetching the sample spreadsheet', fraction: 0 };
    this.error = '';
    this.draw();
    try {
      const response = await fetch(this.options.sampleCsvUrl ?? new URL('samples/customers.csv', document.baseURI).href);
      if (!response.ok) throw new Error(`The sample spreadsheet could not be fetched (HTTP ${response.status})`);
      const csv = await response.text();
      await seedDemo(this.crm.storage, { csv, onProgress: (p) => ((this.seeding = p), this.redraw()) });
      this.empty = false;
      await this.#loadShared();
      this.#contactsStale = true;
      this.#focusHeading = true;
    } catch (error) {
      this.error = `Loading the sample data stopped: ${isKithError(error) ? error.message : String(error)}`;
    } finally {
      this.seeding = undefined;
      this.draw();
      if (!this.empty && this.route.name === 'contacts') await this.#showContacts();
    }
  }

  startEmpty(): void {
    this.empty = false;
    this.#focusHeading = true;
    this.draw();
    void this.#loadShared().then(() => this.draw());
    if (this.route.name === 'contacts') void this.#showContacts();
  }

  /** Draws at most once a frame: progress and list loads ask often. */
  redraw(): void {
    if (this.#redrawQueued) return;
    this.#redrawQueued = true;
    requestAnimationFrame(() => {
      this.#redrawQueued = false;
      this.draw();
    });
  }

  draw(): void {
    render(this.#template(), this.root);
    document.title = `${this.empty ? 'Welcome' : TITLES[this.route.name]} · Kith demo`;
    if (this.#focusHeading) {
      this.#focusHeading = false;
      // Moving focus to the new screen's heading tells screen-reader users the screen changed.
      this.root.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus();
    }
  }

  #template() {
    const current = this.route.name === 'contact' ? 'contacts' : this.route.name;
    return html`
      <nav aria-label="Screens">
        <ul>
          ${NAV.map((name) => html`<li><a href="#/${name}" aria-current=${name === current ? 'page' : 'false'}>${TITLES[name]}</a></li>`)}
        </ul>
      </nav>
      ${this.error ? html`<p role="alert" class="error">${this.error}</p>` : nothing}
      <main>${this.empty || this.seeding ? this.#welcome() : this.#screen()}</main>
    `;
  }

  #welcome() {
    const s = this.seeding;
    return html`<section class="welcome" aria-labelledby="welcome-h">
      <h2 id="welcome-h" tabindex="-1">Welcome to Kith</h2>
      <p>This CRM keeps its data in ${this.options.storageLabel}, and it is empty. Load six months of a small team's work — 2,000 customers imported from a spreadsheet, leads from ad campaigns with their deals, calls and tasks — or start with nothing.</p>
      ${s
        ? html`<p><label for="seed-progress">${s.step}</label></p>
            <progress id="seed-progress" max="100" value=${Math.round(s.fraction * 100)}></progress>
            <p role="status" class="muted">${Math.round(s.fraction * 100)}% loaded</p>`
        : html`<p class="actions">
            <button type="button" class="primary" @click=${() => void this.loadSamples()}>Load sample data</button>
            <button type="button" @click=${() => this.startEmpty()}>Start empty</button>
          </p>`}
    </section>`;
  }

  #heading(text: string) {
    return html`<h2 tabindex="-1">${text}</h2>`;
  }

  #screen() {
    const r = this.route;
    switch (r.name) {
      case 'contacts':
        return html`<section>${this.#heading('Contacts')} ${this.contacts.render()}</section>`;
      case 'contact':
        return html`<section class="contact-page">
          <p><a href="#/contacts">← All contacts</a></p>
          <h2 tabindex="-1" class="visually-hidden">Contact</h2>
          <div class="split">
            <div class="stack">
              <kith-contact-card contact-id=${r.id} heading-level="3"></kith-contact-card>
              <kith-task-list contact-id=${r.id} heading-level="3"></kith-task-list>
            </div>
            <kith-timeline for="contact" ref-id=${r.id}></kith-timeline>
          </div>
        </section>`;
      case 'board':
        return html`<section>${this.#heading('Pipeline')}
          <p class="muted">Drag a card to another stage, or focus it and use the arrow keys, Space to pick up and drop.</p>
          <kith-pipeline-board pipeline-id="default" class="board"></kith-pipeline-board>
        </section>`;
      case 'tasks':
        return html`<section>${this.#heading('Tasks')}
          <p class="toolbar"><label>Whose tasks
            <select @change=${(e: Event) => ((this.assigneeId = (e.target as HTMLSelectElement).value), this.draw())}>
              ${this.members.map((m) => html`<option value=${m.id} ?selected=${m.id === this.assigneeId}>${m.name}</option>`)}
            </select></label></p>
          ${this.assigneeId ? html`<kith-task-list assignee-id=${this.assigneeId} heading-level="3"></kith-task-list>` : html`<p>No team members yet.</p>`}
        </section>`;
      case 'kpis': {
        // The range ends today on the viewer's calendar, as the board judges it.
        const today = dateInZone(this.crm.clock.now(), localTimeZone());
        return html`<section>${this.#heading('Reports')}
          <p class="toolbar"><label>Period
            <select @change=${(e: Event) => ((this.kpiDays = Number((e.target as HTMLSelectElement).value)), this.draw())}>
              ${[30, 90, 180].map((d) => html`<option value=${d} ?selected=${d === this.kpiDays}>Last ${d} days</option>`)}
            </select></label></p>
          <kith-kpi-board from=${addDays(today, 1 - this.kpiDays)} to=${today} heading-level="3"></kith-kpi-board>
        </section>`;
      }
      case 'import':
        return html`<section>${this.#heading('Import')}
          <p class="muted">A CSV or JSON file of contacts, companies or deals: columns are matched from their headers, every row is checked before anything is written.</p>
          <kith-import entity="contact" heading-level="3"></kith-import>
        </section>`;
    }
  }
}
