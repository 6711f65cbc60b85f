import { csvLine } from './csv-write.js';
import type { DateOrderFinding, DecimalMarkFinding } from './detect.js';
import type { ImportEntity, ImportTarget } from './targets.js';

/** What an import does with a row that matches a stored record or an earlier row. */
export const IMPORT_MODES = ['create-only', 'update-existing', 'skip-duplicates'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** One problem with one row. Errors keep the row out; warnings do not. */
export interface ImportIssue {
  /** The row as a spreadsheet numbers it: the header is row 1, the first record row 2. */
  row: number;
  /** The header of the column at fault, when one is. */
  column?: string;
  /** Stable and machine-readable: `invalid_date`, `duplicate`, `unknown_stage`, a schema code... */
  code: string;
  message: string;
  level: 'error' | 'warning';
  /** The cell as it was in the file. */
  value?: string;
}

/** Counts so far, for a progress bar. */
export interface ImportProgress {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  /** Characters of the source read so far, and in all when known: progress = read / total. */
  read: number;
  total?: number;
}

/** The outcome of an import or a dry run. */
export interface ImportReport extends ImportProgress {
  entity: ImportEntity;
  mode: ImportMode;
  dryRun: boolean;
  /** True when the signal stopped it: the rows before `rows` are in, the rest are not read. */
  cancelled: boolean;
  headers: string[];
  mapping: Record<string, ImportTarget | null>;
  /** Present when a column holds dates. */
  dateOrder?: DateOrderFinding;
  /** Present when a column holds numbers or money. */
  decimalMark?: DecimalMarkFinding;
  /** Companies made for rows that named one not yet stored. */
  companiesCreated: number;
  /** Stages added to pipelines (with `createMissingStages`), by name. */
  stagesCreated: string[];
  /** Ids of created and updated records, in row order. */
  ids: string[];
  issues: ImportIssue[];
}

/** The report's issues as a CSV a spreadsheet opens: row, column, level, code, message, value. */
export function issuesCsv(issues: readonly ImportIssue[]): string {
  return csvLine(['row', 'column', 'level', 'code', 'message', 'value']) + issues.map((i) => csvLine([i.row, i.column, i.level, i.code, i.message, i.value])).join('');
}
