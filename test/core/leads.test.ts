/** `crm.leads.capture`: one lead per idempotency key, dedupe onto existing contacts, routing in the same batch. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError, type Activity, type Contact } from '@kith/core';
import { rejection, snapshot, testCrm } from './helpers.ts';

const key = (n: number) => `key-${String(n).padStart(16, '0')}`;
const touch = { at: '2026-03-01T08:00:00.000Z', utmSource: 'newsletter', utmCampaign: 'spring', landingPage: 'https://example.com/spring' };

describe('leads', () => {
  it('a new lead becomes a contact with its source, consent and a form-submission activity', async () => {
    const { crm } = testCrm();
    await crm.fields.define({ entity: 'contact', key: 'size', label: 'Team size', type: 'number' });
    const r = await crm.leads.capture({
      key: key(1),
      formId: 'spring-promo',
      firstName: 'Nino',
      email: 'Nino@Example.com',
      message: 'Call me',
      fields: { budget: '5k', 'custom.size': 12 },
      consent: { purpose: 'marketing-email', wordingVersion: 'v3', text: 'Send me offers' },
      firstTouch: touch,
    });
    assert.equal(r.replayed, false);
    assert.equal(r.matched, false);
    const contact = await crm.contacts.get(r.contactId);
    assert.equal(contact.lifecycle, 'lead');
    assert.deepEqual(contact.emailKeys, ['nino@example.com']);
    assert.deepEqual(contact.source, { channel: 'form', firstTouch: touch, lastTouch: touch });
    assert.deepEqual(contact.consents, [{ purpose: 'marketing-email', wordingVersion: 'v3', text: 'Send me offers', status: 'granted', at: '2026-03-02T09:00:00.000Z', method: 'form' }]);
    assert.deepEqual(contact.custom, { size: 12 });
    const activity = (await crm.activities.get(r.activityId)) as Extract<Activity, { type: 'form' }>;
    assert.equal(activity.type, 'form');
    assert.equal(activity.contactId, contact.id);
    assert.deepEqual(activity.fields, { firstName: 'Nino', email: 'Nino@Example.com', message: 'Call me', budget: '5k', 'custom.size': 12 });
    assert.deepEqual(activity.attribution, touch);
  });

  it("the first touch's UTM medium names the channel: a cpc link is a paid lead, an unknown medium stays a form lead", async () => {
    const { crm } = testCrm();
    const at = '2026-03-02T08:59:00.000Z';
    const paid = await crm.leads.capture({ key: key(7), formId: 'spring-promo', email: 'paid@example.com', firstTouch: { at, utmSource: 'google', utmMedium: 'CPC' } });
    const social = await crm.leads.capture({ key: key(8), formId: 'spring-promo', email: 'social@example.com', firstTouch: { at, utmSource: 'facebook', utmMedium: 'social' } });
    const odd = await crm.leads.capture({ key: key(9), formId: 'spring-promo', email: 'odd@example.com', firstTouch: { at, utmMedium: 'billboard' } });
    const channels = await Promise.all([paid, social, odd].map(async (r) => (await crm.contacts.get(r.contactId)).source?.channel));
    assert.deepEqual(channels, ['paid', 'social', 'form']);
  });

  it('the same key twice, or at once, stores one lead; the retry gets the first ids back', async () => {
    const { crm, storage } = testCrm();
    const lead = { key: key(2), formId: 'f', email: 'a@b.co' };
    const [a, b, c] = await Promise.all([crm.leads.capture(lead), crm.leads.capture(lead), crm.leads.capture(lead)]);
    assert.deepEqual(new Set([a.contactId, b.contactId, c.contactId]).size, 1);
    assert.equal([a, b, c].filter((x) => !x.replayed).length, 1);
    const again = await crm.leads.capture(lead);
    assert.equal(again.replayed, true);
    assert.equal(again.activityId, a.activityId);
    const all = await snapshot(storage);
    assert.equal(all.contacts!.length, 1);
    assert.equal(all.activities!.filter((x) => x.type === 'form').length, 1);
  });

  it('a lead with a known email or phone is added to that contact instead of duplicating it', async () => {
    const { crm, storage } = testCrm({ defaultCountry: 'GE' });
    const existing = await crm.contacts.create({ firstName: 'Amina', emails: [{ value: 'amina@kith.test' }], phones: [{ value: '+995 555 12 34 56' }], tags: ['vip'] });
    const byEmail = await crm.leads.capture({ key: key(3), formId: 'f', email: ' AMINA@kith.test ', phone: '+1 209 172 7124', lastTouch: touch }, { tags: ['spring'] });
    assert.equal(byEmail.matched, true);
    assert.equal(byEmail.contactId, existing.id);
    const byPhone = await crm.leads.capture({ key: key(4), formId: 'f', phone: '555 123 456', lastName: 'Otieno' });
    assert.equal(byPhone.contactId, existing.id);
    const contact = (await storage.get('contacts', existing.id)) as Contact;
    assert.equal((await storage.query('contacts', { limit: 10 })).items.length, 1);
    assert.equal(contact.lastName, 'Otieno', 'a missing name is filled');
    assert.equal(contact.firstName, 'Amina', 'a known name is kept');
    assert.deepEqual(contact.tags, ['vip', 'spring']);
    assert.deepEqual(contact.source?.lastTouch, touch);
    assert.deepEqual(contact.phoneKeys, ['+995555123456', '+12091727124'], 'a new phone joins, a known one does not repeat');
    const forms = (await crm.activities.timeline({ contactId: existing.id })).items.filter((a) => a.type === 'form');
    assert.equal(forms.length, 2);
  });

  it('routing opens a deal, assigns owners in turn and schedules a first-response call, in the same batch', async () => {
    const { crm } = testCrm();
    const m1 = await crm.members.create({ name: 'One', email: 'one@kith.test', role: 'rep' });
    const m2 = await crm.members.create({ name: 'Two', email: 'two@kith.test', role: 'rep' });
    const routing = { deal: true, assign: 'round-robin', firstResponseMinutes: 30 } as const;
    const owners: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await crm.leads.capture({ key: key(10 + i), formId: 'demo', email: `p${i}@x.io`, company: 'Acme' }, routing);
      const contact = await crm.contacts.get(r.contactId);
      owners.push(contact.ownerId);
      const deal = await crm.deals.get(r.dealId!);
      assert.deepEqual(deal.contactIds, [contact.id]);
      assert.equal(deal.ownerId, contact.ownerId);
      assert.equal(deal.status, 'open');
      const task = await crm.tasks.get(r.taskId!);
      assert.equal(task.assigneeId, contact.ownerId);
      assert.equal(task.due, '2026-03-02T09:30:00.000Z');
      assert.equal(task.kind, 'call');
    }
    // Members take turns in id (creation) order.
    assert.deepEqual(owners, [m1.id, m2.id, m1.id, m2.id]);
    const companies = (await crm.companies.list({ limit: 10 })).items;
    assert.equal(companies.length, 1, 'one company of that name, shared');
  });

  it('bad input is a ValidationError and writes nothing', async () => {
    const { crm, storage } = testCrm();
    const before = await snapshot(storage);
    for (const bad of [
      { key: 'short', formId: 'f', email: 'a@b.co' },
      { key: key(5), formId: 'f' },
      { key: key(5), formId: 'f', email: 'not an email' },
      { key: key(5), formId: 'bad form id!', email: 'a@b.co' },
      { key: key(5), formId: 'f', email: 'a@b.co', extra: 1 },
    ]) {
      const error = await rejection(crm.leads.capture(bad as never));
      assert.ok(error instanceof ValidationError, JSON.stringify(bad));
    }
    assert.ok((await rejection(crm.leads.capture({ key: key(6), formId: 'f', email: 'a@b.co' }, { assign: { memberId: 'nobody' } }))) instanceof ValidationError);
    assert.ok((await rejection(crm.leads.capture({ key: key(7), formId: 'f', email: 'a@b.co', fields: { 'custom.nope': 1 } }))) instanceof ValidationError);
    assert.deepEqual(await snapshot(storage), before);
  });
});
