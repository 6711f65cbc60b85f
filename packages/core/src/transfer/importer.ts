import type { ValidationIssue } from '../errors.js';
import type { CrmContext } from '../services/context.js';
import type { UnitOfWork } from '../services/unit-of-work.js';
import { type CreatedSpec, queueChangeActivities, queueCreated } from '../services/writes.js';
import type { EntityKind } from '../model/vocabulary.js';
import { toIssues } from '../validate.js';
import { z } from '../zod.js';
import type { RowCells } from './cells.js';
import type { KeyIndex } from './keys.js';
import type { CompanyLinks } from './links.js';
import type { ImportMode } from './report.js';

/** What became of a row that did not fail. */
export interface RowOutcome {
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  id?: string;
  /** A step that must follow the committed batch (a deal's stage move goes through deals.move); not run in a dry run. */
  followUp?: () => Promise<unknown>;
}

/** What every entity's importer shares. */
export interface ImportEnv {
  ctx: CrmContext;
  mode: ImportMode;
  companies: CompanyLinks;
  owner: (cell: string) => string | undefined;
  /** Tags added to every imported record (`import-2026-11`), besides the file's. */
  tags: readonly string[];
  defaultCountry: string | undefined;
}

/**
 * One kind of record's import: `prepare` indexes what is stored, `row` plans
 * one row's writes on `uow` (nothing when the row fails; its issues are on
 * the cells).
 */
export interface EntityImporter {
  prepare(): Promise<void>;
  row(cells: RowCells, uow: UnitOfWork): Promise<RowOutcome | undefined>;
}

/** The stored version of records this import wrote, so a later row of the file updates them with the right guard. */
export type Touched<T> = Map<string, T>;

/**
 * Validates a record with its full schema and files each problem under the
 * column its value came from (`emails.1.value` -> the second email's column).
 */
export function checkRecord<S extends z.core.$ZodType>(schema: S, record: unknown, cells: RowCells, columnOf: (issue: ValidationIssue) => string | undefined): z.output<S> | undefined {
  const result = z.safeParse(schema, record);
  if (result.success) return result.data;
  for (const issue of toIssues(result.error.issues)) cells.error(columnOf(issue), issue.code, `${issue.path.join('.') || 'record'}: ${issue.message}`);
  return undefined;
}

/**
 * The stored record a row matches, by the id column and then by its match
 * keys, with the reason: `{ by: 'id' }`, or the key and whether an earlier
 * row of this file or a stored record holds it.
 */
export function findMatch(index: KeyIndex, ids: ReadonlySet<string>, id: string | undefined, keys: readonly [reason: string, key: string][]): { id: string; reason: string; row?: number } | undefined {
  if (id && ids.has(id)) return { id, reason: 'id' };
  for (const [reason, key] of keys) {
    const hit = index.get(key);
    if (hit) return hit.row === undefined ? { id: hit.id, reason } : { id: hit.id, reason, row: hit.row };
  }
  return undefined;
}

/** Words for a match, for the report: "Same email as row 12", "Same phone as a stored contact". */
export function matchMessage(match: { reason: string; row?: number }, noun: string): string {
  const what = match.reason === 'id' ? 'Same id' : `Same ${match.reason}`;
  return match.row === undefined ? `${what} as a stored ${noun}` : `${what} as row ${match.row}`;
}

/**
 * What the mode does with a row that matches: skip it (reported), create it
 * anyway (with a warning, for a later merge), or update the match.
 */
export function onMatch(env: ImportEnv, cells: RowCells, match: { id: string; reason: string; row?: number }, noun: string, column: string | undefined): 'skip' | 'create' | 'update' {
  if (env.mode === 'update-existing') return 'update';
  if (env.mode === 'skip-duplicates' || match.reason === 'id') {
    cells.warn(column, 'duplicate', `${matchMessage(match, noun)}: skipped`);
    return 'skip';
  }
  cells.warn(column, 'possible_duplicate', `${matchMessage(match, noun)}: created anyway (create-only); find it with duplicates.find`);
  return 'create';
}

/** How an importer writes one kind of record: its collection, timeline links and events. */
export interface ImportWrites<T extends { id: string; version: number; updatedAt: string }> {
  collection: 'contacts' | 'companies' | 'deals';
  entity: EntityKind;
  created: CreatedSpec<T>;
  onCreated: (record: T) => void;
  onUpdated: (record: T, previous: T) => void;
}

/** Queues a new, already-validated record with its "created" activity and event. */
export function queueImportCreate<T extends { id: string; version: number; updatedAt: string }>(uow: UnitOfWork, w: ImportWrites<T>, record: T): T {
  uow.putParsed(w.collection, record, 0);
  queueCreated(uow, w.created, record, true);
  uow.afterCommit(() => w.onCreated(record));
  return record;
}

/** Queues an update of `current` to the validated `next`, guarded by its version, with the activities that describe the change. */
export async function queueImportUpdate<T extends { id: string; version: number; updatedAt: string }>(env: ImportEnv, uow: UnitOfWork, w: ImportWrites<T>, current: T, next: T, changed: string[]): Promise<T> {
  const stored = uow.putParsed(w.collection, { ...next, updatedAt: env.ctx.nowIso() }, current.version);
  await queueChangeActivities(env.ctx, uow, w.entity, current, stored, changed, w.created.links(stored));
  uow.afterCommit(() => w.onUpdated(stored, current));
  return stored;
}
