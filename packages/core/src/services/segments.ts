import type { Deal } from '../model/deal.js';
import { compileSegment, type CompiledSegment, type RelatedLeaf } from '../segments/compile.js';
import { Segment, SegmentDefinition, SegmentInput, type SegmentEntity, type SegmentNode } from '../segments/schema.js';
import type { Filter, Page, Sort, StoredRecord } from '../storage/port.js';
import { checkQuery, decodeCursor, encodeCursor, isAfterCursor, recordComparator, valueAt, type CursorPosition } from '../storage/semantics.js';
import { parse } from '../validate.js';
import type { CrmContext } from './context.js';
import { fieldDefinitions } from './custom-fields.js';
import { reader } from './reader.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';
import { ConflictError, type KithError, ValidationError, isKithError } from '../errors.js';
import { Id, Label, Tag, Text } from '../model/common.js';
import { Due } from '../model/task.js';
import { TASK_KINDS } from '../model/vocabulary.js';
import { localTimeZone } from '../time.js';
import { dueInDays, taskLinks } from './task-about.js';
import { z } from '../zod.js';
import type { CompaniesService } from './companies.js';
import type { ContactsService, WriteOptions } from './contacts.js';
import type { DealsService } from './deals.js';
import { requireRef } from './reader.js';
import type { TasksService } from './tasks.js';

/** The collection each segment entity reads. */
export const SEGMENT_COLLECTION = { contact: 'contacts', company: 'companies', deal: 'deals' } as const;

/** When and where a segment is judged: relative dates and birthdays need both. */
export interface SegmentRunOptions {
  /** The viewer's time zone (default: the host's). */
  timeZone?: string;
  /** The moment of evaluation (default: the CRM's clock). */
  now?: number;
}

/** Options of `segments.list`: a keyset page of the members. */
export interface SegmentPageOptions extends SegmentRunOptions {
  orderBy?: Sort;
  limit?: number;
  after?: string;
}

/** A saved segment's id, or a definition written inline. */
export type SegmentRef = string | SegmentDefinition;

/** A segment ready to read: compiled, its custom fields checked, its related id sets loaded. */
export interface PreparedSegment {
  compiled: CompiledSegment;
  ids: Map<SegmentNode, Set<string>>;
}

const PAGE = 500;

/** A segment cursor: where storage's walk last resumed, and the last member returned (the port's cursor encoding, nested). */
function encodeSegmentCursor(storageAfter: string | undefined, pos: CursorPosition): string {
  return encodeCursor({ value: [storageAfter ?? null, pos.value ?? null], id: pos.id });
}

function decodeSegmentCursor(cursor: string): { storageAfter?: string; pos: CursorPosition } {
  const { value, id } = decodeCursor(cursor);
  if (!Array.isArray(value) || value.length !== 2 || (value[0] !== null && typeof value[0] !== 'string')) {
    throw new ValidationError([{ path: ['after'], code: 'invalid_cursor', message: 'Malformed segment cursor' }], 'segment');
  }
  return { storageAfter: value[0] ?? undefined, pos: { value: value[1] === null ? undefined : value[1], id } };
}

/** Walks every record of a query, page by page, with the cursor that led to each page. */
async function* walk(ctx: CrmContext, collection: string, where: Filter[], orderBy?: Sort, after?: string): AsyncGenerator<{ record: StoredRecord; pageAfter: string | undefined }> {
  let cursor = after;
  do {
    const pageAfter = cursor;
    const page = await ctx.storage.query(collection, { where, orderBy, limit: PAGE, after: cursor });
    for (const record of page.items) yield { record, pageAfter };
    cursor = page.nextCursor;
  } while (cursor);
}

/** What a bulk action did: members found, records changed, left as they were, and failures with their errors. */
export interface BulkResult {
  matched: number;
  changed: number;
  unchanged: number;
  failed: { id: string; error: KithError }[];
}

/** The task each member of a segment gets from `segments.createTasks`; links to the member are added. */
export const TaskTemplate = z.strictObject({
  title: Label,
  kind: z.optional(z.enum(TASK_KINDS)),
  /** A fixed due date or instant, or… */
  due: z.optional(Due),
  /** …days from now, as a date in the viewer's zone. */
  dueInDays: z.optional(z.int().check(z.minimum(0), z.maximum(3650))),
  /** Who does it; by default each record's owner (else the acting member). */
  assigneeId: z.optional(Id),
  notes: z.optional(Text),
});
export type TaskTemplate = z.input<typeof TaskTemplate>;

/** The services bulk actions write through, so each change is validated and recorded on timelines. */
export interface SegmentWriters {
  contacts: Pick<ContactsService, 'update'>;
  companies: Pick<CompaniesService, 'update'>;
  deals: Pick<DealsService, 'update'>;
  tasks: Pick<TasksService, 'schedule'>;
}

export function segmentsService(ctx: CrmContext, writers: SegmentWriters) {
  const read = reader<Segment>(ctx, 'segments');

  async function definitionOf(ref: SegmentRef): Promise<SegmentDefinition> {
    if (typeof ref === 'string') {
      const saved = await read.get(ref);
      return { entity: saved.entity, where: saved.where };
    }
    return parse(SegmentDefinition, ref, 'segment');
  }

  /** The ids a related leaf stands for, read through storage queries. */
  async function relatedIds(leaf: RelatedLeaf): Promise<Set<string>> {
    const out = new Set<string>();
    if (leaf.kind === 'deals') {
      for await (const { record } of walk(ctx, 'deals', leaf.where)) {
        const deal = record as unknown as Deal;
        if (leaf.by === 'companyId') {
          if (deal.companyId) out.add(deal.companyId);
        } else for (const id of deal.contactIds) out.add(id);
      }
      return out;
    }
    // A company's last interaction is its people's latest one.
    const latest = new Map<string, string>();
    const where: Filter[] = [{ field: 'lastInteractionAt', op: 'exists', value: true }, { field: 'companyId', op: 'exists', value: true }];
    for await (const { record } of walk(ctx, 'contacts', where)) {
      const at = record.lastInteractionAt as string;
      const company = record.companyId as string;
      if ((latest.get(company) ?? '') < at) latest.set(company, at);
    }
    for (const [company, at] of latest) {
      if ((leaf.after === undefined || at >= leaf.after) && (leaf.before === undefined || at < leaf.before)) out.add(company);
    }
    return out;
  }

  /** Compiles a segment for this moment, against the entity's custom fields of the day. */
  async function compile(def: SegmentDefinition, options: SegmentRunOptions): Promise<CompiledSegment> {
    const custom = new Set((await fieldDefinitions(ctx, def.entity)).map((d) => d.key));
    return compileSegment(def.entity, def.where, { now: options.now ?? ctx.clock.now(), timeZone: options.timeZone ?? localTimeZone() }, custom);
  }

  async function prepare(def: SegmentDefinition, options: SegmentRunOptions): Promise<PreparedSegment> {
    const compiled = await compile(def, options);
    const ids = new Map<SegmentNode, Set<string>>();
    for (const leaf of compiled.related) ids.set(leaf.node, await relatedIds(leaf));
    return { compiled, ids };
  }

  /**
   * Members in no particular order, each once: through the conjuncts storage
   * can filter, the union of an `or`'s branch queries, or the records a deal
   * condition names; every record is then tested against the whole segment.
   */
  async function* members(p: PreparedSegment): AsyncGenerator<StoredRecord> {
    const { compiled, ids } = p;
    const collection = SEGMENT_COLLECTION[compiled.entity];
    const ok = (r: StoredRecord) => compiled.test(r, ids);
    if (compiled.branches) {
      const seen = new Set<string>();
      for (const where of compiled.branches) {
        for await (const { record } of walk(ctx, collection, where)) {
          if (seen.has(record.id)) continue;
          seen.add(record.id);
          if (ok(record)) yield record;
        }
      }
      return;
    }
    if (!compiled.pushdown.length && compiled.candidates) {
      for (const id of ids.get(compiled.candidates.node)!) {
        const record = await ctx.storage.get(collection, id);
        if (record && ok(record)) yield record;
      }
      return;
    }
    for await (const { record } of walk(ctx, collection, compiled.pushdown)) if (ok(record)) yield record;
  }

  async function each(ref: SegmentRef, options: SegmentRunOptions = {}): Promise<AsyncGenerator<StoredRecord>> {
    return members(await prepare(await definitionOf(ref), options));
  }

  async function list(ref: SegmentRef, options: SegmentPageOptions = {}): Promise<Page<StoredRecord>> {
    const { limit } = checkQuery({ limit: options.limit, orderBy: options.orderBy });
    const p = await prepare(await definitionOf(ref), options);
    const sort = options.orderBy;
    const resume = options.after ? decodeSegmentCursor(options.after) : undefined;
    const { compiled, ids } = p;
    if (compiled.branches || (!compiled.pushdown.length && compiled.candidates)) {
      // Several sources: gather the members, order them and cut the page in memory.
      const all: StoredRecord[] = [];
      for await (const r of members(p)) if (!resume || isAfterCursor(r, resume.pos, sort)) all.push(r);
      all.sort(recordComparator(sort));
      const items = all.slice(0, limit);
      const last = items[items.length - 1];
      return all.length > limit && last ? { items, nextCursor: encodeSegmentCursor(undefined, { value: valueAt(last, sort?.field ?? 'id'), id: last.id }) } : { items };
    }
    // One ordered walk: resume from the storage page where the last one stopped, skipping what it returned.
    const items: StoredRecord[] = [];
    let stoppedAt: string | undefined;
    for await (const { record, pageAfter } of walk(ctx, SEGMENT_COLLECTION[compiled.entity], compiled.pushdown, sort, resume?.storageAfter)) {
      if (resume && !isAfterCursor(record, resume.pos, sort)) continue;
      if (!compiled.test(record, ids)) continue;
      if (items.length === limit) {
        const last = items[items.length - 1]!;
        return { items, nextCursor: encodeSegmentCursor(stoppedAt, { value: valueAt(last, sort?.field ?? 'id'), id: last.id }) };
      }
      items.push(record);
      stoppedAt = pageAfter;
    }
    return { items };
  }

  async function ids(ref: SegmentRef, options: SegmentRunOptions = {}): Promise<string[]> {
    const out: string[] = [];
    for await (const r of await each(ref, options)) out.push(r.id);
    return out;
  }

  /**
   * Runs `change` on every member: the members are read first (so a change
   * that moves a record in the index being walked cannot skip or repeat one),
   * then each is changed in its own batch. A record changed by someone else
   * in between is re-read and changed once more; what still fails is reported,
   * never half-applied.
   */
  async function bulk(
    ref: SegmentRef,
    options: SegmentRunOptions,
    change: (record: StoredRecord) => Promise<boolean>,
  ): Promise<BulkResult> {
    const def = await definitionOf(ref);
    const snapshot: StoredRecord[] = [];
    for await (const r of members(await prepare(def, options))) snapshot.push(r);
    const result: BulkResult = { matched: snapshot.length, changed: 0, unchanged: 0, failed: [] };
    for (const record of snapshot) {
      try {
        let done: boolean;
        try {
          done = await change(record);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          const fresh = await ctx.storage.get(SEGMENT_COLLECTION[def.entity], record.id);
          done = fresh ? await change(fresh) : false;
        }
        if (done) result.changed++;
        else result.unchanged++;
      } catch (error) {
        if (!isKithError(error)) throw error;
        result.failed.push({ id: record.id, error });
      }
    }
    return result;
  }

  const writerOf = (entity: SegmentEntity) => (entity === 'contact' ? writers.contacts : entity === 'company' ? writers.companies : writers.deals);

  return {
    /** A saved segment, or undefined. */
    find: read.find,
    /** A saved segment; NotFoundError when there is none. */
    get: read.get,

    /** Saved segments, by name. */
    async all(): Promise<Segment[]> {
      const out: Segment[] = [];
      for await (const s of read.each(undefined, { field: 'name' })) out.push(s);
      return out;
    },

    /** Saves a segment (a new one, or over the one with this id), after checking it compiles. */
    async save(input: SegmentInput, options: WriteOptions = {}): Promise<Segment> {
      const data = parse(SegmentInput, input, 'segment');
      await compile(data, {});
      const current = data.id ? await read.find(data.id) : undefined;
      const now = ctx.nowIso();
      const uow = new UnitOfWork(ctx);
      const record = {
        id: data.id ?? ctx.newId(),
        name: data.name,
        entity: data.entity,
        where: data.where,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
        version: current?.version ?? 0,
      };
      const stored = uow.put('segments', Segment, record, options.expectedVersion ?? current?.version ?? 0);
      await uow.commit();
      return stored;
    },

    /** Deletes a saved segment. */
    async remove(id: string, options: WriteOptions = {}): Promise<void> {
      const current = await read.get(id);
      const uow = new UnitOfWork(ctx);
      uow.delete('segments', id, options.expectedVersion ?? current.version);
      await uow.commit();
    },

    /** Compiles a segment without reading records: throws the ValidationError a bad one would. */
    async check(ref: SegmentRef, options: SegmentRunOptions = {}): Promise<void> {
      await compile(await definitionOf(ref), options);
    },

    each,
    list,
    ids,

    /** A test for single records, prepared once (related deals read now): what rule conditions use. */
    async matcher(ref: SegmentRef, options: SegmentRunOptions = {}): Promise<(record: Record<string, unknown>) => boolean> {
      const p = await prepare(await definitionOf(ref), options);
      return (record) => p.compiled.test(record, p.ids);
    },

    /** Gives every member this owner (recorded on each timeline as an owner change). */
    async assignOwner(ref: SegmentRef, ownerId: string, options: SegmentRunOptions = {}): Promise<BulkResult> {
      parse(Id, ownerId, 'ownerId');
      await requireRef(ctx, 'members', ownerId, ['ownerId']);
      const entity = (await definitionOf(ref)).entity;
      return bulk(ref, options, async (r) => {
        if (r.ownerId === ownerId) return false;
        await writerOf(entity).update(r.id, { ownerId }, { expectedVersion: r.version });
        return true;
      });
    },

    /** Adds a tag to every member that lacks it. */
    async addTag(ref: SegmentRef, tag: string, options: SegmentRunOptions = {}): Promise<BulkResult> {
      const clean = parse(Tag, tag, 'tag');
      const entity = (await definitionOf(ref)).entity;
      return bulk(ref, options, async (r) => {
        const tags = (r.tags as string[] | undefined) ?? [];
        if (tags.includes(clean)) return false;
        await writerOf(entity).update(r.id, { tags: [...tags, clean] }, { expectedVersion: r.version });
        return true;
      });
    },

    /** Schedules a task about every member, for its owner unless the template names an assignee. */
    async createTasks(ref: SegmentRef, template: TaskTemplate, options: SegmentRunOptions = {}): Promise<BulkResult> {
      const t = parse(TaskTemplate, template, 'task template');
      await requireRef(ctx, 'members', t.assigneeId, ['assigneeId']);
      const entity = (await definitionOf(ref)).entity;
      const due = t.due ?? (t.dueInDays === undefined ? undefined : dueInDays(options.now ?? ctx.clock.now(), options.timeZone ?? localTimeZone(), t.dueInDays));
      return bulk(ref, options, async (r) => {
        await writers.tasks.schedule(stripUndefined({ title: t.title, kind: t.kind, due, notes: t.notes, assigneeId: t.assigneeId ?? (r.ownerId as string | undefined), ...taskLinks(entity, r) }));
        return true;
      });
    },

    /** How many records the segment holds. Storage counts when it can say the whole condition. */
    async count(ref: SegmentRef, options: SegmentRunOptions = {}): Promise<number> {
      const def = await definitionOf(ref);
      const p = await prepare(def, options);
      if (!p.compiled.branches && !p.compiled.related.length && exactlyPushed(def.where)) {
        return ctx.storage.count(SEGMENT_COLLECTION[def.entity], p.compiled.pushdown);
      }
      let n = 0;
      for await (const _ of members(p)) n++;
      return n;
    },
  };
}

/** True when the tree is only field comparisons storage understands, joined by `and`. */
function exactlyPushed(node: SegmentNode): boolean {
  if ('and' in node) return node.and.every(exactlyPushed);
  return 'field' in node && node.op !== 'contains';
}

export type SegmentsService = ReturnType<typeof segmentsService>;
