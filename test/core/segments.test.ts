import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCrm, fixedClock, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { rejection, snapshot, testCrm } from './helpers.ts';
import { FIXTURE_NOW, SEGMENT_CASES, namesOf, seedSegmentFixture } from '../fixtures/segment-fixture.ts';

const UTC = { timeZone: 'UTC' };

describe('segments: the filter language', () => {
  for (const c of SEGMENT_CASES) {
    it(`selects ${c.name}`, async () => {
      const { crm } = testCrm();
      const ids = await seedSegmentFixture(crm);
      assert.deepEqual(namesOf(ids, await crm.segments.ids(c.segment(ids), UTC)), c.expect);
      assert.equal(await crm.segments.count(c.segment(ids), UTC), c.expect.length);
    });
  }

  it('judges birthdays and relative dates at the moment and in the zone it is given', async () => {
    const { crm } = testCrm();
    const ids = await seedSegmentFixture(crm);
    // Dan's birthday is 2 March. At 23:30 UTC on 1 March it is already 2 March in Tbilisi, not yet in Honolulu.
    const now = Date.parse('2026-03-01T23:30:00Z');
    const today = { entity: 'contact' as const, where: { birthdayWithin: 0 } };
    assert.deepEqual(namesOf(ids, await crm.segments.ids(today, { now, timeZone: 'Asia/Tbilisi' })), ['dan']);
    assert.deepEqual(namesOf(ids, await crm.segments.ids(today, { now, timeZone: 'Pacific/Honolulu' })), []);
  });

  it('refuses a malformed segment, an unknown field, a custom field nobody defined and a condition the entity lacks, naming each', async () => {
    const { crm } = testCrm();
    await seedSegmentFixture(crm);
    const bad = await rejection(crm.segments.ids({ entity: 'contact', where: { field: 'lifecycle', op: 'like', value: 'lead' } } as never));
    assert.equal(bad.code, 'validation');
    assert.deepEqual(bad.issues![0]!.path.slice(0, 1), ['where']);
    const unknown = await rejection(crm.segments.ids({ entity: 'contact', where: { and: [{ field: 'nickname', op: 'eq', value: 'x' }, { field: 'custom.nope', op: 'eq', value: 1 }] } }));
    assert.deepEqual((unknown.issues as unknown as { code: string; path: unknown[] }[]).map((i) => [i.code, i.path.join('.')]), [
      ['unknown_field', 'where.and.0.field'],
      ['unknown_field', 'where.and.1.field'],
    ]);
    const wrongKind = await rejection(crm.segments.ids({ entity: 'deal', where: { or: [{ birthdayWithin: 3 }, { openDeal: true }, { lastInteraction: { after: { daysAgo: 1 } } }] } }));
    assert.deepEqual((wrongKind.issues as unknown as { code: string }[]).map((i) => i.code), ['unsupported_condition', 'unsupported_condition', 'unsupported_condition']);
    const noBound = await rejection(crm.segments.ids({ entity: 'contact', where: { lastInteraction: {} } }));
    assert.equal(noBound.code, 'validation');
  });

  it('pages through members in order with a cursor, on one ordered walk and on a union of queries', async () => {
    const { crm } = testCrm();
    await seedSegmentFixture(crm);
    for (const where of [{ field: 'tags', op: 'has', value: 'vip' }, { or: [{ field: 'tags', op: 'has', value: 'vip' }, { field: 'lifecycle', op: 'eq', value: 'lost' }] }] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await crm.segments.list({ entity: 'contact', where }, { ...UTC, orderBy: { field: 'lastName' }, limit: 1, after });
        assert.ok(page.items.length <= 1);
        seen.push(...page.items.map((r) => r.lastName as string));
        after = page.nextCursor;
      } while (after);
      assert.deepEqual(seen, 'or' in where ? ['Carter', 'Dunn', 'Olsen'] : ['Carter', 'Olsen']);
    }
    await assert.rejects(crm.segments.list({ entity: 'contact', where: { openDeal: true } }, { after: 'not-a-cursor' }), { code: 'validation' });
  });

  it('reads through storage queries: a tag segment over 300 contacts reads only its members', async () => {
    const storage = memoryStorage();
    let read = 0;
    const counting: StoragePort = {
      ...storage,
      name: storage.name,
      query: async (c, q) => {
        const page = await storage.query(c, q);
        if (c === 'contacts') read += page.items.length;
        return page;
      },
    };
    const crm = createCrm({ storage: counting, clock: fixedClock(FIXTURE_NOW) });
    for (let i = 0; i < 300; i++) await crm.contacts.create({ firstName: `P${i}`, tags: i % 100 === 0 ? ['vip'] : [] });
    read = 0;
    assert.equal((await crm.segments.ids({ entity: 'contact', where: { and: [{ field: 'tags', op: 'has', value: 'vip' }, { field: 'firstName', op: 'contains', value: 'p' }] } })).length, 3);
    assert.equal(read, 3);
  });
});

describe('segments: saved, and bulk actions', () => {
  it('saves, lists, evaluates by id and deletes a segment; a bad one is refused and nothing is stored', async () => {
    const { crm, storage } = testCrm();
    const ids = await seedSegmentFixture(crm);
    const vip = await crm.segments.save({ name: 'VIPs', entity: 'contact', where: { field: 'tags', op: 'has', value: 'vip' } });
    await crm.segments.save({ name: 'Asleep', entity: 'contact', where: { lastInteraction: { before: { daysAgo: 30 } } } });
    assert.deepEqual((await crm.segments.all()).map((s) => s.name), ['Asleep', 'VIPs']);
    assert.deepEqual(namesOf(ids, await crm.segments.ids(vip.id)), ['ana', 'cleo']);
    const renamed = await crm.segments.save({ id: vip.id, name: 'Very important', entity: 'contact', where: vip.where });
    assert.equal(renamed.version, 2);
    const before = await snapshot(storage);
    const bad = await rejection(crm.segments.save({ name: 'Bad', entity: 'deal', where: { birthdayWithin: 2 } }));
    assert.equal((bad.issues as unknown as { code: string }[])[0]!.code, 'unsupported_condition');
    assert.deepEqual(await snapshot(storage), before);
    await crm.segments.remove(vip.id);
    await assert.rejects(crm.segments.ids(vip.id), { code: 'not-found' });
  });

  it('assigns an owner to every member, recording each change, and a second run changes nothing', async () => {
    const { crm } = testCrm();
    const ids = await seedSegmentFixture(crm);
    const vip = { entity: 'contact' as const, where: { field: 'tags', op: 'has', value: 'vip' } as const };
    const first = await crm.segments.assignOwner(vip, ids.bob);
    assert.deepEqual({ ...first, failed: first.failed.length }, { matched: 2, changed: 2, unchanged: 0, failed: 0 });
    for (const name of ['ana', 'cleo'] as const) assert.equal((await crm.contacts.get(ids[name])).ownerId, ids.bob);
    const types: string[] = [];
    for await (const a of crm.activities.feed({ contactId: ids.cleo })) types.push(a.type);
    assert.ok(types.includes('owner-changed'));
    const again = await crm.segments.assignOwner(vip, ids.bob);
    assert.deepEqual([again.changed, again.unchanged], [0, 2]);
    await assert.rejects(crm.segments.assignOwner(vip, 'nobody'), { code: 'validation' });
  });

  it('adds a tag to members lacking it, and creates a task per member for its owner', async () => {
    const { crm } = testCrm();
    const ids = await seedSegmentFixture(crm);
    const withDeals = { entity: 'contact' as const, where: { openDeal: true } };
    const tagged = await crm.segments.addTag({ entity: 'contact', where: { field: 'lifecycle', op: 'in', value: ['lead', 'prospect'] } }, 'vip');
    assert.deepEqual([tagged.matched, tagged.changed, tagged.unchanged], [2, 0, 2]);
    const hot = await crm.segments.addTag(withDeals, 'hot');
    assert.equal(hot.changed, 2);
    assert.deepEqual((await crm.contacts.get(ids.ben)).tags, ['hot']);
    const tasks = await crm.segments.createTasks(withDeals, { title: 'Check in', kind: 'call', dueInDays: 2 }, UTC);
    assert.equal(tasks.changed, 2);
    const benTasks = (await crm.tasks.list({ where: [{ field: 'contactId', op: 'eq', value: ids.ben }] })).items;
    assert.deepEqual(benTasks.map((t) => [t.title, t.due, t.assigneeId, t.kind]), [['Check in', '2026-03-04', ids.bob, 'call']]);
    await assert.rejects(crm.segments.addTag(withDeals, 'a,b'), { code: 'validation' });
    await assert.rejects(crm.segments.createTasks(withDeals, { title: '' }), { code: 'validation' });
  });
});
