import type { CrmContext } from './context.js';
import type { SegmentsService } from './segments.js';
import { type ExportOptions, type ExportRow, exportColumns, exportRecords, exportText } from '../transfer/export.js';

/** CSV and JSON export of a collection or a segment, in the columns an import reads back (guide: docs/import-export.md). */
export function exportsService(ctx: CrmContext, segments: SegmentsService) {
  async function* rows(options: ExportOptions): AsyncGenerator<ExportRow> {
    const { row } = await exportColumns(ctx, options.entity);
    for await (const r of await exportRecords(ctx, options, (ref) => segments.each(ref))) yield await row(r);
  }

  async function stream(format: 'csv' | 'json', options: ExportOptions): Promise<AsyncIterable<string>> {
    const { headers } = await exportColumns(ctx, options.entity);
    return exportText(format, headers, rows(options), options.signal);
  }

  async function text(format: 'csv' | 'json', options: ExportOptions): Promise<string> {
    let out = '';
    for await (const part of await stream(format, options)) out += part;
    return out;
  }

  return {
    /** The exported rows as objects, one per record. */
    rows,
    /** The export as text chunks, for a large download or a Node stream. */
    stream,
    /** The whole CSV (RFC 4180, CRLF, formula-like cells guarded). */
    csv: (options: ExportOptions) => text('csv', options),
    /** The whole JSON array of rows. */
    json: (options: ExportOptions) => text('json', options),
  };
}

export type ExportsService = ReturnType<typeof exportsService>;
