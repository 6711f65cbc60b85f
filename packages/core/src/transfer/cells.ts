import type { FieldDefinition } from '../model/custom-field.js';
import { type DateOrder, type DecimalMark, domainOf, parseBoolean, parseDate, parseMoney, parseNumber, splitEmails, splitList, splitPhones } from './coerce.js';
import type { ImportIssue } from './report.js';
import type { CellKind, ImportTarget } from './targets.js';
import { money } from '../money.js';
import { unguardCell } from './csv-write.js';

/** A mapped column. */
export interface Column {
  index: number;
  header: string;
  target: ImportTarget;
  kind: CellKind;
}

/** How a file's cells are read: decided once per import. */
export interface CellRules {
  dateOrder: DateOrder;
  decimalMark: DecimalMark;
  /** The currency of money cells that name none. */
  currency: string | undefined;
  /** Custom field definitions by key. */
  defs: ReadonlyMap<string, FieldDefinition>;
}

/** A value with the column it came from, so a later schema error can name the column. */
export interface Sourced<T> {
  value: T;
  column: string;
}

/**
 * One row's cells, read by target. Every cell that cannot be read becomes an
 * error naming its column and keeping its text; the caller decides whether
 * the row goes in.
 */
export class RowCells {
  readonly issues: ImportIssue[] = [];

  constructor(
    readonly cells: readonly string[],
    readonly row: number,
    readonly byTarget: ReadonlyMap<ImportTarget, readonly Column[]>,
    readonly rules: CellRules,
  ) {}

  error(column: string | undefined, code: string, message: string, value?: string): void {
    this.issues.push(strip({ row: this.row, column, code, message, level: 'error', value }));
  }

  warn(column: string | undefined, code: string, message: string, value?: string): void {
    this.issues.push(strip({ row: this.row, column, code, message, level: 'warning', value }));
  }

  get failed(): boolean {
    return this.issues.some((i) => i.level === 'error');
  }

  /** The non-blank cells of a target's columns. */
  raw(target: ImportTarget): Sourced<string>[] {
    const columns = this.byTarget.get(target);
    if (!columns) return [];
    const out: Sourced<string>[] = [];
    for (const c of columns) {
      const v = this.cells[c.index]?.trim();
      if (v) out.push({ value: unguardCell(v), column: c.header });
    }
    return out;
  }

  /** The first non-blank cell of a one-column target. */
  text(target: ImportTarget): Sourced<string> | undefined {
    // raw()'s loop without its array: a row asks for a dozen targets, most of them one column or none.
    const columns = this.byTarget.get(target);
    if (!columns) return undefined;
    for (const c of columns) {
      const v = this.cells[c.index]?.trim();
      if (v) return { value: unguardCell(v), column: c.header };
    }
    return undefined;
  }

  date(target: ImportTarget): Sourced<string> | undefined {
    const cell = this.text(target);
    if (!cell) return undefined;
    const value = parseDate(cell.value, this.rules.dateOrder);
    if (value) return { value, column: cell.column };
    this.error(cell.column, 'invalid_date', `Not a date in this file's order (${this.rules.dateOrder === 'dmy' ? 'day-month-year' : 'month-day-year'}) or ISO`, cell.value);
    return undefined;
  }

  number(target: ImportTarget): Sourced<number> | undefined {
    const cell = this.text(target);
    if (!cell) return undefined;
    const value = parseNumber(cell.value, this.rules.decimalMark);
    if (value !== undefined) return { value, column: cell.column };
    this.error(cell.column, 'invalid_number', `Not a number with "${this.rules.decimalMark}" as the decimal mark`, cell.value);
    return undefined;
  }

  /** Money in minor units: the cell's currency, else `currencyCell`'s, else the import's default. */
  money(target: ImportTarget, currencyCell?: Sourced<string>): Sourced<{ amount: number; currency: string }> | undefined {
    const cell = this.text(target);
    if (!cell) return undefined;
    const parsed = parseMoney(cell.value, this.rules.decimalMark);
    if (!parsed) {
      this.error(cell.column, 'invalid_number', `Not an amount with "${this.rules.decimalMark}" as the decimal mark`, cell.value);
      return undefined;
    }
    const currency = parsed.currency ?? currencyCell?.value.toUpperCase() ?? this.rules.currency;
    if (!currency || !/^[A-Z]{3}$/.test(currency)) {
      this.error(currencyCell?.column ?? cell.column, 'missing_currency', 'No currency: add a currency column or choose a default currency', currencyCell?.value ?? cell.value);
      return undefined;
    }
    return { value: money(parsed.amount, currency), column: cell.column };
  }

  list(target: ImportTarget): string[] {
    return this.raw(target).flatMap((c) => splitList(c.value));
  }

  emails(target: ImportTarget): Sourced<string>[] {
    return this.raw(target).flatMap((c) => splitEmails(c.value).map((value) => ({ value, column: c.column })));
  }

  phones(target: ImportTarget): Sourced<string>[] {
    return this.raw(target).flatMap((c) => splitPhones(c.value).map((value) => ({ value, column: c.column })));
  }

  domain(target: ImportTarget): Sourced<string> | undefined {
    const cell = this.text(target);
    if (!cell) return undefined;
    const value = domainOf(cell.value);
    if (value) return { value, column: cell.column };
    this.error(cell.column, 'invalid_domain', 'Not a website or domain', cell.value);
    return undefined;
  }

  /**
   * The custom values of the row's custom columns, typed by their
   * definitions; the schema checks ranges and options after.
   */
  custom(): { values: Record<string, unknown>; columns: Map<string, string> } {
    const values: Record<string, unknown> = {};
    const columns = new Map<string, string>();
    for (const [target, cols] of this.byTarget) {
      if (!target.startsWith('custom.')) continue;
      const key = target.slice(7);
      const def = this.rules.defs.get(key);
      if (!def) continue;
      columns.set(key, cols[0]!.header);
      const value = this.customValue(target, def);
      if (value !== undefined) values[key] = value;
    }
    return { values, columns };
  }

  private customValue(target: ImportTarget, def: FieldDefinition): unknown {
    switch (def.type) {
      case 'number':
        return this.number(target)?.value;
      case 'money':
        return this.money(target)?.value;
      case 'date':
        return this.date(target)?.value;
      case 'boolean': {
        const cell = this.text(target);
        if (!cell) return undefined;
        const b = parseBoolean(cell.value);
        if (b === undefined) this.error(cell.column, 'invalid_boolean', 'Expected yes or no', cell.value);
        return b;
      }
      case 'select': {
        const cell = this.text(target);
        return cell ? optionValue(def, cell.value) : undefined;
      }
      case 'multi-select': {
        const items = this.list(target);
        return items.length ? items.map((v) => optionValue(def, v)) : undefined;
      }
      case 'url': {
        const cell = this.text(target);
        if (!cell) return undefined;
        return /^[a-z][a-z0-9+.-]*:/i.test(cell.value) ? cell.value : `https://${cell.value}`;
      }
      default:
        return this.text(target)?.value;
    }
  }
}

/** A select cell read as an option's value: by value or by label, case-insensitively (the schema rejects what matches neither). */
function optionValue(def: FieldDefinition, cell: string): string {
  const lower = cell.toLowerCase();
  return def.options?.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value ?? cell;
}

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o)) if ((o as Record<string, unknown>)[k] === undefined) delete (o as Record<string, unknown>)[k];
  return o;
}
