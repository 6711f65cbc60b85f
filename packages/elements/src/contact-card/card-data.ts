import { type Activity, type Company, type Contact, type Crm, type Deal, type DuplicateMatch, type FieldDefinition, type Filter, INTERACTION_TYPES, type Member, type Task } from '@kith/core';

/** Whose card: a contact or a company. */
export type CardRef = { contactId: string } | { companyId: string };

/** At most this many open deals are listed; the totals and the count cover them all. */
export const DEALS_SHOWN = 10;

/** Everything a card shows, read in one go. */
export interface CardData {
  record: Contact | Company;
  /** A contact's company. */
  company?: Company | undefined;
  owner?: Member | undefined;
  /** A company's people. */
  people?: number | undefined;
  /** The first open deals, newest first, and how many there are in all. */
  deals: Deal[];
  openDeals: number;
  /** Every open deal's value, for totals per currency. */
  dealValues: Deal['value'][];
  stages: Map<string, string>;
  nextTask?: Task | undefined;
  lastInteraction?: Activity | undefined;
  duplicates: DuplicateMatch[];
  fields: FieldDefinition[];
}

/** Reads a card's data; undefined when the record does not exist. */
export async function loadCard(crm: Crm, ref: CardRef, signal?: AbortSignal): Promise<CardData | undefined> {
  const isContact = 'contactId' in ref;
  const id = isContact ? ref.contactId : ref.companyId;
  const record = isContact ? await crm.contacts.find(id) : await crm.companies.find(id);
  if (!record) return undefined;
  const link: Filter = isContact ? { field: 'contactIds', op: 'has', value: id } : { field: 'companyId', op: 'eq', value: id };
  const taskLink: Filter = isContact ? { field: 'contactId', op: 'eq', value: id } : { field: 'companyId', op: 'eq', value: id };
  const open: Filter = { field: 'status', op: 'eq', value: 'open' };
  const companyId = isContact ? (record as Contact).companyId : undefined;

  const [company, owner, people, deals, duplicates, fields, nextTask, lastInteraction, pipelines] = await Promise.all([
    companyId ? crm.companies.find(companyId) : undefined,
    record.ownerId ? crm.members.find(record.ownerId) : undefined,
    isContact ? undefined : crm.contacts.count([{ field: 'companyId', op: 'eq', value: id }]),
    openDeals(crm, link, open),
    crm.duplicates.of(ref),
    crm.fields.list(isContact ? 'contact' : 'company'),
    nextTaskOf(crm, taskLink),
    firstOf(crm.activities.feed(ref, { types: [...INTERACTION_TYPES], pageSize: 5, signal })),
    crm.pipelines.list({ limit: 200 }),
  ]);
  const stages = new Map<string, string>();
  for (const p of pipelines.items) for (const s of p.stages) stages.set(s.id, s.name);
  return { record, company, owner, people, ...deals, stages, nextTask, lastInteraction, duplicates, fields };
}

async function openDeals(crm: Crm, link: Filter, open: Filter) {
  const all: Deal[] = [];
  for await (const d of crm.deals.each([link, open])) all.push(d);
  all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { deals: all.slice(0, DEALS_SHOWN), openDeals: all.length, dealValues: all.map((d) => d.value) };
}

/** The open task due soonest; else an open task with no due date. */
async function nextTaskOf(crm: Crm, link: Filter): Promise<Task | undefined> {
  const openTask: Filter = { field: 'completedAt', op: 'exists', value: false };
  const dated = await crm.tasks.list({ where: [link, openTask, { field: 'due', op: 'exists', value: true }], orderBy: { field: 'due' }, limit: 1 });
  if (dated.items[0]) return dated.items[0];
  return (await crm.tasks.list({ where: [link, openTask], limit: 1 })).items[0];
}

async function firstOf<T>(gen: AsyncGenerator<T>): Promise<T | undefined> {
  const first = await gen.next();
  await gen.return(undefined);
  return first.done ? undefined : first.value;
}

/** Whether a committed change can alter what a card shows. */
export function touches(data: CardData | undefined, ref: CardRef, change: { collection: string; id: string; record?: Record<string, unknown> | undefined }): boolean {
  const id = 'contactId' in ref ? ref.contactId : ref.companyId;
  if (change.id === id || change.collection === 'fields' || change.collection === 'members' || change.collection === 'pipelines') return true;
  if (!data) return false;
  const r = change.record;
  const linked = r && (r.contactId === id || r.companyId === id || (Array.isArray(r.contactIds) && r.contactIds.includes(id)));
  const known = change.id === data.company?.id || change.id === data.nextTask?.id || data.deals.some((d) => d.id === change.id) || data.duplicates.some((m) => m.record.id === change.id);
  return Boolean(linked || known || (r && becomesDuplicate(data.record, change.collection, r)));
}

/** Whether a written record now shares a match key with the card's record, so the duplicate warning must name it. */
function becomesDuplicate(own: Contact | Company, collection: string, r: Record<string, unknown>): boolean {
  const shares = (a: unknown, b: readonly string[]) => Array.isArray(a) && a.some((k) => b.includes(k));
  if ('emailKeys' in own) return collection === 'contacts' && (shares(r.emailKeys, own.emailKeys) || shares(r.phoneKeys, own.phoneKeys));
  return collection === 'companies' && ((!!own.domain && r.domain === own.domain) || r.name === own.name);
}
