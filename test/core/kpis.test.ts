// KPIs against values worked out by hand from a small history (see the
// comments at each write), and their definitions' edges: zones, currencies.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { type KpiReport, winFigures, type Deal } from '@kith/core';
import { rejection, testCrm } from './helpers.ts';

const H = 3_600_000;
const D = 24 * H;
const RANGE = { from: '2026-01-01', to: '2026-03-31', timeZone: 'UTC' };

async function history() {
  const { crm, clock } = testCrm();
  const at = (iso: string) => clock.set(iso);
  const alice = await crm.members.create({ name: 'Alice', email: 'alice@example.com', role: 'rep' });
  const bob = await crm.members.create({ name: 'Bob', email: 'bob@example.com', role: 'rep' });
  // E: a customer since December, lost in March.
  at('2025-12-15T10:00:00Z');
  const e = await crm.contacts.create({ firstName: 'Eve', lifecycle: 'customer', source: { channel: 'event' } });
  // A: a paid lead answered by phone 2 h later.
  at('2026-01-10T10:00:00Z');
  const a = await crm.contacts.create({ firstName: 'Ann', source: { channel: 'paid', firstTouch: { at: '2026-01-10T09:59:00Z', utmCampaign: 'winter' } } });
  at('2026-01-10T11:00:00Z');
  const dA = await crm.deals.create({ title: 'A', value: { amount: 100_000, currency: 'EUR' }, contactIds: [a.id], ownerId: alice.id });
  await crm.activities.log({ type: 'call', direction: 'outbound', contactId: a.id, occurredAt: '2026-01-10T12:00:00Z' });
  // B: organic; writes at 14:00 the next day, answered on WhatsApp 20 h later (first response 24 h).
  at('2026-01-11T10:00:00Z');
  const b = await crm.contacts.create({ firstName: 'Bo', source: { channel: 'organic' } });
  at('2026-01-11T12:00:00Z');
  const dB = await crm.deals.create({ title: 'B', value: { amount: 300_000, currency: 'EUR' }, contactIds: [b.id], ownerId: bob.id });
  await crm.activities.log({ type: 'email', direction: 'inbound', subject: 'Price?', contactId: b.id, occurredAt: '2026-01-11T14:00:00Z' });
  // Given with an offset: 14:00+04:00 is 10:00 UTC on the 12th.
  await crm.activities.log({ type: 'message', direction: 'outbound', channel: 'whatsapp', text: 'Here', contactId: b.id, occurredAt: '2026-01-12T14:00:00+04:00' });
  at('2026-01-20T11:00:00Z');
  await crm.deals.move(dA.id, 'proposal');
  at('2026-01-21T12:00:00Z');
  await crm.deals.move(dB.id, 'negotiation');
  // C: paid, writes three times and nobody answers.
  at('2026-02-05T09:00:00Z');
  const c = await crm.contacts.create({ firstName: 'Cy', source: { channel: 'paid', firstTouch: { at: '2026-02-05T08:00:00Z', utmCampaign: 'winter' } } });
  at('2026-02-05T10:00:00Z');
  await crm.deals.create({ title: 'C', value: { amount: 50_000, currency: 'USD' }, contactIds: [c.id], ownerId: alice.id, expectedCloseDate: '2026-03-15' });
  for (const [day, ch] of [['06', 'whatsapp'], ['07', 'whatsapp']] as const) {
    await crm.activities.log({ type: 'message', direction: 'inbound', channel: ch, text: 'Hello?', contactId: c.id, occurredAt: `2026-02-${day}T09:00:00Z` });
  }
  await crm.activities.log({ type: 'email', direction: 'inbound', subject: 'Anyone?', contactId: c.id, occurredAt: '2026-02-08T09:00:00Z' });
  at('2026-02-09T11:00:00Z');
  await crm.deals.move(dA.id, 'won'); // A becomes a customer
  at('2026-02-20T12:00:00Z');
  await crm.deals.move(dB.id, 'lost', { lostReason: 'Price' });
  // D: a referral met 6 h after arriving; wins in 10 days, and has a second deal closing in April.
  at('2026-03-01T12:00:00Z');
  const d = await crm.contacts.create({ firstName: 'Di', source: { channel: 'referral' } });
  await crm.activities.log({ type: 'meeting', title: 'Intro', contactId: d.id, occurredAt: '2026-03-01T18:00:00Z' });
  at('2026-03-01T13:00:00Z');
  const dD = await crm.deals.create({ title: 'D', value: { amount: 200_000, currency: 'EUR' }, contactIds: [d.id], probability: 40 });
  at('2026-03-02T09:00:00Z');
  await crm.deals.create({ title: 'E', value: { amount: 60_000, currency: 'EUR' }, contactIds: [d.id], ownerId: bob.id, stageId: 'proposal', expectedCloseDate: '2026-04-10' });
  at('2026-03-03T09:00:00Z');
  await crm.deals.create({ title: 'F', value: { amount: 40_000, currency: 'EUR' } });
  at('2026-03-11T13:00:00Z');
  await crm.deals.move(dD.id, 'won'); // D becomes a customer
  at('2026-03-20T09:00:00Z');
  await crm.contacts.setLifecycle(e.id, 'lost');
  // Tasks, judged on 25 March.
  await crm.tasks.schedule({ title: 'late', due: '2026-03-20', assigneeId: alice.id });
  await crm.tasks.schedule({ title: 'soon', due: '2026-03-30', assigneeId: alice.id });
  const done = await crm.tasks.schedule({ title: 'done', due: '2026-03-01', assigneeId: alice.id });
  await crm.tasks.complete(done.id);
  await crm.tasks.schedule({ title: 'today', due: '2026-03-25', assigneeId: bob.id });
  await crm.tasks.schedule({ title: 'nobody', due: '2026-03-01' });
  at('2026-03-25T10:00:00Z');
  return { crm, ids: { alice: alice.id, bob: bob.id, a: a.id, b: b.id, c: c.id, d: d.id } };
}

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
