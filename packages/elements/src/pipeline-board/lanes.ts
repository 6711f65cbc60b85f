/**
 * What the board's columns ("lanes") are and how cards are ordered in them.
 * By default a lane is an open stage and cards keep the order users gave them
 * (the deal's rank). A board may instead group by a select-type custom field
 * of deals (a lane per option, plus one for deals without a value) and order
 * cards by next activity (the most urgent first). No DOM here.
 */
import type { Deal, FieldDefinition, Filter, Pipeline, Stage } from '@kith/core';

/** How cards are ordered in a lane: the users' own order, or next activity first. */
export type BoardSort = 'manual' | 'next-activity';

/** One column: its key (a stage id, or an option value), heading and, when grouped by stage, the stage. */
export interface Lane {
  key: string;
  label: string;
  stage?: Stage;
}

/** The lane of deals without a value for the grouping field (option values are never empty). */
export const NO_VALUE = '';

/** The columns of a board and how a deal finds its place in them. */
export interface Layout {
  lanes: Lane[];
  /** The field grouped by; absent when grouped by stage. */
  field?: FieldDefinition;
  sort: BoardSort;
}

/** A layout by stage (the default), or by a select-type deal field when `field` is one. */
export function layoutOf(pipeline: Pipeline, field: FieldDefinition | undefined, sort: BoardSort, noValueLabel: (field: string) => string): Layout {
  if (field && field.entity === 'deal' && field.type === 'select' && field.options?.length) {
    const lanes: Lane[] = field.options.map((o) => ({ key: o.value, label: o.label }));
    lanes.push({ key: NO_VALUE, label: noValueLabel(field.label) });
    return { lanes, field, sort };
  }
  return { lanes: pipeline.stages.filter((s) => s.kind === 'open').map((s) => ({ key: s.id, label: s.name, stage: s })), sort };
}

/** The lane a deal of this pipeline shows in; undefined when it is not on the board (won, lost, another pipeline). */
export function laneOf(layout: Layout, pipelineId: string, deal: Pick<Deal, 'pipelineId' | 'status' | 'stageId' | 'custom'>): string | undefined {
  if (deal.pipelineId !== pipelineId || deal.status !== 'open') return undefined;
  if (!layout.field) return deal.stageId;
  const value = deal.custom?.[layout.field.key];
  // A value that is no longer an option (the field changed) goes with the deals without one, so no deal disappears.
  return typeof value === 'string' && layout.lanes.some((l) => l.key === value) ? value : NO_VALUE;
}

/** Whether users place cards within a lane themselves: by stage, in the manual order. */
export const reorderable = (layout: Layout) => !layout.field && layout.sort === 'manual';

/**
 * The storage filters of one lane in the manual order (keyset pages by rank).
 * The "no value" lane of a field lists every open deal, since a stale value
 * belongs there too: its pages are filtered with {@link laneOf}.
 */
export function laneWhere(layout: Layout, pipelineId: string, key: string): Filter[] {
  if (!layout.field) {
    return [
      { field: 'pipelineId', op: 'eq', value: pipelineId },
      { field: 'stageId', op: 'eq', value: key },
    ];
  }
  const where: Filter[] = [
    { field: 'pipelineId', op: 'eq', value: pipelineId },
    { field: 'status', op: 'eq', value: 'open' },
  ];
  if (key !== NO_VALUE) where.push({ field: `custom.${layout.field.key}`, op: 'eq', value: key });
  return where;
}

/** What a deal's next activity sorts by: its earliest due; an open task without a date after every dated one; none last. */
export function dueKey(next: { state: string; due?: string | undefined } | undefined): string {
  if (!next || next.state === 'none') return '\uffff';
  return next.due ?? '\ufffe';
}

/** What orders cards in a lane: the sort key (next activity, when sorting by it), then rank, then id. */
export interface OrderKey {
  id: string;
  rank?: string | undefined;
  due?: string | undefined;
}

/** Compares two cards' order keys; the same order storage gives for (rank, id), missing ranks first. */
export function compareOrder(a: OrderKey, b: OrderKey): number {
  const da = a.due ?? '';
  const db = b.due ?? '';
  if (da !== db) return da < db ? -1 : 1;
  const ra = a.rank ?? '';
  const rb = b.rank ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** Where an item with `key` belongs in a list already in that order (binary search). */
export function insertionIndex<T>(items: readonly T[], key: OrderKey, keyOf: (item: T) => OrderKey): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareOrder(keyOf(items[mid]!), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
