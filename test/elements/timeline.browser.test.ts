import { expect } from '@open-wc/testing';
import { type Crm } from '@kith/core';
import { until } from '../waiting.ts';
import { $, $$, activityRecord, kinds, mountTimeline, NOW, texts, timelineCrm, unmountTimelines } from './timeline-helpers.ts';

async function contactWithEverything(crm: Crm, storage: { batch: Crm['storage']['batch'] }) {
  const c = await crm.contacts.create({ firstName: 'Nino', lastName: 'Beridze' });
  const deal = await crm.deals.create({ title: 'Licence', value: { amount: 120_00, currency: 'EUR' }, contactIds: [c.id] });
  const link = { contactId: c.id };
  const records = [
    activityRecord(1, { type: 'note', text: 'Prefers mornings', ...link }),
    activityRecord(2, { type: 'call', direction: 'outbound', outcome: 'connected', durationSec: 300, text: 'Agreed on a demo', ...link }),
    activityRecord(3, { type: 'email', direction: 'inbound', subject: 'Price list?', ...link }),
    activityRecord(4, { type: 'meeting', title: 'Demo', location: 'Office', outcome: 'Wants a quote', ...link }),
    activityRecord(5, { type: 'message', direction: 'inbound', channel: 'whatsapp', text: 'Hi!', ...link }),
    activityRecord(6, { type: 'form', formId: 'spring-promo', fields: { size: '10-50' }, ...link }),
    activityRecord(7, { type: 'document', documentKind: 'quote', title: 'Quote', number: 'Q-7', amount: { amount: 120_00, currency: 'EUR' }, ...link }),
    activityRecord(8, { type: 'fields-changed', entity: 'contact', entityId: c.id, changes: [{ field: 'custom.budget', label: 'Budget', before: 'small', after: 'large' }], ...link }),
    activityRecord(9, { type: 'stage-changed', entity: 'deal', entityId: deal.id, pipelineId: 'default', fromStageId: 'proposal', toStageId: 'lost', status: 'lost', lostReason: 'Price', ...link }),
    activityRecord(10, { type: 'owner-changed', entity: 'contact', entityId: c.id, ...link }),
    activityRecord(11, { type: 'lifecycle-changed', entity: 'contact', entityId: c.id, from: 'lead', to: 'prospect', ...link }),
    activityRecord(12, { type: 'task-completed', entity: 'task', entityId: 'x', title: 'Call back', outcome: 'Done', ...link }),
    activityRecord(13, { type: 'merged', entity: 'contact', entityId: c.id, mergedIds: ['old'], summary: 'Merged a duplicate', ...link }),
  ];
  await storage.batch(records.map((record) => ({ type: 'put' as const, collection: 'activities', record })));
  return c;
}

describe('<kith-timeline>', () => {
  afterEach(unmountTimelines);

  it('renders every kind of activity with its icon, newest first, grouped by day, with relative and exact times', async () => {
    const { crm, storage } = timelineCrm();
    const c = await contactWithEverything(crm, storage);
    const el = await mountTimeline(crm, { refId: c.id });
    await until(() => kinds(el).includes('merged'), 'the oldest entry');
    // The contact's and the deal's own "created" entries are the newest (written at NOW); the rest follow.
    const shown = kinds(el);
    expect(shown.slice(0, 2)).to.deep.equal(['created', 'created']);
    expect(shown.slice(2, 15)).to.deep.equal(['note', 'call', 'email', 'meeting', 'message', 'form', 'document', 'fields-changed', 'stage-changed', 'owner-changed', 'lifecycle-changed', 'task-completed', 'merged']);
    const text = texts(el).slice(2);
    expect(text[1]).to.contain('Call · Outbound · Connected · 5 min').and.contain('Agreed on a demo');
    expect(text[6]).to.contain('Quote · Q-7 · €120.00');
    expect(text[7]).to.contain('Budget: small → large');
    expect(text[8]).to.contain('Proposal → Lost · lost: Price');
    expect(text[10]).to.contain('Lead → Prospect');
    expect($$(el, '[part~="entry"] [part~="icon"]').every((i) => i.textContent!.trim() && i.getAttribute('aria-hidden') === 'true')).to.equal(true);
    expect($$(el, '[part~="day"]')[0]!.textContent).to.equal('Monday, November 23, 2026');
    const time = $(el, '[part~="entry"][data-type="note"] [part~="time"]')!;
    expect(time.textContent).to.equal('1 minute ago');
    expect([time.getAttribute('title'), time.getAttribute('tabindex'), time.getAttribute('datetime')]).to.deep.equal(['Nov 23, 2026, 9:59 AM', '0', new Date(NOW - 60_000).toISOString()]);
    await expect(el).to.be.accessible();
  });

  it('filters by kind and by direction', async () => {
    const { crm, storage } = timelineCrm();
    const c = await contactWithEverything(crm, storage);
    const el = await mountTimeline(crm, { refId: c.id });
    el.types = ['call', 'email'];
    await el.whenLoaded();
    await until(() => kinds(el).length === 2, 'calls and emails only');
    expect(kinds(el)).to.deep.equal(['call', 'email']);
    el.types = [];
    el.direction = 'inbound';
    await el.whenLoaded();
    await until(() => kinds(el).length === 2, 'inbound only');
    expect(kinds(el)).to.deep.equal(['email', 'message']);
  });

  it('a filter changed again while the last change is still loading shows the latest filter\'s entries', async () => {
    const { crm, storage } = timelineCrm();
    const c = await contactWithEverything(crm, storage);
    const el = await mountTimeline(crm, { refId: c.id });
    el.types = ['note'];
    await el.updateComplete; // the reload for notes has started reading
    el.types = ['call'];
    await el.whenLoaded();
    await until(() => kinds(el).length === 1, 'the calls');
    expect(kinds(el)).to.deep.equal(['call']);
  });

  it("shows a negotiation's thread, oldest first, under an entry of it", async () => {
    const { crm } = timelineCrm();
    const c = await crm.contacts.create({ firstName: 'Giorgi' });
    const ask = await crm.activities.log({ type: 'email', contactId: c.id, direction: 'inbound', subject: 'Discount?', occurredAt: new Date(NOW - 3 * 3_600_000).toISOString() });
    await crm.activities.log({ type: 'note', contactId: c.id, text: 'Unrelated', occurredAt: new Date(NOW - 2 * 3_600_000).toISOString() });
    const offer = await crm.activities.log({ type: 'email', contactId: c.id, direction: 'outbound', subject: 'Re: Discount?', parentId: ask.id, occurredAt: new Date(NOW - 3_600_000).toISOString() });
    await crm.activities.log({ type: 'call', contactId: c.id, direction: 'inbound', parentId: offer.id, text: 'Accepts 5%' });
    const el = await mountTimeline(crm, { refId: c.id });
    await until(() => kinds(el).length >= 4, 'entries');
    const toggle = $$(el, '[part~="entry"][data-type="call"] [part~="thread-toggle"]')[0]!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => !!$(el, '[part~="thread"]'), 'the thread');
    const thread = $$(el, '[part~="thread"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(thread.map((x) => x.split(' ')[0])).to.deep.equal(['Email', 'Email', 'Call']);
    expect(thread[0]).to.contain('Discount?');
    expect(thread[2]).to.contain('Accepts 5%');
    expect($(el, '[part~="thread-toggle"][aria-expanded="true"]')).to.exist;
  });

  it('shows field changes before and after, still labelled after the field definition is deleted', async () => {
    const { crm } = timelineCrm();
    const field = await crm.fields.define({ entity: 'contact', key: 'budget', label: 'Budget', type: 'text' });
    const c = await crm.contacts.create({ firstName: 'Ana', custom: { budget: '10k' } });
    await crm.contacts.update(c.id, { custom: { budget: '25k' } });
    await crm.fields.remove(field.id);
    const el = await mountTimeline(crm, { refId: c.id });
    await until(() => kinds(el).includes('fields-changed'), 'the change');
    expect(texts(el).find((t) => t.startsWith('Changed'))).to.contain('Budget: 10k → 25k');
    // The stored change names the field and keeps its label.
    const [change] = (await crm.activities.timeline({ contactId: c.id }, { types: ['fields-changed'] })).items;
    expect(change).to.deep.include({ changes: [{ field: 'custom.budget', label: 'Budget', before: '10k', after: '25k' }] });
  });

  it("rolls a company's timeline up from its people and deals, live", async () => {
    const { crm } = timelineCrm();
    const acme = await crm.companies.create({ name: 'Acme' });
    const buyer = await crm.contacts.create({ firstName: 'Buyer', companyId: acme.id });
    const deal = await crm.deals.create({ title: 'Licence', value: { amount: 1, currency: 'EUR' }, companyId: acme.id });
    const outsider = await crm.contacts.create({ firstName: 'Outsider' });
    await crm.activities.log({ type: 'email', contactId: buyer.id, direction: 'inbound', subject: 'From the buyer' });
    await crm.activities.log({ type: 'note', dealId: deal.id, text: 'On the deal' });
    await crm.activities.log({ type: 'note', contactId: outsider.id, text: 'Not Acme' });
    const el = await mountTimeline(crm, { for: 'company', refId: acme.id });
    await until(() => texts(el).some((t) => t.includes('On the deal')), 'rolled-up entries');
    expect(texts(el).some((t) => t.includes('From the buyer'))).to.equal(true);
    expect(texts(el).some((t) => t.includes('Not Acme'))).to.equal(false);
    // Written anywhere, it appears.
    await crm.activities.log({ type: 'call', contactId: buyer.id, direction: 'outbound', text: 'Live call' });
    await until(() => texts(el)[0]?.includes('Live call') ?? false, 'the live entry on top');
    await crm.activities.log({ type: 'note', contactId: outsider.id, text: 'Still not Acme' });
    await crm.activities.log({ type: 'note', companyId: acme.id, text: 'Marker' });
    await until(() => texts(el)[0]?.includes('Marker') ?? false, 'the marker');
    expect(texts(el).some((t) => t.includes('Still not Acme'))).to.equal(false);
  });

  it('keeps showing live entries after being moved to another place in the page', async () => {
    const { crm } = timelineCrm();
    const c = await crm.contacts.create({ firstName: 'Mobile' });
    const el = await mountTimeline(crm, { refId: c.id });
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await el.whenLoaded();
    await crm.activities.log({ type: 'note', contactId: c.id, text: 'After the move' });
    await until(() => texts(el).some((t) => t.includes('After the move')), 'the new entry');
    elsewhere.remove();
  });

  it('lists upcoming and overdue tasks, deciding "overdue" in the viewer\'s time zone (a date-only due included)', async () => {
    const { crm } = timelineCrm();
    const c = await crm.contacts.create({ firstName: 'Lela' });
    // NOW is 10:00 UTC on the 23rd: 00:00 on the 24th in Kiritimati (UTC+14), 23:00 on the 22nd in Pago Pago (UTC-11).
    await crm.tasks.schedule({ title: 'Send the contract', contactId: c.id, due: '2026-11-23' });
    await crm.tasks.schedule({ title: 'Call at nine', contactId: c.id, due: '2026-11-23T09:00:00Z' });
    await crm.tasks.schedule({ title: 'Someday', contactId: c.id });
    const states = async (timeZone: string) => {
      const el = await mountTimeline(crm, { refId: c.id, timeZone });
      const out = $$(el, '[part~="task"]').map((t) => [t.querySelector('span')!.textContent, t.dataset.state, t.querySelector('[part~="task-due"]')!.textContent]);
      el.parentElement!.remove();
      return out;
    };
    expect(await states('Pacific/Kiritimati')).to.deep.equal([
      ['Send the contract', 'overdue', 'overdue by 1 day'],
      ['Call at nine', 'overdue', 'overdue by 1 day'],
      ['Someday', 'none', ''],
    ]);
    expect(await states('Pacific/Pago_Pago')).to.deep.equal([
      ['Send the contract', 'upcoming', 'due in 1 day'],
      ['Call at nine', 'overdue', 'overdue'],
      ['Someday', 'none', ''],
    ]);
  });

  it('logs a call from the composer and schedules the next step in the same action; errors show in place', async () => {
    const { crm } = timelineCrm();
    const c = await crm.contacts.create({ firstName: 'Dato' });
    const el = await mountTimeline(crm, { refId: c.id });
    const form = $<HTMLFormElement>(el, '[part~="composer"]')!;
    const type = form.querySelector<HTMLSelectElement>('#c-type')!;
    // A note needs its text: refused, shown next to the field, focused, nothing written.
    form.requestSubmit();
    await until(() => !!form.querySelector('[part~="field-error"]'), 'the field error');
    const text = form.querySelector<HTMLTextAreaElement>('#c-text')!;
    expect(text.getAttribute('aria-invalid')).to.equal('true');
    expect(document.getElementById(text.getAttribute('aria-describedby')!) ?? el.shadowRoot!.getElementById(text.getAttribute('aria-describedby')!)).to.exist;
    expect(el.shadowRoot!.activeElement).to.equal(text);
    expect((await crm.activities.timeline({ contactId: c.id }, { types: ['note'] })).items).to.have.length(0);

    type.value = 'call';
    type.dispatchEvent(new Event('change'));
    await el.updateComplete;
    form.querySelector<HTMLSelectElement>('#c-outcome')!.value = 'connected';
    form.querySelector<HTMLTextAreaElement>('#c-text')!.value = 'Agreed on a demo Friday';
    form.querySelector<HTMLInputElement>('#c-nextTitle')!.value = 'Demo';
    form.querySelector<HTMLInputElement>('#c-nextDue')!.value = '2026-11-27';
    const logged = new Promise<CustomEvent>((r) => el.addEventListener('kith-activity-logged', (e) => r(e as CustomEvent), { once: true }));
    form.requestSubmit();
    const { detail } = await logged;
    expect(detail.activity).to.include({ type: 'call', outcome: 'connected', text: 'Agreed on a demo Friday', contactId: c.id });
    expect(detail.next).to.include({ title: 'Demo', due: '2026-11-27', contactId: c.id });
    await until(() => kinds(el).includes('call'), 'the call, live');
    await until(() => $$(el, '[part~="task"]').some((t) => t.textContent!.includes('Demo')), 'the next step listed');
    expect($(el, '[part~="status"]')!.textContent).to.equal('Saved; next step scheduled: Demo.');
  });

  it('renders 10,000 entries with a bounded DOM and reads more as it scrolls', async () => {
    const { crm, storage } = timelineCrm();
    const c = await crm.contacts.create({ firstName: 'Busy' });
    const records = Array.from({ length: 10_000 }, (_, i) => activityRecord(i + 1, { type: 'note', text: `Note ${i}`, contactId: c.id }));
    await storage.batch(records.map((record) => ({ type: 'put' as const, collection: 'activities', record })));
    const el = await mountTimeline(crm, { refId: c.id });
    await until(() => kinds(el).length > 5, 'entries');
    expect(el.shadowRoot!.querySelectorAll('*').length).to.be.below(1000);
    const feed = $(el, '[part~="feed"]')!;
    const loaded = () => (el as unknown as { _items: unknown[] })._items.length;
    const before = loaded();
    feed.scrollTop = feed.scrollHeight;
    await until(() => loaded() > before, 'another page');
    expect(el.shadowRoot!.querySelectorAll('*').length).to.be.below(1000);
  });

  it('is accessible while loading, when empty, and when loading fails', async () => {
    const { crm } = timelineCrm();
    // A record with no activity at all (a contact would have its "created" entry).
    const empty = await mountTimeline(crm, { for: 'deal', refId: 'a-deal-with-no-history' });
    expect($$(empty, '[part~="empty"]').map((p) => p.textContent)).to.deep.equal(['Nothing planned', 'No activity yet']);
    await expect(empty).to.be.accessible();

    const inner = timelineCrm();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowStorage = { ...inner.storage, query: async (...args: Parameters<typeof inner.storage.query>) => (await gate, inner.storage.query(...args)) };
    const slow = timelineCrm(slowStorage).crm;
    const host = document.createElement('div');
    document.body.append(host);
    const loading = document.createElement('kith-timeline');
    loading.crm = slow;
    loading.refId = 'someone';
    host.append(loading);
    await loading.updateComplete;
    expect($(loading, '[part~="loading"]')!.textContent).to.equal('Loading the timeline…');
    await expect(loading).to.be.accessible();
    release();

    const broken = timelineCrm({ ...inner.storage, query: async () => Promise.reject(Object.assign(new Error('offline'), { code: 'network' })) }).crm;
    const failing = await mountTimeline(broken, { refId: 'someone' });
    await until(() => !!$(failing, '[part~="error"]')!.textContent, 'the error');
    expect($(failing, '[part~="error"]')!.textContent).to.equal('Could not reach the server. Check your connection and try again.');
    await expect(failing).to.be.accessible();
  });
});
