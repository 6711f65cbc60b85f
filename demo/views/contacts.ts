/**
 * The contacts list: search, a saved-segment picker and keyset pages. Search
 * and segment become one segment definition, so the adapter narrows by index
 * where it can (and the REST server does the work in server mode).
 */
import { type Contact, type Crm, type Segment, type SegmentDefinition, type SegmentNode, contactName, isKithError } from '@kith/core';
import { html, nothing } from 'lit';

const PAGE = 50;

/** The search box's words as a condition: a name part, an email, or phone digits. */
export function searchCondition(text: string): SegmentNode | undefined {
  const q = text.trim();
  if (!q) return undefined;
  if (q.includes('@')) return { field: 'emailKeys', op: 'has', value: q.toLowerCase() };
  const words = q.split(/\s+/);
  return { and: words.map((w) => ({ or: [{ field: 'firstName', op: 'contains', value: w }, { field: 'lastName', op: 'contains', value: w }, { field: 'jobTitle', op: 'contains', value: w }] })) } as SegmentNode;
}

/** A phone typed into the search box: the contacts with that number, in any format. */
const looksLikePhone = (q: string) => /^[+()\d\s.-]{6,}$/.test(q.trim()) && (q.match(/\d/g)?.length ?? 0) >= 6;

export class ContactsView {
  segments: Segment[] = [];
  segmentId = '';
  query = '';
  items: Contact[] = [];
  next: string | undefined;
  loading = false;
  error = '';
  #ticket = 0;

  constructor(
    private readonly crm: Crm,
    private readonly redraw: () => void,
  ) {}

  /** The definition the list shows, or undefined for "every contact". */
  definition(): SegmentDefinition | undefined {
    const parts: SegmentNode[] = [];
    const saved = this.segments.find((s) => s.id === this.segmentId);
    if (saved) parts.push(saved.where);
    const search = searchCondition(this.query);
    if (search) parts.push(search);
    if (!parts.length) return undefined;
    return { entity: 'contact', where: parts.length === 1 ? parts[0]! : { and: parts } };
  }

  /** Reads the first page again (after a search, a segment choice or a change elsewhere). */
  async load(more = false): Promise<void> {
    const ticket = ++this.#ticket;
    this.loading = true;
    this.error = '';
    this.redraw();
    try {
      if (!more) this.segments = (await this.crm.segments.all()).filter((s) => s.entity === 'contact').sort((a, b) => a.name.localeCompare(b.name));
      let page: { items: Contact[]; nextCursor?: string };
      if (looksLikePhone(this.query)) page = { items: await this.crm.contacts.findByPhone(this.query.trim()) };
      else {
        const def = this.definition();
        const options = { orderBy: { field: 'updatedAt', direction: 'desc' as const }, limit: PAGE, ...(more && this.next ? { after: this.next } : {}) };
        page = def ? ((await this.crm.segments.list(def, options)) as { items: Contact[]; nextCursor?: string }) : await this.crm.contacts.list(options);
      }
      if (ticket !== this.#ticket) return; // a newer search answered first
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.next = page.nextCursor;
    } catch (error) {
      if (ticket === this.#ticket) this.error = isKithError(error) ? error.message : String(error);
    } finally {
      if (ticket === this.#ticket) this.loading = false;
      this.redraw();
    }
  }

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #onSearch = (e: Event) => {
    this.query = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.load(), 200);
  };
  #onSegment = (e: Event) => {
    this.segmentId = (e.target as HTMLSelectElement).value;
    void this.load();
  };

  render() {
    const count = this.items.length;
    return html`
      <form role="search" class="toolbar" @submit=${(e: Event) => e.preventDefault()}>
        <label>Search <input type="search" name="q" .value=${this.query} @input=${this.#onSearch} placeholder="Name, email or phone" autocomplete="off" /></label>
        <label>Segment
          <select name="segment" @change=${this.#onSegment}>
            <option value="" ?selected=${!this.segmentId}>All contacts</option>
            ${this.segments.map((s) => html`<option value=${s.id} ?selected=${s.id === this.segmentId}>${s.name}</option>`)}
          </select>
        </label>
      </form>
      <p role="status" class="muted">${this.loading ? 'Loading…' : this.error ? nothing : `${count}${this.next ? '+' : ''} contact${count === 1 ? '' : 's'} shown`}</p>
      ${this.error ? html`<p role="alert" class="error">${this.error}</p>` : nothing}
      <table>
        <caption class="visually-hidden">Contacts, most recently changed first</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Stage</th><th scope="col">Last contact</th></tr></thead>
        <tbody>
          ${this.items.map(
            (c) => html`<tr>
              <td><a href="#/contacts/${c.id}">${contactName(c) || '(no name)'}</a></td>
              <td>${c.emails[0]?.value ?? ''}</td>
              <td>${c.phones[0]?.value ?? ''}</td>
              <td><kith-lifecycle-badge stage=${c.lifecycle}></kith-lifecycle-badge></td>
              <td>${c.lastInteractionAt ? new Date(c.lastInteractionAt).toLocaleDateString(document.documentElement.lang || undefined) : '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.next ? html`<p><button type="button" @click=${() => void this.load(true)} ?disabled=${this.loading}>Show more</button></p>` : nothing}
    `;
  }
}
