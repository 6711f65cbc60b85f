/**
 * Writing CSV cells. A cell that a spreadsheet would run as a formula
 * (`=HYPERLINK(...)`, `@SUM`, `+cmd|...`) gets a leading apostrophe, which
 * Excel shows as text (OWASP "CSV injection"); numbers and phone numbers
 * (`-5`, `+1 209 172 7124`) are left alone so they survive a round trip, and
 * the import drops the apostrophe again.
 */
export function csvCell(value: unknown): string {
  const s = value === undefined || value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  const safe = isFormula(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function isFormula(s: string): boolean {
  const c = s.charAt(0);
  if (c === '=' || c === '@' || c === '\t' || c === '\r') return true;
  return (c === '+' || c === '-') && !/^[+-][\d\s().x/-]*$/i.test(s);
}

/** A cell as an export wrote it: the apostrophe that guarded a formula-like cell removed. */
export function unguardCell(cell: string): string {
  return cell.charAt(0) === "'" && isFormula(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One CSV line (CRLF, as RFC 4180 and Excel write). */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
