import { ConflictError } from '../errors.js';
import { Activity } from '../model/activity.js';
import { Company } from '../model/company.js';
import { Contact, contactName } from '../model/contact.js';
import { Deal } from '../model/deal.js';
import { LeadRouting, LeadSubmission } from '../model/lead.js';
import { channelOfTouch } from '../model/source.js';
import { Task } from '../model/task.js';
import { emailKey, loadPhoneSupport, phoneKey } from '../phone.js';
import { parse } from '../validate.js';
import { z } from '../zod.js';
import { newCompany, companyCreated } from './companies.js';
import { CONTACT_EDITABLE, contactCreated, normaliseContact } from './contacts.js';
import type { CrmContext } from './context.js';
import { checkCustomValues } from './custom-fields.js';
import { dealCreated, newDeal, placeDeal } from './deals.js';
import { changedKeys } from './equal.js';
import type { PipelinesService } from './pipelines.js';
import { requireRef } from './reader.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';
import { taskCreated } from './tasks.js';
import { queueChangeActivities, queueCreated } from './writes.js';

/** What `leads.capture` did with a submission. */
export interface LeadResult {
  /** True when this idempotency key was captured before: nothing was written, the first capture's ids are returned. */
  replayed: boolean;
  /** True when the lead matched an existing contact (same email or phone) and was added to it; false on a replay, which does not know. */
  matched: boolean;
  contactId: string;
  /** The form-submission activity; its id is derived from the idempotency key. */
  activityId: string;
  dealId?: string;
  taskId?: string;
  /** The contact as stored (absent on a replay). */
  contact?: Contact;
}

/** The activity id of a submission: one per idempotency key, so storage itself refuses a second. */
export const leadActivityId = (key: string) => `lead-${key}`;

/** Round-robin assignment turns through active members; its position is one small record, written in the lead's batch. */
const TURN_ID = 'lead-round-robin';
const Turn = z.strictObject({ id: z.string(), version: z.int(), next: z.int().check(z.minimum(0)) });

/** Retries when another capture moved a record this one read (the matched contact, the round-robin turn). */
const ATTEMPTS = 4;

export function leadsService(ctx: CrmContext, pipelines: PipelinesService) {
  /** The first capture of this key, if there was one. */
  async function replay(activityId: string): Promise<LeadResult | undefined> {
    const activity = (await ctx.storage.get('activities', activityId)) as Activity | undefined;
    if (!activity?.contactId) return undefined;
    return stripUndefined({ replayed: true, matched: false, contactId: activity.contactId, activityId, dealId: activity.dealId });
  }

  /** The oldest contact with the lead's email, else with its phone. */
  async function findMatch(lead: z.output<typeof LeadSubmission>): Promise<Contact | undefined> {
    const oldest = async (field: string, value: string) =>
      (await ctx.storage.query('contacts', { where: [{ field, op: 'has', value }], orderBy: { field: 'createdAt' }, limit: 1 })).items[0] as Contact | undefined;
    if (lead.email) {
      const byEmail = await oldest('emailKeys', emailKey(lead.email));
      if (byEmail) return byEmail;
    }
    if (lead.phone) {
      await loadPhoneSupport();
      return oldest('phoneKeys', phoneKey(lead.phone, ctx.options.defaultCountry));
    }
    return undefined;
  }

  /** The member a new lead goes to, queueing the round-robin turn's advance in the same batch. */
  async function pickOwner(uow: UnitOfWork, routing: z.output<typeof LeadRouting>): Promise<string | undefined> {
    const assign = routing.assign;
    if (!assign) return undefined;
    if (assign !== 'round-robin') {
      await requireRef(ctx, 'members', assign.memberId, ['assign', 'memberId']);
      return assign.memberId;
    }
    const members = (await ctx.storage.query('members', { where: [{ field: 'active', op: 'eq', value: true }], orderBy: { field: 'id' }, limit: 1000 })).items;
    if (!members.length) return undefined;
    const turn = (await ctx.storage.get('counters', TURN_ID)) as z.output<typeof Turn> | undefined;
    const index = (turn?.next ?? 0) % members.length;
    uow.put('counters', Turn, { id: TURN_ID, version: turn?.version ?? 0, next: (index + 1) % members.length }, turn?.version ?? 0);
    return members[index]!.id;
  }

  /** The company a lead names: an existing one of that exact name, else a new one queued in the batch. */
  async function companyFor(uow: UnitOfWork, name: string, ownerId: string | undefined): Promise<string> {
    const found = (await ctx.storage.query('companies', { where: [{ field: 'name', op: 'eq', value: name }], orderBy: { field: 'createdAt' }, limit: 1 })).items[0];
    if (found) return found.id;
    const company = uow.put('companies', Company, newCompany(ctx, { name, ownerId }, {}), 0);
    queueCreated(uow, companyCreated, company);
    return company.id;
  }

  /** The values of `custom.<key>` fields, checked against the contact field definitions. */
  async function customOf(fields: Record<string, unknown>, current: Record<string, unknown> | undefined) {
    const given: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (name.startsWith('custom.')) given[name.slice(7)] = value;
    return Object.keys(given).length ? checkCustomValues(ctx, 'contact', given, current) : (current ?? {});
  }

  async function captureOnce(lead: z.output<typeof LeadSubmission>, routing: z.output<typeof LeadRouting>, activityId: string): Promise<LeadResult> {
    const now = ctx.nowIso();
    const uow = new UnitOfWork(ctx);
    const match = await findMatch(lead);
    const fields = lead.fields ?? {};
    const consents = lead.consent ? [{ ...lead.consent, status: 'granted' as const, at: now, method: 'form' as const }] : [];
    const emails = lead.email ? [{ value: lead.email }] : [];
    const phones = lead.phone ? [{ value: lead.phone }] : [];
    let contact: Contact;
    let dealId: string | undefined;
    if (match) {
      const knownEmails = new Set(match.emailKeys);
      if (lead.phone) await loadPhoneSupport();
      const newPhone = lead.phone !== undefined && !match.phoneKeys.includes(phoneKey(lead.phone, ctx.options.defaultCountry));
      const merged = await normaliseContact(ctx, {
        ...match,
        firstName: match.firstName ?? lead.firstName,
        lastName: match.lastName ?? lead.lastName,
        emails: [...match.emails, ...emails.filter((e) => !knownEmails.has(emailKey(e.value)))],
        phones: newPhone ? [...match.phones, ...phones] : match.phones,
        source: stripUndefined({ ...match.source, firstTouch: match.source?.firstTouch ?? lead.firstTouch, lastTouch: lead.lastTouch ?? lead.firstTouch ?? match.source?.lastTouch }),
        consents: [...match.consents, ...consents],
        tags: [...new Set([...match.tags, ...(routing.tags ?? [])])],
        custom: await customOf(fields, match.custom),
        lastInteractionAt: now,
        updatedAt: now,
      });
      contact = uow.put('contacts', Contact, stripUndefined(merged), match.version);
      // What the lead changed on the contact is on its timeline, as any other change is.
      const changed = changedKeys(match, contact, CONTACT_EDITABLE);
      if (changed.length) await queueChangeActivities(ctx, uow, 'contact', match, contact, changed, contactCreated.links(contact));
    } else {
      const ownerId = await pickOwner(uow, routing);
      const id = ctx.newId();
      const companyId = lead.company ? await companyFor(uow, lead.company, ownerId) : undefined;
      const record = await normaliseContact(ctx, {
        id,
        firstName: lead.firstName,
        lastName: lead.lastName,
        emails,
        phones,
        companyId,
        lifecycle: 'lead',
        ownerId,
        tags: routing.tags ?? [],
        // A form is the way in; the campaign's medium says which channel brought the visitor to it.
        source: stripUndefined({ channel: channelOfTouch(lead.firstTouch) ?? 'form', firstTouch: lead.firstTouch, lastTouch: lead.lastTouch ?? lead.firstTouch }),
        consents,
        custom: await customOf(fields, undefined),
        lastInteractionAt: now,
        createdAt: now,
        updatedAt: now,
        version: 0,
      });
      contact = uow.put('contacts', Contact, stripUndefined(record), 0);
      queueCreated(uow, contactCreated, contact);
      if (routing.deal) dealId = await queueDeal(uow, routing.deal === true ? {} : routing.deal, contact, lead);
    }
    const activity = uow.put(
      'activities',
      Activity,
      stripUndefined({
        id: activityId,
        type: 'form',
        formId: lead.formId,
        fields: stripUndefined({ firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone, company: lead.company, message: lead.message, ...fields }),
        attribution: lead.lastTouch ?? lead.firstTouch,
        contactId: contact.id,
        companyId: contact.companyId,
        dealId,
        occurredAt: now,
        createdAt: now,
        updatedAt: now,
        version: 0,
      }),
      0,
    );
    let taskId: string | undefined;
    if (routing.firstResponseMinutes) {
      const due = new Date(Date.parse(now) + routing.firstResponseMinutes * 60_000).toISOString();
      const task = uow.put(
        'tasks',
        Task,
        stripUndefined({ id: ctx.newId(), title: `Answer the ${lead.formId} request`, kind: 'call', due, assigneeId: contact.ownerId, contactId: contact.id, dealId, createdAt: now, updatedAt: now, version: 0 }),
        0,
      );
      queueCreated(uow, taskCreated, task);
      taskId = task.id;
      uow.afterCommit(() => ctx.events.emit('task:scheduled', { task }));
    }
    uow.afterCommit(() => {
      if (match) ctx.events.emit('contact:updated', { contact, previous: match });
      else ctx.events.emit('contact:created', { contact });
      ctx.events.emit('activity:logged', { activity });
    });
    await uow.commit();
    return stripUndefined({ replayed: false, matched: Boolean(match), contactId: contact.id, activityId, dealId, taskId, contact });
  }

  /** Queues a new lead's deal in the routing's pipeline and stage (the first open one unless named). */
  async function queueDeal(uow: UnitOfWork, spec: { pipelineId?: string | undefined; stageId?: string | undefined; title?: string | undefined; value?: { amount: number; currency: string } | undefined }, contact: Contact, lead: z.output<typeof LeadSubmission>): Promise<string> {
    const { pipeline, stage } = await placeDeal(ctx, pipelines, spec.pipelineId, spec.stageId, ['deal']);
    const name = contactName(contact) || lead.company || lead.formId;
    const fields = { title: spec.title ?? `${name} (${lead.formId})`, value: spec.value ?? { amount: 0, currency: 'USD' }, ownerId: contact.ownerId, contactIds: [contact.id], companyId: contact.companyId };
    const deal = uow.put('deals', Deal, newDeal(ctx, fields, pipeline, stage, {}), 0);
    queueCreated(uow, dealCreated, deal);
    uow.afterCommit(() => ctx.events.emit('deal:created', { deal }));
    return deal.id;
  }

  return {
    /**
     * Files a form submission: on the existing contact with the same email or
     * phone (a form-submission activity, the new touch, consent and any
     * missing email), else on a new lead contact with its source and
     * consent, then per `routing` a deal, an owner and a "first response"
     * task, all in one batch. The same idempotency key is stored once
     * however often it arrives: a retry gets the first capture's ids back
     * with `replayed: true`.
     */
    async capture(submission: LeadSubmission, routing: LeadRouting = {}): Promise<LeadResult> {
      const lead = parse(LeadSubmission, submission, 'lead');
      const rules = parse(LeadRouting, routing, 'lead routing');
      const activityId = leadActivityId(lead.key);
      for (let attempt = 1; ; attempt++) {
        const seen = await replay(activityId);
        if (seen) return seen;
        try {
          return await captureOnce(lead, rules, activityId);
        } catch (error) {
          // Another capture of this key won the race (replayed above on the next turn), or moved the matched contact or the turn.
          if (error instanceof ConflictError && ((error.collection === 'activities' && error.id === activityId) || attempt < ATTEMPTS)) continue;
          throw error;
        }
      }
    },
  };
}

export type LeadsService = ReturnType<typeof leadsService>;
