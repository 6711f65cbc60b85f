/**
 * Reading spreadsheet cells as typed values. Orders and marks that a single
 * cell cannot settle (`3/1/2017`, `1,234`) are decided once per file from all
 * its values (see detect.ts) and passed in.
 */

/** The order of day, month and year in a file's dates. ISO dates (`2016-10-20`) are read in any order. */
export type DateOrder = 'dmy' | 'mdy';

/** The decimal mark of a file's numbers. */
export type DecimalMark = '.' | ',';

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/;
const SHORT = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})(?:[T ,].*)?$/;

/** The two leading numbers of a day-month or month-day date, for detection; undefined for ISO and non-dates. */
export function datePair(cell: string): [number, number] | undefined {
  const m = SHORT.exec(cell.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** A cell as a calendar date `YYYY-MM-DD`, or undefined when it is not one (31 April is not). */
export function parseDate(cell: string, order: DateOrder): string | undefined {
  const text = cell.trim();
  let y: number, mo: number, d: number;
  const iso = ISO.exec(text);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const m = SHORT.exec(text);
    if (!m) return undefined;
    const [a, b] = [Number(m[1]), Number(m[2])];
    [d, mo] = order === 'dmy' ? [a, b] : [b, a];
    y = Number(m[3]);
    // Two-digit years: 00-49 are this century, 50-99 the last (Excel's own pivot is 29; birthdays need more room).
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Currency signs read as ISO codes when a money cell carries a sign instead of a code. */
const SIGNS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '₽': 'RUB', '₾': 'GEL', '¥': 'JPY', '₴': 'UAH', '₸': 'KZT', '₺': 'TRY', '₹': 'INR' };

/** Spaces, no-break spaces and apostrophes group digits (`1 234`, `1'234`); they never carry meaning. */
const GROUPING = /[\s\u00a0\u202f']/g;

/**
 * A cell as a number with the file's decimal mark: `1.234,56` and `1,234.56`
 * are both 1234.56 when the marks say so; a mark used twice is a grouping
 * separator. Undefined when the cell is not a number.
 */
export function parseNumber(cell: string, mark: DecimalMark): number | undefined {
  let text = cell.replace(GROUPING, '');
  if (!text) return undefined;
  const group = mark === '.' ? ',' : '.';
  if (text.includes(group)) {
    // A grouping mark must group thousands: `12,5` in a decimal-point file is not 125.
    const grouped = mark === '.' ? /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/ : /^[-+]?\d{1,3}(\.\d{3})+(,\d*)?$/;
    if (!grouped.test(text)) return undefined;
    text = text.split(group).join('');
  }
  if (mark === ',') text = text.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A money cell: its number and the currency it names (`1 200,50 EUR`, `€1,200.50`, `USD 5`), if any. */
export function parseMoney(cell: string, mark: DecimalMark): { amount: number; currency?: string } | undefined {
  let text = cell.trim();
  let currency: string | undefined;
  const code = /^([A-Za-z]{3})\s*(.*)$|^(.*?)\s*([A-Za-z]{3})$/.exec(text);
  if (code) {
    currency = (code[1] ?? code[4])!.toUpperCase();
    text = (code[2] ?? code[3])!;
  } else {
    for (const [sign, iso] of Object.entries(SIGNS)) {
      if (text.includes(sign)) {
        currency = iso;
        text = text.replace(sign, '');
        break;
      }
    }
  }
  const amount = parseNumber(text, mark);
  if (amount === undefined) return undefined;
  return currency ? { amount, currency } : { amount };
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'да', 'კი', 'diax', 'si', 'sí', 'ndiyo', 'ndio']);
const FALSE = new Set(['false', 'no', 'n', '0', 'нет', 'არა', 'hapana']);

/** A yes/no cell in the seeds' languages, or undefined. */
export function parseBoolean(cell: string): boolean | undefined {
  const v = cell.trim().toLowerCase();
  return TRUE.has(v) ? true : FALSE.has(v) ? false : undefined;
}

/** A list cell split on semicolons, or on commas when there is no semicolon; blanks dropped. */
export function splitList(cell: string): string[] {
  const sep = cell.includes(';') ? ';' : ',';
  return cell
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Emails in a cell: one or several, separated by semicolons, commas or spaces. */
export function splitEmails(cell: string): string[] {
  return cell
    .split(/[;,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Phones in a cell: one, or several separated by semicolons or line breaks (a comma may be part of how a number is written). */
export function splitPhones(cell: string): string[] {
  return cell
    .split(/[;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A website cell as a domain (`https://www.Example.org/about` -> `example.org`), or undefined. */
export function domainOf(cell: string): string | undefined {
  const text = cell.trim();
  if (!text) return undefined;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
    const domain = host.replace(/^www\./, '');
    return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain) ? domain : undefined;
  } catch {
    return undefined;
  }
}
