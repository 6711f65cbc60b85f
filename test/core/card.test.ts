import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { daysUntilBirthday, formatPhone, loadPhoneSupport } from '@kith/core';
import { rejection, testCrm } from './helpers.ts';

describe('birthdays', () => {
  const at = (iso: string) => Date.parse(iso);

  it('counts whole days to the next birthday in the viewer\'s zone, 0 on the day, ignoring the year of birth', () => {
    assert.equal(daysUntilBirthday('1990-11-25', at('2026-11-23T10:00:00Z'), 'UTC'), 2);
    assert.equal(daysUntilBirthday('1990-11-23', at('2026-11-23T10:00:00Z'), 'UTC'), 0);
    // Passed this year: next year's.
    assert.equal(daysUntilBirthday('1990-11-22', at('2026-11-23T10:00:00Z'), 'UTC'), 364);
    assert.equal(daysUntilBirthday('1985-01-01', at('2026-12-31T12:00:00Z'), 'UTC'), 1);
  });

  it('decides "today" on the viewer\'s calendar, not UTC\'s', () => {
    // 23:30 UTC on the 24th is already the 25th in Tbilisi (UTC+4) but still the 24th in Honolulu (UTC-10).
    const t = at('2026-11-24T23:30:00Z');
    assert.equal(daysUntilBirthday('2000-11-25', t, 'Asia/Tbilisi'), 0);
    assert.equal(daysUntilBirthday('2000-11-25', t, 'Pacific/Honolulu'), 1);
  });

  it('puts a 29 February birthday on 28 February in common years and on the 29th in leap years', () => {
    assert.equal(daysUntilBirthday('2000-02-29', at('2027-02-27T12:00:00Z'), 'UTC'), 1);
    assert.equal(daysUntilBirthday('2000-02-29', at('2028-02-27T12:00:00Z'), 'UTC'), 2);
  });
});

describe('formatPhone', () => {
  it('shows a number nationally to readers of its region and internationally to others, keeping an extension', async () => {
    await loadPhoneSupport();
    const us = { value: '(209)172-7124x3651', e164: '+12091727124' };
    assert.equal(formatPhone(us, 'en-US'), '(209) 172-7124 ext. 3651');
    assert.equal(formatPhone(us, 'en'), '(209) 172-7124 ext. 3651'); // `en` is most likely the US
    assert.equal(formatPhone(us, 'ka'), '+1 209 172 7124 ext. 3651');
    const ge = { value: '+995 599 12 34 56', e164: '+995599123456' };
    assert.equal(formatPhone(ge, 'ka'), '599 12 34 56');
    assert.equal(formatPhone(ge, 'en-GB'), '+995 599 12 34 56');
  });

  it('shows an unreadable number as typed', async () => {
    await loadPhoneSupport();
    assert.equal(formatPhone({ value: 'ext 12 at the desk' }, 'en'), 'ext 12 at the desk');
  });
});

describe('duplicates.of', () => {
  it('finds contacts sharing an email or a phone in any spelling, with every reason, strongest first', async () => {
    const { crm } = testCrm({ defaultCountry: 'US' });
    const ana = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }], phones: [{ value: '(209) 172-7124' }] });
    const both = await crm.contacts.create({ firstName: 'A.', emails: [{ value: 'ANA@Example.com' }], phones: [{ value: '+1 209 172 7124' }] });
    const phoneOnly = await crm.contacts.create({ firstName: 'Desk', phones: [{ value: '209-172-7124' }] });
    await crm.contacts.create({ firstName: 'Other', emails: [{ value: 'other@example.com' }] });
    const found = await crm.duplicates.of({ contactId: ana.id });
    assert.deepEqual(
      found.map((m) => [m.record.id, m.reasons]),
      [
        [both.id, ['email', 'phone']],
        [phoneOnly.id, ['phone']],
      ],
    );
    assert.deepEqual(await crm.duplicates.of({ contactId: 'nobody' }), []);
  });

  it('finds companies sharing a domain or the exact name', async () => {
    const { crm } = testCrm();
    const acme = await crm.companies.create({ name: 'Acme', domain: 'acme.com' });
    const sameDomain = await crm.companies.create({ name: 'ACME Inc', domain: 'acme.com' });
    const sameName = await crm.companies.create({ name: 'Acme' });
    await crm.companies.create({ name: 'Acme Travel', domain: 'acmetravel.com' });
    const found = await crm.duplicates.of({ companyId: acme.id });
    assert.deepEqual(found.map((m) => [m.entity, m.record.id, m.reasons]).sort(), [['company', sameDomain.id, ['domain']], ['company', sameName.id, ['name']]].sort());
  });
});

describe('validation of a record with custom fields', () => {
  it('reports the record\'s issues and its custom fields\' issues together, storing nothing', async () => {
    const { crm, storage } = testCrm();
    await crm.fields.define({ entity: 'contact', key: 'seats', label: 'Seats', type: 'number' });
    const c = await crm.contacts.create({ firstName: 'Ana' });
    const before = await storage.query('contacts');
    const error = await rejection(crm.contacts.update(c.id, { emails: [{ value: 'nope' }], custom: { seats: 'many' } }));
    assert.equal(error.code, 'validation');
    assert.deepEqual(error.issues!.map((i) => i.path), [['emails', 0, 'value'], ['custom', 'seats']]);
    const created = await rejection(crm.contacts.create({ firstName: 'B', emails: [{ value: 'nope' }], custom: { seats: 'x' } }));
    assert.deepEqual(created.issues!.map((i) => i.path), [['emails', 0, 'value'], ['custom', 'seats']]);
    await crm.fields.define({ entity: 'company', key: 'tier', label: 'Tier', type: 'select', options: [{ value: 'a', label: 'A' }] });
    const company = await rejection(crm.companies.create({ name: '', custom: { tier: 'z' } }));
    assert.deepEqual(company.issues!.map((i) => i.path), [['name'], ['custom', 'tier']]);
    assert.deepEqual(await storage.query('contacts'), before);
  });
});

describe('last interaction', () => {
  it('moves for calls, emails, meetings, messages and forms, not for notes or documents', async () => {
    const { crm, clock } = testCrm();
    const c = await crm.contacts.create({ firstName: 'Ana' });
    const call = await crm.activities.log({ type: 'call', contactId: c.id, direction: 'outbound' });
    clock.advance(60_000);
    await crm.activities.log({ type: 'note', contactId: c.id, text: 'Internal' });
    assert.equal((await crm.contacts.get(c.id)).lastInteractionAt, call.occurredAt);
    clock.advance(60_000);
    const mail = await crm.activities.log({ type: 'email', contactId: c.id, direction: 'inbound', subject: 'Hi' });
    assert.equal((await crm.contacts.get(c.id)).lastInteractionAt, mail.occurredAt);
  });
});
