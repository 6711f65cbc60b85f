import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '@kith/core';
import { rejection, snapshot, testCrm } from './helpers.ts';

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('timeline feed', () => {
  it('orders instants given with an offset by time, not by their text (stored in UTC)', async () => {
    const { crm } = testCrm();
    const ann = await crm.contacts.create({ firstName: 'Ann' });
    // 14:00+04:00 is 10:00 UTC: earlier than 10:30 UTC, though its text sorts after it.
    await crm.activities.log({ type: 'call', direction: 'outbound', contactId: ann.id, occurredAt: '2026-01-12T14:00:00+04:00' });
    await crm.activities.log({ type: 'call', direction: 'inbound', contactId: ann.id, occurredAt: '2026-01-12T10:30:00Z' });
    const feed = await collect(crm.activities.feed({ contactId: ann.id }));
    assert.deepEqual(feed.filter((a) => a.type === 'call').map((a) => a.occurredAt), ['2026-01-12T10:30:00.000Z', '2026-01-12T10:00:00.000Z']);
    assert.equal((await crm.contacts.get(ann.id)).lastInteractionAt, '2026-01-12T10:30:00.000Z');
    const task = await crm.tasks.schedule({ title: 'Call back', due: '2026-01-13T09:00:00+04:00' });
    assert.equal(task.due, '2026-01-13T05:00:00.000Z');
  });

  it("rolls a company's timeline up from its people and deals, newest first, each activity once", async () => {
    const { crm } = testCrm();
    const acme = await crm.companies.create({ name: 'Acme' });
    const other = await crm.companies.create({ name: 'Other' });
    const buyer = await crm.contacts.create({ firstName: 'Buyer', companyId: acme.id });
    const stranger = await crm.contacts.create({ firstName: 'Stranger', companyId: other.id });
    const deal = await crm.deals.create({ title: 'Licence', value: { amount: 1, currency: 'EUR' }, companyId: acme.id });
    const at = (m: number) => new Date(Date.parse('2026-03-02T09:00:00Z') + m * 60_000).toISOString();
    const own = await crm.activities.log({ type: 'note', companyId: acme.id, text: 'Company note', occurredAt: at(1) });
    const email = await crm.activities.log({ type: 'email', contactId: buyer.id, direction: 'inbound', subject: 'Price?', occurredAt: at(3) });
    // Linked to both the buyer and the deal: it comes once.
    const call = await crm.activities.log({ type: 'call', contactId: buyer.id, dealId: deal.id, direction: 'outbound', occurredAt: at(2) });
    await crm.activities.log({ type: 'note', contactId: stranger.id, text: 'Not Acme', occurredAt: at(4) });
    const feed = await collect(crm.activities.feed({ companyId: acme.id }, { pageSize: 1 }));
    const ids = feed.map((a) => a.id);
    assert.deepEqual(ids.filter((id) => [own.id, email.id, call.id].includes(id)), [email.id, call.id, own.id]);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(!feed.some((a) => a.type === 'note' && a.text === 'Not Acme'));
    // Newest first throughout (system activities of the creations included).
    for (let i = 1; i < feed.length; i++) assert.ok(feed[i - 1]!.occurredAt >= feed[i]!.occurredAt);
    // A contact's own feed, filtered by kind.
    assert.deepEqual((await collect(crm.activities.feed({ contactId: buyer.id }, { types: ['email'] }))).map((a) => a.id), [email.id]);
    const bad = await rejection(collect(crm.activities.feed({ companyId: '' })));
    assert.ok(bad instanceof ValidationError);
  });

  it('logs an activity and its next step in one batch, or neither', async () => {
    const { crm, storage } = testCrm();
    const c = await crm.contacts.create({ firstName: 'Nino' });
    const { activity, next } = await crm.activities.logWithNext(
      { type: 'call', contactId: c.id, direction: 'outbound', outcome: 'connected', text: 'Agreed on a demo' },
      { title: 'Demo', kind: 'meeting', due: '2026-03-05' },
    );
    assert.equal(next!.contactId, c.id);
    assert.equal((await crm.tasks.get(next!.id)).title, 'Demo');
    assert.equal((await crm.activities.get(activity.id)).type, 'call');
    // A bad next step: nothing is written, not even the activity.
    const before = await snapshot(storage);
    const error = await rejection(crm.activities.logWithNext({ type: 'note', contactId: c.id, text: 'x' }, { title: '', due: 'soon' } as never));
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(await snapshot(storage), before);
  });
});
