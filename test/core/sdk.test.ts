import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, ValidationError, type Activity } from '@kith/core';
import { rejection, snapshot, testCrm } from './helpers.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('contacts', () => {
  it('records owner, lifecycle and field changes as separate activities with before and after', async () => {
    const { crm } = testCrm();
    const a = await crm.members.create({ name: 'A', email: 'a@kith.test', role: 'rep' });
    const b = await crm.members.create({ name: 'B', email: 'b@kith.test', role: 'rep' });
    const c = await crm.contacts.create({ firstName: 'Joan', ownerId: a.id, jobTitle: 'CTO' });
    const updated = await crm.contacts.update(c.id, { ownerId: b.id, lifecycle: 'prospect', jobTitle: 'CEO', tags: ['vip'] });
    assert.equal(updated.version, 2);
    const { items } = await crm.activities.timeline({ contactId: c.id });
    const byType = Object.fromEntries(items.map((x) => [x.type, x])) as Record<string, Activity>;
    assert.deepEqual(Object.keys(byType).sort(), ['created', 'fields-changed', 'lifecycle-changed', 'owner-changed']);
    assert.deepEqual(byType['owner-changed'], { ...byType['owner-changed'], fromOwnerId: a.id, toOwnerId: b.id });
    assert.deepEqual(byType['lifecycle-changed'], { ...byType['lifecycle-changed'], from: 'lead', to: 'prospect' });
    const fc = byType['fields-changed'] as Extract<Activity, { type: 'fields-changed' }>;
    assert.deepEqual(fc.changes, [
      { field: 'jobTitle', before: 'CTO', after: 'CEO' },
      { field: 'tags', before: [], after: ['vip'] },
    ]);
  });

  it('writes nothing when an update changes nothing', async () => {
    const { crm, storage } = testCrm();
    const c = await crm.contacts.create({ firstName: 'Joan' });
    const before = await snapshot(storage);
    const same = await crm.contacts.update(c.id, { firstName: 'Joan' });
    assert.equal(same.version, 1);
    assert.deepEqual(await snapshot(storage), before);
  });

  it('refuses a stale write with ConflictError and keeps the newer data', async () => {
    const { crm } = testCrm();
    const c = await crm.contacts.create({ firstName: 'Joan' });
    await crm.contacts.update(c.id, { jobTitle: 'CEO' }, { expectedVersion: 1 });
    const error = await rejection(crm.contacts.update(c.id, { jobTitle: 'Intern' }, { expectedVersion: 1 }));
    assert.ok(error instanceof ConflictError);
    assert.equal((await crm.contacts.get(c.id)).jobTitle, 'CEO');
  });

  it('finds a contact by any spelling of a phone number and any case of an email', async () => {
    const { crm } = testCrm({ defaultCountry: 'US' });
    const c = await crm.contacts.create({ firstName: 'Rose', phones: [{ value: '(209) 172-7124 x3651' }], emails: [{ value: 'Rose@Example.COM' }] });
    assert.equal(c.phones[0]!.e164, '+12091727124');
    assert.equal(c.phones[0]!.value, '(209) 172-7124 x3651', 'kept as typed');
    for (const spelling of ['+1 209 172 7124', '209.172.7124', '001 209 172 7124', '(209)1727124']) {
      assert.deepEqual((await crm.contacts.findByPhone(spelling)).map((x) => x.id), [c.id], spelling);
    }
    assert.deepEqual(await crm.contacts.findByPhone('+1 209 172 7125'), []);
    assert.deepEqual((await crm.contacts.findByEmail('  rose@example.com ')).map((x) => x.id), [c.id]);
  });

  it('works when its methods are taken off the service object', async () => {
    const { crm } = testCrm();
    const { create, setLifecycle } = crm.contacts;
    const c = await create({ firstName: 'Free' });
    assert.equal((await setLifecycle(c.id, 'prospect')).lifecycle, 'prospect');
  });

  it('keeps consent history: a withdrawal is appended, never overwrites the grant', async () => {
    const { crm } = testCrm();
    const c = await crm.contacts.create({ firstName: 'Mia' });
    const at = '2026-03-02T09:00:00.000Z';
    await crm.contacts.recordConsent(c.id, { purpose: 'newsletter', status: 'granted', at, wordingVersion: 'v1', method: 'form' });
    const after = await crm.contacts.recordConsent(c.id, { purpose: 'newsletter', status: 'withdrawn', at, wordingVersion: 'v1', method: 'email' });
    assert.deepEqual(after.consents.map((x) => x.status), ['granted', 'withdrawn']);
  });

  it('validates custom field values against their definitions', async () => {
    const { crm, storage } = testCrm();
    await crm.fields.define({ entity: 'contact', key: 'tier', label: 'Tier', type: 'select', options: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] });
    await crm.fields.define({ entity: 'contact', key: 'seats', label: 'Seats', type: 'number' });
    const ok = await crm.contacts.create({ firstName: 'Ada', custom: { tier: 'gold', seats: 12 } });
    assert.deepEqual(ok.custom, { tier: 'gold', seats: 12 });
    const before = await snapshot(storage);
    for (const custom of [{ tier: 'platinum' }, { seats: 'twelve' }, { unknownKey: 1 }]) {
      const error = await rejection(crm.contacts.create({ firstName: 'Bad', custom }));
      assert.ok(error instanceof ValidationError, JSON.stringify(custom));
      assert.equal(error.issues[0]!.path[0], 'custom');
    }
    assert.deepEqual(await snapshot(storage), before);
    const dup = await rejection(crm.fields.define({ entity: 'contact', key: 'tier', label: 'Again', type: 'text' }));
    assert.ok(dup instanceof ValidationError);
    const noOptions = await rejection(crm.fields.define({ entity: 'deal', key: 'kind', label: 'Kind', type: 'select' }));
    assert.ok(noOptions instanceof ValidationError);
  });

  it('keeps values of a removed field definition when the record is edited later', async () => {
    const { crm } = testCrm();
    const def = await crm.fields.define({ entity: 'contact', key: 'legacy', label: 'Legacy', type: 'text' });
    const c = await crm.contacts.create({ firstName: 'Old', custom: { legacy: 'kept' } });
    await crm.fields.remove(def.id);
    const edited = await crm.contacts.update(c.id, { custom: { ...c.custom } , jobTitle: 'New' });
    assert.equal(edited.custom.legacy, 'kept');
  });
});

describe('deals', () => {
  it('requires a lost reason for a lost stage and records it', async () => {
    const { crm, storage } = testCrm();
    const d = await crm.deals.create({ title: 'T', value: eur(100) });
    const before = await snapshot(storage);
    const error = await rejection(crm.deals.move(d.id, 'lost'));
    assert.ok(error instanceof ValidationError);
    assert.equal(error.issues[0]!.code, 'lost_reason_required');
    assert.deepEqual(await snapshot(storage), before);
    const lost = await crm.deals.move(d.id, 'lost', { lostReason: 'Chose a competitor' });
    assert.equal(lost.status, 'lost');
    assert.equal(lost.lostReason, 'Chose a competitor');
    const reopened = await crm.deals.move(d.id, 'proposal');
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.lostReason, undefined);
    assert.equal(reopened.closedAt, undefined);
  });

  it('makes a contact loyal after the configured number of won deals, and never moves it back', async () => {
    const { crm } = testCrm({ loyalAfterWonDeals: 2 });
    const c = await crm.contacts.create({ firstName: 'Repeat' });
    const d1 = await crm.deals.create({ title: '1', value: eur(1), contactIds: [c.id] });
    await crm.deals.move(d1.id, 'won');
    assert.equal((await crm.contacts.get(c.id)).lifecycle, 'customer');
    const d2 = await crm.deals.create({ title: '2', value: eur(1), contactIds: [c.id] });
    await crm.deals.move(d2.id, 'won');
    assert.equal((await crm.contacts.get(c.id)).lifecycle, 'loyal');
    const d3 = await crm.deals.create({ title: '3', value: eur(1), contactIds: [c.id] });
    await crm.deals.move(d3.id, 'won');
    assert.equal((await crm.contacts.get(c.id)).lifecycle, 'loyal');
  });

  it('emits typed events after commit, and none when the write fails', async () => {
    const { crm } = testCrm();
    const seen: string[] = [];
    crm.on('deal:moved', (e) => seen.push(`moved ${e.fromStageId}->${e.toStageId} v${e.deal.version}`));
    crm.on('deal:won', (e) => seen.push(`won ${e.deal.title}`));
    crm.on('contact:updated', (e) => seen.push(`contact ${e.previous.lifecycle}->${e.contact.lifecycle}`));
    const c = await crm.contacts.create({ firstName: 'E' });
    const d = await crm.deals.create({ title: 'Big', value: eur(5), contactIds: [c.id] });
    await rejection(crm.deals.move(d.id, 'proposal', { expectedVersion: 7 }));
    assert.deepEqual(seen, []);
    await crm.deals.move(d.id, 'won');
    assert.deepEqual(seen, ['contact lead->customer', 'moved qualified->won v2', 'won Big']);
  });

  it('refuses stage and status in a plain update: moves go through deals.move', async () => {
    const { crm } = testCrm();
    const d = await crm.deals.create({ title: 'T', value: eur(1) });
    const error = await rejection(crm.deals.update(d.id, { stageId: 'won' } as never));
    assert.ok(error instanceof ValidationError);
    assert.equal(error.issues[0]!.code, 'unrecognized_keys');
  });

  it('will not remove a stage that still holds deals', async () => {
    const { crm } = testCrm();
    const d = await crm.deals.create({ title: 'T', value: eur(1) });
    const p = await crm.pipelines.get(d.pipelineId);
    const error = await rejection(crm.pipelines.update(p.id, { stages: p.stages.filter((s) => s.id !== 'qualified') }));
    assert.ok(error instanceof ValidationError);
    assert.equal(error.issues[0]!.code, 'stage_in_use');
  });

  it('names the field when a deal points at a pipeline that does not exist', async () => {
    const { crm, storage } = testCrm();
    const before = await snapshot(storage);
    const error = await rejection(crm.deals.create({ title: 'T', value: eur(1), pipelineId: 'nope' }));
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.issues[0]!.path, ['pipelineId']);
    assert.equal(error.issues[0]!.code, 'unknown_reference');
    assert.deepEqual(await snapshot(storage), before);
  });

  it('creates the default pipeline once even when callers race', async () => {
    const { crm } = testCrm();
    const results = await Promise.all([crm.pipelines.ensureDefault(), crm.pipelines.ensureDefault(), crm.deals.create({ title: 'x', value: eur(1) })]);
    assert.equal(results[0].id, results[1].id);
    assert.equal((await crm.pipelines.list()).items.length, 1);
  });
});

describe('activities and tasks', () => {
  it('needs a link, and threads a reply under its parent', async () => {
    const { crm } = testCrm();
    const c = await crm.contacts.create({ firstName: 'T' });
    const orphan = await rejection(crm.activities.log({ type: 'note', text: 'floating' }));
    assert.ok(orphan instanceof ValidationError);
    const first = await crm.activities.log({ type: 'email', contactId: c.id, direction: 'inbound', subject: 'Price?' });
    const reply = await crm.activities.log({ type: 'email', contactId: c.id, direction: 'outbound', subject: 'Re: Price?', parentId: first.id });
    const again = await crm.activities.log({ type: 'call', contactId: c.id, direction: 'outbound', parentId: reply.id });
    assert.equal(reply.threadId, first.id);
    assert.equal(again.threadId, first.id);
    assert.deepEqual((await crm.activities.thread(first.id)).map((a) => a.id), [first.id, reply.id, again.id]);
    assert.equal((await crm.contacts.get(c.id)).lastInteractionAt, again.occurredAt);
    for (const bad of [{}, { foo: c.id }, { contactId: c.id, dealId: 'x' }, { contactId: '' }]) {
      const error = await rejection(crm.activities.timeline(bad as never));
      assert.ok(error instanceof ValidationError, JSON.stringify(bad));
    }
    const calls = await crm.activities.timeline({ contactId: c.id }, { types: ['call'] });
    assert.deepEqual(calls.items.map((a) => a.id), [again.id]);
  });

  it('completes a task and schedules the next one in the same batch, inheriting links', async () => {
    const { crm, storage } = testCrm();
    const c = await crm.contacts.create({ firstName: 'T' });
    const t = await crm.tasks.schedule({ title: 'Call back', kind: 'call', due: '2026-03-03', contactId: c.id });
    let batches = 0;
    storage.subscribe(() => batches++);
    const { task, next } = await crm.tasks.complete(t.id, { outcome: 'Wants a demo', next: { title: 'Demo', kind: 'meeting', due: '2026-03-06T10:00:00Z' } });
    assert.equal(batches, 1);
    assert.equal(task.outcome, 'Wants a demo');
    assert.ok(task.completedAt);
    assert.equal(next!.contactId, c.id);
    assert.equal(next!.previousTaskId, t.id);
    const badLink = await rejection(crm.tasks.update(next!.id, { dealId: 'no-such-deal' }));
    assert.ok(badLink instanceof ValidationError);
    assert.deepEqual(badLink.issues[0]!.path, ['dealId']);
    const again = await rejection(crm.tasks.complete(t.id));
    assert.ok(again instanceof ValidationError);
    const types = (await crm.activities.timeline({ contactId: c.id })).items.map((a) => a.type);
    assert.deepEqual(types.filter((x) => x !== 'created').sort(), ['task-completed']);
  });
});
