import { Task, TaskInput, TaskPatch } from '../model/task.js';
import { invalid, parse } from '../validate.js';
import { isDateOnly } from '../time.js';
import type { WriteOptions } from './contacts.js';
import type { CrmContext } from './context.js';
import { reader, requireRef } from './reader.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';
import { type CreatedSpec, commitCreate, commitDelete, commitPatch, queueCreated, type PatchSpec } from './writes.js';

/** How a new task's "created" activity is filed. */
export const taskCreated: CreatedSpec<Task> = { entity: 'task', links: (t) => ({ contactId: t.contactId, companyId: t.companyId, dealId: t.dealId }), title: (t) => t.title };

/** Options of `tasks.complete`. */
export interface CompleteOptions extends WriteOptions {
  /** What came of it ("agreed on a demo Friday"). */
  outcome?: string;
  /** The next step, scheduled in the same action; it inherits the links and the assignee it does not set. */
  next?: TaskInput;
}

async function checkTaskRefs(ctx: CrmContext, t: TaskPatch) {
  await requireRef(ctx, 'members', t.assigneeId, ['assigneeId']);
  await requireRef(ctx, 'contacts', t.contactId, ['contactId']);
  await requireRef(ctx, 'companies', t.companyId, ['companyId']);
  await requireRef(ctx, 'deals', t.dealId, ['dealId']);
}

/** An instant due in UTC, so storage's string order is time order; a date-only due stays a date. */
function utcDue<T extends { due?: string | undefined }>(t: T): T {
  return t.due && !isDateOnly(t.due) ? { ...t, due: new Date(t.due).toISOString() } : t;
}

/** A new task record from its input, validated and with its links checked; not yet written. */
export async function buildTask(ctx: CrmContext, input: TaskInput, previousTaskId?: string): Promise<Task> {
  const data = utcDue(parse(TaskInput, input, 'task'));
  await checkTaskRefs(ctx, data);
  const now = ctx.nowIso();
  return stripUndefined({
    ...data,
    kind: data.kind ?? 'todo',
    assigneeId: data.assigneeId ?? ctx.memberId,
    previousTaskId,
    id: ctx.newId(),
    createdAt: now,
    updatedAt: now,
    version: 0,
  });
}

export function tasksService(ctx: CrmContext) {
  const read = reader<Task>(ctx, 'tasks');
  const spec: PatchSpec<Task> = {
    collection: 'tasks',
    schema: Task,
    ...taskCreated,
    editable: ['title', 'kind', 'due', 'assigneeId', 'contactId', 'companyId', 'dealId', 'notes'],
    emit: (task, previous) => ctx.events.emit('task:updated', { task, previous }),
  };

  const build = (input: TaskInput, previousTaskId?: string) => buildTask(ctx, input, previousTaskId);

  return {
    ...read,

    /** Schedules a next step for someone. */
    async schedule(input: TaskInput): Promise<Task> {
      return commitCreate(ctx, spec, await build(input), (task) => ctx.events.emit('task:scheduled', { task }));
    },

    /** Changes a task (reschedule, reassign), recording before and after. */
    async update(id: string, patch: TaskPatch, options: WriteOptions = {}): Promise<Task> {
      const data = utcDue(parse(TaskPatch, patch, 'task'));
      const current = await read.get(id);
      await checkTaskRefs(ctx, data);
      return commitPatch(ctx, spec, current, stripUndefined({ ...current, ...data }), options.expectedVersion);
    },

    /**
     * Marks a task done with its outcome and, in the same batch, schedules the
     * next step when `next` is given: "done -> schedule next" never leaves a
     * customer without a planned action because of a failed second call.
     */
    async complete(id: string, options: CompleteOptions = {}): Promise<{ task: Task; next?: Task }> {
      const current = await read.get(id);
      if (current.completedAt) throw invalid(['completedAt'], 'already_completed', `Task "${current.title}" is already done`, 'task');
      const now = ctx.nowIso();
      const nextTask = options.next
        ? await build(stripUndefined({ contactId: current.contactId, companyId: current.companyId, dealId: current.dealId, assigneeId: current.assigneeId, ...options.next }), current.id)
        : undefined;
      const uow = new UnitOfWork(ctx);
      const task = uow.put('tasks', Task, stripUndefined({ ...current, completedAt: now, outcome: options.outcome, updatedAt: now }), options.expectedVersion ?? current.version);
      uow.system(stripUndefined({ type: 'task-completed' as const, entity: 'task' as const, entityId: id, title: task.title, outcome: options.outcome, ...spec.links(task), occurredAt: now }));
      const next = nextTask ? uow.put('tasks', Task, nextTask, 0) : undefined;
      if (next) queueCreated(uow, spec, next);
      uow.afterCommit(() => {
        ctx.events.emit('task:completed', stripUndefined({ task, next }));
        if (next) ctx.events.emit('task:scheduled', { task: next });
      });
      await uow.commit();
      return stripUndefined({ task, next });
    },

    /** Deletes a task. */
    async remove(id: string, options: WriteOptions = {}): Promise<void> {
      await commitDelete(ctx, 'tasks', id, options.expectedVersion, () => ctx.events.emit('task:deleted', { id }));
    },

    /** Open tasks of one assignee: undated ones first, then by due, soonest first. */
    async openFor(assigneeId: string, limit = 200): Promise<Task[]> {
      const page = await read.list({
        where: [{ field: 'assigneeId', op: 'eq', value: assigneeId }, { field: 'completedAt', op: 'exists', value: false }],
        orderBy: { field: 'due' },
        limit,
      });
      return page.items;
    },
  };
}

export type TasksService = ReturnType<typeof tasksService>;
