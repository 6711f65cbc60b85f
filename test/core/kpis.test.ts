// KPIs against values worked out by hand from a small history (see the
// comments at each write), and their definitions' edges: zones, currencies.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { type KpiReport, winFigures, type Deal } from '@kith/core';
import { rejection, testCrm } from './helpers.ts';
import { history } from '../fixtures/kpi-history.ts';

import { H, D, RANGE } from '../fixtures/kpi-history.ts';

describe('KPIs against hand-computed values', () => {
  let report: KpiReport;
  let ids: Awaited<ReturnType<typeof history>>['ids'];
  let crm: Awaited<ReturnType<typeof history>>['crm'];
  before(async () => {
    ({ crm, ids } = await history());
    report = await crm.kpis.report(RANGE);
  });

  it('lead conversion per 100 leads, by creation month', () => {
    assert.deepEqual(report.conversion, [
      { cohort: '2026-01', leads: 2, withDeal: 2, won: 1, dealsPer100: 100, wonPer100: 50 },
      { cohort: '2026-02', leads: 1, withDeal: 1, won: 0, dealsPer100: 100, wonPer100: 0 },
      { cohort: '2026-03', leads: 1, withDeal: 1, won: 1, dealsPer100: 100, wonPer100: 100 },
    ]);
  });

  it('stage funnel: reached counts, step conversion and median days in stage', () => {
    const steps = report.funnels[0]!.steps;
    assert.deepEqual(
      steps.map((s) => [s.stageId, s.reached, s.fromPrevious === undefined ? null : Math.round(s.fromPrevious * 100) / 100, s.medianDays ?? null]),
      [
        ['qualified', 6, null, 10],
        ['proposal', 4, 66.67, 20],
        ['negotiation', 3, 75, 30],
        ['won', 2, 66.67, null],
      ],
    );
  });

  it('win rate and sales cycle of deals closed in the range', () => {
    assert.equal(report.wins.won, 2);
    assert.equal(report.wins.lost, 1);
    assert.equal(Math.round(report.wins.winRate! * 100) / 100, 66.67);
    assert.deepEqual(report.wins.cycle, { count: 2, meanMs: 20 * D, medianMs: 20 * D });
  });

  it('won revenue and average check, per currency', () => {
    assert.deepEqual(report.revenue, [{ currency: 'EUR', deals: 2, revenue: 300_000, averageCheck: 150_000 }]);
  });

  it('weighted forecast by expected close month, April and won deals left out', () => {
    assert.deepEqual(report.forecast, [
      { month: '2026-03', currency: 'USD', deals: 1, total: 50_000, weighted: 10_000 },
      { month: 'none', currency: 'EUR', deals: 1, total: 40_000, weighted: 8_000 },
    ]);
  });

  it('customer base growth per month, replayed from lifecycle changes', () => {
    assert.deepEqual(report.growth, [
      { month: '2026-01', start: 1, end: 1, growthPct: 0 },
      { month: '2026-02', start: 1, end: 2, growthPct: 100 },
      { month: '2026-03', start: 2, end: 2, growthPct: 0 },
    ]);
  });

  it('first response time of the range\'s leads: mean and median, and who waits', () => {
    assert.deepEqual(report.firstResponse, { leads: 4, waiting: 1, count: 3, meanMs: (32 * H) / 3, medianMs: 6 * H });
  });

  it('contacts an import created are base, not leads: attribution and base counts see them, conversion and first response do not', async () => {
    const fresh = await history();
    await fresh.crm.imports.run('First name,Email\nOld,old.customer@example.com', { entity: 'contact' });
    const after = await fresh.crm.kpis.report(RANGE);
    assert.deepEqual(after.conversion, report.conversion);
    assert.deepEqual(after.firstResponse, report.firstResponse);
    const imported = after.attribution.byMonth.filter((row) => row.channel === 'import');
    assert.deepEqual(imported.map((row) => row.leads), [1]);
  });

  it('source attribution by month and by year: leads, customers, won revenue', () => {
    assert.deepEqual(report.attribution.byMonth, [
      { period: '2026-01', channel: 'organic', leads: 1, customers: 0, revenue: {} },
      { period: '2026-01', channel: 'paid', campaign: 'winter', leads: 1, customers: 1, revenue: { EUR: 100_000 } },
      { period: '2026-02', channel: 'paid', campaign: 'winter', leads: 1, customers: 0, revenue: {} },
      { period: '2026-03', channel: 'referral', leads: 1, customers: 1, revenue: { EUR: 200_000 } },
    ]);
    assert.deepEqual(report.attribution.byYear, [
      { period: '2026', channel: 'paid', campaign: 'winter', leads: 2, customers: 1, revenue: { EUR: 100_000 } },
      { period: '2026', channel: 'organic', leads: 1, customers: 0, revenue: {} },
      { period: '2026', channel: 'referral', leads: 1, customers: 1, revenue: { EUR: 200_000 } },
    ]);
  });

  it('workload per owner now: open deals and their value, open and overdue tasks, and what nobody owns', () => {
    assert.deepEqual(report.workload, [
      { memberId: ids.alice, name: 'Alice', openDeals: 1, openValue: { USD: 50_000 }, openTasks: 2, overdueTasks: 1 },
      { memberId: ids.bob, name: 'Bob', openDeals: 1, openValue: { EUR: 60_000 }, openTasks: 1, overdueTasks: 0 },
      { memberId: null, openDeals: 1, openValue: { EUR: 40_000 }, openTasks: 1, overdueTasks: 1 },
    ]);
  });

  it('communication per channel and direction, response time, preferred channels', async () => {
    assert.deepEqual(report.communication.channels, [
      { channel: 'call', inbound: 0, outbound: 1 },
      { channel: 'email', inbound: 2, outbound: 0 },
      { channel: 'meeting', inbound: 0, outbound: 1 },
      { channel: 'whatsapp', inbound: 2, outbound: 1 },
    ]);
    assert.deepEqual(report.communication.response, { count: 1, meanMs: 20 * H, medianMs: 20 * H, unanswered: 3 });
    assert.deepEqual(report.communication.preferred, { [ids.b]: 'email', [ids.c]: 'whatsapp' });
    assert.equal(await crm.kpis.preferredChannel(ids.c), 'whatsapp');
    assert.equal(await crm.kpis.preferredChannel(ids.a), undefined);
  });

  it('a narrower range counts only its own days', async () => {
    const feb = await crm.kpis.report({ from: '2026-02-01', to: '2026-02-28', timeZone: 'UTC' });
    assert.deepEqual([feb.wins.won, feb.wins.lost], [1, 1]);
    assert.deepEqual(feb.revenue, [{ currency: 'EUR', deals: 1, revenue: 100_000, averageCheck: 100_000 }]);
    assert.deepEqual(feb.conversion.map((c) => c.cohort), ['2026-02']);
    assert.deepEqual(feb.growth, [{ month: '2026-02', start: 1, end: 2, growthPct: 100 }]);
  });
});

describe('KPI definitions at their edges', () => {
  const deal = (closedAt: string, amount: number, currency = 'EUR'): Deal =>
    ({ id: closedAt, status: 'won', closedAt, createdAt: '2026-03-01T00:00:00Z', value: { amount, currency }, contactIds: [] }) as unknown as Deal;

  it('puts a deal on the viewer\'s calendar day: 22:30 UTC on 31 March is April in Tbilisi', () => {
    const late = [deal('2026-03-31T22:30:00Z', 1)];
    assert.equal(winFigures(late, RANGE).won, 1);
    assert.equal(winFigures(late, { ...RANGE, timeZone: 'Asia/Tbilisi' }).won, 0);
    assert.equal(winFigures(late, { ...RANGE, timeZone: 'America/New_York' }).won, 1);
  });

  it('keeps currencies apart', async () => {
    const { crm, clock } = testCrm();
    clock.set('2026-03-05T10:00:00Z');
    for (const [amount, currency] of [[1000, 'EUR'], [3000, 'EUR'], [500, 'GEL']] as const) {
      const d = await crm.deals.create({ title: 'x', value: { amount, currency } });
      await crm.deals.move(d.id, 'won');
    }
    const r = await crm.kpis.report(RANGE);
    assert.deepEqual(r.revenue, [
      { currency: 'EUR', deals: 2, revenue: 4000, averageCheck: 2000 },
      { currency: 'GEL', deals: 1, revenue: 500, averageCheck: 500 },
    ]);
  });

  it('refuses a range that ends before it starts or names no real zone', async () => {
    const { crm } = testCrm();
    const e = await rejection(crm.kpis.report({ from: '2026-03-01', to: '2026-02-01', timeZone: 'Mars/Olympus' }));
    assert.equal(e.code, 'validation');
    assert.deepEqual((e.issues as unknown as { path: string[] }[]).map((i) => i.path.join('.')).sort(), ['from', 'timeZone']);
  });
});
