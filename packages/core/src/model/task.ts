import { z } from '../zod.js';
import { TASK_KINDS } from './vocabulary.js';
import { DateOnly, Id, Instant, Label, Text, recordMeta } from './common.js';


/**
 * When a task is due: a date (`2026-11-25`, due any time that day in the
 * viewer's zone) or an instant (`2026-11-25T09:30:00Z`). One string field, so
 * storage can sort and index both kinds together.
 */
export const Due = z.union([DateOnly, Instant]);

const taskFields = {
  title: Label,
  kind: z.optional(z.enum(TASK_KINDS)),
  due: z.optional(Due),
  assigneeId: z.optional(Id),
  contactId: z.optional(Id),
  companyId: z.optional(Id),
  dealId: z.optional(Id),
  notes: z.optional(Text),
};

/** Input of `tasks.schedule`. */
export const TaskInput = z.strictObject(taskFields);
export type TaskInput = z.input<typeof TaskInput>;

/** Input of `tasks.update`. */
export const TaskPatch = z.partial(z.strictObject(taskFields));
export type TaskPatch = z.input<typeof TaskPatch>;

/** A next step someone has to take. */
export const Task = z.strictObject({
  ...recordMeta,
  ...taskFields,
  kind: z.enum(TASK_KINDS),
  completedAt: z.optional(Instant),
  outcome: z.optional(Text),
  /** The task whose completion scheduled this one. */
  previousTaskId: z.optional(Id),
});
export type Task = z.infer<typeof Task>;
