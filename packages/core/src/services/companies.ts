import { Company, CompanyInput, CompanyPatch, companyFields } from '../model/company.js';
import type { WriteOptions } from './contacts.js';
import type { CrmContext } from './context.js';
import { parseWithCustom } from './custom-fields.js';
import { reader, requireRef } from './reader.js';
import { stripUndefined } from './unit-of-work.js';
import { type CreatedSpec, commitCreate, commitDelete, commitPatch, type PatchSpec } from './writes.js';

/** How a new company's "created" activity is filed. */
export const companyCreated: CreatedSpec<Company> = { entity: 'company', links: (c) => ({ companyId: c.id }), title: (c) => c.name };

/** A new company record from valid input, before it is committed. */
export function newCompany(ctx: CrmContext, data: Omit<Company, 'id' | 'kinds' | 'tags' | 'custom' | 'createdAt' | 'updatedAt' | 'version'> & Partial<Pick<Company, 'kinds' | 'tags'>>, custom: Company['custom']): Company {
  const now = ctx.nowIso();
  // Copied and stamped in place, not spread into a literal: an import makes thousands (the spread was most of their cost).
  const company = stripUndefined(data) as Company;
  company.id = ctx.newId();
  company.kinds = data.kinds ?? ['client'];
  company.tags = data.tags ?? [];
  company.custom = custom;
  company.createdAt = now;
  company.updatedAt = now;
  company.version = 0;
  return company;
}

export function companiesService(ctx: CrmContext) {
  const read = reader<Company>(ctx, 'companies');
  const spec: PatchSpec<Company> = {
    collection: 'companies',
    schema: Company,
    ...companyCreated,
    editable: Object.keys(companyFields),
    emit: (company, previous) => ctx.events.emit('company:updated', { company, previous }),
  };

  return {
    ...read,

    /** Creates a company and its "created" activity. */
    async create(input: CompanyInput): Promise<Company> {
      const [data, custom] = await parseWithCustom(ctx, 'company', CompanyInput, input);
      await requireRef(ctx, 'members', data.ownerId, ['ownerId']);
      const company = newCompany(ctx, data, custom);
      return commitCreate(ctx, spec, company, (stored) => ctx.events.emit('company:created', { company: stored }));
    },

    /** Changes some fields, recording before and after. */
    async update(id: string, patch: CompanyPatch, options: WriteOptions = {}): Promise<Company> {
      const current = await read.get(id);
      const [data, custom] = await parseWithCustom(ctx, 'company', CompanyPatch, patch, current.custom);
      await requireRef(ctx, 'members', data.ownerId, ['ownerId']);
      return commitPatch(ctx, spec, current, stripUndefined({ ...current, ...data, custom }), options.expectedVersion);
    },

    /** Companies with this web domain. */
    async findByDomain(domain: string): Promise<Company[]> {
      const page = await read.list({ where: [{ field: 'domain', op: 'eq', value: domain.trim().toLowerCase() }], limit: 100 });
      return page.items;
    },

    /** Deletes the company; people and deals keep their history and lose the link on their next edit. */
    async remove(id: string, options: WriteOptions = {}): Promise<void> {
      await commitDelete(ctx, 'companies', id, options.expectedVersion, () => ctx.events.emit('company:deleted', { id }));
    },
  };
}

export type CompaniesService = ReturnType<typeof companiesService>;
