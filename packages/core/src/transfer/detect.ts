import { type DateOrder, type DecimalMark, datePair } from './coerce.js';

/** How a file's date order was chosen, for the report. */
export interface DateOrderFinding {
  order: DateOrder;
  /** `data`: the file's values settled it; `option`: the caller's choice; `default`: nothing settled it. */
  decidedBy: 'data' | 'option' | 'default';
  /** Dates whose first number is over 12 (only day-first reads them). */
  dayFirstEvidence: number;
  /** Dates whose second number is over 12 (only month-first reads them). */
  monthFirstEvidence: number;
}

/**
 * Chooses day-first or month-first from a file's date cells: a first number
 * over 12 can only be a day, a second one over 12 only a day in month-first
 * order. The side with evidence wins (the larger, when a messy file has
 * both: the others are then reported as errors row by row); with none, the
 * fallback decides.
 */
export function detectDateOrder(cells: Iterable<string>, fallback: DateOrder, forced?: DateOrder): DateOrderFinding {
  let dayFirstEvidence = 0;
  let monthFirstEvidence = 0;
  for (const cell of cells) {
    const pair = datePair(cell);
    if (!pair) continue;
    if (pair[0] > 12 && pair[1] <= 12) dayFirstEvidence++;
    else if (pair[1] > 12 && pair[0] <= 12) monthFirstEvidence++;
  }
  if (forced) return { order: forced, decidedBy: 'option', dayFirstEvidence, monthFirstEvidence };
  if (dayFirstEvidence === 0 && monthFirstEvidence === 0) return { order: fallback, decidedBy: 'default', dayFirstEvidence, monthFirstEvidence };
  return { order: dayFirstEvidence >= monthFirstEvidence ? 'dmy' : 'mdy', decidedBy: 'data', dayFirstEvidence, monthFirstEvidence };
}

/** How a file's decimal mark was chosen. */
export interface DecimalMarkFinding {
  mark: DecimalMark;
  decidedBy: 'data' | 'option' | 'default';
}

/**
 * Chooses the decimal mark from number cells: with both marks in one cell the
 * last is decimal (`1.234,5`); a mark used twice groups digits (`1,234,567`);
 * a single mark followed by other than three digits is decimal (`12,5`).
 * `1,234` alone settles nothing.
 */
export function detectDecimalMark(cells: Iterable<string>, fallback: DecimalMark, forced?: DecimalMark): DecimalMarkFinding {
  if (forced) return { mark: forced, decidedBy: 'option' };
  let dot = 0;
  let comma = 0;
  for (const raw of cells) {
    const cell = raw.replace(/[^\d.,]/g, '');
    const lastDot = cell.lastIndexOf('.');
    const lastComma = cell.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) dot++;
      else comma++;
      continue;
    }
    const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : undefined;
    if (!mark) continue;
    const uses = cell.split(mark).length - 1;
    const decimals = cell.length - cell.lastIndexOf(mark) - 1;
    if (uses > 1) {
      if (mark === '.') comma++;
      else dot++;
    } else if (decimals !== 3) {
      if (mark === '.') dot++;
      else comma++;
    }
  }
  if (!dot && !comma) return { mark: fallback, decidedBy: 'default' };
  return { mark: comma > dot ? ',' : '.', decidedBy: 'data' };
}

/** The date order a locale writes (`en-US` month-first, `en-GB` and most others day-first). */
export function localeDateOrder(locale: string | undefined): DateOrder {
  if (!locale) return 'dmy';
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(Date.UTC(2020, 10, 25)));
    const types = parts.filter((p) => p.type === 'day' || p.type === 'month').map((p) => p.type);
    return types[0] === 'month' ? 'mdy' : 'dmy';
  } catch {
    return 'dmy';
  }
}

/** The decimal mark a locale writes. */
export function localeDecimalMark(locale: string | undefined): DecimalMark {
  if (!locale) return '.';
  try {
    const mark = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    return mark === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}
