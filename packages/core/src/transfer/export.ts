import type { Company } from '../model/company.js';
import type { Contact } from '../model/contact.js';
import type { FieldDefinition } from '../model/custom-field.js';
import type { Deal } from '../model/deal.js';
import type { Member } from '../model/member.js';
import type { Pipeline } from '../model/pipeline.js';
import { minorUnits } from '../money.js';
import type { CrmContext } from '../services/context.js';
import { fieldDefinitions } from '../services/custom-fields.js';
import { readAll, reader } from '../services/reader.js';
import type { SegmentRef } from '../services/segments.js';
import type { StoredRecord } from '../storage/port.js';
import { invalid } from '../validate.js';
import { csvLine } from './csv-write.js';
import { IMPORT_ENTITIES, type ImportEntity } from './targets.js';

/** What to export: a whole collection, or the members of a segment. */
export interface ExportOptions {
  entity: ImportEntity;
  /** A saved segment's id or a segment definition of the same entity. */
  segment?: SegmentRef;
  signal?: AbortSignal;
}

/** One exported record: import targets as keys, so a file maps back by itself. */
export type ExportRow = Record<string, string | number | boolean | string[] | undefined>;

const amount = (m: { amount: number; currency: string }) => {
  const d = minorUnits(m.currency);
  return (m.amount / 10 ** d).toFixed(d);
};

/** A custom value as a cell the import reads back: money as `12.50 EUR`, lists as lists. */
function customCell(def: FieldDefinition, v: unknown): ExportRow[string] {
  if (v === undefined || v === null) return undefined;
  if (def.type === 'money') {
    const m = v as { amount: number; currency: string };
    return `${amount(m)} ${m.currency}`;
  }
  if (Array.isArray(v)) return v.map(String);
  return v as string | number | boolean;
}

/**
 * Exports records as rows of import targets (`firstName`, `email`, `company`,
 * `custom.region`...): what an export writes, an import with the suggested
 * mapping reads back. Links are written by name or email, which survive a
 * move to another CRM: the owner by email, the company by name, a deal's
 * contact by email and its pipeline and stage by name.
 */
export async function exportColumns(ctx: CrmContext, entity: ImportEntity): Promise<{ headers: string[]; row: (r: StoredRecord) => Promise<ExportRow> }> {
  if (!IMPORT_ENTITIES.includes(entity)) throw invalid(['entity'], 'invalid_value', `entity must be one of ${IMPORT_ENTITIES.join(', ')}`, 'export options');
  const defs = await fieldDefinitions(ctx, entity);
  const owners = new Map((await readAll<Member>(ctx, 'members')).map((m) => [m.id, m.email]));
  const companies = new Map<string, Company | undefined>();
  const companyOf = async (id: string | undefined) => {
    if (!id) return undefined;
    if (!companies.has(id)) companies.set(id, (await ctx.storage.get('companies', id)) as Company | undefined);
    return companies.get(id);
  };
  const custom = (r: { custom: Record<string, unknown> }) => Object.fromEntries(defs.map((d) => [`custom.${d.key}`, customCell(d, r.custom[d.key])]));
  const customHeaders = defs.map((d) => `custom.${d.key}`);

  if (entity === 'contact') {
    return {
      headers: ['id', 'firstName', 'lastName', 'email', 'phone', 'jobTitle', 'birthday', 'lifecycle', 'tags', 'owner', 'company', 'companyDomain', ...customHeaders],
      row: async (rec) => {
        const c = rec as unknown as Contact;
        const company = await companyOf(c.companyId);
        return {
          id: c.id,
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.emails.map((e) => e.value),
          phone: c.phones.map((p) => p.value),
          jobTitle: c.jobTitle,
          birthday: c.birthday,
          lifecycle: c.lifecycle,
          tags: c.tags,
          owner: c.ownerId ? owners.get(c.ownerId) : undefined,
          company: company?.name,
          companyDomain: company?.domain,
          ...custom(c),
        };
      },
    };
  }
  if (entity === 'company') {
    return {
      headers: ['id', 'name', 'domain', 'kinds', 'tags', 'owner', ...customHeaders],
      row: async (rec) => {
        const c = rec as unknown as Company;
        return { id: c.id, name: c.name, domain: c.domain, kinds: c.kinds, tags: c.tags, owner: c.ownerId ? owners.get(c.ownerId) : undefined, ...custom(c) };
      },
    };
  }
  const pipelines = new Map((await readAll<Pipeline>(ctx, 'pipelines')).map((p) => [p.id, p]));
  const emailOf = async (id: string | undefined) => (id ? ((await ctx.storage.get('contacts', id)) as Contact | undefined)?.emails[0]?.value : undefined);
  return {
    headers: ['id', 'title', 'value', 'currency', 'pipeline', 'stage', 'lostReason', 'expectedCloseDate', 'probability', 'contactEmail', 'company', 'owner', 'tags', ...customHeaders],
    row: async (rec) => {
      const d = rec as unknown as Deal;
      const pipeline = pipelines.get(d.pipelineId);
      return {
        id: d.id,
        title: d.title,
        value: amount(d.value),
        currency: d.value.currency,
        pipeline: pipeline?.name,
        stage: pipeline?.stages.find((s) => s.id === d.stageId)?.name ?? d.stageId,
        lostReason: d.lostReason,
        expectedCloseDate: d.expectedCloseDate,
        probability: d.probability,
        contactEmail: await emailOf(d.contactIds[0]),
        company: (await companyOf(d.companyId))?.name,
        owner: d.ownerId ? owners.get(d.ownerId) : undefined,
        tags: d.tags,
        ...custom(d),
      };
    },
  };
}

const COLLECTION = { contact: 'contacts', company: 'companies', deal: 'deals' } as const;

/** The records to export: a segment's members, else the whole collection. */
export async function exportRecords(ctx: CrmContext, options: ExportOptions, each: (ref: SegmentRef) => Promise<AsyncGenerator<StoredRecord>>): Promise<AsyncIterable<StoredRecord>> {
  if (options.segment === undefined) return reader<StoredRecord>(ctx, COLLECTION[options.entity]).each();
  if (typeof options.segment === 'object' && options.segment.entity !== options.entity) {
    throw invalid(['segment', 'entity'], 'invalid_value', `The segment selects ${options.segment.entity}s, not ${options.entity}s`, 'export options');
  }
  return each(options.segment);
}

/** Export text in chunks: CSV lines (with a header line), or a JSON array, one record per line. */
export async function* exportText(format: 'csv' | 'json', headers: readonly string[], rows: AsyncIterable<ExportRow>, signal?: AbortSignal): AsyncIterable<string> {
  if (format === 'csv') yield csvLine(headers);
  else yield '[';
  let first = true;
  let chunk = '';
  for await (const row of rows) {
    signal?.throwIfAborted();
    if (format === 'csv') chunk += csvLine(headers.map((h) => row[h]));
    else {
      const kept = Object.fromEntries(headers.filter((h) => row[h] !== undefined && !(Array.isArray(row[h]) && !(row[h] as unknown[]).length)).map((h) => [h, row[h]]));
      chunk += `${first ? '' : ','}\n${JSON.stringify(kept)}`;
    }
    first = false;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
  if (format === 'json') yield '\n]\n';
}
