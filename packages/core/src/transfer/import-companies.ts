import type { ValidationIssue } from '../errors.js';
import { Company } from '../model/company.js';
import { customValuesSchema } from '../model/custom-field.js';
import { COMPANY_KINDS } from '../model/vocabulary.js';
import { companyCreated, newCompany } from '../services/companies.js';
import { fieldDefinitions } from '../services/custom-fields.js';
import { changedKeys } from '../services/equal.js';
import { companyFields } from '../model/company.js';
import { stripUndefined } from '../services/unit-of-work.js';
import type { RowCells } from './cells.js';
import { type EntityImporter, type ImportEnv, type ImportWrites, type RowOutcome, type Touched, checkRecord, queueImportCreate, queueImportUpdate, onMatch } from './importer.js';
import { companyNameKey } from './keys.js';

const EDITABLE = Object.keys(companyFields) as (keyof typeof companyFields & string)[];

/** Companies from rows, matched by id, then domain, then name (without case, punctuation or legal suffix). */
export function companyImporter(env: ImportEnv): EntityImporter {
  const { ctx, companies } = env;
  const writes: ImportWrites<Company> = {
    collection: 'companies',
    entity: 'company',
    created: companyCreated,
    onCreated: (company) => ctx.events.emit('company:created', { company }),
    onUpdated: (company, previous) => ctx.events.emit('company:updated', { company, previous }),
  };
  const touched: Touched<Company> = new Map();
  let customSchema = customValuesSchema([]);
  const columnOf = (cells: RowCells, columns: Map<string, string>) => (issue: ValidationIssue) =>
    issue.path[0] === 'custom' ? columns.get(String(issue.path[1])) : cells.byTarget.get(String(issue.path[0]))?.[0]?.header;

  return {
    async prepare() {
      customSchema = customValuesSchema(await fieldDefinitions(ctx, 'company'));
      await companies.load();
    },

    async row(cells, uow): Promise<RowOutcome | undefined> {
      const name = cells.text('name');
      const domain = cells.domain('domain');
      const kinds = cells.list('kinds').map((k) => k.toLowerCase());
      const bad = kinds.find((k) => !(COMPANY_KINDS as readonly string[]).includes(k));
      if (bad) cells.error(cells.text('kinds')?.column, 'invalid_kind', `Expected ${COMPANY_KINDS.join(', ')}`, bad);
      const ownerCell = cells.text('owner');
      const ownerId = ownerCell ? env.owner(ownerCell.value) : undefined;
      if (ownerCell && !ownerId) cells.error(ownerCell.column, 'unknown_owner', 'No member with this id, email or name', ownerCell.value);
      const custom = cells.custom();
      const idCell = cells.text('id');
      const tags = [...new Set([...cells.list('tags'), ...env.tags])];
      const byDomain = domain && companies.byDomain.get(domain.value);
      const byName = name && companies.byName.get(companyNameKey(name.value));
      const match = idCell && companies.ids.has(idCell.value) ? { id: idCell.value, reason: 'id' } : byDomain ? { ...byDomain, reason: 'domain' } : byName ? { ...byName, reason: 'name' } : undefined;
      const decision = match ? onMatch(env, cells, match, 'company', match.reason === 'domain' ? domain?.column : name?.column) : 'create';
      if (decision === 'skip') return { action: 'skipped', id: match!.id };
      const checkCustom = (values: Record<string, unknown>) => checkRecord(customSchema, values, cells, (i) => custom.columns.get(String(i.path[0])));
      const fields = stripUndefined({ name: name?.value, domain: domain?.value, ownerId, kinds: kinds.length ? (kinds as Company['kinds']) : undefined });

      if (decision === 'update') {
        const current = touched.get(match!.id) ?? ((await ctx.storage.get('companies', match!.id)) as Company | undefined);
        if (!current) return void cells.error(undefined, 'not_found', 'The matching company was deleted during the import');
        const merged = stripUndefined({ ...current, ...fields, tags: [...new Set([...current.tags, ...tags])], custom: { ...current.custom, ...custom.values } });
        const valid = checkRecord(Company, merged, cells, columnOf(cells, custom.columns));
        if (!valid || !checkCustom(merged.custom) || cells.failed) return undefined;
        const changed = changedKeys(current, valid, EDITABLE);
        if (!changed.length) return { action: 'unchanged', id: current.id };
        const stored = await queueImportUpdate(env, uow, writes, current, valid, changed);
        touched.set(stored.id, { ...stored, version: current.version + 1 });
        companies.remember(stored.id, stored.name, stored.domain, cells.row);
        return { action: 'updated', id: stored.id };
      }

      const record = newCompany(ctx, { ...fields, name: fields.name ?? '', tags }, custom.values);
      // An id the store lacks is kept: restoring an export keeps the ids other systems know.
      if (idCell) record.id = idCell.value;
      const valid = checkRecord(Company, record, cells, columnOf(cells, custom.columns));
      if (!valid || (Object.keys(custom.values).length && !checkCustom(custom.values)) || cells.failed) return undefined;
      queueImportCreate(uow, writes, valid);
      if (env.mode === 'update-existing') touched.set(valid.id, { ...valid, version: 1 });
      companies.remember(valid.id, valid.name, valid.domain, cells.row);
      return { action: 'created', id: valid.id };
    },
  };
}
