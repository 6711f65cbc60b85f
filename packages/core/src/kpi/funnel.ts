import type { Deal } from '../model/deal.js';
import type { Pipeline } from '../model/pipeline.js';
import { type KpiRange, inRange } from './range.js';
import { median, rate } from './stats.js';

const DAY = 86_400_000;

/** One step of a pipeline's funnel. */
export interface FunnelStep {
  stageId: string;
  name: string;
  /** Deals of the cohort that reached this stage or a later one. */
  reached: number;
  /** Percent of the previous step's deals that reached this one (absent on the first step). */
  fromPrevious?: number;
  /** Median days of completed stays in this stage (absent when none ended). */
  medianDays?: number;
}

/**
 * The stage-to-stage funnel of one pipeline for the deals created in the
 * range: its open stages in order, then won. A deal "reached" a stage when it
 * entered it or any stage after it (a deal moved straight to Proposal passed
 * Qualified); a lost deal reached the furthest open stage it entered; a won
 * deal reached every step. Time in stage is the median of finished stays
 * (entered → entered the next stage), in days; a stay still running is left out.
 */
export function stageFunnel(pipeline: Pipeline, deals: readonly Deal[], range: KpiRange): FunnelStep[] {
  const steps = pipeline.stages.filter((s) => s.kind !== 'lost').sort((a, b) => (a.kind === 'won' ? 1 : 0) - (b.kind === 'won' ? 1 : 0));
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const reached = steps.map(() => 0);
  const stays = steps.map((): number[] => []);
  for (const d of deals) {
    if (d.pipelineId !== pipeline.id || !inRange(d.createdAt, range)) continue;
    let furthest = -1;
    d.stageHistory.forEach((visit, i) => {
      const at = index.get(visit.stageId);
      if (at === undefined) return;
      furthest = Math.max(furthest, at);
      const next = d.stageHistory[i + 1];
      if (next) stays[at]!.push((Date.parse(next.enteredAt) - Date.parse(visit.enteredAt)) / DAY);
    });
    for (let i = 0; i <= furthest; i++) reached[i]!++;
  }
  return steps.map((s, i) => {
    const step: FunnelStep = { stageId: s.id, name: s.name, reached: reached[i]! };
    if (i > 0) {
      const r = rate(reached[i]!, reached[i - 1]!);
      if (r !== undefined) step.fromPrevious = r;
    }
    const m = median(stays[i]!);
    if (m !== undefined) step.medianDays = m;
    return step;
  });
}
