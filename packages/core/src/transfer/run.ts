import { KithError, ValidationError } from '../errors.js';
import type { FieldDefinition } from '../model/custom-field.js';
import type { CrmContext } from '../services/context.js';
import { fieldDefinitions } from '../services/custom-fields.js';
import { UnitOfWork } from '../services/unit-of-work.js';
import { invalid } from '../validate.js';
import { type CellRules, type Column, RowCells } from './cells.js';
import type { DateOrder, DecimalMark } from './coerce.js';
import { type DateOrderFinding, type DecimalMarkFinding, detectDateOrder, detectDecimalMark, localeDateOrder, localeDecimalMark } from './detect.js';
import { companyImporter } from './import-companies.js';
import { contactImporter } from './import-contacts.js';
import { type DealImportOptions, dealImporter } from './import-deals.js';
import type { EntityImporter, ImportEnv, RowOutcome } from './importer.js';
import { CompanyLinks, memberLookup } from './links.js';
import { IMPORT_MODES, type ImportIssue, type ImportMode, type ImportProgress, type ImportReport } from './report.js';
import { type RowChunk, rowChunks, uniqueHeaders } from './rows.js';
import type { ImportSource } from './source.js';
import { IMPORT_ENTITIES, type ImportEntity, type ImportTarget, suggestMapping, targetKind, targetTakesMany } from './targets.js';

/** Options of `crm.imports.run`. */
export interface ImportOptions extends Partial<Omit<DealImportOptions, 'move'>> {
  entity: ImportEntity;
  /** Header -> target (`firstName`, `phone`, `custom.region`) or null to leave a column out. Headers it does not name get the suggested target. */
  mapping?: Record<string, ImportTarget | null>;
  /** Default `skip-duplicates`. */
  mode?: ImportMode;
  /** Plan and report everything, write nothing. */
  dryRun?: boolean;
  /** Force the order of ambiguous dates instead of detecting it. */
  dateOrder?: DateOrder;
  /** Force the decimal mark instead of detecting it. */
  decimalMark?: DecimalMark;
  /** The file's locale, which decides ambiguous dates and marks the data cannot (`en-US` is month-first). */
  locale?: string;
  /** Currency of amounts that name none. */
  currency?: string;
  /** Country of phone numbers written without `+` (default: the CRM's `defaultCountry`). */
  defaultCountry?: string;
  /** Tags for every imported record, to find the batch later. */
  tags?: string[];
  /** The CSV delimiter; detected when left out. */
  delimiter?: string;
  /** Rows per storage batch (each batch is all or nothing). Default 500. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** What a mapping screen needs before an import runs. */
export interface ImportPreview {
  headers: string[];
  /** The first rows, as text. */
  sample: string[][];
  suggestions: Record<string, ImportTarget | null>;
  dateOrder: DateOrderFinding;
  decimalMark: DecimalMarkFinding;
}

/** Headers, a sample and suggestions from the first chunk of a source. */
export async function previewImport(ctx: CrmContext, source: ImportSource, options: Pick<ImportOptions, 'entity' | 'delimiter' | 'locale' | 'dateOrder' | 'decimalMark'> & { rows?: number }): Promise<ImportPreview> {
  checkEntity(options.entity);
  const defs = await fieldDefinitions(ctx, options.entity);
  for await (const chunk of rowChunks(source, options.delimiter)) {
    const headers = uniqueHeaders(chunk.rows[0] ?? []);
    const rows = chunk.rows.slice(1);
    const suggested = suggestMapping(options.entity, headers, defs);
    const suggestions = Object.fromEntries(headers.map((h, i) => [h, suggested[i] ?? null]));
    const columns = resolveColumns(options.entity, headers, suggestions, defs);
    return { headers, sample: rows.slice(0, options.rows ?? 20), suggestions, ...detect(columns, rows, options) };
  }
  return { headers: [], sample: [], suggestions: {}, ...detect([], [], options) };
}

function checkEntity(entity: unknown): asserts entity is ImportEntity {
  if (!IMPORT_ENTITIES.includes(entity as ImportEntity)) throw invalid(['entity'], 'invalid_value', `entity must be one of ${IMPORT_ENTITIES.join(', ')}`, 'import options');
}

/** The mapped columns; a target that does not exist, or a one-column target given twice, is refused before anything is read. */
function resolveColumns(entity: ImportEntity, headers: readonly string[], mapping: Record<string, ImportTarget | null>, defs: readonly FieldDefinition[]): Column[] {
  const issues: { path: string[]; code: string; message: string }[] = [];
  for (const header of Object.keys(mapping)) if (!headers.includes(header)) issues.push({ path: ['mapping', header], code: 'unknown_column', message: `The file has no column "${header}"` });
  const columns: Column[] = [];
  const used = new Set<string>();
  headers.forEach((header, index) => {
    const target = mapping[header];
    if (!target) return;
    const kind = targetKind(entity, target, defs);
    if (!kind) return void issues.push({ path: ['mapping', header], code: 'unknown_target', message: `"${target}" is not a ${entity} field or a defined custom field` });
    if (used.has(target) && !targetTakesMany(entity, target)) return void issues.push({ path: ['mapping', header], code: 'duplicate_target', message: `Only one column can go to "${target}"` });
    used.add(target);
    columns.push({ index, header, target, kind });
  });
  if (issues.length) throw new ValidationError(issues, 'import mapping');
  return columns;
}

function detect(columns: readonly Column[], rows: readonly string[][], options: Pick<ImportOptions, 'locale' | 'dateOrder' | 'decimalMark'>) {
  const cellsOf = (kinds: string[]) => columns.filter((c) => kinds.includes(c.kind)).flatMap((c) => rows.map((r) => r[c.index] ?? ''));
  return {
    dateOrder: detectDateOrder(cellsOf(['date']), localeDateOrder(options.locale), options.dateOrder),
    decimalMark: detectDecimalMark(cellsOf(['number', 'money']), localeDecimalMark(options.locale), options.decimalMark),
  };
}

/**
 * Runs an import: reads the source a chunk at a time, validates and matches
 * each row, and commits each batch of rows as one storage batch. A batch that
 * storage refuses (someone edited a matched record meanwhile) is retried row
 * by row, so one row's conflict fails only that row. Cancelling stops before
 * the next batch: the batches before it are in, whole.
 */
export async function runImport(ctx: CrmContext, source: ImportSource, options: ImportOptions, move: DealImportOptions['move']): Promise<ImportReport> {
  checkEntity(options.entity);
  const mode = options.mode ?? 'skip-duplicates';
  if (!IMPORT_MODES.includes(mode)) throw invalid(['mode'], 'invalid_value', `mode must be one of ${IMPORT_MODES.join(', ')}`, 'import options');
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw invalid(['batchSize'], 'invalid_value', 'batchSize must be a positive integer', 'import options');
  const dryRun = options.dryRun ?? false;
  const defs = await fieldDefinitions(ctx, options.entity);
  const env: ImportEnv = {
    ctx,
    mode,
    companies: new CompanyLinks(ctx),
    owner: await memberLookup(ctx),
    tags: options.tags ?? [],
    defaultCountry: options.defaultCountry ?? ctx.options.defaultCountry,
  };
  const importer: EntityImporter & { stagesCreated?: string[] } =
    options.entity === 'contact' ? contactImporter(env) : options.entity === 'company' ? companyImporter(env) : dealImporter(env, { ...options, move });

  const report: ImportReport = {
    entity: options.entity,
    mode,
    dryRun,
    cancelled: false,
    headers: [],
    mapping: {},
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    read: 0,
    companiesCreated: 0,
    stagesCreated: [],
    ids: [],
    issues: [],
  };
  let columns: Column[] | undefined;
  let rules: CellRules | undefined;
  let byTarget: Map<ImportTarget, Column[]> | undefined;
  let rowNumber = 1;

  for await (const chunk of rowChunks(source, options.delimiter)) {
    let rows = chunk.rows;
    if (!columns) {
      report.headers = uniqueHeaders(rows[0] ?? []);
      const suggested = suggestMapping(options.entity, report.headers, defs);
      report.mapping = Object.fromEntries(report.headers.map((h, i) => [h, options.mapping && h in options.mapping ? options.mapping[h]! : (suggested[i] ?? null)]));
      columns = resolveColumns(options.entity, report.headers, { ...report.mapping, ...pickUnknown(options.mapping, report.headers) }, defs);
      rows = rows.slice(1);
      const found = detect(columns, rows, options);
      if (columns.some((c) => c.kind === 'date')) report.dateOrder = found.dateOrder;
      if (columns.some((c) => c.kind === 'number' || c.kind === 'money')) report.decimalMark = found.decimalMark;
      rules = { dateOrder: found.dateOrder.order, decimalMark: found.decimalMark.mark, currency: options.currency?.toUpperCase(), defs: new Map(defs.map((d) => [d.key, d])) };
      byTarget = new Map();
      for (const c of columns) byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
      await importer.prepare();
    }
    const chunkStart = report.read;
    for (let i = 0; i < rows.length; i += batchSize) {
      if (options.signal?.aborted) {
        report.cancelled = true;
        break;
      }
      rowNumber = await importBatch(ctx, importer, rows.slice(i, i + batchSize), rowNumber, byTarget!, rules!, report, dryRun);
      // Within a chunk, the share of its rows done stands for the share of its characters.
      const done = Math.min(1, (i + batchSize) / rows.length);
      progress(report, chunk, Math.round(chunkStart + (chunk.read - chunkStart) * done), options.onProgress);
    }
    if (report.cancelled) break;
  }
  report.companiesCreated = env.companies.created;
  report.stagesCreated = importer.stagesCreated ?? [];
  return report;
}

/** Mapping entries for headers the file lacks, so resolveColumns reports them. */
function pickUnknown(mapping: ImportOptions['mapping'], headers: readonly string[]) {
  return Object.fromEntries(Object.entries(mapping ?? {}).filter(([h]) => !headers.includes(h)));
}

function progress(report: ImportReport, chunk: RowChunk, read: number, onProgress: ImportOptions['onProgress']) {
  report.read = read;
  if (chunk.total !== undefined) report.total = chunk.total;
  onProgress?.({ rows: report.rows, created: report.created, updated: report.updated, skipped: report.skipped, failed: report.failed, read: report.read, ...(report.total === undefined ? {} : { total: report.total }) });
}

/** Plans and commits one batch of rows; returns the next row number. */
async function importBatch(ctx: CrmContext, importer: EntityImporter, rows: string[][], first: number, byTarget: Map<ImportTarget, Column[]>, rules: CellRules, report: ImportReport, dryRun: boolean): Promise<number> {
  const planned: { row: number; uow: UnitOfWork; outcome: RowOutcome; issues: ImportIssue[] }[] = [];
  let row = first;
  for (const cellsOfRow of rows) {
    row++;
    report.rows++;
    const cells = new RowCells(cellsOfRow, row, byTarget, rules);
    const uow = new UnitOfWork(ctx);
    const outcome = await importer.row(cells, uow);
    if (!outcome) {
      report.failed++;
      report.issues.push(...cells.issues);
      continue;
    }
    planned.push({ row, uow, outcome, issues: cells.issues });
  }
  const committed = dryRun ? planned : await commit(ctx, planned, report);
  for (const p of committed) {
    report.issues.push(...p.issues);
    const { action, id } = p.outcome;
    if (action === 'skipped' || action === 'unchanged') report.skipped++;
    else report[action]++;
    if (id && (action === 'created' || action === 'updated')) report.ids.push(id);
    if (!dryRun && p.outcome.followUp) {
      try {
        await p.outcome.followUp();
      } catch (error) {
        report.issues.push({ row: p.row, code: error instanceof KithError ? error.code : 'failed', message: `Saved, but the stage move failed: ${(error as Error).message}`, level: 'warning' });
      }
    }
  }
  report.issues.sort((a, b) => a.row - b.row);
  return row;
}

/** Commits the planned rows as one batch, or row by row when the batch is refused; returns the rows that went in. */
async function commit<T extends { row: number; uow: UnitOfWork; issues: ImportIssue[] }>(ctx: CrmContext, planned: T[], report: ImportReport): Promise<T[]> {
  const all = new UnitOfWork(ctx);
  for (const p of planned) all.include(p.uow);
  try {
    await all.commit();
    return planned;
  } catch (error) {
    if (!retryable(error)) throw error;
  }
  // Nothing of the refused batch is stored: each row now goes in alone, and only the rows storage refuses fail.
  const done: T[] = [];
  for (const p of planned) {
    try {
      await p.uow.commit();
      done.push(p);
    } catch (error) {
      if (!retryable(error)) throw error;
      report.failed++;
      report.issues.push({ row: p.row, code: (error as KithError).code, message: `Not saved: ${(error as Error).message}`, level: 'error' });
    }
  }
  return done;
}

/** A refusal that may concern one row (a conflict, a record too large); a closed or full store fails every row alike. */
function retryable(error: unknown): boolean {
  return error instanceof KithError && error.code !== 'closed' && error.code !== 'quota' && error.code !== 'aborted';
}
