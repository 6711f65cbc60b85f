import { z } from '../zod.js';
import { FILTER_OPS } from '../storage/port.js';
import { CurrencyCode, DateOnly, Id, Instant, Label } from '../model/common.js';
import { DEAL_STATUSES } from '../model/vocabulary.js';

/**
 * The segment language: a JSON tree of conditions over one kind of record,
 * validated here so a saved segment, a rule's condition and a URL parameter
 * all mean the same thing. Leaves:
 * - `{ field, op, value }`: a comparison on any field by dotted path
 *   (`lifecycle`, `tags`, `custom.region`, `source.firstTouch.utmCampaign`),
 *   with the storage port's operators plus `contains` (case-insensitive text);
 * - `{ lastInteraction: { before?, after? } }` (contacts, companies through their people);
 * - `{ openDeal: true | false }` (contacts, companies);
 * - `{ dealValue: { currency, min?, max?, status? } }`: has such a deal (contacts,
 *   companies) or is one (deals); amounts in minor units;
 * - `{ birthdayWithin: days }` (contacts), judged on the viewer's calendar.
 * Branches: `{ and: [...] }`, `{ or: [...] }`, `{ not: {...} }`.
 * Dates may be relative to the evaluation time: `{ daysAgo: 30 }`, `{ daysAhead: 7 }`.
 */

/** A moment relative to when the segment is evaluated. */
export const RelativeTime = z.union([
  z.strictObject({ daysAgo: z.int().check(z.minimum(0), z.maximum(36_500)) }),
  z.strictObject({ daysAhead: z.int().check(z.minimum(0), z.maximum(36_500)) }),
]);
export type RelativeTime = z.infer<typeof RelativeTime>;

/** The operators a field condition can use. */
export const SEGMENT_OPS = [...FILTER_OPS, 'contains'] as const;
export type SegmentOp = (typeof SEGMENT_OPS)[number];

const Scalar = z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean(), z.null()]);
const FieldPath = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*){0,4}$/, 'A field is a dotted path such as custom.region'));

/** A comparison on one field. */
export const FieldCondition = z.strictObject({
  field: FieldPath,
  op: z.enum(SEGMENT_OPS),
  value: z.optional(z.union([Scalar, z.array(Scalar).check(z.maxLength(500)), RelativeTime])),
});
export type FieldCondition = z.infer<typeof FieldCondition>;

const When = z.union([Instant, DateOnly, RelativeTime]);

export const LastInteractionCondition = z.strictObject({
  lastInteraction: z.strictObject({ before: z.optional(When), after: z.optional(When) }).check(
    z.refine((v) => v.before !== undefined || v.after !== undefined, { message: 'Give before, after or both' }),
  ),
});
export const OpenDealCondition = z.strictObject({ openDeal: z.boolean() });
export const DealValueCondition = z.strictObject({
  dealValue: z
    .strictObject({
      currency: CurrencyCode,
      min: z.optional(z.int().check(z.minimum(0))),
      max: z.optional(z.int().check(z.minimum(0))),
      status: z.optional(z.enum(DEAL_STATUSES)),
    })
    .check(z.refine((v) => v.min === undefined || v.max === undefined || v.min <= v.max, { message: 'min is above max', path: ['min'] })),
});
export const BirthdayCondition = z.strictObject({ birthdayWithin: z.int().check(z.minimum(0), z.maximum(366)) });

/** One node of a segment's tree. */
export type SegmentNode =
  | FieldCondition
  | z.infer<typeof LastInteractionCondition>
  | z.infer<typeof OpenDealCondition>
  | z.infer<typeof DealValueCondition>
  | z.infer<typeof BirthdayCondition>
  | { and: readonly SegmentNode[] }
  | { or: readonly SegmentNode[] }
  | { not: SegmentNode };

export const SegmentNode: z.ZodMiniType<SegmentNode> = z.union([
  FieldCondition,
  LastInteractionCondition,
  OpenDealCondition,
  DealValueCondition,
  BirthdayCondition,
  z.strictObject({
    get and() {
      return z.array(SegmentNode).check(z.maxLength(100));
    },
  }),
  z.strictObject({
    get or() {
      return z.array(SegmentNode).check(z.minLength(1), z.maxLength(100));
    },
  }),
  z.strictObject({
    get not() {
      return SegmentNode;
    },
  }),
]) as unknown as z.ZodMiniType<SegmentNode>;

/** The record kinds a segment can select. */
export const SEGMENT_ENTITIES = ['contact', 'company', 'deal'] as const;
export type SegmentEntity = (typeof SEGMENT_ENTITIES)[number];

/** A segment as written: what it selects and how. */
export const SegmentDefinition = z.strictObject({
  entity: z.enum(SEGMENT_ENTITIES),
  where: SegmentNode,
});
export type SegmentDefinition = z.infer<typeof SegmentDefinition>;

/** Input of `segments.save`. */
export const SegmentInput = z.strictObject({
  id: z.optional(Id),
  name: Label,
  entity: z.enum(SEGMENT_ENTITIES),
  where: SegmentNode,
});
export type SegmentInput = z.input<typeof SegmentInput>;

/** A saved segment. */
export const Segment = z.strictObject({
  id: Id,
  name: Label,
  entity: z.enum(SEGMENT_ENTITIES),
  where: SegmentNode,
  createdAt: Instant,
  updatedAt: Instant,
  version: z.int().check(z.minimum(0)),
});
export type Segment = z.infer<typeof Segment>;
