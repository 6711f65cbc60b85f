import { z } from '../zod.js';
import { CALL_OUTCOMES, LIFECYCLE_STAGES, DIRECTIONS, DOCUMENT_KINDS, ENTITY_KINDS, MESSAGE_CHANNELS } from './vocabulary.js';
import { Id, Instant, Label, Money, Text, recordMeta } from './common.js';
import { Touch } from './source.js';


/** Links and threading every activity shares. */
const links = {
  contactId: z.optional(Id),
  companyId: z.optional(Id),
  dealId: z.optional(Id),
  /** Groups the chain of events of one negotiation. */
  threadId: z.optional(Id),
  /** The activity this one answers or follows. */
  parentId: z.optional(Id),
  occurredAt: Instant,
  authorId: z.optional(Id),
};

const direction = z.enum(DIRECTIONS);

/** Activities people log, by type. */
const userKinds = {
  note: { text: Text.check(z.minLength(1)) },
  call: {
    direction,
    durationSec: z.optional(z.int().check(z.minimum(0))),
    outcome: z.optional(z.enum(CALL_OUTCOMES)),
    text: z.optional(Text),
  },
  email: {
    direction,
    subject: z.string().check(z.maxLength(1000)),
    text: z.optional(Text),
    from: z.optional(z.string().check(z.maxLength(500))),
    to: z.optional(z.string().check(z.maxLength(2000))),
  },
  meeting: {
    title: Label,
    durationMin: z.optional(z.int().check(z.minimum(0))),
    location: z.optional(z.string().check(z.maxLength(500))),
    outcome: z.optional(Text),
    text: z.optional(Text),
  },
  message: { direction, channel: z.enum(MESSAGE_CHANNELS), text: Text },
  form: {
    formId: Label,
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
    attribution: z.optional(Touch),
  },
  document: {
    documentKind: z.enum(DOCUMENT_KINDS),
    title: Label,
    number: z.optional(z.string().check(z.maxLength(100))),
    amount: z.optional(Money),
    url: z.optional(z.url()),
  },
} as const;

/** The record a system activity is about. */
const subject = { entity: z.enum(ENTITY_KINDS), entityId: Id };

/** One field's change; the label is kept so history reads well after the field is gone. */
export const FieldChange = z.strictObject({
  field: z.string(),
  label: z.optional(z.string()),
  before: z.optional(z.unknown()),
  after: z.optional(z.unknown()),
});
export type FieldChange = z.infer<typeof FieldChange>;

/** Activities the core writes itself, so a timeline has every event. */
const systemKinds = {
  created: { ...subject, title: z.optional(z.string()) },
  'fields-changed': { ...subject, changes: z.array(FieldChange).check(z.minLength(1)) },
  'stage-changed': {
    ...subject,
    pipelineId: Id,
    fromStageId: z.optional(Id),
    toStageId: Id,
    status: z.enum(['open', 'won', 'lost']),
    lostReason: z.optional(Label),
  },
  'owner-changed': { ...subject, fromOwnerId: z.optional(Id), toOwnerId: z.optional(Id) },
  'lifecycle-changed': { ...subject, from: z.optional(z.enum(LIFECYCLE_STAGES)), to: z.enum(LIFECYCLE_STAGES) },
  'task-completed': { ...subject, title: z.string(), outcome: z.optional(Text) },
  merged: { ...subject, mergedIds: z.array(Id).check(z.minLength(1)), summary: z.optional(Text) },
} as const;

/** Activity types a person can log. */
export const USER_ACTIVITY_TYPES = Object.keys(userKinds) as (keyof typeof userKinds)[];
/** Activity types only the core writes. */
export const SYSTEM_ACTIVITY_TYPES = Object.keys(systemKinds) as (keyof typeof systemKinds)[];
export const ACTIVITY_TYPES = [...USER_ACTIVITY_TYPES, ...SYSTEM_ACTIVITY_TYPES];
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Links as an input takes them: `occurredAt` defaults to now. */
const inputLinks = { ...links, occurredAt: z.optional(Instant) };

function variants<K extends Record<string, z.core.$ZodShape>, Extra extends z.core.$ZodShape, L extends z.core.$ZodShape>(kinds: K, extra: Extra, linkShape: L) {
  return Object.entries(kinds).map(([type, shape]) => z.strictObject({ type: z.literal(type), ...extra, ...linkShape, ...shape })) as unknown as [
    {
      [T in keyof K]: z.ZodMiniObject<{ type: z.ZodMiniLiteral<T & string> } & Extra & L & K[T], z.core.$strict>;
    }[keyof K],
  ];
}

/** Input of `activities.log`: one of the user kinds, without id and timestamps (`occurredAt` defaults to now). */
export const ActivityInput = z.discriminatedUnion('type', variants(userKinds, {}, inputLinks));
export type ActivityInput = z.input<typeof ActivityInput>;

/** A timeline entry: what happened with a customer, when, by whom, in which thread. */
export const Activity = z.discriminatedUnion('type', [
  ...variants(userKinds, recordMeta, links),
  ...variants(systemKinds, recordMeta, links),
] as unknown as ReturnType<typeof variants<typeof userKinds & typeof systemKinds, typeof recordMeta, typeof links>>);
export type Activity = z.infer<typeof Activity>;

/** An activity narrowed to one type. */
export type ActivityOf<T extends ActivityType> = Extract<Activity, { type: T }>;

/** The input of a system activity, as the core builds it. */
export type SystemActivityInput = Omit<Extract<Activity, { type: (typeof SYSTEM_ACTIVITY_TYPES)[number] }>, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

/** True for activities the core wrote itself. */
export function isSystemActivity(a: { type: string }): boolean {
  return (SYSTEM_ACTIVITY_TYPES as string[]).includes(a.type);
}
