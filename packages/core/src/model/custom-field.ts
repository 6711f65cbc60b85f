import { z } from '../zod.js';
import { FIELD_ENTITIES, FIELD_TYPES } from './vocabulary.js';
import type { FieldType } from './vocabulary.js';
import { DateOnly, Label, NonNegativeMoney, recordMeta } from './common.js';



const Option = z.strictObject({ value: z.string().check(z.minLength(1), z.maxLength(100)), label: Label });

const fieldDefinitionFields = {
  entity: z.enum(FIELD_ENTITIES),
  /** The key values are stored under: lower camelCase or kebab, stable forever. */
  key: z.string().check(z.regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/, 'A field key starts with a lower-case letter')),
  label: Label,
  type: z.enum(FIELD_TYPES),
  options: z.optional(z.array(Option).check(z.minLength(1))),
  required: z.optional(z.boolean()),
  group: z.optional(Label),
  order: z.optional(z.int()),
};

const optionsWhenSelect = (d: { type: FieldType; options?: unknown[] }) =>
  (d.type === 'select' || d.type === 'multi-select') === Boolean(d.options?.length);
const optionsMessage = { message: 'Select fields need options; other fields take none', path: ['options'] };

/** Input of `fields.define`. */
export const FieldDefinitionInput = z.strictObject(fieldDefinitionFields).check(z.refine(optionsWhenSelect, optionsMessage));
export type FieldDefinitionInput = z.input<typeof FieldDefinitionInput>;

/** A custom field on contacts, companies or deals. */
export const FieldDefinition = z.strictObject({ ...recordMeta, ...fieldDefinitionFields }).check(z.refine(optionsWhenSelect, optionsMessage));
export type FieldDefinition = z.infer<typeof FieldDefinition>;

function valueSchema(def: FieldDefinition): z.core.SomeType {
  const values = def.options?.map((o) => o.value) ?? [];
  switch (def.type) {
    case 'text':
      return z.string().check(z.maxLength(10_000));
    case 'number':
      return z.number().check(z.refine(Number.isFinite, 'Expected a finite number'));
    case 'money':
      return NonNegativeMoney;
    case 'date':
      return DateOnly;
    case 'boolean':
      return z.boolean();
    case 'select':
      return z.enum(values as [string, ...string[]]);
    case 'multi-select':
      return z.array(z.enum(values as [string, ...string[]]));
    case 'email':
      return z.email();
    case 'phone':
      return z.string().check(z.regex(/\d{3}/, 'A phone number needs digits'), z.maxLength(40));
    case 'url':
      return z.url();
  }
}

/**
 * Turns field definitions into a validator for a record's `custom` values:
 * known keys are typed, required ones must be present, unknown keys are
 * refused (a typo is an error) except `retained` ones: values a record
 * already holds for a field whose definition was since removed.
 */
export function customValuesSchema(defs: readonly FieldDefinition[], retained: readonly string[] = []) {
  const shape: Record<string, z.core.SomeType> = {};
  for (const key of retained) shape[key] = z.optional(z.unknown());
  for (const def of defs) {
    const schema = valueSchema(def);
    shape[def.key] = def.required ? schema : z.optional(schema);
  }
  return z.strictObject(shape);
}
