import { type FieldDefinition, money } from '@kith/core';

/**
 * What an inline edit changed, by path: a top-level field (`firstName`) or a
 * custom field (`custom.budget`). A value of undefined clears the field.
 */
export type Changes = Map<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The value at a change path in a record. */
export function valueAt(record: Record<string, unknown>, path: string): unknown {
  if (path.startsWith('custom.')) return (record.custom as Record<string, unknown> | undefined)?.[path.slice(7)];
  return record[path];
}

/** The changes between the record the edit started from and the edited values, path by path. */
export function diff(base: Record<string, unknown>, edited: Map<string, unknown>): Changes {
  const out: Changes = new Map();
  for (const [path, value] of edited) if (!same(valueAt(base, path), value)) out.set(path, value);
  return out;
}

/**
 * The patch that applies the changes to the stored record `latest`: top-level
 * fields as they are, and the whole `custom` object rebuilt from latest's
 * values with the changed keys set or removed (the core replaces `custom` as
 * a whole, so another writer's custom values survive).
 */
export function toPatch(changes: Changes, latest: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  let custom: Record<string, unknown> | undefined;
  for (const [path, value] of changes) {
    if (path.startsWith('custom.')) {
      custom ??= { ...((latest.custom as Record<string, unknown> | undefined) ?? {}) };
      if (value === undefined) delete custom[path.slice(7)];
      else custom[path.slice(7)] = value;
    } else patch[path] = value;
  }
  if (custom) patch.custom = custom;
  return patch;
}

/** A field both this edit and another writer changed: what the record held, what they stored, what this edit wants. */
export interface Clash {
  path: string;
  theirs: unknown;
  mine: unknown;
}

/**
 * Changes that collide with another writer's: paths whose stored value is no
 * longer the one the edit started from. None means the other write touched
 * other fields and this edit can be applied on top of it.
 */
export function clashes(changes: Changes, base: Record<string, unknown>, latest: Record<string, unknown>): Clash[] {
  const out: Clash[] = [];
  for (const [path, mine] of changes) {
    const theirs = valueAt(latest, path);
    if (!same(valueAt(base, path), theirs)) out.push({ path, theirs, mine });
  }
  return out;
}

/** The input name an issue path belongs to: the longest dotted prefix that names an input. */
export function inputFor(path: readonly (string | number)[], names: ReadonlySet<string>): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const name = path.slice(0, n).join('.');
    if (names.has(name)) return name;
  }
  return undefined;
}

/** Reads one custom field's value from the edit form; undefined clears it. The core validates what comes back. */
export function customValue(def: FieldDefinition, data: FormData, name: string): unknown {
  const text = (key = name) => {
    const v = data.get(key);
    return typeof v === 'string' ? v.trim() : '';
  };
  switch (def.type) {
    case 'boolean':
      // A select (unset / yes / no), not a checkbox: an untouched unset field must stay unset, not become "no".
      return text() === 'true' ? true : text() === 'false' ? false : undefined;
    case 'multi-select': {
      const values = data.getAll(name).filter((v): v is string => typeof v === 'string');
      return values.length ? values : undefined;
    }
    case 'number': {
      const t = text();
      // A comma decimal mark is read too; anything else that is not a number reaches the core as NaN and is refused there, in place.
      return t ? Number(t.replace(',', '.')) : undefined;
    }
    case 'money': {
      const amount = text();
      if (!amount) return undefined;
      return money(Number(amount.replace(',', '.')), text(`${name}.currency`).toUpperCase());
    }
    default:
      return text() || undefined;
  }
}
