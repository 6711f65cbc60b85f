import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, daysUntilBirthday, type Crm, type CrmEvents, dateInZone } from '@kith/core';
import { rejection, snapshot, testCrm } from './helpers.ts';
import { until } from '../waiting.ts';

const DAY = 86_400_000;
const UTC = { timeZone: 'UTC' };

async function tasksOf(crm: Crm) {
  return (await crm.tasks.list({ limit: 1000, orderBy: { field: 'createdAt' } })).items;
}

describe('rules: definitions', () => {
  it('refuses a trigger, action or condition that does not suit the entity, naming each, and stores nothing', async () => {
    const { crm, storage } = testCrm();
    const before = await snapshot(storage);
    const e = await rejection(
      crm.rules.save({ name: 'x', entity: 'contact', trigger: { type: 'stage-entered', stageId: 'won' }, actions: [{ type: 'set-lifecycle', to: 'customer' }, { type: 'add-tag', tag: 'a' }] }),
    );
    assert.equal(e.code, 'validation');
    assert.deepEqual((e.issues as unknown as { path: unknown[]; code: string }[]).map((i) => [i.code, i.path.join('.')]), [['unsupported_trigger', 'trigger.type']]);
    const action = await rejection(crm.rules.save({ name: 'x', entity: 'deal', trigger: { type: 'created' }, actions: [{ type: 'set-lifecycle', to: 'customer' }] }));
    assert.deepEqual((action.issues as unknown as { code: string }[]).map((i) => i.code), ['unsupported_action']);
    const cond = await rejection(crm.rules.save({ name: 'x', entity: 'contact', trigger: { type: 'created' }, condition: { field: 'nickname', op: 'eq', value: 1 }, actions: [{ type: 'emit', event: 'x' }] }));
    assert.deepEqual((cond.issues as unknown as { path: unknown[] }[])[0]!.path, ['condition', 'field']);
    const shape = await rejection(crm.rules.save({ name: 'x', entity: 'contact', trigger: { type: 'no-interaction', days: 0 }, actions: [] } as never));
    assert.equal(shape.code, 'validation');
    assert.deepEqual(await snapshot(storage), before);
  });
});

describe('rules: event triggers', () => {
  it('assigns new paid leads round-robin, skipping those the condition leaves out', async () => {
    const { crm } = testCrm();
    const m1 = await crm.members.create({ name: 'One', email: 'one@example.com', role: 'rep' });
    const m2 = await crm.members.create({ name: 'Two', email: 'two@example.com', role: 'rep' });
    await crm.rules.save({ name: 'Paid leads', entity: 'contact', trigger: { type: 'created' }, condition: { field: 'source.channel', op: 'eq', value: 'paid' }, actions: [{ type: 'assign', strategy: 'round-robin' }] });
    const reports: number[] = [];
    const stop = crm.rules.start({ ...UTC, onReport: (r) => reports.push(r.done) });
    const made = [];
    for (const [i, channel] of (['paid', 'organic', 'paid', 'paid'] as const).entries()) made.push(await crm.contacts.create({ firstName: `L${i}`, source: { channel } }));
    await until(() => reports.length >= 4, 'four rule runs');
    stop();
    const owners = await Promise.all(made.map(async (c) => (await crm.contacts.get(c.id)).ownerId));
    assert.deepEqual(owners, [m1.id, undefined, m2.id, m1.id]);
  });

  it('assigns to the least loaded member', async () => {
    const { crm } = testCrm();
    const busy = await crm.members.create({ name: 'Busy', email: 'busy@example.com', role: 'rep' });
    const free = await crm.members.create({ name: 'Free', email: 'free@example.com', role: 'rep' });
    await crm.deals.create({ title: 'a', value: { amount: 1, currency: 'EUR' }, ownerId: busy.id });
    await crm.tasks.schedule({ title: 't', assigneeId: free.id });
    await crm.tasks.schedule({ title: 't', assigneeId: free.id });
    await crm.rules.save({ name: 'Balance', entity: 'deal', trigger: { type: 'created' }, actions: [{ type: 'assign', strategy: 'least-loaded' }] });
    const deal = await crm.deals.create({ title: 'new', value: { amount: 1, currency: 'EUR' } });
    const report = await crm.rules.handle({ entity: 'deal', kind: 'created', record: deal as never }, UTC);
    assert.equal(report.done, 1);
    // Busy: one open deal; Free: two open tasks.
    assert.equal((await crm.deals.get(deal.id)).ownerId, busy.id);
  });

  it('creates a task for the owner each time a deal enters a stage, and once per entry', async () => {
    const { crm, clock } = testCrm();
    const owner = await crm.members.create({ name: 'Owner', email: 'o@example.com', role: 'rep' });
    await crm.rules.save({ name: 'Proposal follow-up', entity: 'deal', trigger: { type: 'stage-entered', stageId: 'proposal' }, actions: [{ type: 'create-task', title: 'Send the proposal', kind: 'email', dueInDays: 2 }] });
    const deal = await crm.deals.create({ title: 'Site', value: { amount: 1, currency: 'EUR' }, ownerId: owner.id });
    const runs: number[] = [];
    const stop = crm.rules.start({ ...UTC, onReport: (r) => runs.push(r.done) });
    await crm.deals.move(deal.id, 'proposal');
    await until(() => runs.reduce((a, b) => a + b, 0) === 1, 'the first task');
    clock.advance(DAY);
    await crm.deals.move(deal.id, 'negotiation');
    clock.advance(DAY);
    await crm.deals.move(deal.id, 'proposal');
    await until(() => runs.reduce((a, b) => a + b, 0) === 2, 'the second task');
    stop();
    const tasks = (await tasksOf(crm)).filter((t) => t.title === 'Send the proposal');
    assert.deepEqual(tasks.map((t) => [t.dealId, t.assigneeId, t.kind, t.due]), [
      [deal.id, owner.id, 'email', '2026-03-04'],
      [deal.id, owner.id, 'email', '2026-03-06'],
    ]);
    // The same write handled again (a replay) acts no more.
    const replay = await crm.rules.handle({ entity: 'deal', kind: 'updated', record: (await crm.deals.get(deal.id)) as never, previous: { ...(await crm.deals.get(deal.id)), stageId: 'negotiation' } as never });
    assert.deepEqual([replay.done, replay.skipped], [0, 1]);
  });

  it('emits a host event when a field changes to a value, carrying the record', async () => {
    const { crm } = testCrm();
    await crm.rules.save({ name: 'Won customer', entity: 'contact', trigger: { type: 'field-changed', field: 'lifecycle', to: 'customer' }, actions: [{ type: 'emit', event: 'customer.won' }, { type: 'add-tag', tag: 'customer' }] });
    const heard: CrmEvents['rule:event'][] = [];
    crm.on('rule:event', (e) => heard.push(e));
    const stop = crm.rules.start(UTC);
    const ann = await crm.contacts.create({ firstName: 'Ann' });
    await crm.contacts.update(ann.id, { jobTitle: 'CEO' });
    await crm.contacts.setLifecycle(ann.id, 'customer');
    await until(() => heard.length === 1, 'the host event');
    let tags: string[] = [];
    for (let i = 0; i < 50 && !tags.includes('customer'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      tags = (await crm.contacts.get(ann.id)).tags;
    }
    stop();
    assert.deepEqual(tags, ['customer']);
    assert.equal(heard.length, 1);
    assert.equal(heard[0]!.event, 'customer.won');
    assert.equal(heard[0]!.recordId, ann.id);
    assert.equal(heard[0]!.record.lifecycle, 'customer');
  });

  it('stops two rules that feed each other after a few rounds', async () => {
    const { crm } = testCrm();
    await crm.members.create({ name: 'One', email: 'one@example.com', role: 'rep' });
    await crm.members.create({ name: 'Two', email: 'two@example.com', role: 'rep' });
    await crm.rules.save({ name: 'Flip', entity: 'contact', trigger: { type: 'field-changed', field: 'ownerId' }, actions: [{ type: 'assign', strategy: 'round-robin' }] });
    let runs = 0;
    const stop = crm.rules.start({ ...UTC, onReport: (r) => (runs += r.done) });
    const c = await crm.contacts.create({ firstName: 'Ping' });
    // Owner Two; the rule turns to One, then Two, then One: the third change is a rule's doing two levels deep, and stops.
    await crm.segments.assignOwner({ entity: 'contact', where: { field: 'id', op: 'eq', value: c.id } }, (await crm.members.list()).items[1]!.id);
    await until(() => runs >= 3, 'the chain');
    await new Promise((r) => setTimeout(r, 100));
    stop();
    assert.equal(runs, 3);
  });

  it('reports a failing action, writes no run mark, and acts on a later run', async () => {
    const { crm, storage } = testCrm();
    const c = await crm.contacts.create({ firstName: 'Ann' });
    const rule = await crm.rules.save({ name: 'To a member', entity: 'contact', trigger: { type: 'created' }, actions: [{ type: 'create-task', title: 'Call', assigneeId: 'ghost' }] });
    const report = await crm.rules.handle({ entity: 'contact', kind: 'created', record: c as never }, UTC);
    assert.equal(report.failed, 1);
    assert.equal(report.outcomes[0]!.error!.code, 'validation');
    assert.equal((await storage.query('rule-runs')).items.length, 0);
    const ghost = await crm.members.create({ name: 'Ghost', email: 'g@example.com', role: 'rep' });
    await crm.rules.save({ id: rule.id, name: rule.name, entity: rule.entity, trigger: rule.trigger, actions: [{ type: 'create-task', title: 'Call', assigneeId: ghost.id }] });
    assert.equal((await crm.rules.handle({ entity: 'contact', kind: 'created', record: c as never }, UTC)).done, 1);
  });
});

describe('rules: scheduled triggers with runDue(now)', () => {
  it('reminds of a quiet contact once, and again after a new interaction goes quiet', async () => {
    const { crm, clock } = testCrm();
    const owner = await crm.members.create({ name: 'Owner', email: 'o@example.com', role: 'rep' });
    await crm.rules.save({ name: 'A month of silence', entity: 'contact', trigger: { type: 'no-interaction', days: 30 }, actions: [{ type: 'create-task', title: 'Get back in touch', dueInDays: 0 }] });
    const ann = await crm.contacts.create({ firstName: 'Ann', ownerId: owner.id });
    const t0 = clock.now();
    assert.equal((await crm.rules.runDue(t0 + 29 * DAY, UTC)).done, 0);
    assert.equal((await crm.rules.runDue(t0 + 31 * DAY, UTC)).done, 1);
    assert.deepEqual([(await crm.rules.runDue(t0 + 32 * DAY, UTC)).done, (await crm.rules.runDue(t0 + 32 * DAY, UTC)).skipped], [0, 1]);
    await crm.activities.log({ type: 'call', direction: 'outbound', contactId: ann.id, occurredAt: new Date(t0 + 40 * DAY).toISOString() });
    assert.equal((await crm.rules.runDue(t0 + 60 * DAY, UTC)).done, 0);
    assert.equal((await crm.rules.runDue(t0 + 71 * DAY, UTC)).done, 1);
    assert.deepEqual((await tasksOf(crm)).map((t) => [t.title, t.contactId, t.assigneeId, t.due]), [
      ['Get back in touch', ann.id, owner.id, addDays('2026-03-02', 31)],
      ['Get back in touch', ann.id, owner.id, addDays('2026-03-02', 71)],
    ]);
  });

  it('reminds of a birthday once a year, judged on the viewer\'s calendar', async () => {
    const { crm } = testCrm();
    await crm.rules.save({ name: 'Birthday', entity: 'contact', trigger: { type: 'birthday', days: 3 }, condition: { field: 'lifecycle', op: 'ne', value: 'lost' }, actions: [{ type: 'create-task', title: 'Send wishes' }] });
    await crm.contacts.create({ firstName: 'Bea', birthday: '1990-03-10' });
    await crm.contacts.create({ firstName: 'Lost', birthday: '1990-03-10', lifecycle: 'lost' });
    // 6 March 22:30 UTC is already 7 March in Tbilisi: 3 days before.
    const late6th = Date.parse('2026-03-06T22:30:00Z');
    assert.equal((await crm.rules.runDue(late6th, UTC)).done, 0);
    assert.equal((await crm.rules.runDue(late6th, { timeZone: 'Asia/Tbilisi' })).done, 1);
    assert.equal((await crm.rules.runDue(Date.parse('2026-03-09T12:00:00Z'), UTC)).done, 0);
    assert.equal((await crm.rules.runDue(Date.parse('2027-03-08T12:00:00Z'), UTC)).done, 1);
    assert.equal((await tasksOf(crm)).length, 2);
  });

  it('flags a deal rotting in its stage once per stay, and an overdue task once per due date', async () => {
    const { crm, clock } = testCrm();
    await crm.rules.save({ name: 'Rotting', entity: 'deal', trigger: { type: 'rotting' }, actions: [{ type: 'add-tag', tag: 'stale' }, { type: 'emit', event: 'deal.rotting' }] });
    await crm.rules.save({ name: 'Late', entity: 'task', trigger: { type: 'task-overdue', days: 2 }, actions: [{ type: 'emit', event: 'task.late' }] });
    const heard: string[] = [];
    crm.on('rule:event', (e) => heard.push(`${e.event}:${e.recordId}`));
    const deal = await crm.deals.create({ title: 'Slow', value: { amount: 1, currency: 'EUR' } }); // qualified rots after 14 days
    const task = await crm.tasks.schedule({ title: 'Call', due: '2026-03-14' });
    const t0 = clock.now();
    await crm.rules.runDue(t0 + 13 * DAY, UTC);
    assert.equal(heard.length, 0, 'nothing yet: 13 days in the stage, the task 1 day late');
    await crm.rules.runDue(t0 + 15 * DAY, UTC);
    await crm.rules.runDue(t0 + 16 * DAY, UTC);
    assert.deepEqual(heard.sort(), [`deal.rotting:${deal.id}`, `task.late:${task.id}`]);
    assert.deepEqual((await crm.deals.get(deal.id)).tags, ['stale']);
    await crm.tasks.update(task.id, { due: '2026-03-20' });
    await crm.rules.runDue(t0 + 21 * DAY, UTC);
    assert.equal(heard.filter((h) => h.startsWith('task.late')).length, 2);
  });
});

describe('rules: properties', () => {
  const contactArb = fc.record({ quietDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }), birthday: fc.option(fc.date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }), { nil: undefined }) });
  const timesArb = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 });

  async function world(contacts: { quietDays?: number | undefined; birthday?: Date | undefined }[], clockAt?: number) {
    const { crm, clock } = testCrm();
    const start = clock.now();
    await crm.rules.save({ name: 'Quiet', entity: 'contact', trigger: { type: 'no-interaction', days: 30 }, actions: [{ type: 'create-task', title: 'quiet' }] });
    await crm.rules.save({ name: 'Birthday', entity: 'contact', trigger: { type: 'birthday', days: 7 }, actions: [{ type: 'create-task', title: 'birthday' }] });
    const ids: string[] = [];
    for (const [i, c] of contacts.entries()) {
      const made = await crm.contacts.create({ firstName: `C${i}`, ...(c.birthday ? { birthday: c.birthday.toISOString().slice(0, 10) } : {}) });
      if (c.quietDays !== undefined) await crm.activities.log({ type: 'call', direction: 'inbound', contactId: made.id, occurredAt: new Date(start - c.quietDays * DAY).toISOString() });
      ids.push(made.id);
    }
    if (clockAt !== undefined) clock.set(clockAt);
    return { crm, start, ids };
  }

  const reminders = async (crm: Crm) => (await tasksOf(crm)).map((t) => `${t.title}:${t.contactId}`).sort();

  it('never creates the same reminder twice: a second run at the same moment does nothing, and the reminders are exactly the occurrences met', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contactArb, { maxLength: 5 }), timesArb, async (contacts, times) => {
        const { crm, start, ids } = await world(contacts);
        const expected = new Set<string>();
        for (const d of times) {
          const now = start + d * DAY;
          const first = await crm.rules.runDue(now, UTC);
          const second = await crm.rules.runDue(now, UTC);
          assert.equal(second.done, 0);
          assert.equal(second.skipped, first.done + first.skipped);
          contacts.forEach((c, i) => {
            const last = start - (c.quietDays ?? 0) * DAY;
            if (last < now - 30 * DAY) expected.add(`quiet:${ids[i]}`);
            if (c.birthday) {
              const left = daysUntilBirthday(c.birthday.toISOString().slice(0, 10), now, 'UTC');
              if (left <= 7) expected.add(`birthday:${ids[i]}:${addDays(dateInZone(now, 'UTC'), left)}`);
            }
          });
        }
        const made = (await tasksOf(crm)).map((t) => t.title);
        assert.equal(made.filter((t) => t === 'quiet').length, [...expected].filter((k) => k.startsWith('quiet')).length);
        assert.equal(made.filter((t) => t === 'birthday').length, [...expected].filter((k) => k.startsWith('birthday')).length);
      }),
      { numRuns: 30 },
    );
  });

  it('depends only on the moment given, not on the CRM clock or the order of runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contactArb, { maxLength: 4 }), timesArb, fc.integer({ min: -1000, max: 1000 }), async (contacts, times, skewDays) => {
        const a = await world(contacts);
        const b = await world(contacts, Date.parse('2026-03-02T09:00:00Z') + skewDays * DAY);
        for (const d of times) await a.crm.rules.runDue(a.start + d * DAY, UTC);
        for (const d of [...times].reverse()) await b.crm.rules.runDue(b.start + d * DAY, UTC);
        const norm = (ids: string[], list: string[]) => list.map((s) => s.replace(/C?[0-9a-f-]{36}/g, (id) => `#${ids.indexOf(id)}`)).sort();
        assert.deepEqual(norm(a.ids, await reminders(a.crm)), norm(b.ids, await reminders(b.crm)));
      }),
      { numRuns: 25 },
    );
  });
});
