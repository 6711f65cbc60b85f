import { Activity, type SystemActivityInput } from '../model/activity.js';
import type { StoredRecord, WriteOp } from '../storage/port.js';
import { parse } from '../validate.js';
import type { z } from '../zod.js';
import type { CrmContext } from './context.js';

/**
 * Collects the writes of one user-level operation (a record and the activities
 * that describe it) and commits them as one storage batch: all or nothing.
 * Every record is validated with its full schema before anything is sent.
 */
export class UnitOfWork {
  readonly #ctx: CrmContext;
  readonly #ops: WriteOp[] = [];
  readonly #after: (() => void)[] = [];
  readonly #puts: { version: number }[] = [];

  constructor(ctx: CrmContext) {
    this.#ctx = ctx;
  }

  /** Queues a validated put. `expectedVersion` 0 means "create"; a number guards against lost updates. */
  put<S extends z.core.$ZodType>(collection: string, schema: S, record: unknown, expectedVersion: number): z.output<S> {
    const valid = parse(schema, record, collection) as z.output<S>;
    this.#ops.push({ type: 'put', collection, record: valid as StoredRecord, expectedVersion });
    this.#puts.push(valid as { version: number });
    return valid;
  }

  /**
   * Queues a record the caller has just parsed with the collection's full
   * schema (an import that maps each issue to its column first): the same
   * write as `put` without parsing twice.
   */
  putParsed<T extends { version: number }>(collection: string, record: T, expectedVersion: number): T {
    this.#ops.push({ type: 'put', collection, record: record as unknown as StoredRecord, expectedVersion });
    this.#puts.push(record);
    return record;
  }

  /**
   * Queues another unit's writes and after-commit calls after this one's. The
   * other unit is left as it was: an import commits many rows' units as one
   * batch, and commits them one by one when storage refuses the batch.
   */
  include(other: UnitOfWork): void {
    this.#ops.push(...other.#ops);
    this.#puts.push(...other.#puts);
    this.#after.push(...other.#after);
  }

  /** Queues a guarded delete. */
  delete(collection: string, id: string, expectedVersion: number): void {
    this.#ops.push({ type: 'delete', collection, id, expectedVersion });
  }

  /** Queues a system activity, stamped with time, author and a new id. */
  system(input: SystemActivityInput): Activity {
    return this.put('activities', Activity, systemActivity(this.#ctx, input), 0);
  }

  /**
   * Queues a system activity the core built itself from records it has
   * already validated (an import's "created" activity for each row), without
   * parsing it again: at 10,000 rows the second parse was a tenth of the
   * import. The import tests parse every activity the contact, company and
   * deal imports write.
   */
  systemParsed(input: SystemActivityInput): Activity {
    return this.putParsed('activities', systemActivity(this.#ctx, input) as Activity, 0);
  }

  /** Runs `fn` once the batch committed (emitting events); never when it failed. */
  afterCommit(fn: () => void): void {
    this.#after.push(fn);
  }

  get size(): number {
    return this.#ops.length;
  }

  /**
   * Commits the batch. The records `put` returned then carry the versions
   * storage assigned, so callers and event listeners see what is stored.
   */
  async commit(): Promise<void> {
    const stored = this.#ops.length ? await this.#ctx.storage.batch(this.#ops) : [];
    stored.forEach((s, i) => {
      const target = this.#puts[i];
      if (target) target.version = s.version;
    });
    for (const fn of this.#after) fn();
  }
}

/** A system activity's record: the input stamped with a new id, its author and times, without undefined keys. */
function systemActivity(ctx: CrmContext, input: SystemActivityInput): Record<string, unknown> {
  const now = ctx.nowIso();
  const record = stripUndefined(input) as Record<string, unknown>;
  record.id = ctx.newId();
  const authorId = input.authorId ?? ctx.memberId;
  if (authorId !== undefined) record.authorId = authorId;
  record.occurredAt ??= now;
  record.createdAt = now;
  record.updatedAt = now;
  record.version = 0;
  return record;
}

/** A copy without keys whose value is undefined, so stored JSON stays minimal. */
export function stripUndefined<T extends object>(value: T): T {
  // for-in over a plain object, not Object.entries: no array per key, and this runs for every record written.
  const out = {} as Record<string, unknown>;
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined && Object.hasOwn(value, k)) out[k] = v;
  }
  return out as T;
}
