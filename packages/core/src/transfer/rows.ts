import { type ImportSource, recordAligned, textChunks } from './source.js';

type Papa = typeof import('papaparse');
let papa: Promise<Papa> | undefined;

/** papaparse, loaded on the first import: pages that only show records never pay for it. */
export function loadCsvParser(): Promise<Papa> {
  papa ??= import('papaparse').then((m) => ((m as { default?: Papa }).default ?? m) as Papa);
  return papa;
}

/** Rows of a source with the characters read so far; the first row is the header. */
export interface RowChunk {
  rows: string[][];
  read: number;
  total: number | undefined;
}

/**
 * The source's rows, a chunk at a time. CSV is cut at record boundaries and
 * parsed by papaparse with the delimiter it detected in the first chunk
 * (comma, semicolon as Excel writes in comma-decimal locales, tab); an array
 * of objects (JSON) becomes rows under the union of its keys.
 */
export async function* rowChunks(source: ImportSource, delimiter?: string): AsyncIterable<RowChunk> {
  if (Array.isArray(source)) {
    yield objectRows(source as readonly Record<string, unknown>[]);
    return;
  }
  const Papa = await loadCsvParser();
  const { total, chunks } = textChunks(source as Exclude<ImportSource, readonly Record<string, unknown>[]>);
  let read = 0;
  let sep = delimiter;
  for await (let text of recordAligned(chunks)) {
    read += text.length;
    // A byte-order mark (Excel's "CSV UTF-8") is not part of the first header.
    if (read === text.length) text = text.replace(/^\ufeff/, '');
    const result = Papa.parse<string[]>(text, { delimiter: sep ?? '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: 'greedy', quoteChar: '"' });
    sep ??= result.meta.delimiter;
    yield { rows: result.data, read, total };
  }
}

/** JSON records as rows: lists joined with `; `, money and other objects by their JSON. */
function objectRows(records: readonly Record<string, unknown>[]): RowChunk {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), headers.push(k);
  const cell = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.map(cell).join('; ') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const rows = [headers, ...records.map((r) => headers.map((h) => cell(r[h])))];
  return { rows, read: records.length, total: records.length };
}

/** Headers made unique, so a mapping can name each column: a second `Phone` becomes `Phone (2)`; a blank one `Column 3`. */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}
