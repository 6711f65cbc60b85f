/**
 * Deal records as the core stores them, built directly: for seeding a board
 * with thousands of deals in one batch (the stories, the board's tests and
 * its benchmark), where creating each through `crm.deals.create` would take
 * minutes. The records are valid `Deal`s, so the SDK can move them afterwards.
 */
import { newId, timeRank, type Deal, type Money } from '@kith/core';

export interface DealRecordInput extends Partial<Deal> {
  title: string;
  value: Money;
  stageId: string;
  /** When it entered its stage (also its creation time). */
  enteredAt: string;
  /** The time its rank is taken from: later times list higher in the column. */
  rankAt: number;
}

/** One open deal in `stageId` of `pipelineId` (default `default`); any other field may be given. */
export function dealRecord({ title, value, stageId, enteredAt, rankAt, ...extra }: DealRecordInput): Deal {
  return {
    id: newId(),
    title,
    value,
    pipelineId: 'default',
    stageId,
    contactIds: [],
    tags: [],
    custom: {},
    status: 'open',
    stageHistory: [{ stageId, enteredAt }],
    stageEnteredAt: enteredAt,
    rank: timeRank(rankAt),
    createdAt: enteredAt,
    updatedAt: enteredAt,
    version: 0,
    ...extra,
  };
}
