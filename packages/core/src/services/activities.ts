import { Activity, ActivityInput, type ActivityType } from '../model/activity.js';
import { Contact } from '../model/contact.js';
import { INTERACTION_TYPES } from '../model/vocabulary.js';
import { Task, type TaskInput } from '../model/task.js';
import type { Filter, Page } from '../storage/port.js';
import { invalid, parse } from '../validate.js';
import type { CrmContext } from './context.js';
import { type FeedSource, mergeFeed } from './feed.js';
import { reader, requireRef } from './reader.js';
import { buildTask, taskCreated } from './tasks.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';
import { queueCreated } from './writes.js';

/** Which timeline to read. */
export type TimelineRef = { contactId: string } | { companyId: string } | { dealId: string };

const TIMELINE_KEYS = ['contactId', 'companyId', 'dealId'] as const;

/** Options of a timeline page. */
export interface TimelineQuery {
  limit?: number;
  after?: string;
  /** Only these kinds. */
  types?: readonly ActivityType[];
}

/** Options of a whole-timeline feed. */
export interface FeedOptions {
  /** Only these kinds. */
  types?: readonly ActivityType[];
  /** Activities read per source and page (default 50). */
  pageSize?: number;
  signal?: AbortSignal;
}

function refOf(ref: TimelineRef): FeedSource {
  const entries = Object.entries(ref ?? {});
  const [field, value] = entries[0] ?? [];
  if (entries.length !== 1 || !TIMELINE_KEYS.includes(field as never) || typeof value !== 'string' || !value) {
    throw invalid([], 'invalid_timeline_ref', 'A timeline takes exactly one of contactId, companyId or dealId', 'timeline');
  }
  return { field: field as FeedSource['field'], id: value };
}

export function activitiesService(ctx: CrmContext) {
  const read = reader<Activity>(ctx, 'activities');

  /** The activity record of an input, checked, and the contact whose last interaction it moves forward. */
  async function prepare(input: ActivityInput): Promise<{ activity: Activity; contact?: Contact }> {
    const data = parse(ActivityInput, input, 'activity');
    if (!data.contactId && !data.companyId && !data.dealId) {
      throw invalid(['contactId'], 'missing_link', 'An activity needs a contactId, companyId or dealId', 'activity');
    }
    await requireRef(ctx, 'companies', data.companyId, ['companyId']);
    await requireRef(ctx, 'deals', data.dealId, ['dealId']);
    let threadId = data.threadId;
    if (data.parentId) {
      const parent = await read.find(data.parentId);
      if (!parent) throw invalid(['parentId'], 'unknown_reference', `No activity with id ${data.parentId}`, 'activity');
      threadId ??= parent.threadId ?? parent.id;
    }
    const contact = data.contactId ? ((await ctx.storage.get('contacts', data.contactId)) as Contact | undefined) : undefined;
    if (data.contactId && !contact) throw invalid(['contactId'], 'unknown_reference', `No contact with id ${data.contactId}`, 'activity');
    const now = ctx.nowIso();
    // Stored in UTC: storage orders and filters instants as strings, and "10:00+04:00" sorts after "07:00Z" though it is earlier.
    const occurredAt = data.occurredAt ? new Date(data.occurredAt).toISOString() : now;
    const activity = stripUndefined({ ...data, threadId, occurredAt, authorId: data.authorId ?? ctx.memberId, id: ctx.newId(), createdAt: now, updatedAt: now, version: 0 }) as Activity;
    return contact ? { activity, contact } : { activity };
  }

  /** Writes an activity (and a next task) in one batch. */
  async function commitLog(input: ActivityInput, nextInput?: TaskInput): Promise<{ activity: Activity; next?: Task }> {
    const { activity: record, contact } = await prepare(input);
    const nextTask = nextInput ? await buildTask(ctx, { contactId: record.contactId, companyId: record.companyId, dealId: record.dealId, ...nextInput }) : undefined;
    const uow = new UnitOfWork(ctx);
    const activity = uow.put('activities', Activity, record, 0);
    const occurredAt = activity.occurredAt;
    const interaction = (INTERACTION_TYPES as readonly string[]).includes(activity.type);
    if (contact && interaction && (!contact.lastInteractionAt || Date.parse(contact.lastInteractionAt) < Date.parse(occurredAt))) {
      uow.put('contacts', Contact, { ...contact, lastInteractionAt: occurredAt }, contact.version);
    }
    const next = nextTask ? uow.put('tasks', Task, nextTask, 0) : undefined;
    if (next) queueCreated(uow, taskCreated, next);
    uow.afterCommit(() => {
      ctx.events.emit('activity:logged', { activity });
      if (next) ctx.events.emit('task:scheduled', { task: next });
    });
    await uow.commit();
    return next ? { activity, next } : { activity };
  }

  return {
    get: read.get,
    find: read.find,
    list: read.list,
    count: read.count,

    /**
     * Logs what happened with a customer (a note, call, email, meeting, message,
     * form submission or document). It must link to a contact, company or deal.
     * A reply (`parentId`) joins its parent's thread. A call, email, meeting,
     * message or form moves the contact's last-interaction time forward in the
     * same batch (see INTERACTION_TYPES).
     */
    async log(input: ActivityInput): Promise<Activity> {
      return (await commitLog(input)).activity;
    },

    /**
     * Logs an activity and schedules the next step in the same batch: both are
     * written or neither. The task inherits the activity's contact, company
     * and deal unless it names its own.
     */
    logWithNext(input: ActivityInput, next: TaskInput): Promise<{ activity: Activity; next?: Task }> {
      return commitLog(input, next);
    },

    /** A page of one record's timeline, newest first. */
    async timeline(ref: TimelineRef, query: TimelineQuery = {}): Promise<Page<Activity>> {
      const { field, id: value } = refOf(ref);
      const where: Filter[] = [{ field, op: 'eq', value }];
      if (query.types?.length) where.push({ field: 'type', op: 'in', value: query.types });
      return read.list({ where, orderBy: { field: 'occurredAt', direction: 'desc' }, limit: query.limit ?? 50, after: query.after });
    },

    /**
     * A record's whole timeline, newest first, read lazily: a contact's or a
     * deal's own activities; a company's with its people's and its deals'
     * (rolled up; each activity once). Stop iterating to stop reading.
     */
    async *feed(ref: TimelineRef, options: FeedOptions = {}): AsyncGenerator<Activity> {
      const root = refOf(ref);
      const sources: FeedSource[] = [root];
      if (root.field === 'companyId') {
        for (const collection of ['contacts', 'deals'] as const) {
          let after: string | undefined;
          do {
            const page = await ctx.storage.query(collection, { where: [{ field: 'companyId', op: 'eq', value: root.id }], limit: 500, after, signal: options.signal });
            for (const r of page.items) sources.push({ field: collection === 'contacts' ? 'contactId' : 'dealId', id: r.id });
            after = page.nextCursor;
          } while (after);
        }
      }
      yield* mergeFeed(read.list, sources, options);
    },

    /** Every activity of one thread, oldest first. */
    async thread(threadId: string): Promise<Activity[]> {
      const out: Activity[] = [];
      for await (const a of read.each([{ field: 'threadId', op: 'eq', value: threadId }], { field: 'occurredAt' })) out.push(a);
      const root = await read.find(threadId);
      return root && !out.some((a) => a.id === root.id) ? [root, ...out] : out;
    },
  };
}

export type ActivitiesService = ReturnType<typeof activitiesService>;
