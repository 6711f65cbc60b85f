import type { CrmContext } from './context.js';
import type { DealsService } from './deals.js';
import { type ImportOptions, type ImportPreview, previewImport, runImport } from '../transfer/run.js';
import { type ImportIssue, type ImportReport, issuesCsv } from '../transfer/report.js';
import type { ImportSource } from '../transfer/source.js';
import { type ImportEntity, targetsOf } from '../transfer/targets.js';
import { fieldDefinitions } from './custom-fields.js';

/** CSV and JSON import of contacts, companies and deals (guide: docs/import-export.md). */
export function importsService(ctx: CrmContext, deals: DealsService) {
  return {
    /** Headers, the first rows, suggested targets and the detected date order and decimal mark: what a mapping screen shows. */
    preview(source: ImportSource, options: Parameters<typeof previewImport>[2]): Promise<ImportPreview> {
      return previewImport(ctx, source, options);
    },

    /** Every target a column of this entity can go to: built-in fields, then custom fields. */
    async targets(entity: ImportEntity) {
      return targetsOf(entity, await fieldDefinitions(ctx, entity));
    },

    /**
     * Imports a CSV (string, File, Blob or stream of text) or an array of
     * objects (JSON). Returns a report of every row that failed or warned;
     * with `dryRun` nothing is written.
     */
    run(source: ImportSource, options: ImportOptions): Promise<ImportReport> {
      return runImport(ctx, source, options, (id, stageId, lostReason) => deals.move(id, stageId, lostReason ? { lostReason } : {}));
    },

    /** The report's issues as CSV, for "download the error report". */
    issuesCsv(issues: readonly ImportIssue[]): string {
      return issuesCsv(issues);
    },
  };
}

export type ImportsService = ReturnType<typeof importsService>;
