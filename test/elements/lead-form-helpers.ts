import { fixture, html } from '@open-wc/testing';
import type { KithLeadForm, LeadSuccessDetail } from '@kith/elements';

/**
 * The lead form's test server, seen from the browser (web-test-runner.config.mjs
 * mounts it): one space per test, each a real HTTP handler with its own memory
 * storage, that can be taken down (it drops connections) and counts posts.
 */
let n = 0;

export interface LeadServer {
  endpoint: string;
  /** Drop every connection (a network failure for the page), or stop doing so. */
  down(on: boolean): Promise<void>;
  /** How many lead posts reached the server. */
  posts(): Promise<number>;
  list(collection: string): Promise<Record<string, any>[]>;
}

export function leadServer(): LeadServer {
  const endpoint = `/lead-test/t${Date.now().toString(36)}-${++n}`;
  return {
    endpoint,
    async down(on) {
      await fetch(`${endpoint}/_down?on=${on ? 1 : 0}`);
    },
    async posts() {
      return ((await (await fetch(`${endpoint}/_stats`)).json()) as { posts: number }).posts;
    },
    async list(collection) {
      return ((await (await fetch(`${endpoint}/v1/${collection}?limit=1000`)).json()) as { items: Record<string, any>[] }).items;
    },
  };
}

/** A clean browser: no outbox, no stored touches, no prefill. */
export async function cleanBrowser(): Promise<void> {
  localStorage.clear();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase('kith-lead-outbox');
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** The outbox's entries, read with plain IndexedDB. */
export async function outboxKeys(): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('kith-lead-outbox', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('leads', { keyPath: 'key' });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const keys = await new Promise<string[]>((resolve, reject) => {
    const r = db.transaction('leads').objectStore('leads').getAllKeys();
    r.onsuccess = () => resolve(r.result as string[]);
    r.onerror = () => reject(r.error);
  });
  db.close();
  return keys;
}

export function fill(root: ParentNode, values: Record<string, string | boolean>): void {
  for (const [name, value] of Object.entries(values)) {
    const el = root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    if (typeof value === 'boolean') el.checked = value;
    else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/** The next event of this name on `target`. */
export function next<T = unknown>(target: EventTarget, name: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => target.addEventListener(name, (e) => resolve(e as CustomEvent<T>), { once: true }));
}

/**
 * The next `kith-lead-success` on `form`. A `kith-lead-error` first fails at
 * once with the error's detail, instead of leaving the test to time out.
 */
export function delivered(form: EventTarget): Promise<CustomEvent<LeadSuccessDetail>> {
  return new Promise((resolve, reject) => {
    form.addEventListener('kith-lead-success', (e) => resolve(e as CustomEvent<LeadSuccessDetail>), { once: true });
    form.addEventListener('kith-lead-error', (e) => reject(new Error(`kith-lead-error instead of success: ${JSON.stringify((e as CustomEvent).detail)}`)), { once: true });
  });
}

/** A lead form as a host page writes it (the element enhances the form inside), posting to `server`'s quick form. */
export async function leadForm(server: LeadServer | undefined, attrs = '', lang = 'en'): Promise<KithLeadForm> {
  const host = await fixture(html`<div lang=${lang}></div>`);
  // Markup as a host page writes it: the element enhances the form inside.
  host.innerHTML = `<kith-lead-form ${server ? `endpoint="${server.endpoint}"` : ''} form="quick" min-fill-ms="50" ${attrs}>
    <form>
      <label>First name <input name="firstName" required></label>
      <label>Email <input name="email" type="email" required></label>
      <label>Phone <input name="phone" type="tel"></label>
      <label>Interest <select name="interest"><option value=""></option><option value="demo">Demo</option><option value="quote">Quote</option></select></label>
      <label data-kith-show-when="interest=quote">Team size <input name="custom.teamSize" type="number" required></label>
      <input type="hidden" name="offer" value="spring">
      <label><input type="checkbox" name="consent" data-purpose="marketing" data-wording-version="v7"> You may contact me</label>
      <button>Send</button>
    </form>
  </kith-lead-form>`;
  const el = host.querySelector('kith-lead-form')!;
  await el.updateComplete;
  return el;
}
