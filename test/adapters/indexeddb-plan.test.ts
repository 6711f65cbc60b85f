/** The IndexedDB query planner is pure: which index a query walks is checked here, in Node, without a browser. */
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { compareKeys, sortKey } from '../../packages/adapters/src/indexeddb/keys.ts';
import { CORE_LAYOUT, fromRow, parseLayout, rowBuilder } from '../../packages/adapters/src/indexeddb/layout.ts';
import { planQuery } from '../../packages/adapters/src/indexeddb/plan.ts';
import { compareValues } from '@kith/core';

const layout = parseLayout(CORE_LAYOUT);
const specs = (c: string) => layout.get(c)!;

describe('indexeddb planner', () => {
  it('index keys sort exactly as compareValues: missing, numbers, strings, booleans, the rest', () => {
    const values = [undefined, null, -5, 0, 2.5, 1e9, '', 'A', 'a', 'ab', 'ё', false, true, { x: 1 }, [1]];
    for (const a of values) {
      for (const b of values) {
        expect(Math.sign(compareKeys(sortKey(a), sortKey(b))), `${String(a)} vs ${String(b)}`).to.equal(compareValues(a, b));
      }
    }
  });

  it("a timeline walks the subject's index newest first, bounded to that subject", () => {
    const plan = planQuery(specs('activities'), [{ field: 'contactId', op: 'eq', value: 'c1' }], { field: 'occurredAt', direction: 'desc' }, undefined);
    expect(plan).to.deep.include({ kind: 'ordered', index: 'contactId+occurredAt', direction: 'prev', exact: true });
    expect(plan.kind === 'ordered' && plan.bounds.lower).to.deep.equal(['c1']);
  });

  it('a deep keyset page starts at its cursor inside the index range, not at the start', () => {
    const plan = planQuery(specs('deals'), [{ field: 'pipelineId', op: 'eq', value: 'p' }, { field: 'stageId', op: 'eq', value: 's' }], { field: 'updatedAt' }, { value: '2026-05-01', id: 'd9' });
    expect(plan).to.deep.include({ kind: 'ordered', index: 'pipelineId+stageId+updatedAt', direction: 'next', exact: true });
    // The cursor's key is included: its ties after id d9 come first (index keys hold no id).
    expect(plan.kind === 'ordered' && plan.bounds).to.deep.include({ lower: ['p', 's', '2026-05-01'], lowerOpen: false });
    expect(plan.kind === 'ordered' && plan.resume).to.deep.equal({ key: ['p', 's', '2026-05-01'], id: 'd9' });
  });

  it('walking newest first, the cursor caps the upper end', () => {
    const plan = planQuery(specs('activities'), [{ field: 'contactId', op: 'eq', value: 'c1' }], { field: 'occurredAt', direction: 'desc' }, { value: '2026-03-01', id: 'a5' });
    expect(plan.kind === 'ordered' && plan.bounds).to.deep.include({ lower: ['c1'], upper: ['c1', '2026-03-01'], upperOpen: false });
    expect(plan.kind === 'ordered' && plan.resume).to.deep.equal({ key: ['c1', '2026-03-01'], id: 'a5' });
  });

  it('a duplicate check by email key reads the multi-entry index', () => {
    const plan = planQuery(specs('contacts'), [{ field: 'emailKeys', op: 'has', value: 'ana@x.io' }], undefined, undefined);
    expect(plan).to.deep.include({ kind: 'candidates', index: 'emailKeys[]', exact: true });
  });

  it('a sort on an unindexed field with no usable filter scans; a range on the sort field narrows the walk', () => {
    expect(planQuery(specs('contacts'), [], { field: 'jobTitle' }, undefined)).to.deep.equal({ kind: 'scan' });
    const plan = planQuery(specs('contacts'), [{ field: 'updatedAt', op: 'gte', value: '2026-01-01' }], { field: 'updatedAt' }, undefined);
    expect(plan).to.deep.include({ kind: 'ordered', index: 'updatedAt', exact: true });
    expect(plan.kind === 'ordered' && plan.bounds.lower).to.deep.equal(['2026-01-01']);
  });

  it('rejects a malformed index spec with a ValidationError', () => {
    expect(() => parseLayout({ people: ['a+b[]'] })).to.throw().with.property('code', 'validation');
    expect(() => parseLayout({ people: ['id'] })).to.throw().with.property('code', 'validation');
    // A row holds a field's key in the field itself: one field can't be both a value key and a list, nor lie inside another.
    expect(() => parseLayout({ people: ['tags', 'tags[]'] })).to.throw(/both as a list/).with.property('code', 'validation');
    expect(() => parseLayout({ people: ['address', 'address.city'] })).to.throw(/inside the indexed field/).with.property('code', 'validation');
  });
});

describe('indexeddb rows', () => {
  const specsOf = (...names: string[]) => parseLayout({ people: names }).get('people')!;

  it('a record whose indexed values are keys already is stored as it is: the same object, nothing added', () => {
    const build = rowBuilder(specsOf('updatedAt', 'ownerId+updatedAt', 'tags[]'));
    const record = { id: 'p1', version: 1, updatedAt: '2026-01-01', ownerId: 'm1', tags: ['a'] };
    expect(build(record)).to.equal(record);
  });

  it('values that would sort wrongly are replaced by their keys in the row, and come back exactly on read', () => {
    const build = rowBuilder(specsOf('score', 'flag', 'meta', 'address.city', 'tags[]', 'name.length'));
    const record = { id: 'p1', version: 2, flag: true, meta: { a: 1 }, address: 'Tbilisi', tags: 'solo', name: 'Nino', $kith: 'mine' };
    const copy = structuredClone(record);
    const row = build(record) as Record<string, unknown>;
    expect(record, 'the input is not touched').to.deep.equal(copy);
    expect(row.score).to.equal(-Infinity);
    expect(row.flag).to.deep.equal(sortKey(true));
    expect(row.meta).to.deep.equal([]);
    expect(row.address).to.deep.equal({ city: -Infinity });
    expect(row.tags, 'a list field that is not a list indexes nothing').to.deep.equal([]);
    expect((row.name as { length: number }).length).to.equal(-Infinity);
    expect(fromRow(structuredClone(row) as never)).to.deep.equal(copy);
  });

  it('nested objects on an indexed path are copied, not changed', () => {
    const build = rowBuilder(specsOf('address.city'));
    const record = { id: 'p1', version: 1, address: { street: 'Rustaveli' } };
    const row = build(record) as unknown as { address: Record<string, unknown> };
    expect(record.address).to.deep.equal({ street: 'Rustaveli' });
    expect(row.address).to.deep.equal({ street: 'Rustaveli', city: -Infinity });
    expect(fromRow(structuredClone(row) as never)).to.deep.equal(record);
  });
});
