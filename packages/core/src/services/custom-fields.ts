import type { FieldEntity } from '../model/vocabulary.js';
import { customValuesSchema, type FieldDefinition } from '../model/custom-field.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { parse } from '../validate.js';
import type { z } from '../zod.js';
import type { CrmContext } from './context.js';

/** The custom field definitions of one entity kind, in display order. */
export async function fieldDefinitions(ctx: CrmContext, entity: FieldEntity): Promise<FieldDefinition[]> {
  const page = await ctx.storage.query('fields', { where: [{ field: 'entity', op: 'eq', value: entity }], limit: 1000 });
  return (page.items as FieldDefinition[]).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** Validates a record's custom values against the definitions; issues point at `custom.<key>`. */
export async function checkCustomValues(
  ctx: CrmContext,
  entity: FieldEntity,
  values: Record<string, unknown>,
  previous: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const defs = await fieldDefinitions(ctx, entity);
  try {
    return parse(customValuesSchema(defs, Object.keys(previous)), values, `${entity} custom fields`);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.issues.map((i) => ({ ...i, path: ['custom', ...i.path] })),
        entity,
      );
    }
    throw error;
  }
}

/**
 * Parses a record's input with its schema and checks its custom values in
 * the same pass: when either fails, one ValidationError carries the issues
 * of both, so a form shows every error at once. For an update, `previous`
 * is the stored record's custom values: kept when the input has none, and
 * the values of since-removed fields it may still hold.
 */
export async function parseWithCustom<S extends z.core.$ZodType>(
  ctx: CrmContext,
  entity: FieldEntity,
  schema: S,
  input: unknown,
  previous?: Record<string, unknown>,
): Promise<[z.output<S>, Record<string, unknown>]> {
  const issues: ValidationIssue[] = [];
  const collect = async <T>(f: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const raw = (input as { custom?: unknown } | null | undefined)?.custom;
  // Not a plain object: the schema reports it, so there is nothing to check here.
  const given = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const data = await collect(() => parse(schema, input, entity));
  const custom = await collect(() => (given ? checkCustomValues(ctx, entity, given, previous) : (previous ?? {})));
  if (issues.length) throw new ValidationError(issues, entity);
  return [data as z.output<S>, custom!];
}
