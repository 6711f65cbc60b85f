import { ValidationError, type ValidationIssue } from '../errors.js';
import { Company } from '../model/company.js';
import { Contact } from '../model/contact.js';
import { contactName } from '../names.js';
import { emailKey } from '../phone.js';
import type { StoredRecord } from '../storage/port.js';
import { parse } from '../validate.js';
import { LIFECYCLE_ORDER } from './contacts.js';
import type { CrmContext } from './context.js';
import { deepEqual } from './equal.js';
import { readAll } from './reader.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';

/** What `duplicates.merge` takes. */
export interface MergeInput {
  entity: 'contact' | 'company';
  /** The record that stays. */
  into: string;
  /** The records merged into it and then deleted. */
  from: string[];
  /** Per conflicting field (`jobTitle`, `custom.region`), the id of the record whose value wins. */
  choose?: Record<string, string>;
  /** Show the result and the conflicts; write nothing. */
  dryRun?: boolean;
}

/** A field the records disagree on, with every value and the one chosen. */
export interface MergeConflict {
  field: string;
  values: { id: string; value: unknown }[];
  /** The id of the record whose value the merge keeps. */
  chosen: string;
}

/** What a merge did, or would do. */
export interface MergeResult {
  entity: 'contact' | 'company';
  /** The record as it is (or would be) after the merge. */
  record: Contact | Company;
  conflicts: MergeConflict[];
  /** How many linked records point (or would point) to the kept record instead. */
  relinked: { activities: number; deals: number; tasks: number; contacts: number };
  merged: string[];
  dryRun: boolean;
}

const SCALARS = {
  contact: ['firstName', 'lastName', 'jobTitle', 'birthday', 'companyId', 'ownerId', 'lifecycle', 'source'],
  company: ['name', 'domain', 'ownerId'],
} as const;

/** Relinks applied in batches of this many writes when a merge is too large for one. */
const BATCH = 500;

/**
 * Merges records of one kind into one: lists (emails, phones, tags, kinds,
 * consents) are united, single values keep the kept record's value unless
 * `choose` names another record (a lifecycle keeps the most advanced stage),
 * and every activity, deal, task and contact that pointed to a merged record
 * points to the kept one. A "merged" activity records what was merged.
 *
 * The writes go in one batch, all or nothing. A merge with more than 500
 * links to move commits them in batches first (each write is guarded by
 * version, and pointing a link at the kept record twice is harmless), then the
 * kept record, the deletions and the activity as one batch: a merge cut short
 * leaves every link on a record that still exists, and running it again
 * finishes it.
 */
export async function mergeRecords(ctx: CrmContext, input: MergeInput): Promise<MergeResult> {
  const collection = input.entity === 'contact' ? 'contacts' : 'companies';
  const from = [...new Set(input.from)];
  const problems: ValidationIssue[] = [];
  if (input.entity !== 'contact' && input.entity !== 'company') problems.push({ path: ['entity'], code: 'invalid_value', message: 'entity is contact or company' });
  if (!from.length) problems.push({ path: ['from'], code: 'too_small', message: 'Name at least one record to merge' });
  if (from.includes(input.into)) problems.push({ path: ['from'], code: 'invalid_value', message: 'A record cannot be merged into itself' });
  if (problems.length) throw new ValidationError(problems, 'merge');
  const kept = await ctx.storage.get(collection, input.into);
  const others = await Promise.all(from.map((id) => ctx.storage.get(collection, id)));
  const missing = [input.into, ...from].filter((_, i) => !(i === 0 ? kept : others[i - 1]));
  if (missing.length) throw new ValidationError(missing.map((id) => ({ path: [id === input.into ? 'into' : 'from'], code: 'not_found', message: `No ${input.entity} with id ${id}` })), 'merge');
  const records = [kept!, ...(others as StoredRecord[])];

  const { record, conflicts } = combine(input, records);
  const now = ctx.nowIso();
  const schema = input.entity === 'contact' ? Contact : Company;
  const next = parse(schema, { ...record, updatedAt: now }, input.entity) as Contact | Company;

  const moves = await linkMoves(ctx, input.entity, input.into, from);
  const relinked = { activities: moves.activities.length, deals: moves.deals.length, tasks: moves.tasks.length, contacts: moves.contacts.length };
  if (input.dryRun) return { entity: input.entity, record: next, conflicts, relinked, merged: from, dryRun: true };

  const all = [...moves.activities, ...moves.deals, ...moves.tasks, ...moves.contacts];
  const final = new UnitOfWork(ctx);
  if (all.length > BATCH) {
    for (let i = 0; i < all.length; i += BATCH) {
      const uow = new UnitOfWork(ctx);
      for (const m of all.slice(i, i + BATCH)) uow.putParsed(m.collection, m.record, m.version);
      await uow.commit();
    }
  } else for (const m of all) final.putParsed(m.collection, m.record, m.version);
  const stored = final.putParsed(collection, next, kept!.version);
  for (const r of others as StoredRecord[]) final.delete(collection, r.id, r.version);
  const names = (others as StoredRecord[]).map((r) => describe(input.entity, r)).join('; ');
  final.system(
    stripUndefined({
      type: 'merged',
      entity: input.entity,
      entityId: input.into,
      contactId: input.entity === 'contact' ? input.into : undefined,
      companyId: input.entity === 'company' ? input.into : (next as Contact).companyId,
      mergedIds: from,
      summary: `Merged ${names}`.slice(0, 2000),
      occurredAt: now,
    }),
  );
  final.afterCommit(() => {
    if (input.entity === 'contact') {
      ctx.events.emit('contact:updated', { contact: stored as Contact, previous: kept as unknown as Contact });
      for (const id of from) ctx.events.emit('contact:deleted', { id });
    } else {
      ctx.events.emit('company:updated', { company: stored as Company, previous: kept as unknown as Company });
      for (const id of from) ctx.events.emit('company:deleted', { id });
    }
  });
  await final.commit();
  return { entity: input.entity, record: stored, conflicts, relinked, merged: from, dryRun: false };
}

function describe(entity: 'contact' | 'company', r: StoredRecord): string {
  if (entity === 'company') return String(r.name);
  const c = r as unknown as Contact;
  const email = c.emails[0]?.value;
  return email ? `${contactName(c)} <${email}>` : contactName(c);
}

/** The merged record and the fields the records disagree on. */
function combine(input: MergeInput, records: StoredRecord[]): { record: Record<string, unknown>; conflicts: MergeConflict[] } {
  const ids = records.map((r) => r.id);
  const conflicts: MergeConflict[] = [];
  const out: Record<string, unknown> = { ...records[0]! };
  const unknownChoices: ValidationIssue[] = [];

  const pick = (field: string, values: unknown[], preferred: (vals: { id: string; value: unknown }[]) => string) => {
    const present = values.map((value, i) => ({ id: ids[i]!, value })).filter((v) => v.value !== undefined && v.value !== null && v.value !== '');
    if (!present.length) return undefined;
    const distinct = present.filter((v, i) => present.findIndex((w) => deepEqual(w.value, v.value)) === i);
    const wanted = input.choose?.[field];
    if (wanted !== undefined && !ids.includes(wanted)) unknownChoices.push({ path: ['choose', field], code: 'invalid_value', message: `${wanted} is not one of the merged records` });
    if (distinct.length < 2) return present[0]!.value;
    const chosen = wanted !== undefined && present.some((v) => v.id === wanted) ? wanted : preferred(present);
    conflicts.push({ field, values: present, chosen });
    return present.find((v) => v.id === chosen)!.value;
  };
  const first = (vals: { id: string }[]) => vals[0]!.id;

  for (const field of SCALARS[input.entity]) {
    const preferred =
      field === 'lifecycle'
        ? (vals: { id: string; value: unknown }[]) => vals.reduce((best, v) => (LIFECYCLE_ORDER[v.value as keyof typeof LIFECYCLE_ORDER] > LIFECYCLE_ORDER[best.value as keyof typeof LIFECYCLE_ORDER] ? v : best)).id
        : first;
    const value = pick(field, records.map((r) => r[field]), preferred);
    if (value === undefined) delete out[field];
    else out[field] = value;
  }
  const customKeys = [...new Set(records.flatMap((r) => Object.keys((r.custom as Record<string, unknown>) ?? {})))];
  const custom: Record<string, unknown> = {};
  for (const key of customKeys) {
    const value = pick(`custom.${key}`, records.map((r) => (r.custom as Record<string, unknown>)?.[key]), first);
    if (value !== undefined) custom[key] = value;
  }
  out.custom = custom;
  for (const field of Object.keys(input.choose ?? {})) {
    const known = (SCALARS[input.entity] as readonly string[]).includes(field) || (field.startsWith('custom.') && customKeys.includes(field.slice(7)));
    if (!known) unknownChoices.push({ path: ['choose', field], code: 'invalid_value', message: `${field} is not a field the merge chooses between` });
  }
  if (unknownChoices.length) throw new ValidationError(unknownChoices, 'merge');

  const union = <T>(lists: T[][], key: (v: T) => string) => {
    const seen = new Set<string>();
    return lists.flat().filter((v) => !seen.has(key(v)) && (seen.add(key(v)), true));
  };
  out.tags = union(records.map((r) => (r.tags as string[]) ?? []), (t) => t.toLowerCase());
  out.createdAt = records.map((r) => r.createdAt as string).sort()[0];
  if (input.entity === 'contact') {
    const cs = records as unknown as Contact[];
    out.emails = union(cs.map((c) => c.emails), (e) => emailKey(e.value));
    out.phones = union(cs.map((c) => c.phones), (p) => p.e164 ?? p.value.replace(/\D/g, ''));
    out.emailKeys = union(cs.map((c) => c.emailKeys), (k) => k);
    out.phoneKeys = union(cs.map((c) => c.phoneKeys), (k) => k);
    out.consents = cs.flatMap((c) => c.consents).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const last = cs.map((c) => c.lastInteractionAt).filter(Boolean).sort().pop();
    if (last) out.lastInteractionAt = last;
  } else {
    out.kinds = union(records.map((r) => (r.kinds as string[]) ?? []), (k) => k);
  }
  return { record: out, conflicts };
}

interface Move {
  collection: string;
  record: StoredRecord;
  version: number;
}

/** Every record linked to a merged one, rewritten to point to the kept record. */
async function linkMoves(ctx: CrmContext, entity: 'contact' | 'company', into: string, from: string[]) {
  const now = ctx.nowIso();
  const field = entity === 'contact' ? 'contactId' : 'companyId';
  const moved = (collection: string, r: StoredRecord, patch: Record<string, unknown>): Move => ({ collection, record: { ...r, ...patch, updatedAt: now }, version: r.version });
  const byField = async (collection: string) => {
    const out: Move[] = [];
    for (const id of from) for (const r of await readAll<StoredRecord>(ctx, collection, [{ field, op: 'eq', value: id }])) out.push(moved(collection, r, { [field]: into }));
    return out;
  };
  const activities = await byField('activities');
  const tasks = await byField('tasks');
  const deals: Move[] = [];
  const contacts: Move[] = [];
  if (entity === 'contact') {
    const seen = new Set<string>();
    for (const id of from) {
      for (const d of await readAll<StoredRecord>(ctx, 'deals', [{ field: 'contactIds', op: 'has', value: id }])) {
        if (seen.has(d.id)) continue;
        seen.add(d.id);
        const contactIds = [...new Set((d.contactIds as string[]).map((c) => (from.includes(c) ? into : c)))];
        deals.push(moved('deals', d, { contactIds }));
      }
    }
  } else {
    deals.push(...(await byField('deals')));
    contacts.push(...(await byField('contacts')));
  }
  return { activities, deals, tasks, contacts };
}
