import { z } from '../zod.js';
import { Id, Instant, Label, Tag } from '../model/common.js';
import { LIFECYCLE_STAGES, TASK_KINDS } from '../model/vocabulary.js';
import { SegmentNode } from '../segments/schema.js';

/**
 * Automation rules as validated JSON: a trigger, an optional condition (a
 * segment over the rule's entity) and actions. Event triggers fire on SDK
 * writes (`rules.start()`); scheduled ones when `rules.runDue(now)` is called.
 */

/** The kinds of record a rule watches. */
export const RULE_ENTITIES = ['contact', 'company', 'deal', 'task'] as const;
export type RuleEntity = (typeof RULE_ENTITIES)[number];

const days = z.int().check(z.minimum(0), z.maximum(3650));
const scalar = z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean(), z.null()]);

export const RuleTrigger = z.discriminatedUnion('type', [
  /** The record was created. */
  z.strictObject({ type: z.literal('created') }),
  /** A deal entered a stage (of a pipeline, when named). */
  z.strictObject({ type: z.literal('stage-entered'), stageId: Id, pipelineId: z.optional(Id) }),
  /** A field changed (to a value, when given). `field` is a top-level field or `custom.<key>`. */
  z.strictObject({ type: z.literal('field-changed'), field: z.string().check(z.regex(/^[A-Za-z_][\w-]*(\.[\w-]+)?$/)), to: z.optional(scalar) }),
  /** Scheduled: no interaction (call, email, meeting, message, form) for `days`, counted from creation when there never was one. */
  z.strictObject({ type: z.literal('no-interaction'), days: days.check(z.minimum(1)) }),
  /** Scheduled: the contact's birthday is at most `days` away (0: today), once a year. */
  z.strictObject({ type: z.literal('birthday'), days }),
  /** Scheduled: an open deal sat in its stage longer than the stage's `rottingDays`. */
  z.strictObject({ type: z.literal('rotting') }),
  /** Scheduled: an open task is overdue by at least `days` days (default 1) on the viewer's calendar. */
  z.strictObject({ type: z.literal('task-overdue'), days: z.optional(days.check(z.minimum(1))) }),
]);
export type RuleTrigger = z.infer<typeof RuleTrigger>;

export const RuleAction = z.discriminatedUnion('type', [
  /** A task about the record, for its owner (or a named member), due in `dueInDays` on the viewer's calendar. */
  z.strictObject({
    type: z.literal('create-task'),
    title: Label,
    kind: z.optional(z.enum(TASK_KINDS)),
    dueInDays: z.optional(days),
    assigneeId: z.optional(Id),
  }),
  /** Gives the record an owner: turn by turn, or to the member with the fewest open deals and tasks. */
  z.strictObject({
    type: z.literal('assign'),
    strategy: z.enum(['round-robin', 'least-loaded']),
    /** The members to choose from (default: every active member, in id order). */
    memberIds: z.optional(z.array(Id).check(z.minLength(1), z.maxLength(500))),
  }),
  z.strictObject({ type: z.literal('add-tag'), tag: Tag }),
  z.strictObject({ type: z.literal('set-lifecycle'), to: z.enum(LIFECYCLE_STAGES) }),
  /** Emits `rule:event` with this name: the host forwards it (a webhook, a toast). */
  z.strictObject({ type: z.literal('emit'), event: z.string().check(z.regex(/^[a-z][\w.:-]{0,99}$/, 'An event name is a lower-case word')) }),
]);
export type RuleAction = z.infer<typeof RuleAction>;

const ruleFields = {
  name: Label,
  entity: z.enum(RULE_ENTITIES),
  trigger: RuleTrigger,
  /** A segment the record must be in (for task rules: the task's contact). */
  condition: z.optional(SegmentNode),
  actions: z.array(RuleAction).check(z.minLength(1), z.maxLength(20)),
  enabled: z.optional(z.boolean()),
};

/** Input of `rules.save`. */
export const RuleInput = z.strictObject({ id: z.optional(Id), ...ruleFields });
export type RuleInput = z.input<typeof RuleInput>;

/** A saved rule. */
export const Rule = z.strictObject({
  id: Id,
  ...ruleFields,
  enabled: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.int().check(z.minimum(0)),
});
export type Rule = z.infer<typeof Rule>;

/** The mark that one action of one rule ran for one occurrence of its trigger: what makes rules idempotent. */
export const RuleRun = z.strictObject({
  id: z.string(),
  ruleId: Id,
  key: z.string(),
  at: Instant,
  version: z.int(),
});
export type RuleRun = z.infer<typeof RuleRun>;

/** Which triggers and actions suit which entity. */
export const TRIGGER_ENTITIES: Record<RuleTrigger['type'], readonly RuleEntity[]> = {
  created: ['contact', 'company', 'deal', 'task'],
  'stage-entered': ['deal'],
  'field-changed': ['contact', 'company', 'deal', 'task'],
  'no-interaction': ['contact'],
  birthday: ['contact'],
  rotting: ['deal'],
  'task-overdue': ['task'],
};
export const ACTION_ENTITIES: Record<RuleAction['type'], readonly RuleEntity[]> = {
  'create-task': ['contact', 'company', 'deal', 'task'],
  assign: ['contact', 'company', 'deal', 'task'],
  'add-tag': ['contact', 'company', 'deal'],
  'set-lifecycle': ['contact'],
  emit: ['contact', 'company', 'deal', 'task'],
};
export const SCHEDULED_TRIGGERS = ['no-interaction', 'birthday', 'rotting', 'task-overdue'] as const;
