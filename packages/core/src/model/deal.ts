import { z } from '../zod.js';
import { DEAL_STATUSES } from './vocabulary.js';
import { RANK_PATTERN } from '../rank.js';
import { CustomValues, DateOnly, Id, Instant, Label, NonNegativeMoney, Percent, Tag, recordMeta } from './common.js';


/** One stay in a stage: when the deal entered it and who moved it. */
export const StageVisit = z.strictObject({
  stageId: Id,
  enteredAt: Instant,
  by: z.optional(Id),
});
export type StageVisit = z.infer<typeof StageVisit>;

/** Fields a caller may set directly; stage and status change only through `deals.move`. */
export const dealFields = {
  title: Label,
  value: NonNegativeMoney,
  probability: z.optional(Percent),
  expectedCloseDate: z.optional(DateOnly),
  ownerId: z.optional(Id),
  contactIds: z.optional(z.array(Id)),
  companyId: z.optional(Id),
  tags: z.optional(z.array(Tag)),
  custom: z.optional(CustomValues),
};

/** Input of `deals.create`: the stage defaults to the pipeline's first open stage. */
export const DealInput = z.strictObject({
  ...dealFields,
  pipelineId: z.optional(Id),
  stageId: z.optional(Id),
});
export type DealInput = z.input<typeof DealInput>;

/** Input of `deals.update`. */
export const DealPatch = z.partial(z.strictObject(dealFields));
export type DealPatch = z.input<typeof DealPatch>;

/** A potential sale moving through a pipeline. */
export const Deal = z.strictObject({
  ...recordMeta,
  ...dealFields,
  pipelineId: Id,
  stageId: Id,
  contactIds: z.array(Id),
  tags: z.array(Tag),
  custom: CustomValues,
  status: z.enum(DEAL_STATUSES),
  lostReason: z.optional(Label),
  stageHistory: z.array(StageVisit).check(z.minLength(1)),
  /** When the deal entered its current stage; mirrors the last history entry so storage can index it. */
  stageEnteredAt: Instant,
  /** Its place in its board column (see rank.ts): columns list deals by rank. Deals written before ranks existed have none and list first. */
  rank: z.optional(z.string().check(z.regex(RANK_PATTERN), z.maxLength(64))),
  closedAt: z.optional(Instant),
});
export type Deal = z.infer<typeof Deal>;
