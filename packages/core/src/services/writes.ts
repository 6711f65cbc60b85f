import { fieldDefinitions } from './custom-fields.js';
import { NotFoundError } from '../errors.js';
import type { EntityKind } from '../model/vocabulary.js';

import type { z } from '../zod.js';
import type { CrmContext } from './context.js';
import { changedKeys } from './equal.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';

interface Versioned {
  id: string;
  version: number;
  updatedAt: string;
}

/** Where a record's activities are filed on timelines. */
export interface Links {
  contactId?: string | undefined;
  companyId?: string | undefined;
  dealId?: string | undefined;
}

/** How to commit a change to one kind of record. */
export interface PatchSpec<T extends Versioned> {
  collection: 'contacts' | 'companies' | 'deals' | 'tasks' | 'members' | 'pipelines';
  schema: z.core.$ZodType;
  entity: EntityKind | undefined;
  editable: readonly string[];
  links: (record: T) => Links;
  emit: (stored: T, previous: T) => void;
}

/**
 * Commits `next` over `current` when an editable field differs: a guarded put
 * plus activities for an owner change, a lifecycle change and every other
 * changed field with its before and after. Returns the stored record, or
 * `current` untouched when nothing changed. `extend` may add writes to the
 * same batch.
 */
export async function commitPatch<T extends Versioned>(
  ctx: CrmContext,
  spec: PatchSpec<T>,
  current: T,
  next: T,
  expectedVersion: number | undefined,
  extend?: (uow: UnitOfWork, stored: T) => void | Promise<void>,
): Promise<T> {
  const changed = changedKeys(current as Record<string, unknown>, next as Record<string, unknown>, spec.editable);
  if (!changed.length) return current;
  const uow = new UnitOfWork(ctx);
  const stored = uow.put(spec.collection, spec.schema, { ...next, updatedAt: ctx.nowIso() }, expectedVersion ?? current.version) as T;
  if (spec.entity) await queueChangeActivities(ctx, uow, spec.entity, current, stored, changed, spec.links(stored));
  await extend?.(uow, stored);
  uow.afterCommit(() => spec.emit(stored, current));
  await uow.commit();
  return stored;
}

/**
 * Commits a new record with its "created" activity in one batch. `extend` may
 * add writes (a chained task, a lifecycle change) to the same batch.
 */
export async function commitCreate<T extends Versioned>(
  ctx: CrmContext,
  spec: Pick<PatchSpec<T>, 'collection' | 'schema'> & CreatedSpec<T>,
  record: T,
  emit: (stored: T) => void,
  extend?: (uow: UnitOfWork, stored: T) => void | Promise<void>,
): Promise<T> {
  const uow = new UnitOfWork(ctx);
  const stored = uow.put(spec.collection, spec.schema, stripUndefined(record), 0) as T;
  queueCreated(uow, spec, stored);
  await extend?.(uow, stored);
  uow.afterCommit(() => emit(stored));
  await uow.commit();
  return stored;
}

/** What a "created" activity needs to know of a record's kind. */
export type CreatedSpec<T extends Versioned> = Pick<PatchSpec<T>, 'entity' | 'links'> & { title?: (record: T) => string | undefined };

/**
 * Queues the "created" activity of a new record (none for kinds that have no
 * timeline). `parsed`: the record was validated moments ago and the activity
 * is built from it alone, so it is not parsed again (an import's rows).
 */
export function queueCreated<T extends Versioned>(uow: UnitOfWork, spec: CreatedSpec<T>, record: T, parsed = false): void {
  if (!spec.entity) return;
  const input = { type: 'created' as const, entity: spec.entity, entityId: record.id, title: spec.title?.(record), ...spec.links(record), occurredAt: record.updatedAt };
  if (parsed) uow.systemParsed(input);
  else uow.system(input);
}

/** Deletes one record guarded by its version (the caller's, else the one just read), then emits. */
export async function commitDelete(
  ctx: CrmContext,
  collection: PatchSpec<Versioned>['collection'] | 'fields',
  id: string,
  expectedVersion: number | undefined,
  emit: () => void,
): Promise<void> {
  const current = await ctx.storage.get(collection, id);
  if (!current) throw new NotFoundError(collection, id);
  const uow = new UnitOfWork(ctx);
  uow.delete(collection, id, expectedVersion ?? current.version);
  uow.afterCommit(emit);
  await uow.commit();
}

/** Queues the activities that describe a change, so a timeline shows who changed what. */
export async function queueChangeActivities(ctx: CrmContext, uow: UnitOfWork, entity: EntityKind, before: object, after: Versioned, changed: string[], links: Links): Promise<void> {
  // Custom values are recorded one field at a time, with the label of the day: history reads well after a definition is deleted.
  const labels =
    changed.includes('custom') && (entity === 'contact' || entity === 'company' || entity === 'deal')
      ? Object.fromEntries((await fieldDefinitions(ctx, entity)).map((d) => [d.key, d.label]))
      : {};
  const b = before as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  const base = { entity, entityId: after.id, ...links, occurredAt: after.updatedAt };
  const rest = changed.filter((k) => k !== 'ownerId' && k !== 'lifecycle');
  if (changed.includes('ownerId')) {
    uow.system(stripUndefined({ ...base, type: 'owner-changed', fromOwnerId: b.ownerId as string | undefined, toOwnerId: a.ownerId as string | undefined }));
  }
  if (changed.includes('lifecycle')) {
    uow.system(stripUndefined({ ...base, type: 'lifecycle-changed', from: b.lifecycle as never, to: a.lifecycle as never }));
  }
  const changes = rest.flatMap((field) => (field === 'custom' ? customChanges(b.custom, a.custom, labels) : [stripUndefined({ field, before: b[field], after: a[field] })]));
  if (changes.length) uow.system(stripUndefined({ ...base, type: 'fields-changed', changes }));
}

/** One change per custom field whose value differs, named `custom.<key>` and labelled when the definition is known. */
function customChanges(before: unknown, after: unknown, labels: Record<string, string>) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => stripUndefined({ field: `custom.${key}`, label: labels[key], before: b[key], after: a[key] }));
}
