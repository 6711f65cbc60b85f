// The seeds' flow end to end: a lead from a form becomes a contact, a deal
// moves through the funnel and is won, the contact becomes a customer, and
// the timeline tells the whole story in order. Bad input changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError, contactName } from '@kith/core';
import { rejection, snapshot, testCrm } from './helpers.ts';

describe('a lead becomes a customer', () => {
  it('walks from form submission to a won deal with a complete timeline', async () => {
    const { crm, clock, storage } = testCrm();
    const rep = await crm.members.create({ name: 'Nino Beridze', email: 'nino@kith.test', role: 'rep' });

    // 1. A lead arrives from a landing-page form.
    const touch = { at: new Date(clock.now()).toISOString(), utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring', landingPage: 'https://kith.test/spring' };
    const lead = await crm.contacts.create({
      firstName: 'Amani',
      lastName: 'Otieno',
      emails: [{ value: 'Amani.Otieno@Example.com' }],
      phones: [{ value: '+254 712 345678' }],
      source: { channel: 'form', firstTouch: touch, lastTouch: touch },
      consents: [{ purpose: 'marketing-email', status: 'granted', at: touch.at, wordingVersion: 'v3', method: 'form' }],
      ownerId: rep.id,
    });
    assert.equal(lead.lifecycle, 'lead');
    assert.equal(contactName(lead), 'Amani Otieno');
    assert.deepEqual(lead.emailKeys, ['amani.otieno@example.com']);
    assert.deepEqual(lead.phoneKeys, ['+254712345678']);
    clock.advance(60_000);
    await crm.activities.log({ type: 'form', contactId: lead.id, formId: 'spring-promo', fields: { message: 'Need a quote for 20 seats' }, attribution: touch });

    // 2. A rep calls back and opens a deal.
    clock.advance(3_600_000);
    await crm.activities.log({ type: 'call', contactId: lead.id, direction: 'outbound', durationSec: 420, outcome: 'connected', text: 'Wants a proposal by Friday' });
    clock.advance(60_000);
    const deal = await crm.deals.create({ title: '20 seats', value: { amount: 1_200_000, currency: 'EUR' }, contactIds: [lead.id], ownerId: rep.id });
    assert.equal(deal.stageId, 'qualified');
    assert.equal(deal.status, 'open');

    // 3. It moves through the funnel and is won.
    clock.advance(86_400_000);
    await crm.deals.move(deal.id, 'proposal');
    clock.advance(86_400_000);
    await crm.deals.move(deal.id, 'negotiation');
    clock.advance(86_400_000);
    const won = await crm.deals.move(deal.id, 'won');
    assert.equal(won.status, 'won');
    assert.equal(won.closedAt, new Date(clock.now()).toISOString());
    assert.deepEqual(won.stageHistory.map((v) => v.stageId), ['qualified', 'proposal', 'negotiation', 'won']);

    // 4. The contact is now a customer.
    const customer = await crm.contacts.get(lead.id);
    assert.equal(customer.lifecycle, 'customer');

    // 5. The timeline lists every event, newest first, each exactly once.
    const timeline = await crm.activities.timeline({ contactId: lead.id }, { limit: 100 });
    const story = timeline.items.map((a) => (a.type === 'stage-changed' ? `stage:${a.toStageId}` : a.type)).reverse();
    assert.deepEqual(story, ['created', 'form', 'call', 'created', 'stage:proposal', 'stage:negotiation', 'stage:won', 'lifecycle-changed']);
    const times = timeline.items.map((a) => Date.parse(a.occurredAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));

    // 6. Bad input raises ValidationError and leaves the store as it was.
    const before = await snapshot(storage);
    const badEmail = await rejection(crm.contacts.create({ firstName: 'X', emails: [{ value: 'not-an-email' }] }));
    assert.ok(badEmail instanceof ValidationError);
    assert.deepEqual(badEmail.issues && (badEmail as unknown as ValidationError).issues[0]!.path, ['emails', 0, 'value']);
    const negative = await rejection(crm.deals.create({ title: 'Refund?', value: { amount: -5, currency: 'EUR' } }));
    assert.ok(negative instanceof ValidationError);
    assert.deepEqual((negative as unknown as ValidationError).issues[0]!.path, ['value', 'amount']);
    const unknownStage = await rejection(crm.deals.move(deal.id, 'shipped'));
    assert.ok(unknownStage instanceof ValidationError);
    assert.equal((unknownStage as unknown as ValidationError).issues[0]!.code, 'unknown_stage');
    const unknownStageOnCreate = await rejection(crm.deals.create({ title: 'x', value: { amount: 1, currency: 'EUR' }, stageId: 'nope' }));
    assert.ok(unknownStageOnCreate instanceof ValidationError);
    assert.deepEqual(await snapshot(storage), before);
  });
});
