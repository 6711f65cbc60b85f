/**
 * What a pipeline board shows about deals, as pure functions the element and
 * SDK users share: per-stage totals (count, value and weighted value, kept
 * per currency), days in stage, rotting, and the next-activity state.
 */
import type { Deal } from './model/deal.js';
import type { Pipeline, Stage } from './model/pipeline.js';
import type { Task } from './model/task.js';
import { dueInfo } from './task-due.js';

/** The sums of one currency in a column. `weighted` is in minor units, rounded once at the end. */
export interface CurrencyTotal {
  value: number;
  weighted: number;
}

/** A column's totals: how many deals, and their value and weighted value per currency (never mixed). */
export interface ColumnTotals {
  count: number;
  byCurrency: Record<string, CurrencyTotal>;
}

/** The part of a deal totals need: small enough to keep for every deal of a large board. */
export interface DealFigures {
  id: string;
  column: string;
  currency: string;
  amount: number;
  /** Percent: the deal's own probability, else its stage's. */
  probability: number;
}

/** A deal's probability in percent: its own override, else its stage's. */
export function dealProbability(deal: Pick<Deal, 'probability' | 'stageId'>, pipeline: Pick<Pipeline, 'stages'>): number {
  return deal.probability ?? pipeline.stages.find((s) => s.id === deal.stageId)?.probability ?? 0;
}

/** Adds up figures per column, per currency. Weighted sums are rounded to whole minor units after adding. */
export function columnTotals(figures: Iterable<DealFigures>): Map<string, ColumnTotals> {
  const out = new Map<string, ColumnTotals>();
  for (const f of figures) {
    const col = out.get(f.column) ?? out.set(f.column, { count: 0, byCurrency: {} }).get(f.column)!;
    col.count++;
    const cur = (col.byCurrency[f.currency] ??= { value: 0, weighted: 0 });
    cur.value += f.amount;
    cur.weighted += (f.amount * f.probability) / 100;
  }
  for (const col of out.values()) for (const cur of Object.values(col.byCurrency)) cur.weighted = Math.round(cur.weighted);
  return out;
}

const DAY = 86_400_000;

/** Whole days the deal has sat in its current stage at `now`. */
export function daysInStage(deal: Pick<Deal, 'stageEnteredAt'>, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(deal.stageEnteredAt)) / DAY));
}

/** True when an open deal has sat in its stage longer than the stage allows (`rottingDays`). */
export function isRotting(deal: Pick<Deal, 'stageEnteredAt' | 'status'>, stage: Pick<Stage, 'rottingDays'> | undefined, now: number): boolean {
  return deal.status === 'open' && !!stage?.rottingDays && daysInStage(deal, now) > stage.rottingDays;
}

/** Where a deal's next step stands, Pipedrive-style: late, due today, planned later, or nothing planned. */
export type NextActivityState = 'overdue' | 'today' | 'later' | 'none';

/**
 * The deal's next activity: its earliest open task, and that task's state for
 * a viewer in `timeZone` (a date-only due is judged on the viewer's calendar).
 * An open task without a due date counts as planned ("later").
 */
export function nextActivity(tasks: Iterable<Pick<Task, 'due' | 'completedAt'>>, now: number, timeZone: string): { state: NextActivityState; due?: string } {
  let best: { due?: string } | undefined;
  for (const t of tasks) {
    if (t.completedAt) continue;
    if (!best || (t.due !== undefined && (best.due === undefined || t.due < best.due))) best = { due: t.due };
  }
  if (!best) return { state: 'none' };
  if (best.due === undefined) return { state: 'later' };
  const { state } = dueInfo({ due: best.due }, now, timeZone);
  return { state: state === 'overdue' || state === 'today' ? state : 'later', due: best.due };
}

/** Sort weight of a next-activity state for "sort by next activity": the most urgent first. */
export const NEXT_ACTIVITY_ORDER: Record<NextActivityState, number> = { overdue: 0, today: 1, later: 2, none: 3 };
