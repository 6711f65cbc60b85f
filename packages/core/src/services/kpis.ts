import { attribution, type AttributionRow } from '../kpi/attribution.js';
import { communication, firstResponse, type Communication, type FirstResponse } from '../kpi/response.js';
import { leadConversion, type CohortConversion } from '../kpi/conversion.js';
import type { KpiData } from '../kpi/data.js';
import { stageFunnel, type FunnelStep } from '../kpi/funnel.js';
import { baseGrowth, type BaseGrowth } from '../kpi/growth.js';
import { KpiRange, rangeBounds } from '../kpi/range.js';
import { forecast, revenue, winFigures, type ForecastMonth, type RevenueFigures, type WinFigures } from '../kpi/sales.js';
import { workload, type Workload } from '../kpi/workload.js';
import { exchangeOf, preferredChannel } from '../kpi/channels.js';
import type { Activity } from '../model/activity.js';
import type { Contact } from '../model/contact.js';
import type { Deal } from '../model/deal.js';
import type { Member } from '../model/member.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Task } from '../model/task.js';
import { INTERACTION_TYPES } from '../model/vocabulary.js';
import { parse } from '../validate.js';
import type { CrmContext } from './context.js';
import { DEFAULT_PIPELINE_ID } from './pipelines.js';
import { readAll } from './reader.js';

/** Every KPI of a range: what `<kith-kpi-board>` shows. Definitions: docs/kpis.md. */
export interface KpiReport {
  range: KpiRange;
  /** When it was computed (ISO). */
  at: string;
  conversion: CohortConversion[];
  funnels: { pipelineId: string; name: string; steps: FunnelStep[] }[];
  wins: WinFigures;
  revenue: RevenueFigures[];
  forecast: ForecastMonth[];
  growth: BaseGrowth[];
  firstResponse: FirstResponse;
  attribution: { byMonth: AttributionRow[]; byYear: AttributionRow[] };
  workload: Workload[];
  communication: Communication;
}

/** Instants are stored in UTC; a day either side covers any zone's calendar, and the KPIs then judge each instant exactly. */
const SLACK = 86_400_000;

export function kpisService(ctx: CrmContext) {
  /**
   * Reads what a range's KPIs need: contacts, deals, pipelines and members
   * whole; open tasks; every lifecycle change (the base is replayed from them);
   * interactions from the range's start on, through the `type + occurredAt` index.
   */
  async function load(range: KpiRange): Promise<KpiData> {
    const since = new Date(rangeBounds(range).start - SLACK).toISOString();
    const [contacts, deals, pipelines, members, tasks, lifecycle, ...interactions] = await Promise.all([
      readAll<Contact>(ctx, 'contacts'),
      readAll<Deal>(ctx, 'deals'),
      readAll<Pipeline>(ctx, 'pipelines'),
      readAll<Member>(ctx, 'members'),
      readAll<Task>(ctx, 'tasks', [{ field: 'completedAt', op: 'exists', value: false }]),
      readAll<Activity>(ctx, 'activities', [{ field: 'type', op: 'eq', value: 'lifecycle-changed' }]),
      ...INTERACTION_TYPES.map((type) => readAll<Activity>(ctx, 'activities', [{ field: 'type', op: 'eq', value: type }, { field: 'occurredAt', op: 'gte', value: since }])),
    ]);
    return { contacts, deals, pipelines, members, tasks, activities: [...lifecycle!, ...interactions.flat()], now: ctx.clock.now() };
  }

  return {
    /** Validates a range (`{ from, to, timeZone }`), throwing a ValidationError naming what is wrong. */
    range: (input: KpiRange): KpiRange => parse(KpiRange, input, 'range'),

    /** The data the range's KPIs are computed from. */
    load: async (input: KpiRange): Promise<KpiData> => load(parse(KpiRange, input, 'range')),

    /** Every KPI of a range, from one read of the data. */
    async report(input: KpiRange): Promise<KpiReport> {
      const range = parse(KpiRange, input, 'range');
      const data = await load(range);
      return computeReport(data, range);
    },

    /**
     * A contact's preferred channel: the one they wrote in on most, over their
     * whole timeline (ties: the most recent). Undefined before they ever wrote.
     */
    async preferredChannel(contactId: string): Promise<string | undefined> {
      const activities = await readAll<Activity>(ctx, 'activities', [{ field: 'contactId', op: 'eq', value: contactId }]);
      const exchanges = activities.flatMap((a) => exchangeOf(a) ?? []).sort((x, y) => x.at - y.at);
      return preferredChannel(exchanges);
    },
  };
}

/** Every KPI of a range from data already read: pure, for SDK users with their own data. */
export function computeReport(data: KpiData, input: KpiRange): KpiReport {
  const range = parse(KpiRange, input, 'range');
  return {
    range,
    at: new Date(data.now).toISOString(),
    conversion: leadConversion(data, range),
    funnels: [...data.pipelines]
      .sort((a, b) => Number(b.id === DEFAULT_PIPELINE_ID) - Number(a.id === DEFAULT_PIPELINE_ID) || (a.createdAt < b.createdAt ? -1 : 1))
      .map((p) => ({ pipelineId: p.id, name: p.name, steps: stageFunnel(p, data.deals, range) })),
    wins: winFigures(data.deals, range),
    revenue: revenue(data.deals, range),
    forecast: forecast(data.deals, data.pipelines, range),
    growth: baseGrowth(data.contacts, data.activities, range),
    firstResponse: firstResponse(data.contacts, data.activities, range),
    attribution: { byMonth: attribution(data.contacts, data.deals, range, 'month'), byYear: attribution(data.contacts, data.deals, range, 'year') },
    workload: workload(data.members, data.deals, data.tasks, data.now, range.timeZone),
    communication: communication(data.activities, range),
  };
}

export type KpisService = ReturnType<typeof kpisService>;
