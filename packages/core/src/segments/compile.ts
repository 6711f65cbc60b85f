import { daysUntilBirthday } from '../birthday.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { companyFields } from '../model/company.js';
import { contactFields } from '../model/contact.js';
import { dealFields } from '../model/deal.js';
import type { Filter } from '../storage/port.js';
import { matchesFilter, valueAt } from '../storage/semantics.js';
import { dateInZone, isDateOnly, startOfDay } from '../time.js';
import type { FieldCondition, RelativeTime, SegmentEntity, SegmentNode } from './schema.js';

const DAY = 86_400_000;

/** Fields of each kind a segment may test, besides `custom.<key>` (checked against the definitions). */
const META = ['id', 'createdAt', 'updatedAt'];
export const SEGMENT_FIELDS: Record<SegmentEntity, ReadonlySet<string>> = {
  contact: new Set([...META, ...Object.keys(contactFields), 'lastInteractionAt', 'emailKeys', 'phoneKeys']),
  company: new Set([...META, ...Object.keys(companyFields)]),
  deal: new Set([...META, ...Object.keys(dealFields), 'pipelineId', 'stageId', 'status', 'lostReason', 'stageEnteredAt', 'closedAt']),
};

/** Calendar-date fields: a relative value resolves to a date on them, to an instant elsewhere. */
const DATE_FIELDS = new Set(['birthday', 'expectedCloseDate']);

/** Where and when a segment is evaluated. */
export interface SegmentClock {
  now: number;
  timeZone: string;
}

/**
 * Leaves that need other collections (deals, a company's people) to decide.
 * The evaluator fills `ids` for each before testing records.
 */
export type RelatedLeaf =
  | { kind: 'deals'; node: SegmentNode; where: Filter[]; by: 'contactIds' | 'companyId' }
  | { kind: 'company-interaction'; node: SegmentNode; after?: string; before?: string };

/** A segment made ready to run: its predicate, what storage can do for it, and what it must look up first. */
export interface CompiledSegment {
  entity: SegmentEntity;
  /** Conjuncts storage can evaluate: a query with these `where` returns a superset of the matches. */
  pushdown: Filter[];
  /** When the root is an `or` whose every branch storage can narrow: one query each, united. */
  branches?: Filter[][];
  /** Leaves answered by a set of ids; `candidates` names the one (if any) whose ids can seed the scan. */
  related: RelatedLeaf[];
  candidates?: RelatedLeaf;
  /** The whole condition, for one record, given the related leaves' id sets. */
  test(record: Record<string, unknown>, ids: Map<SegmentNode, Set<string>>): boolean;
}

/** The instant (ISO) or date a relative time stands for. */
function resolveRelative(r: RelativeTime, clock: SegmentClock, asDate: boolean): string {
  const days = 'daysAgo' in r ? -r.daysAgo : r.daysAhead;
  if (asDate) return dateInZone(clock.now + days * DAY, clock.timeZone);
  return new Date(clock.now + days * DAY).toISOString();
}

/** A bound for an instant field: a date means the start of that day in the viewer's zone. */
function instantBound(v: string | RelativeTime, clock: SegmentClock): string {
  if (typeof v !== 'string') return resolveRelative(v, clock, false);
  return isDateOnly(v) ? new Date(startOfDay(v, clock.timeZone)).toISOString() : new Date(v).toISOString();
}

const isRelative = (v: unknown): v is RelativeTime => typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldFilter(c: FieldCondition, clock: SegmentClock): Filter {
  const value = isRelative(c.value) ? resolveRelative(c.value, clock, DATE_FIELDS.has(c.field)) : c.value;
  return { field: c.field, op: c.op as Filter['op'], value };
}

/** `contains`: case-insensitive text search in a string or any string of a list. */
function contains(value: unknown, needle: string): boolean {
  const n = needle.toLocaleLowerCase();
  if (typeof value === 'string') return value.toLocaleLowerCase().includes(n);
  if (Array.isArray(value)) return value.some((v) => contains(v, needle));
  if (value && typeof value === 'object') return Object.values(value).some((v) => contains(v, needle));
  return false;
}

/**
 * Compiles a validated segment tree for one evaluation moment, given the
 * entity's custom field keys. Throws a ValidationError naming every leaf that
 * does not apply to the entity (a birthday on a deal, an unknown field).
 */
export function compileSegment(entity: SegmentEntity, root: SegmentNode, clock: SegmentClock, customKeys: ReadonlySet<string>): CompiledSegment {
  const issues: ValidationIssue[] = [];
  const related: RelatedLeaf[] = [];
  const refuse = (path: (string | number)[], message: string) => issues.push({ path: ['where', ...path], code: 'unsupported_condition', message });

  type Test = (r: Record<string, unknown>, ids: Map<SegmentNode, Set<string>>) => boolean;

  function build(node: SegmentNode, path: (string | number)[]): Test {
    if ('and' in node) {
      const parts = node.and.map((n, i) => build(n, [...path, 'and', i]));
      return (r, ids) => parts.every((t) => t(r, ids));
    }
    if ('or' in node) {
      const parts = node.or.map((n, i) => build(n, [...path, 'or', i]));
      return (r, ids) => parts.some((t) => t(r, ids));
    }
    if ('not' in node) {
      const inner = build(node.not, [...path, 'not']);
      return (r, ids) => !inner(r, ids);
    }
    if ('field' in node) {
      const root = node.field.split('.')[0]!;
      if (root === 'custom') {
        const key = node.field.split('.')[1];
        if (!key || !customKeys.has(key)) issues.push({ path: ['where', ...path, 'field'], code: 'unknown_field', message: `No ${entity} custom field "${key ?? ''}"` });
      } else if (!SEGMENT_FIELDS[entity].has(root)) {
        issues.push({ path: ['where', ...path, 'field'], code: 'unknown_field', message: `A ${entity} has no field "${node.field}"` });
      }
      if (node.op === 'contains') {
        if (typeof node.value !== 'string') refuse([...path, 'value'], '`contains` takes a string');
        const needle = String(node.value);
        return (r) => contains(valueAt(r, node.field), needle);
      }
      if (node.op === 'in' && !Array.isArray(node.value)) refuse([...path, 'value'], '`in` takes an array');
      if (node.op === 'prefix' && typeof node.value !== 'string') refuse([...path, 'value'], '`prefix` takes a string');
      const filter = fieldFilter(node, clock);
      return (r) => matchesFilter(r, filter);
    }
    if ('birthdayWithin' in node) {
      if (entity !== 'contact') refuse(path, 'Birthdays belong to contacts');
      const days = node.birthdayWithin;
      return (r) => typeof r.birthday === 'string' && daysUntilBirthday(r.birthday, clock.now, clock.timeZone) <= days;
    }
    if ('openDeal' in node) {
      if (entity === 'deal') refuse(path, 'For deals, test the status field');
      related.push({ kind: 'deals', node, where: [{ field: 'status', op: 'eq', value: 'open' }], by: entity === 'company' ? 'companyId' : 'contactIds' });
      const want = node.openDeal;
      return (r, ids) => ids.get(node)!.has(r.id as string) === want;
    }
    if ('dealValue' in node) {
      const where = dealValueFilters(node.dealValue);
      if (entity === 'deal') return (r) => where.every((f) => matchesFilter(r, f));
      related.push({ kind: 'deals', node, where, by: entity === 'company' ? 'companyId' : 'contactIds' });
      return (r, ids) => ids.get(node)!.has(r.id as string);
    }
    // lastInteraction
    const { before, after } = node.lastInteraction;
    const lo = after === undefined ? undefined : instantBound(after, clock);
    const hi = before === undefined ? undefined : instantBound(before, clock);
    if (entity === 'deal') refuse(path, 'Interactions are tested on contacts and companies');
    if (entity === 'company') {
      related.push({ kind: 'company-interaction', node, after: lo, before: hi });
      return (r, ids) => ids.get(node)!.has(r.id as string);
    }
    const where = interactionFilters(lo, hi);
    return (r) => where.every((f) => matchesFilter(r, f));
  }

  const test = build(root, []);
  if (issues.length) throw new ValidationError(issues, 'segment');
  const conjuncts = 'and' in root ? root.and : [root];
  const pushdown = conjuncts.flatMap((n) => pushable(n, entity, clock) ?? []);
  // Each branch's query returns a superset of its matches (the full test runs on every record), so
  // a root `or` whose branches all narrow the store reads those few records instead of the whole store.
  const branches = 'or' in root ? root.or.map((n) => pushable(n, entity, clock)) : undefined;
  const candidates = related.find((leaf) => leaf.kind === 'deals' && conjuncts.includes(leaf.node) && !('openDeal' in leaf.node && !leaf.node.openDeal));
  return {
    entity,
    pushdown,
    branches: branches?.every((b): b is Filter[] => b !== undefined && b.length > 0) ? branches : undefined,
    related,
    candidates,
    test,
  };
}

function dealValueFilters(v: { currency: string; min?: number | undefined; max?: number | undefined; status?: string | undefined }): Filter[] {
  const where: Filter[] = [{ field: 'value.currency', op: 'eq', value: v.currency }];
  if (v.status) where.push({ field: 'status', op: 'eq', value: v.status });
  if (v.min !== undefined) where.push({ field: 'value.amount', op: 'gte', value: v.min });
  if (v.max !== undefined) where.push({ field: 'value.amount', op: 'lte', value: v.max });
  return where;
}

/** "After" includes the moment itself; "before" does not. A record that never interacted matches neither. */
function interactionFilters(after: string | undefined, before: string | undefined): Filter[] {
  const where: Filter[] = [];
  if (after !== undefined) where.push({ field: 'lastInteractionAt', op: 'gte', value: after });
  if (before !== undefined) where.push({ field: 'lastInteractionAt', op: 'lt', value: before });
  if (!where.length) where.push({ field: 'lastInteractionAt', op: 'exists', value: true });
  return where;
}

/** The port filters equivalent to one node, or undefined when storage cannot say it. */
function pushable(node: SegmentNode, entity: SegmentEntity, clock: SegmentClock): Filter[] | undefined {
  if ('field' in node) {
    return node.op === 'contains' ? undefined : [fieldFilter(node, clock)];
  }
  if ('dealValue' in node && entity === 'deal') return dealValueFilters(node.dealValue);
  if ('lastInteraction' in node && entity === 'contact') {
    const { before, after } = node.lastInteraction;
    return interactionFilters(after === undefined ? undefined : instantBound(after, clock), before === undefined ? undefined : instantBound(before, clock));
  }
  if ('birthdayWithin' in node && entity === 'contact') return [{ field: 'birthday', op: 'exists', value: true }];
  if ('and' in node) {
    // A nested `and` pushes whatever of it storage can say.
    return node.and.flatMap((n) => pushable(n, entity, clock) ?? []);
  }
  return undefined;
}
