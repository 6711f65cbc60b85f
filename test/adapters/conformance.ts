/**
 * The storage port's conformance suite. Every adapter runs every case: adding
 * an adapter means one fixture and one row, and the case list is a non-empty
 * tuple so no adapter can run zero cases. It uses only `describe`/`it` handed
 * in and chai's `expect`, so it runs under Node's test runner and under mocha
 * in Chromium alike.
 */
import { expect } from 'chai';
import type { ChangeSet, StoragePort, StoredRecord } from '@kith/core';
import { rejection, settle, until } from '../waiting.js';

/** The test functions of the host runner. */
export interface Harness {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
}

/** How to make a fresh, empty storage of one adapter (and dispose of it). */
export interface AdapterFixture {
  name: string;
  create(): Promise<StoragePort>;
  dispose?(storage: StoragePort): Promise<void>;
}

type Case = readonly [name: string, run: (s: StoragePort) => Promise<void>];

const put = (collection: string, record: Record<string, unknown>, expectedVersion?: number) =>
  ({ type: 'put', collection, record: record as { id: string }, ...(expectedVersion === undefined ? {} : { expectedVersion }) }) as const;

async function seedPeople(s: StoragePort, n: number): Promise<StoredRecord[]> {
  const records = Array.from({ length: n }, (_, i) => ({
    id: `p${String(i).padStart(5, '0')}`,
    name: `person ${i}`,
    age: (i * 7919) % 90,
    city: ['Tbilisi', 'Nairobi', 'Girona', 'Kazan'][i % 4],
    tags: i % 3 === 0 ? ['vip', 'x'] : ['x'],
    ...(i % 5 === 0 ? {} : { score: i % 11 }),
    nested: { level: i % 2 },
  }));
  for (let i = 0; i < records.length; i += 500) await s.batch(records.slice(i, i + 500).map((r) => put('people', r)));
  return records as unknown as StoredRecord[];
}

async function allPages(s: StoragePort, query: Parameters<StoragePort['query']>[1], pageSize: number): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await s.query('people', { ...query, limit: pageSize, ...(after ? { after } : {}) });
    expect(page.items.length).to.be.at.most(pageSize);
    out.push(...page.items);
    after = page.nextCursor;
    if (++pages > 10_000) throw new Error('pagination does not end');
  } while (after);
  return out;
}

export const CASES = [
  ['get returns what put stored, with version 1; a missing id gives undefined', async (s) => {
    const [stored] = await s.batch([put('contacts', { id: 'a', name: 'Ana', n: 1 })]);
    expect(stored).to.deep.equal({ id: 'a', name: 'Ana', n: 1, version: 1 });
    expect(await s.get('contacts', 'a')).to.deep.equal({ id: 'a', name: 'Ana', n: 1, version: 1 });
    expect(await s.get('contacts', 'nobody')).to.equal(undefined);
    expect(await s.get('other', 'a')).to.equal(undefined);
  }],
  ['a put over a record replaces it and raises its version; a delete removes it', async (s) => {
    await s.batch([put('contacts', { id: 'a', name: 'Ana', old: true })]);
    const [second] = await s.batch([put('contacts', { id: 'a', name: 'Anna' })]);
    expect(second).to.deep.equal({ id: 'a', name: 'Anna', version: 2 });
    await s.batch([{ type: 'delete', collection: 'contacts', id: 'a' }]);
    expect(await s.get('contacts', 'a')).to.equal(undefined);
    const again = await s.batch([{ type: 'delete', collection: 'contacts', id: 'a' }]);
    expect(again).to.deep.equal([]);
  }],
  ['values round-trip exactly: unicode, nesting, arrays, numbers, booleans', async (s) => {
    const record = { id: 'u', name: 'ნინო Ꭰ 🙂 Ελένη', nested: { a: [1, 2.5, -3], b: { c: true, d: null } }, empty: [], zero: 0, f: false };
    await s.batch([put('contacts', record)]);
    expect(await s.get('contacts', 'u')).to.deep.equal({ ...record, version: 1 });
  }],
  ['returned objects are copies: mutating them changes nothing stored', async (s) => {
    const input = { id: 'a', name: 'Ana', tags: ['x'] };
    const [stored] = await s.batch([put('contacts', input)]);
    input.name = 'changed';
    input.tags.push('input');
    stored!.name = 'changed';
    (stored!.tags as string[]).push('stored');
    const got = await s.get('contacts', 'a');
    got!.name = 'changed';
    (got!.tags as string[]).push('got');
    const page = await s.query('contacts', {});
    (page.items[0]!.tags as string[]).push('queried');
    expect(await s.get('contacts', 'a')).to.deep.equal({ id: 'a', name: 'Ana', tags: ['x'], version: 1 });
  }],
  ['filters: eq, ne, ranges, in, has, prefix, exists and dotted paths', async (s) => {
    const people = await seedPeople(s, 200);
    const ids = async (where: Parameters<StoragePort['count']>[1]) =>
      (await s.query('people', { where: where!, limit: 1000 })).items.map((r) => r.id).sort();
    const expected = (pred: (r: Record<string, unknown>) => boolean) => people.filter((r) => pred(r)).map((r) => r.id).sort();
    expect(await ids([{ field: 'city', op: 'eq', value: 'Girona' }])).to.deep.equal(expected((r) => r.city === 'Girona'));
    expect(await ids([{ field: 'city', op: 'ne', value: 'Girona' }])).to.deep.equal(expected((r) => r.city !== 'Girona'));
    expect(await ids([{ field: 'age', op: 'lt', value: 30 }])).to.deep.equal(expected((r) => (r.age as number) < 30));
    expect(await ids([{ field: 'age', op: 'lte', value: 30 }])).to.deep.equal(expected((r) => (r.age as number) <= 30));
    expect(await ids([{ field: 'age', op: 'gt', value: 60 }, { field: 'age', op: 'gte', value: 10 }])).to.deep.equal(expected((r) => (r.age as number) > 60));
    expect(await ids([{ field: 'name', op: 'gte', value: 'person 5' }])).to.deep.equal(expected((r) => (r.name as string) >= 'person 5'));
    expect(await ids([{ field: 'city', op: 'in', value: ['Kazan', 'Nairobi'] }])).to.deep.equal(expected((r) => r.city === 'Kazan' || r.city === 'Nairobi'));
    expect(await ids([{ field: 'tags', op: 'has', value: 'vip' }])).to.deep.equal(expected((r) => (r.tags as string[]).includes('vip')));
    expect(await ids([{ field: 'name', op: 'prefix', value: 'person 1' }])).to.deep.equal(expected((r) => (r.name as string).startsWith('person 1')));
    expect(await ids([{ field: 'score', op: 'exists', value: false }])).to.deep.equal(expected((r) => r.score === undefined));
    expect(await ids([{ field: 'score', op: 'exists', value: true }])).to.deep.equal(expected((r) => r.score !== undefined));
    // A missing field fails every comparison but `ne`.
    expect(await ids([{ field: 'score', op: 'lt', value: 100 }])).to.deep.equal(expected((r) => r.score !== undefined));
    expect(await ids([{ field: 'nested.level', op: 'eq', value: 1 }])).to.deep.equal(expected((r) => (r.nested as { level: number }).level === 1));
    // Comparisons never cross types: a string bound matches no numbers.
    expect(await ids([{ field: 'age', op: 'gt', value: '0' }])).to.deep.equal([]);
    expect(await s.count('people', [{ field: 'city', op: 'eq', value: 'Kazan' }])).to.equal(expected((r) => r.city === 'Kazan').length);
    expect(await s.count('people')).to.equal(200);
    expect(await s.count('nothing-here')).to.equal(0);
  }],
  ['sort: ascending and descending by a field, ties by id, missing values first', async (s) => {
    await seedPeople(s, 60);
    const asc = (await s.query('people', { orderBy: { field: 'score' }, limit: 100 })).items;
    const key = (r: StoredRecord) => [r.score === undefined ? -1 : (r.score as number), r.id] as const;
    for (let i = 1; i < asc.length; i++) {
      const [a, ia] = key(asc[i - 1]!);
      const [b, ib] = key(asc[i]!);
      expect(a < b || (a === b && ia < ib), `ascending at ${i}`).to.equal(true);
    }
    expect(asc[0]!.score).to.equal(undefined);
    const desc = (await s.query('people', { orderBy: { field: 'score', direction: 'desc' }, limit: 100 })).items;
    expect(desc.map((r) => r.id)).to.deep.equal([...asc].reverse().map((r) => r.id));
    const byId = (await s.query('people', { limit: 100 })).items.map((r) => r.id);
    expect(byId).to.deep.equal([...byId].sort());
  }],
  ['keyset pages over 3,000 records visit each match once, in order, in every direction', async (s) => {
    const people = await seedPeople(s, 3000);
    const full = (await s.query('people', { orderBy: { field: 'age' }, limit: 10_000 })).items.map((r) => r.id);
    expect(full.length).to.equal(3000);
    const paged = (await allPages(s, { orderBy: { field: 'age' } }, 128)).map((r) => r.id);
    expect(paged).to.deep.equal(full);
    const where = [{ field: 'city', op: 'eq' as const, value: 'Tbilisi' }];
    const desc = (await allPages(s, { where, orderBy: { field: 'name', direction: 'desc' } }, 77)).map((r) => r.id);
    const want = people.filter((r) => r.city === 'Tbilisi').sort((a, b) => (a.name! < b.name! ? 1 : a.name! > b.name! ? -1 : a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect(desc).to.deep.equal(want);
    const withMissing = await allPages(s, { orderBy: { field: 'score' } }, 333);
    expect(new Set(withMissing.map((r) => r.id)).size).to.equal(3000);
  }],
  ['a keyset page does not shift when records are added before its cursor', async (s) => {
    await seedPeople(s, 100);
    const first = await s.query('people', { limit: 10 });
    await s.batch([put('people', { id: 'a-before-everything' })]);
    const second = await s.query('people', { limit: 10, after: first.nextCursor! });
    expect(second.items[0]!.id).to.equal('p00010');
    const last = await s.query('people', { limit: 10, after: second.nextCursor! });
    expect(last.items[0]!.id).to.equal('p00020');
  }],
  ['the last page has no cursor; an empty collection gives an empty page', async (s) => {
    expect(await s.query('people', {})).to.deep.equal({ items: [] });
    await seedPeople(s, 10);
    const page = await s.query('people', { limit: 10 });
    expect(page.items.length).to.equal(10);
    expect(page.nextCursor).to.equal(undefined);
  }],
  ['a batch is atomic: one conflicting write leaves nothing written and notifies no one', async (s) => {
    await s.batch([put('deals', { id: 'd1', stage: 'a' }), put('contacts', { id: 'c1', n: 1 })]);
    const seen: ChangeSet[] = [];
    const off = s.subscribe((c) => seen.push(c));
    const error = await rejection(
      s.batch([
        put('deals', { id: 'd1', stage: 'b' }, 1),
        put('activities', { id: 'a1', type: 'moved' }, 0),
        { type: 'delete', collection: 'contacts', id: 'c1', expectedVersion: 1 },
        put('contacts', { id: 'c2', n: 2 }, 3),
      ]),
    );
    expect(error.code).to.equal('conflict');
    expect(await s.get('deals', 'd1')).to.deep.equal({ id: 'd1', stage: 'a', version: 1 });
    expect(await s.get('activities', 'a1')).to.equal(undefined);
    expect(await s.get('contacts', 'c1')).to.deep.equal({ id: 'c1', n: 1, version: 1 });
    expect(await s.get('contacts', 'c2')).to.equal(undefined);
    await settle();
    expect(seen).to.deep.equal([]);
    off();
  }],
  ['writes within one batch see each other: put then guarded put of the same record', async (s) => {
    const stored = await s.batch([put('deals', { id: 'd', n: 1 }, 0), put('deals', { id: 'd', n: 2 }, 1)]);
    expect(stored.map((r) => r.version)).to.deep.equal([1, 2]);
    expect(await s.get('deals', 'd')).to.deep.equal({ id: 'd', n: 2, version: 2 });
  }],
  ['optimistic concurrency: a stale or create-only write raises ConflictError with both versions', async (s) => {
    await s.batch([put('deals', { id: 'd', n: 1 }, 0)]);
    const dup = await rejection(s.batch([put('deals', { id: 'd', n: 9 }, 0)]));
    expect(dup.code).to.equal('conflict');
    expect(dup.name).to.equal('ConflictError');
    expect(dup.expectedVersion).to.equal(0);
    expect(dup.actualVersion).to.equal(1);
    await s.batch([put('deals', { id: 'd', n: 2 }, 1)]);
    const stale = await rejection(s.batch([put('deals', { id: 'd', n: 3 }, 1)]));
    expect(stale.code).to.equal('conflict');
    expect(stale.actualVersion).to.equal(2);
    const gone = await rejection(s.batch([{ type: 'delete', collection: 'deals', id: 'd', expectedVersion: 1 }]));
    expect(gone.code).to.equal('conflict');
    expect(await s.get('deals', 'd')).to.deep.equal({ id: 'd', n: 2, version: 2 });
    const ghost = await rejection(s.batch([put('deals', { id: 'ghost', n: 1 }, 4)]));
    expect(ghost.actualVersion).to.equal(0);
  }],
  ['subscribers get each committed batch once, filtered by collection, until they unsubscribe', async (s) => {
    const all: ChangeSet[] = [];
    const deals: ChangeSet[] = [];
    const offAll = s.subscribe((c) => all.push(c));
    const offDeals = s.subscribe((c) => deals.push(c), { collections: ['deals'] });
    await s.batch([put('deals', { id: 'd', n: 1 }), put('activities', { id: 'a', n: 1 })]);
    await until(() => all.length === 1 && deals.length === 1, 'the first change set');
    expect(all[0]!.changes.map((c) => [c.type, c.collection, c.id, c.version])).to.deep.equal([
      ['put', 'deals', 'd', 1],
      ['put', 'activities', 'a', 1],
    ]);
    expect(all[0]!.changes[0]!.record).to.deep.equal({ id: 'd', n: 1, version: 1 });
    expect(deals[0]!.changes.map((c) => c.id)).to.deep.equal(['d']);
    await s.batch([put('activities', { id: 'b', n: 1 })]);
    await s.batch([{ type: 'delete', collection: 'deals', id: 'd' }]);
    await until(() => all.length === 3, 'the delete');
    expect(all[2]!.changes).to.deep.equal([{ type: 'delete', collection: 'deals', id: 'd', version: 1 }]);
    expect(deals.length).to.equal(2);
    offAll();
    offDeals();
    await s.batch([put('deals', { id: 'e', n: 1 })]);
    await settle();
    expect(all.length).to.equal(3);
    expect(deals.length).to.equal(2);
  }],
  ['a throwing subscriber does not break the write or other subscribers', async (s) => {
    const seen: string[] = [];
    const originalError = console.error;
    console.error = () => {};
    try {
      const off1 = s.subscribe(() => {
        throw new Error('boom');
      });
      const off2 = s.subscribe((c) => seen.push(c.changes[0]!.id));
      await s.batch([put('deals', { id: 'd', n: 1 })]);
      await until(() => seen.length === 1, 'the second subscriber');
      expect(await s.get('deals', 'd')).to.not.equal(undefined);
      off1();
      off2();
    } finally {
      console.error = originalError;
    }
  }],
  ['malformed writes and queries raise ValidationError and store nothing', async (s) => {
    const badOps = [
      [put('deals', { n: 1 })],
      [put('', { id: 'x' })],
      [put('deals', { id: 'x' }, -1)],
      [{ type: 'upsert', collection: 'deals', id: 'x' }],
      [put('deals', { id: 'ok' }), { type: 'delete', collection: 'deals' }],
    ];
    for (const ops of badOps) {
      const error = await rejection(s.batch(ops as never));
      expect(error.code, JSON.stringify(ops)).to.equal('validation');
    }
    expect(await s.get('deals', 'ok')).to.equal(undefined);
    expect((await rejection(s.query('deals', { limit: 0 }))).code).to.equal('validation');
    expect((await rejection(s.query('deals', { after: 'not a cursor!' }))).code).to.equal('validation');
    expect((await rejection(s.query('deals', { where: [{ field: 'a', op: 'like' as never, value: 1 }] }))).code).to.equal('validation');
    expect((await rejection(s.query('deals', { where: [{ field: 'a', op: 'in', value: 'x' }] }))).code).to.equal('validation');
  }],
  ['after close every call rejects with code "closed"', async (s) => {
    await s.batch([put('deals', { id: 'd' })]);
    await s.close();
    expect((await rejection(s.get('deals', 'd'))).code).to.equal('closed');
    expect((await rejection(s.query('deals', {}))).code).to.equal('closed');
    expect((await rejection(s.batch([put('deals', { id: 'e' })]))).code).to.equal('closed');
    expect((await rejection(s.count('deals'))).code).to.equal('closed');
  }],
] as const satisfies readonly [Case, ...Case[]];

/** Registers every case for one adapter. */
export function conformance(h: Harness, fixture: AdapterFixture): void {
  h.describe(`storage conformance: ${fixture.name}`, () => {
    for (const [name, run] of CASES) {
      h.it(name, async () => {
        const storage = await fixture.create();
        try {
          await run(storage);
        } finally {
          await fixture.dispose?.(storage);
        }
      });
    }
  });
}
