// The same segments on memory storage and on IndexedDB (real, in Chromium)
// give the same members: the segment engine leans on storage queries, and
// each engine answers them its own way.
import { expect } from '@open-wc/testing';
import { createCrm, fixedClock, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { deleteDatabase, uniqueName } from '../adapters/indexeddb-helpers.js';
import { FIXTURE_NOW, SEGMENT_CASES, namesOf, seedSegmentFixture, type FixtureIds } from '../fixtures/segment-fixture.js';

const UTC = { timeZone: 'UTC' };

async function answers(storage: StoragePort): Promise<{ ids: FixtureIds; found: Record<string, string[]>; pages: string[] }> {
  const crm = createCrm({ storage, clock: fixedClock(FIXTURE_NOW) });
  const ids = await seedSegmentFixture(crm);
  const found: Record<string, string[]> = {};
  for (const c of SEGMENT_CASES) found[c.name] = namesOf(ids, await crm.segments.ids(c.segment(ids), UTC));
  // Keyset pages of two, newest interaction first, through an index on IndexedDB.
  const pages: string[] = [];
  let after: string | undefined;
  do {
    const page = await crm.segments.list({ entity: 'contact', where: { field: 'lastInteractionAt', op: 'exists', value: true } }, { ...UTC, orderBy: { field: 'lastInteractionAt', direction: 'desc' }, limit: 2, after });
    pages.push(page.items.map((r) => r.firstName).join('+'));
    after = page.nextCursor;
  } while (after);
  return { ids, found, pages };
}

describe('segments on memory and IndexedDB', () => {
  it('select the same members, as worked out by hand, and page alike', async () => {
    const memory = await answers(memoryStorage());
    const name = uniqueName('segments');
    const idb = indexedDbStorage({ name });
    try {
      const indexed = await answers(idb);
      for (const c of SEGMENT_CASES) {
        expect(memory.found[c.name], `memory: ${c.name}`).to.deep.equal(c.expect);
        expect(indexed.found[c.name], `indexeddb: ${c.name}`).to.deep.equal(c.expect);
      }
      expect(memory.pages).to.deep.equal(['Dan+Ana', 'Ben']);
      expect(indexed.pages).to.deep.equal(['Dan+Ana', 'Ben']);
    } finally {
      await idb.close();
      await deleteDatabase(name);
    }
  });
});
