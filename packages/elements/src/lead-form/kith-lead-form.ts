import type { Crm, LeadRouting, LeadSubmission } from '@kith/core';
import { ReactiveElement } from '@lit/reactive-element';
import { defineOnce, emitKith } from '../kith-base.js';
import { langOf } from '../page-lang.js';
import { Attribution } from './attribution.js';
import { type Outcome, backoff, post } from './delivery.js';
import { type Control, TRAP, applyDependencies, controls, problem, readLead, showError } from './form-fields.js';
import { type LeadFormMessages, messagesFor } from './messages.js';
import { readLocal, writeLocal } from './local-store.js';
import { type OutboxEntry, outbox } from './outbox.js';
import { styles } from './styles.js';

/** Where a form stands, as the `state` attribute shows it (for the host's CSS). */
export type LeadFormState = 'idle' | 'sending' | 'queued' | 'sent' | 'error';

export interface LeadSubmitDetail {
  submission: LeadSubmission;
}
export interface LeadQueuedDetail {
  key: string;
}
export interface LeadSuccessDetail {
  key: string;
  /** The CRM had this key already: an earlier attempt got through. */
  replayed: boolean;
  /** Sent from the outbox (after being queued, perhaps on an earlier page load). */
  fromOutbox: boolean;
}
export interface LeadErrorDetail {
  key?: string;
  /** `validation` (the form's own check, or the server's), `rate-limited`, `spam`, or a storage error code. */
  code: string;
  message: string;
  /** The names of the fields at fault. */
  fields?: string[];
}

const PREFILL = 'kith:lead-prefill';
const PREFILLED = ['firstName', 'lastName', 'email', 'phone', 'company'];
const LOCK = 'kith-lead-outbox';
const HOUR = 3_600_000;

/** 22 random URL-safe characters: an idempotency key even on plain-http pages, where `crypto.randomUUID` is missing. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A lead form for any page: it enhances the host's own `<form>` (its markup,
 * its labels, its CSS) and delivers each submission exactly once, to a Kith
 * server's lead route (`endpoint` + `form`) or straight into a CRM (`crm`
 * property or a surrounding `<kith-crm>`).
 *
 * Name fields `firstName`, `lastName` (or one `name`), `email`, `phone`,
 * `company`, `message`, and a checkbox `consent` (with `data-purpose` and
 * `data-wording-version`); any other named field is kept on the lead, and
 * `custom.<key>` fills the contact's custom field `<key>`. A part marked
 * `data-kith-show-when="field"` (or `"field=a,b"`) is shown only when that
 * field has a value (one of those values).
 *
 * @tag kith-lead-form
 * @summary A landing-page lead form that never loses or doubles a lead.
 * @slot - The host's `<form>`.
 * @slot success - What to show once the lead is sent (default: a thank-you line).
 * @csspart form - The wrapper around the slotted form; hidden once sent.
 * @csspart status - The polite live region: sending, queued.
 * @csspart error - The assertive live region: what went wrong.
 * @csspart success - The thank-you box.
 * @cssproperty --kith-lead-form-error-color - The colour of the error line.
 * @cssproperty --kith-lead-form-success-color - The accent of the thank-you box.
 * @event kith-lead-submit - Cancelable, before sending; `detail.submission` is the lead.
 * @event kith-lead-queued - The lead could not be sent now and waits in the outbox.
 * @event kith-lead-success - The CRM has the lead.
 * @event kith-lead-error - The lead was not sent: invalid fields, spam, a limit, or refused.
 */
export class KithLeadForm extends ReactiveElement {
  static override styles = styles;

  /** Registers `tag` for this class; a second registration of the same tag warns instead of throwing. */
  static define(tag: string): void {
    defineOnce(tag, this);
  }

  static override properties = {
    endpoint: {},
    form: {},
    redirect: {},
    consentRequired: { type: Boolean, attribute: 'consent-required' },
    consentGranted: { type: Boolean, attribute: 'consent-granted', reflect: true },
    prefill: { type: Boolean },
    minFillMs: { type: Number, attribute: 'min-fill-ms' },
    maxSubmits: { type: Number, attribute: 'max-submits' },
    state: { reflect: true },
    crm: { attribute: false },
    routing: { attribute: false },
    captcha: { attribute: false },
    messages: { attribute: false },
    _error: { state: true },
  };

  /** The Kith server's base URL (as for `restStorage`); leads go to `{endpoint}/v1/_leads/{form}`. */
  declare endpoint: string | undefined;
  /** The form's id, as the server's lead route configures it. */
  declare form: string;
  /** A page to go to once the lead is sent, instead of the inline thank-you. Only http(s) URLs. */
  declare redirect: string | undefined;
  /**
   * Store nothing in the browser and send no attribution until consent is
   * granted: set `consent-granted`, or dispatch
   * `new CustomEvent('kith-consent', { detail: { granted: true } })` on `document`
   * (`granted: false` withdraws it and forgets what was stored).
   */
  declare consentRequired: boolean;
  declare consentGranted: boolean;
  /** Fill the contact fields for a returning visitor who consented last time. */
  declare prefill: boolean;
  /** Sending waits until the form has been shown this long (default 3000 ms, as the server's check). */
  declare minFillMs: number;
  /** Submits this browser may make per hour (default 5). */
  declare maxSubmits: number;
  /** Where the form stands; reflected as an attribute for styling. */
  declare state: LeadFormState;
  /** A CRM to capture into directly, instead of posting to `endpoint`. */
  declare crm: Crm | undefined;
  /** What the CRM does with each lead when captured directly (deal, owner, task, tags). */
  declare routing: LeadRouting | undefined;
  /** Returns a captcha token; without it, a Turnstile / hCaptcha / reCAPTCHA widget inside the form is read. */
  declare captcha: (() => string | Promise<string>) | undefined;
  /** Message overrides by language: `{ en: { sent: 'Thanks, talk soon!' } }`. */
  declare messages: Record<string, Partial<LeadFormMessages>> | undefined;
  declare private _error: string;

  readonly #attribution = new Attribution();
  /** Leads waiting while nothing may be stored (consent-required): they live as long as the page. */
  readonly #memory = new Map<string, OutboxEntry>();
  /** Submit times, when they may not be stored. */
  #times: number[] = [];
  #key: string | undefined;
  #shownAt = 0;
  #busy = false;
  #flushing = false;
  #again = false;
  /** The key the submit itself is posting: a flush leaves it alone, so one click is one post. */
  readonly #posting = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #formEl: HTMLFormElement | undefined;

  constructor() {
    super();
    this.endpoint = undefined;
    this.form = '';
    this.redirect = undefined;
    this.consentRequired = false;
    this.consentGranted = false;
    this.prefill = false;
    this.minFillMs = 3000;
    this.maxSubmits = 5;
    this.state = 'idle';
    this.crm = undefined;
    this.routing = undefined;
    this.captcha = undefined;
    this.messages = undefined;
    this._error = '';
    this.addEventListener('submit', (e) => void this.#onSubmit(e));
    this.addEventListener('input', (e) => this.#onInput(e));
    this.addEventListener('change', (e) => this.#onInput(e));
  }

  readonly #online = () => void this.#flush();
  readonly #consent = (e: Event) => {
    const granted = (e as CustomEvent<{ granted?: boolean }>).detail?.granted === true;
    if (!granted) this.#forget();
    this.consentGranted = granted;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#shownAt = performance.now();
    addEventListener('online', this.#online);
    document.addEventListener('kith-consent', this.#consent);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.#online);
    document.removeEventListener('kith-consent', this.#consent);
    clearTimeout(this.#timer);
  }

  /** Whether the browser may keep anything: the outbox, the touches, the prefill. */
  get #mayStore(): boolean {
    return !this.consentRequired || this.consentGranted;
  }

  get #t(): LeadFormMessages {
    return messagesFor(langOf(this), this.messages);
  }

  get #url(): string | undefined {
    return this.endpoint ? `${this.endpoint.replace(/\/+$/, '')}/v1/_leads/${encodeURIComponent(this.form)}` : undefined;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has('consentGranted') || changed.has('consentRequired')) && this.#mayStore) {
      this.#attribution.remember();
      void this.#persistMemory().then(() => this.#flush());
      this.#prefill();
    }
  }

  /** The slotted form: set up once it appears (the script may run before the page's form is parsed). */
  #setup(): void {
    const form = this.querySelector('form') ?? undefined;
    if (!form || form === this.#formEl) return;
    this.#formEl = form;
    // The element validates (so hidden dependent fields never block a submit), with the browser's constraints.
    form.noValidate = true;
    if (!form.querySelector(`[name=${TRAP}]`)) {
      // The honeypot: out of sight, out of the tab order and the accessibility tree; bots that fill every input fill it.
      const trap = document.createElement('div');
      trap.setAttribute('aria-hidden', 'true');
      Object.assign(trap.style, { position: 'absolute', left: '-10000px', width: '1px', height: '1px', overflow: 'hidden' });
      const input = Object.assign(document.createElement('input'), { name: TRAP, tabIndex: -1, autocomplete: 'off', type: 'text' });
      trap.append(input);
      form.append(trap);
    }
    applyDependencies(form);
    this.#prefill();
  }

  #prefill(): void {
    const form = this.#formEl;
    if (!form || !this.prefill || !this.#mayStore) return;
    const known = readLocal(PREFILL) as Record<string, unknown> | undefined;
    if (!known || typeof known !== 'object') return;
    // One `name` field takes the stored first and last name together.
    const name = [known.firstName, known.lastName].filter((v) => typeof v === 'string').join(' ');
    for (const c of controls(form)) {
      const value = c.name === 'name' ? name : known[c.name];
      if (!c.value && typeof value === 'string' && value) c.value = value;
    }
    applyDependencies(form);
  }

  #forget(): void {
    writeLocal(PREFILL, undefined);
    this.#attribution.forget();
  }

  #onInput(e: Event): void {
    const form = this.#formEl;
    const c = e.target as Control;
    if (!form || !form.contains(c)) return;
    applyDependencies(form);
    // A field marked invalid is re-checked as the visitor fixes it; others wait for the submit.
    if (c.getAttribute('aria-invalid') === 'true') showError(form, c, this.#message(c));
  }

  #message(c: Control): string | undefined {
    const key = problem(c);
    return key && this.#t[key];
  }

  /** Moves to `state`; `error` is the alert line (the status line follows from the state). */
  #say(state: LeadFormState, error = ''): void {
    this.state = state;
    this._error = error;
  }

  /** Submits this browser made in the last hour (kept only when it may store). */
  #recentSubmits(add = false): number {
    const key = `kith:lead-submits:${this.form}`;
    const now = Date.now();
    const times = (this.#mayStore ? ((readLocal(key) as number[] | undefined) ?? []) : this.#times).filter((t) => typeof t === 'number' && now - t < HOUR);
    if (add) times.push(now);
    if (this.#mayStore) writeLocal(key, times);
    else this.#times = times;
    return times.length;
  }

  async #onSubmit(e: Event): Promise<void> {
    const form = e.target as HTMLFormElement;
    if (form !== this.#formEl) return;
    e.preventDefault();
    // A double or triple click submits once: later submits return here until this one is done.
    if (this.#busy) return;
    this.#busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await this.#submit(form);
    } finally {
      this.#busy = false;
      form.removeAttribute('aria-busy');
    }
  }

  async #submit(form: HTMLFormElement): Promise<void> {
    const t = this.#t;
    applyDependencies(form);
    let first: Control | undefined;
    const bad: string[] = [];
    for (const c of controls(form)) {
      const message = this.#message(c);
      showError(form, c, message);
      if (message) {
        first ??= c;
        bad.push(c.name);
      }
    }
    if (first) {
      this.#say('error', t.fix);
      first.focus();
      emitKith(this, 'kith-lead-error', { detail: { code: 'validation', message: t.fix, fields: [...new Set(bad)] } });
      return;
    }
    if (this.#recentSubmits() >= this.maxSubmits) {
      this.#say('error', t.limit);
      emitKith(this, 'kith-lead-error', { detail: { code: 'rate-limited', message: t.limit } });
      return;
    }

    const { lead, captcha, trap } = readLead(form);
    const key = (this.#key ??= newKey());
    const submission: LeadSubmission = { key, formId: this.form, ...lead, ...this.#attribution.touches(), submittedAt: new Date().toISOString() };
    if (!emitKith(this, 'kith-lead-submit', { detail: { submission }, cancelable: true })) return;
    if (trap) {
      // The honeypot is filled: a bot. Sent nowhere; it learns nothing but a generic failure.
      this.#say('error', t.failed);
      emitKith(this, 'kith-lead-error', { detail: { key, code: 'spam', message: t.failed } });
      return;
    }
    this.#say('sending');
    // Faster than a person can fill the form: wait the rest of the minimum out instead of refusing a person with autofill.
    // A loop, not one sleep: a timer may fire a fraction of a millisecond before performance.now() says the time is up,
    // and a fill time of 49.6 ms sent as 50 but measured as 49 by the server would be refused as a bot.
    for (let early = this.minFillMs - (performance.now() - this.#shownAt); early > 0; early = this.minFillMs - (performance.now() - this.#shownAt)) {
      await sleep(Math.ceil(early));
    }
    this.#recentSubmits(true);

    const crm = this.crm ?? this.#contextCrm();
    if (crm) {
      try {
        const result = await crm.leads.capture(submission, this.routing);
        this.#sent(key, result.replayed, false, submission);
      } catch (error) {
        const err = error as { code?: string; message?: string; issues?: { path: (string | number)[] }[] };
        this.#refused(form, key, err.code ?? 'storage', err.message ?? String(error), err.issues);
      }
      return;
    }
    const url = this.#url;
    if (!url) {
      this.#say('error', t.failed);
      emitKith(this, 'kith-lead-error', { detail: { key, code: 'validation', message: '<kith-lead-form> needs an endpoint or a crm' } });
      return;
    }
    const captchaToken = captcha ?? (await this.captcha?.());
    const entry: OutboxEntry = {
      key,
      url,
      body: JSON.stringify({ submission, fillMs: Math.floor(performance.now() - this.#shownAt), ...(captchaToken ? { captcha: captchaToken } : {}) }),
      attempts: 0,
    };
    // Written ahead: a tab closed while the request is in flight still has the lead on its next load.
    this.#posting.add(key);
    let outcome: Outcome;
    try {
      await this.#keep(entry);
      outcome = await post(url, entry.body);
    } finally {
      this.#posting.delete(key);
    }
    if (outcome.kind === 'retry') {
      entry.attempts = 1;
      await this.#keep(entry);
      this.#key = undefined;
      this.#say('queued');
      emitKith(this, 'kith-lead-queued', { detail: { key } });
      this.#schedule(outcome.afterMs ?? backoff(1));
      return;
    }
    await this.#drop(key);
    if (outcome.kind === 'sent') this.#sent(key, outcome.replayed, false, submission);
    else this.#refused(form, key, outcome.code, outcome.message);
  }

  #sent(key: string, replayed: boolean, fromOutbox: boolean, submission?: LeadSubmission): void {
    if (this.#key === key) this.#key = undefined;
    if (submission && this.prefill && this.#mayStore && submission.consent) {
      writeLocal(PREFILL, Object.fromEntries(PREFILLED.map((k) => [k, (submission as Record<string, unknown>)[k]]).filter(([, v]) => typeof v === 'string')));
    }
    // A lead from the outbox sent later does not replace what the visitor is doing now, unless the form is waiting on it.
    const showing = !fromOutbox || this.state === 'queued';
    // Only http(s): a `javascript:` redirect set by a compromised config must not run; the inline thank-you shows instead.
    let url: URL | undefined;
    try {
      url = showing && this.redirect ? new URL(this.redirect, location.href) : undefined;
    } catch {
      // not a URL: the inline thank-you
    }
    const target = url && /^https?:$/.test(url.protocol) ? url : undefined;
    if (showing && !target) {
      this.#say('sent');
      this.#formEl?.reset();
      void this.updateComplete.then(() => this.#parts?.success.focus());
    }
    emitKith(this, 'kith-lead-success', { detail: { key, replayed, fromOutbox } });
    if (target) location.assign(target.href);
  }

  #refused(form: HTMLFormElement, key: string, code: string, message: string, issues?: { path: (string | number)[] }[]): void {
    const t = this.#t;
    const fields: string[] = [];
    // The server's checks name fields by the lead's own paths (`email`, `fields.size`); mark the ones the form has.
    for (const issue of issues ?? []) {
      const name = issue.path[0] === 'fields' ? String(issue.path[1]) : String(issue.path[0]);
      const c = controls(form).find((each) => each.name === name);
      if (c) {
        showError(form, c, name === 'email' ? t.email : name === 'phone' ? t.phone : t.invalid);
        fields.push(name);
      }
    }
    const text = code === 'rate-limited' ? t.limit : fields.length ? t.fix : t.failed;
    this.#say('error', text);
    emitKith(this, 'kith-lead-error', { detail: { key, code, message, ...(fields.length ? { fields } : {}) } });
  }

  /** The CRM of a surrounding `<kith-crm>`, asked for through the context protocol (no @lit/context in this small file). */
  #contextCrm(): Crm | undefined {
    let crm: Crm | undefined;
    const request = Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
      context: Symbol.for('kith-crm'),
      contextTarget: this,
      subscribe: false,
      callback: (value: Crm | undefined) => (crm = value),
    });
    this.dispatchEvent(request);
    return crm;
  }

  async #keep(entry: OutboxEntry): Promise<void> {
    if (!this.#mayStore) {
      this.#memory.set(entry.key, entry);
      return;
    }
    try {
      await outbox.put(entry);
    } catch {
      this.#memory.set(entry.key, entry); // IndexedDB off (a privacy mode): the page keeps it
    }
  }

  async #drop(key: string): Promise<void> {
    this.#memory.delete(key);
    if (this.#mayStore) await outbox.remove(key).catch(() => undefined);
  }

  /** Consent arrived: leads held in memory move to the outbox, so a reload keeps them. */
  async #persistMemory(): Promise<void> {
    for (const entry of this.#memory.values()) {
      try {
        await outbox.put(entry);
        this.#memory.delete(entry.key);
      } catch {
        return;
      }
    }
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#flush(), ms);
  }

  /**
   * Sends what waits for this endpoint, oldest first, one tab at a time (a
   * Web Lock): on load, on `online`, and on the backoff timer. The server
   * stores one lead per key, so even two tabs sending the same entry add one.
   */
  async #flush(): Promise<void> {
    const url = this.#url;
    if (!url || !this.isConnected) return;
    // A reason to send (online, consent, the timer) that arrives mid-flush gets one more pass, not dropped.
    if (this.#flushing) {
      this.#again = true;
      return;
    }
    this.#flushing = true;
    const work = async () => {
      // By key: an entry moving from memory to the outbox (consent) can be read in both.
      const waiting = new Map([...(this.#mayStore ? await outbox.all().catch(() => []) : []), ...this.#memory.values()].map((e) => [e.key, e]));
      const base = url.slice(0, url.lastIndexOf('/') + 1);
      for (const entry of waiting.values()) {
        // Another endpoint's leads wait for a form of theirs; the one being submitted right now is the submit's to send.
        if (!entry.url.startsWith(base) || this.#posting.has(entry.key)) continue;
        const outcome = await post(entry.url, entry.body);
        if (outcome.kind === 'retry') {
          entry.attempts++;
          await this.#keep(entry);
          this.#schedule(outcome.afterMs ?? backoff(entry.attempts));
          return;
        }
        await this.#drop(entry.key);
        if (outcome.kind === 'sent') this.#sent(entry.key, outcome.replayed, true);
        else emitKith(this, 'kith-lead-error', { detail: { key: entry.key, code: outcome.code, message: outcome.message } });
      }
    };
    try {
      do {
        this.#again = false;
        await (navigator.locks ? navigator.locks.request(LOCK, work) : work());
      } while (this.#again && this.isConnected);
    } finally {
      this.#flushing = false;
    }
  }


  /** The shadow parts, made once: lit's ReactiveElement has no templates, which keeps this file small. */
  #parts: Record<'form' | 'status' | 'error' | 'success' | 'thanks', HTMLElement> | undefined;

  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    const parts = (this.#parts ??= this.#build());
    const sent = this.state === 'sent';
    // A queued lead is safe in the outbox: the form steps aside too, so a second click cannot make a second lead.
    parts.form.hidden = sent || this.state === 'queued';
    parts.success.hidden = !sent;
    const t = this.#t;
    parts.status.textContent = this.state === 'sending' ? t.sending : this.state === 'queued' ? t.queued : '';
    parts.error.textContent = this._error;
    parts.thanks.textContent = t.sent;
  }

  #build() {
    const el = (tag: string, attrs: Record<string, string>, ...children: Node[]) => {
      const node = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      node.append(...children);
      return node;
    };
    const slot = el('slot', {});
    slot.addEventListener('slotchange', () => this.#setup());
    const thanks = el('slot', { name: 'success' });
    const parts = {
      form: el('div', { part: 'form' }, slot),
      status: el('div', { part: 'status', role: 'status', 'aria-live': 'polite' }),
      error: el('div', { part: 'error', role: 'alert' }),
      success: el('div', { part: 'success', tabindex: '-1' }, thanks),
      thanks,
    };
    this.renderRoot.append(parts.form, parts.status, parts.error, parts.success);
    return parts;
  }

  protected override firstUpdated(): void {
    this.#setup();
  }
}

declare global {
  interface HTMLElementEventMap {
    'kith-lead-submit': CustomEvent<LeadSubmitDetail>;
    'kith-lead-queued': CustomEvent<LeadQueuedDetail>;
    'kith-lead-success': CustomEvent<LeadSuccessDetail>;
    'kith-lead-error': CustomEvent<LeadErrorDetail>;
  }
}
