import type { FieldDefinition } from '@kith/core';

/** A group of custom fields as the host configures it: its label, its fields' keys in order, and whether it starts collapsed. */
export interface FieldGroupConfig {
  label: string;
  fields: string[];
  collapsed?: boolean;
}

/** A group as the card shows it. */
export interface FieldGroup {
  /** Stable across renders: the host group's index (`h0`) or the definition's group label (`d:Billing`), `other` for the rest. */
  id: string;
  label: string;
  fields: FieldDefinition[];
  collapsed: boolean;
}

const byOrder = (a: FieldDefinition, b: FieldDefinition) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.label.localeCompare(b.label);

/**
 * Lays out custom fields: first the host's groups, in the host's order,
 * each with its fields in the order listed; then the fields no host group
 * claims, grouped by their definition's `group` and ordered by its `order`
 * (the order they were defined in); those with no group last, under
 * `otherLabel`. Hidden keys and keys with no definition are left out; a key
 * a second host group repeats stays in the first. Groups left empty are dropped.
 */
export function groupFields(defs: readonly FieldDefinition[], config: readonly FieldGroupConfig[] = [], hidden: readonly string[] = [], otherLabel = ''): FieldGroup[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const skip = new Set(hidden);
  const out: FieldGroup[] = [];
  config.forEach((g, i) => {
    const fields: FieldDefinition[] = [];
    for (const key of g.fields) {
      const def = byKey.get(key);
      if (!def || skip.has(key)) continue;
      fields.push(def);
      skip.add(key);
    }
    out.push({ id: `h${i}`, label: g.label, fields, collapsed: g.collapsed ?? false });
  });
  const rest = defs.filter((d) => !skip.has(d.key)).sort(byOrder);
  const named = new Map<string, FieldDefinition[]>();
  const other: FieldDefinition[] = [];
  for (const d of rest) {
    if (d.group) named.set(d.group, [...(named.get(d.group) ?? []), d]);
    else other.push(d);
  }
  for (const [label, fields] of named) out.push({ id: `d:${label}`, label, fields, collapsed: false });
  out.push({ id: 'other', label: otherLabel, fields: other, collapsed: false });
  return out.filter((g) => g.fields.length);
}
