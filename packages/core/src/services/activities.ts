import { Activity, ActivityInput, type ActivityType } from '../model/activity.js';
import { Contact } from '../model/contact.js';
import type { Filter, Page } from '../storage/port.js';
import { invalid, parse } from '../validate.js';
import type { CrmContext } from './context.js';
import { reader, requireRef } from './reader.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';

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

export function activitiesService(ctx: CrmContext) {
  const read = reader<Activity>(ctx, 'activities');

  return {
    get: read.get,
    find: read.find,
    list: read.list,
    count: read.count,

    /**
     * Logs what happened with a customer (a note, call, email, meeting, message,
     * form submission or document). It must link to a contact, company or deal.
     * A reply (`parentId`) joins its parent's thread. The contact's
     * last-interaction time moves forward in the same batch.
     */
    async log(input: ActivityInput): Promise<Activity> {
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
      const occurredAt = data.occurredAt ?? now;
      const uow = new UnitOfWork(ctx);
      const activity = uow.put(
        'activities',
        Activity,
        stripUndefined({ ...data, threadId, occurredAt, authorId: data.authorId ?? ctx.memberId, id: ctx.newId(), createdAt: now, updatedAt: now, version: 0 }),
        0,
      );
      if (contact && (!contact.lastInteractionAt || Date.parse(contact.lastInteractionAt) < Date.parse(occurredAt))) {
        uow.put('contacts', Contact, { ...contact, lastInteractionAt: occurredAt }, contact.version);
      }
      uow.afterCommit(() => ctx.events.emit('activity:logged', { activity }));
      await uow.commit();
      return activity;
    },

    /** A page of one record's timeline, newest first. */
    async timeline(ref: TimelineRef, query: TimelineQuery = {}): Promise<Page<Activity>> {
      const entries = Object.entries(ref ?? {});
      const [field, value] = entries[0] ?? [];
      if (entries.length !== 1 || !TIMELINE_KEYS.includes(field as never) || typeof value !== 'string' || !value) {
        throw invalid([], 'invalid_timeline_ref', 'A timeline takes exactly one of contactId, companyId or dealId', 'timeline');
      }
      const where: Filter[] = [{ field: field!, op: 'eq', value }];
      if (query.types?.length) where.push({ field: 'type', op: 'in', value: query.types });
      return read.list({ where, orderBy: { field: 'occurredAt', direction: 'desc' }, limit: query.limit ?? 50, after: query.after });
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
