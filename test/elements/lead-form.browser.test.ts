import { expect, fixture, html } from '@open-wc/testing';
import { createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { restStorage } from '@kith/adapters/rest';
import type { KithLeadForm, LeadErrorDetail, LeadSubmitDetail } from '@kith/elements';
import '@kith/elements/lead-form/define.js';
import '@kith/elements/crm/define.js';
import { until } from '../waiting.ts';
import { cleanBrowser, delivered, fill, leadForm, leadServer, next, outboxKeys } from './lead-form-helpers.ts';

const formOf = (el: KithLeadForm) => el.querySelector('form')!;
const submit = (el: KithLeadForm) => el.querySelector<HTMLButtonElement>('button')!.click();
const part = (el: KithLeadForm, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`)!;

describe('<kith-lead-form>', () => {
  beforeEach(cleanBrowser);

  it('passes an accessibility check, and sends a filled form to a real lead route once', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    await expect(el).to.be.accessible();
    fill(el, { firstName: 'Tamar', email: 'tamar@example.ge', phone: '+995 599 12 34 56', consent: true });
    const submitted = next<LeadSubmitDetail>(el, 'kith-lead-submit');
    const success = delivered(el);
    submit(el);
    const { submission } = (await submitted).detail;
    expect(submission).to.deep.include({ formId: 'quick', firstName: 'Tamar', email: 'tamar@example.ge', phone: '+995 599 12 34 56' });
    expect(submission.fields).to.deep.equal({ offer: 'spring' });
    expect(submission.consent).to.deep.include({ purpose: 'marketing', wordingVersion: 'v7', text: 'You may contact me' });
    expect((await success).detail).to.deep.equal({ key: submission.key, replayed: false, fromOutbox: false });
    await el.updateComplete;

    const [contact] = await server.list('contacts');
    expect(contact).to.include({ firstName: 'Tamar' });
    expect(contact!.source.firstTouch.landingPage).to.equal(location.origin + location.pathname);
    const activity = (await server.list('activities')).find((a) => a.id === `lead-${submission.key}`);
    expect(activity).to.include({ contactId: contact!.id });
    expect(await server.posts()).to.equal(1);
    // The form steps aside for the thank-you, which takes the focus and stays accessible.
    expect(el.getAttribute('state')).to.equal('sent');
    expect(part(el, 'form').hidden).to.equal(true);
    expect(part(el, 'success').hidden).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'success'));
    await expect(el).to.be.accessible();
  });

  it('marks invalid fields next to them, announces it, focuses the first, and sends nothing', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    fill(el, { email: 'tamar@example' });
    const error = next<LeadErrorDetail>(el, 'kith-lead-error');
    submit(el);
    expect((await error).detail).to.deep.include({ code: 'validation', fields: ['firstName', 'email'] });
    const first = el.querySelector<HTMLInputElement>('[name=firstName]')!;
    const email = el.querySelector<HTMLInputElement>('[name=email]')!;
    expect(document.activeElement).to.equal(first);
    expect(first.getAttribute('aria-invalid')).to.equal('true');
    const message = document.getElementById(email.getAttribute('aria-describedby')!)!;
    expect(message.textContent).to.equal('Please enter a valid email address.');
    expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    expect(part(el, 'error').textContent).to.equal('Please correct the marked fields.');
    // Fixing a field clears its error as the visitor types.
    fill(el, { email: 'tamar@example.ge' });
    expect(email.hasAttribute('aria-invalid')).to.equal(false);
    expect(message.hidden).to.equal(true);
    expect(await server.posts()).to.equal(0);
  });

  it('speaks the page language: Georgian messages under lang="ka"', async () => {
    const el = await leadForm(leadServer(), '', 'ka');
    const error = next(el, 'kith-lead-error');
    submit(el);
    await error;
    expect(part(el, 'error').textContent).to.equal('გაასწორეთ მონიშნული ველები.');
    const first = el.querySelector('[name=firstName]')!;
    expect(document.getElementById(first.getAttribute('aria-describedby')!)!.textContent).to.equal('შეავსეთ ეს ველი.');
  });

  it('shows a dependent field only for its value; hidden, it is neither required nor sent', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    const size = el.querySelector<HTMLElement>('[data-kith-show-when]')!;
    expect(size.hidden).to.equal(true);
    fill(el, { interest: 'quote' });
    expect(size.hidden).to.equal(false);
    fill(el, { interest: 'demo', firstName: 'Gio', email: 'gio@example.ge' });
    expect(size.hidden).to.equal(true);
    const submitted = next<LeadSubmitDetail>(el, 'kith-lead-submit');
    const success = delivered(el);
    submit(el);
    expect((await submitted).detail.submission.fields).to.deep.equal({ interest: 'demo', offer: 'spring' });
    await success;
  });

  it('offline: queues the lead in IndexedDB, then delivers it exactly once when back online', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    await server.down(true);
    fill(el, { firstName: 'Nika', email: 'nika@example.ge' });
    const queued = next<{ key: string }>(el, 'kith-lead-queued');
    submit(el);
    const { key } = (await queued).detail;
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('queued');
    expect(part(el, 'status').textContent).to.equal('You are offline. Your request is saved and will be sent automatically.');
    expect(part(el, 'form').hidden).to.equal(true);
    expect(await outboxKeys()).to.deep.equal([key]);
    expect(await server.list('contacts').catch(() => 'unreachable')).to.equal('unreachable');

    await server.down(false);
    const success = delivered(el);
    window.dispatchEvent(new Event('online'));
    expect((await success).detail).to.deep.equal({ key, replayed: false, fromOutbox: true });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('sent');
    expect(await outboxKeys()).to.deep.equal([]);
    expect((await server.list('contacts')).map((c) => c.firstName)).to.deep.equal(['Nika']);
    expect((await server.list('activities')).filter((a) => a.id === `lead-${key}`)).to.have.length(1);
  });

  it('a queued lead left by a closed page is delivered by the next page with a form', async () => {
    const server = leadServer();
    const first = await leadForm(server);
    await server.down(true);
    fill(first, { firstName: 'Ana', email: 'ana@example.ge' });
    const queued = next<{ key: string }>(first, 'kith-lead-queued');
    submit(first);
    const { key } = (await queued).detail;
    first.remove(); // the page is gone; the outbox stays
    await server.down(false);
    const second = document.createElement('kith-lead-form');
    second.setAttribute('endpoint', server.endpoint);
    second.setAttribute('form', 'quick');
    const success = delivered(second);
    document.body.append(second);
    expect((await success).detail).to.include({ key, fromOutbox: true });
    expect((await server.list('contacts')).map((c) => c.firstName)).to.deep.equal(['Ana']);
    second.remove();
  });

  it('waits the minimum fill time out in full even when timers fire early, so a quick person is not refused as a bot', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    fill(el, { firstName: 'Keti', email: 'keti@example.ge' });
    // Browsers may run a timer a little before performance.now() reaches its deadline; here, 5 ms before.
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((fn: () => void, ms = 0) => realSetTimeout(fn, Math.max(0, ms - 5))) as typeof window.setTimeout;
    const success = delivered(el);
    try {
      submit(el);
      expect((await success).type).to.equal('kith-lead-success');
    } finally {
      window.setTimeout = realSetTimeout;
    }
    expect(await server.list('contacts')).to.have.length(1);
  });

  it('a triple click sends one submission and stores one lead', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    fill(el, { firstName: 'Levan', email: 'levan@example.ge' });
    let submits = 0;
    el.addEventListener('kith-lead-submit', () => submits++);
    const success = delivered(el);
    submit(el);
    submit(el);
    submit(el);
    await success;
    expect(submits).to.equal(1);
    expect(await server.posts()).to.equal(1);
    expect(await server.list('contacts')).to.have.length(1);
  });

  it('a filled honeypot sends nothing; the server refuses a too-fast post', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    fill(el, { firstName: 'Bot', email: 'bot@example.ge', 'kith-website': 'http://spam.example' });
    const error = next<LeadErrorDetail>(el, 'kith-lead-error');
    submit(el);
    expect((await error).detail.code).to.equal('spam');
    expect(await server.posts()).to.equal(0);

    const fast = await fetch(`${server.endpoint}/v1/_leads/quick`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ submission: { key: 'abcdefghijklmnop-1', formId: 'quick', email: 'bot@example.ge' }, fillMs: 5 }),
    });
    expect(fast.status).to.equal(400);
    expect(await server.list('contacts')).to.have.length(0);
  });

  it('files a lead from a known email onto the existing contact', async () => {
    const server = leadServer();
    const crm = createCrm({ storage: restStorage({ baseUrl: `${location.origin}${server.endpoint}` }) });
    const known = await crm.contacts.create({ firstName: 'Eka', emails: [{ value: 'Eka@Example.ge' }] });
    const el = await leadForm(server);
    fill(el, { firstName: 'Eka', email: 'eka@example.ge' });
    const success = delivered(el);
    submit(el);
    const { key } = (await success).detail;
    const contacts = await server.list('contacts');
    expect(contacts.map((c) => c.id)).to.deep.equal([known.id]);
    expect((await server.list('activities')).find((a) => a.id === `lead-${key}`)).to.include({ contactId: known.id });
    await crm.close();
  });

  it('consent-required: stores nothing and sends no attribution until the host signals consent', async () => {
    const server = leadServer();
    const el = await leadForm(server, 'consent-required prefill');
    await server.down(true);
    fill(el, { firstName: 'Mari', email: 'mari@example.ge', consent: true });
    const submitted = next<LeadSubmitDetail>(el, 'kith-lead-submit');
    const queued = next<{ key: string }>(el, 'kith-lead-queued');
    submit(el);
    const { submission } = (await submitted).detail;
    expect(submission.firstTouch).to.equal(undefined);
    expect(submission.lastTouch).to.equal(undefined);
    await queued;
    // Held in memory only: no outbox on disk, nothing in localStorage.
    expect(await outboxKeys()).to.deep.equal([]);
    expect(Object.keys(localStorage)).to.deep.equal([]);

    // The banner signals consent: the waiting lead moves to the outbox and attribution starts.
    await server.down(false);
    const success = delivered(el);
    document.dispatchEvent(new CustomEvent('kith-consent', { detail: { granted: true } }));
    expect((await success).detail.fromOutbox).to.equal(true);
    expect(el.hasAttribute('consent-granted')).to.equal(true);
    expect(localStorage.getItem('kith:first-touch')).to.be.a('string');
    expect(await server.list('contacts')).to.have.length(1);

    // Withdrawn: what was stored goes.
    document.dispatchEvent(new CustomEvent('kith-consent', { detail: { granted: false } }));
    expect(localStorage.getItem('kith:first-touch')).to.equal(null);
  });

  it('prefills a returning visitor who consented', async () => {
    const server = leadServer();
    const first = await leadForm(server, 'prefill');
    fill(first, { firstName: 'Dato', email: 'dato@example.ge', consent: true });
    const success = delivered(first);
    submit(first);
    await success;
    const again = await leadForm(server, 'prefill');
    expect(again.querySelector<HTMLInputElement>('[name=firstName]')!.value).to.equal('Dato');
    expect(again.querySelector<HTMLInputElement>('[name=email]')!.value).to.equal('dato@example.ge');
    const without = await leadForm(server);
    expect(without.querySelector<HTMLInputElement>('[name=email]')!.value).to.equal('');
  });

  it('records first-touch and last-touch UTM parameters across visits', async () => {
    localStorage.setItem('kith:first-touch', JSON.stringify({ at: '2026-10-01T10:00:00.000Z', utmSource: 'newsletter', utmCampaign: 'autumn', landingPage: 'https://www.example.com/autumn' }));
    const server = leadServer();
    const el = await leadForm(server);
    fill(el, { firstName: 'Irakli', email: 'irakli@example.ge' });
    const submitted = next<LeadSubmitDetail>(el, 'kith-lead-submit');
    const success = delivered(el);
    submit(el);
    const { submission } = (await submitted).detail;
    await success;
    expect(submission.firstTouch).to.deep.include({ utmSource: 'newsletter', utmCampaign: 'autumn' });
    expect(submission.lastTouch!.landingPage).to.equal(location.origin + location.pathname);
    const [contact] = await server.list('contacts');
    expect(contact!.source.firstTouch).to.deep.include({ utmSource: 'newsletter', utmCampaign: 'autumn' });
  });

  it('a host that cancels kith-lead-submit stops the lead', async () => {
    const server = leadServer();
    const el = await leadForm(server);
    fill(el, { firstName: 'Zura', email: 'zura@example.ge' });
    el.addEventListener('kith-lead-submit', (e) => e.preventDefault());
    let sent = false;
    el.addEventListener('kith-lead-success', () => (sent = true));
    submit(el);
    await until(() => !formOf(el).hasAttribute('aria-busy'), 'the cancelled submit to end');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(sent).to.equal(false);
    expect(await server.posts()).to.equal(0);
  });

  it('inside <kith-crm>, captures straight into the SDK with the form\'s routing', async () => {
    const crm = createCrm({ storage: memoryStorage() });
    const provider = await fixture(html`<kith-crm .crm=${crm}></kith-crm>`);
    provider.innerHTML = `<kith-lead-form form="in-app" min-fill-ms="0"><form><input name="email" type="email" aria-label="Email" required><button>Send</button></form></kith-lead-form>`;
    const el = provider.querySelector('kith-lead-form')!;
    el.routing = { tags: ['in-app'] };
    await el.updateComplete;
    fill(el, { email: 'app@example.ge' });
    const success = delivered(el);
    submit(el);
    await success;
    const { items } = await crm.contacts.list();
    expect(items.map((c) => [c.emails[0]!.value, c.tags])).to.deep.equal([['app@example.ge', ['in-app']]]);
  });

  it('keeps to its per-browser submit limit without asking the server', async () => {
    const server = leadServer();
    const el = await leadForm(server, 'max-submits="1"');
    fill(el, { firstName: 'Sopo', email: 'sopo@example.ge' });
    const success = delivered(el);
    submit(el);
    await success;
    const again = await leadForm(server, 'max-submits="1"');
    fill(again, { firstName: 'Sopo', email: 'sopo2@example.ge' });
    const error = next<LeadErrorDetail>(again, 'kith-lead-error');
    submit(again);
    expect((await error).detail.code).to.equal('rate-limited');
    expect(part(again, 'error').textContent).to.equal('Too many attempts. Please try again later.');
    expect(await server.posts()).to.equal(1);
  });

  it('sends a captcha widget\'s token to the server\'s check, never into the lead\'s fields', async () => {
    const server = leadServer();
    const host = await fixture(html`<div></div>`);
    host.innerHTML = `<kith-lead-form endpoint="${server.endpoint}" form="guarded" min-fill-ms="50"><form>
      <input name="email" type="email" aria-label="Email" required>
      <input type="hidden" name="cf-turnstile-response" value="wrong">
      <button>Send</button></form></kith-lead-form>`;
    const el = host.querySelector('kith-lead-form')!;
    await el.updateComplete;
    fill(el, { email: 'human@example.ge' });
    const submitted = next<LeadSubmitDetail>(el, 'kith-lead-submit');
    const refused = next<LeadErrorDetail>(el, 'kith-lead-error');
    submit(el);
    expect((await submitted).detail.submission.fields).to.equal(undefined);
    expect((await refused).detail.code).to.equal('forbidden');
    expect(await server.list('contacts')).to.have.length(0);

    el.querySelector<HTMLInputElement>('[name=cf-turnstile-response]')!.value = 'solved';
    const success = delivered(el);
    submit(el);
    await success;
    expect((await server.list('contacts')).map((c) => c.emails[0].value)).to.deep.equal(['human@example.ge']);
  });
});
