// The KPI reference's example (docs/kpis.md quotes it; test/core/guides.test.ts runs it
// over a first quarter of two wins and one loss).
import type { Crm } from '@kith/core';

export async function firstQuarter(crm: Crm) {
  const report = await crm.kpis.report({ from: '2026-01-01', to: '2026-03-31', timeZone: 'Europe/Madrid' });
  const winRate = report.wins.winRate; // 66.666… (a percentage, not rounded)
  const revenue = report.revenue; // [{ currency: 'EUR', deals: 2, revenue: 300000, averageCheck: 150000 }]
  return { winRate, revenue };
}
