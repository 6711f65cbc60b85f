import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnTotals, daysInStage, isRotting, nextActivity, rankBetween, RANK_PATTERN, timeRank, ValidationError, type Deal } from '@kith/core';
import { rejection, testCrm } from './helpers.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('ranks', () => {
  it('always finds a rank strictly between two others, however often a gap is split', () => {
    let lo: string | undefined;
    let hi: string | undefined = timeRank(Date.parse('2026-03-02T09:00:00Z'));
    // Split the same gap 200 times from each side, then at the ends.
    for (let i = 0; i < 200; i++) {
      const mid = rankBetween(lo, hi);
      assert.ok((lo === undefined || lo < mid) && (hi === undefined || mid < hi), `${lo} < ${mid} < ${hi}`);
      assert.match(mid, RANK_PATTERN);
      if (i % 2) lo = mid;
      else hi = mid;
    }
    assert.ok(rankBetween(undefined, '1') < '1');
    assert.ok(rankBetween('z', undefined) > 'z');
    assert.throws(() => rankBetween('b', 'a'), RangeError);
  });

  it('ranks a later time above an earlier one', () => {
    assert.ok(timeRank(2000) < timeRank(1000));
    assert.equal(timeRank(1000).length, timeRank(1.8e12).length);
  });
});

describe('board figures', () => {
  it('sums values and weighted values per column and per currency, never mixed', () => {
    const totals = columnTotals([
      { id: 'a', column: 'qualified', currency: 'EUR', amount: 10_000, probability: 20 },
      { id: 'b', column: 'qualified', currency: 'EUR', amount: 5_001, probability: 50 },
      { id: 'c', column: 'qualified', currency: 'USD', amount: 7_000, probability: 20 },
      { id: 'd', column: 'won', currency: 'EUR', amount: 3_000, probability: 100 },
    ]);
    assert.deepEqual(totals.get('qualified'), { count: 3, byCurrency: { EUR: { value: 15_001, weighted: 4_501 }, USD: { value: 7_000, weighted: 1_400 } } });
    assert.deepEqual(totals.get('won'), { count: 1, byCurrency: { EUR: { value: 3_000, weighted: 3_000 } } });
  });

  it('counts days in stage and marks an open deal rotting only past the stage limit', () => {
    const now = Date.parse('2026-03-20T12:00:00Z');
    const deal = { stageEnteredAt: '2026-03-05T13:00:00Z', status: 'open' as const };
    assert.equal(daysInStage(deal, now), 14);
    assert.equal(isRotting(deal, { rottingDays: 14 }, now), false);
    assert.equal(isRotting(deal, { rottingDays: 13 }, now), true);
    assert.equal(isRotting({ ...deal, status: 'won' }, { rottingDays: 13 }, now), false);
    assert.equal(isRotting(deal, { rottingDays: undefined }, now), false);
  });

  it('takes the earliest open task as the next activity, judged in the viewer zone', () => {
    // 22:30 UTC on the 24th is already the 25th in Tbilisi (UTC+4).
    const now = Date.parse('2026-03-24T22:30:00Z');
    const tasks = [{ due: '2026-03-26' }, { due: '2026-03-25' }, { due: '2026-03-01', completedAt: '2026-03-01T10:00:00Z' }];
    assert.deepEqual(nextActivity(tasks, now, 'Asia/Tbilisi'), { state: 'today', due: '2026-03-25' });
    assert.deepEqual(nextActivity(tasks, now, 'UTC'), { state: 'later', due: '2026-03-25' });
    assert.deepEqual(nextActivity([{ due: '2026-03-24T09:00:00Z' }], now, 'UTC'), { state: 'overdue', due: '2026-03-24T09:00:00Z' });
    assert.deepEqual(nextActivity([{}], now, 'UTC'), { state: 'later' });
    assert.deepEqual(nextActivity([], now, 'UTC'), { state: 'none' });
  });
});

describe('deals.move with a position', () => {
  async function column() {
    const { crm, clock, storage } = testCrm();
    const deals: Deal[] = [];
    for (const title of ['A', 'B', 'C']) {
      deals.push(await crm.deals.create({ title, value: eur(100) }));
      clock.advance(60_000);
    }
    const order = async (stageId = 'qualified') =>
      (await storage.query('deals', { where: [{ field: 'stageId', op: 'eq', value: stageId }], orderBy: { field: 'rank' } })).items.map((d) => d.title);
    return { crm, storage, deals, order };
  }

  it('lists new deals newest first, and places a moved deal between the named neighbours', async () => {
    const { crm, deals, order } = await column();
    assert.deepEqual(await order(), ['C', 'B', 'A']);
    const [a, b, c] = deals as [Deal, Deal, Deal];
    await crm.deals.move(c.id, 'proposal');
    await crm.deals.move(a.id, 'proposal', { position: { after: c.id } });
    assert.deepEqual(await order('proposal'), ['C', 'A']);
    // A reorder inside a column changes only the rank: no stage history, no activity.
    const before = await crm.deals.get(b.id);
    const moved = await crm.deals.move(b.id, 'proposal', { position: { after: c.id, before: a.id } });
    assert.deepEqual(await order('proposal'), ['C', 'B', 'A']);
    const reordered = await crm.deals.move(b.id, 'proposal', { position: { before: c.id } });
    assert.deepEqual(await order('proposal'), ['B', 'C', 'A']);
    assert.equal(reordered.stageHistory.length, moved.stageHistory.length);
    assert.equal(moved.stageHistory.length, before.stageHistory.length + 1);
    const { items } = await crm.activities.timeline({ dealId: b.id });
    assert.equal(items.filter((x) => x.type === 'stage-changed').length, 1);
  });

  it('refuses a position naming a deal outside the target column, and writes nothing', async () => {
    const { crm, deals, storage } = await column();
    const [a, b] = deals as [Deal, Deal];
    const before = await storage.get('deals', a.id);
    const error = await rejection(crm.deals.move(a.id, 'proposal', { position: { after: b.id } }));
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.issues.map((i) => [i.path, (i as { code?: string }).code]), [[['position', 'after'], 'invalid_position']]);
    assert.deepEqual(await storage.get('deals', a.id), before);
    assert.ok((await rejection(crm.deals.move(a.id, 'qualified', { position: { after: a.id } }))) instanceof ValidationError);
  });
});
