import { plural } from '../../translations/plural.js';

/** The KPI board's words in English; its shape is the type every other language matches. */
export const en = {
  title: 'How we sell',
  range: (from: string, to: string) => `${from} – ${to}`,
  loading: 'Computing…',
  noCrm: 'No CRM connected.',
  retry: 'Try again',
  none: '—',
  tiles: {
    winRate: 'Win rate',
    revenue: 'Won revenue',
    averageCheck: 'Average check',
    conversion: 'Leads → won, per 100',
    firstResponse: 'First response (median)',
    growth: 'Customer base growth',
    overdue: 'Overdue tasks',
  },
  wonOf: (won: number, closed: number) => `${won} won of ${closed} closed`,
  leadsCount: (n: number) => plural('en', n, { one: '# lead', other: '# leads' }),
  waiting: (n: number) => plural('en', n, { one: '# still waiting', other: '# still waiting' }),
  lastMonth: (month: string) => `in ${month}`,
  funnel: 'Sales funnel',
  pipeline: 'Pipeline',
  funnelHelp: 'Use the arrow keys to move between stages.',
  stageBar: (name: string, reached: number, pct: string | undefined, days: string | undefined) =>
    `${name}: ${plural('en', reached, { one: '# deal', other: '# deals' })}${pct ? `, ${pct} of the stage before` : ''}${days ? `, median ${days} in stage` : ''}`,
  days: (n: number) => plural('en', n, { one: '# day', other: '# days' }),
  sources: 'Where customers come from',
  sourceBar: (channel: string, leads: number, customers: number, revenue: string) =>
    `${channel}: ${plural('en', leads, { one: '# lead', other: '# leads' })}, ${plural('en', customers, { one: '# customer', other: '# customers' })}${revenue ? `, ${revenue} won` : ''}`,
  legendLeads: 'Leads',
  legendCustomers: 'Became customers',
  channels: { organic: 'Organic search', paid: 'Paid ads', social: 'Social', email: 'Email', referral: 'Referral', direct: 'Direct', form: 'Web form', import: 'Import', manual: 'Entered by hand', event: 'Event', phone: 'Phone', other: 'Other', unknown: 'Unknown' } as Record<string, string>,
  workload: 'Workload',
  owner: 'Owner',
  nobody: 'Nobody',
  openDeals: 'Open deals',
  openTasks: 'Open tasks',
  overdueTasks: 'Overdue',
  forecast: 'Weighted forecast',
  month: 'Expected close',
  noDate: 'No date',
  weighted: 'Weighted',
  total: 'Total',
  updated: 'Figures updated.',
};
export type KpiBoardMessages = typeof en;
