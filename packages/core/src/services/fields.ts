import type { FieldEntity } from '../model/vocabulary.js';
import { FieldDefinition, FieldDefinitionInput } from '../model/custom-field.js';
import { invalid, parse } from '../validate.js';
import type { CrmContext } from './context.js';
import { fieldDefinitions } from './custom-fields.js';
import { reader } from './reader.js';
import { UnitOfWork } from './unit-of-work.js';
import { commitDelete } from './writes.js';

/** Custom field definitions: the host's own fields on contacts, companies and deals. */
export function fieldsService(ctx: CrmContext) {
  const read = reader<FieldDefinition>(ctx, 'fields');
  return {
    get: read.get,
    find: read.find,

    /** Defines a field; its key must be new for that entity. */
    async define(input: FieldDefinitionInput): Promise<FieldDefinition> {
      const data = parse(FieldDefinitionInput, input, 'field definition');
      const existing = await fieldDefinitions(ctx, data.entity);
      if (existing.some((d) => d.key === data.key)) throw invalid(['key'], 'duplicate', `${data.entity} already has a field "${data.key}"`, 'field definition');
      const now = ctx.nowIso();
      const uow = new UnitOfWork(ctx);
      const field = uow.put('fields', FieldDefinition, { ...data, order: data.order ?? existing.length, id: ctx.newId(), createdAt: now, updatedAt: now, version: 0 }, 0);
      uow.afterCommit(() => ctx.events.emit('field:defined', { field }));
      await uow.commit();
      return field;
    },

    /** The fields of one entity, in display order. */
    list: (entity: FieldEntity) => fieldDefinitions(ctx, entity),

    /**
     * Removes a definition. Stored values stay in records (and in history) so
     * nothing is lost; they are ignored until a field with that key returns.
     */
    async remove(id: string): Promise<void> {
      await commitDelete(ctx, 'fields', id, undefined, () => ctx.events.emit('field:removed', { id }));
    },
  };
}

export type FieldsService = ReturnType<typeof fieldsService>;
