import type { FieldEntity } from '../model/vocabulary.js';
import { customValuesSchema, type FieldDefinition } from '../model/custom-field.js';
import { ValidationError } from '../errors.js';
import { parse } from '../validate.js';
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
