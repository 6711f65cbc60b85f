/** The IndexedDB query planner is pure: which index a query walks is checked here, in Node, without a browser. */
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { compareKeys, sortKey } from '../../packages/adapters/src/indexeddb/keys.ts';
import { CORE_LAYOUT, parseLayout } from '../../packages/adapters/src/indexeddb/layout.ts';
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
    expect(plan.kind === 'ordered' && plan.bounds).to.deep.include({ lower: ['p', 's', '2026-05-01', 'd9'], lowerOpen: true });
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
  });
});
