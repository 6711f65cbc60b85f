import type { ValidationIssue } from '../errors.js';
import { Contact } from '../model/contact.js';
import { customValuesSchema } from '../model/custom-field.js';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../model/vocabulary.js';
import { digitsKey, emailKey, loadPhoneSupport, toE164 } from '../phone.js';
import { CONTACT_EDITABLE, contactCreated } from '../services/contacts.js';
import { fieldDefinitions } from '../services/custom-fields.js';
import { changedKeys } from '../services/equal.js';
import { reader } from '../services/reader.js';
import { stripUndefined } from '../services/unit-of-work.js';
import type { RowCells, Sourced } from './cells.js';
import { type EntityImporter, type ImportEnv, type ImportWrites, type RowOutcome, type Touched, checkRecord, queueImportCreate, queueImportUpdate, findMatch, onMatch } from './importer.js';
import { KeyIndex } from './keys.js';

/** "Ana María López" as first and last name: the last word is the surname. */
export function splitName(full: string): { firstName?: string; lastName?: string } {
  const words = full.trim().split(/\s+/);
  if (words.length < 2) return { firstName: words[0] };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

/**
 * Contacts from rows: names (or a full name split), emails and phones from any
 * number of columns, the company found or made, custom fields typed. Rows
 * are matched by id, then email, then phone (E.164), against stored contacts
 * and earlier rows.
 */
export function contactImporter(env: ImportEnv): EntityImporter {
  const { ctx } = env;
  const writes: ImportWrites<Contact> = {
    collection: 'contacts',
    entity: 'contact',
    created: contactCreated,
    onCreated: (contact) => ctx.events.emit('contact:created', { contact }),
    onUpdated: (contact, previous) => ctx.events.emit('contact:updated', { contact, previous }),
  };
  const index = new KeyIndex();
  const ids = new Set<string>();
  const touched: Touched<Contact> = new Map();
  let customSchema = customValuesSchema([]);

  function columnOf(issue: ValidationIssue, emails: Sourced<string>[], phones: Sourced<string>[], cells: RowCells, customColumns: Map<string, string>): string | undefined {
    const [field, i] = issue.path;
    if (field === 'emails' && typeof i === 'number') return emails[i]?.column;
    if (field === 'phones' && typeof i === 'number') return phones[i]?.column;
    if (field === 'custom' && typeof i === 'string') return customColumns.get(i);
    return cells.byTarget.get(String(field))?.[0]?.header ?? (field === 'firstName' ? cells.byTarget.get('fullName')?.[0]?.header : undefined);
  }

  return {
    async prepare() {
      customSchema = customValuesSchema(await fieldDefinitions(ctx, 'contact'));
      await env.companies.load();
      for await (const c of reader<Contact>(ctx, 'contacts').each()) {
        ids.add(c.id);
        for (const k of c.emailKeys) index.add(k, c.id);
        for (const k of c.phoneKeys) index.add(k, c.id);
      }
    },

    async row(cells, uow): Promise<RowOutcome | undefined> {
      const full = cells.text('fullName');
      const names = { firstName: cells.text('firstName')?.value, lastName: cells.text('lastName')?.value };
      if (!names.firstName && !names.lastName && full) Object.assign(names, splitName(full.value));
      const emails = cells.emails('email');
      const phones = cells.phones('phone');
      if (phones.length) await loadPhoneSupport();
      const lifecycleCell = cells.text('lifecycle');
      const lifecycle = lifecycleCell?.value.toLowerCase() as LifecycleStage | undefined;
      if (lifecycleCell && !LIFECYCLE_STAGES.includes(lifecycle!)) cells.error(lifecycleCell.column, 'invalid_lifecycle', `Expected one of ${LIFECYCLE_STAGES.join(', ')}`, lifecycleCell.value);
      const ownerCell = cells.text('owner');
      const ownerId = ownerCell ? env.owner(ownerCell.value) : undefined;
      if (ownerCell && !ownerId) cells.error(ownerCell.column, 'unknown_owner', 'No member with this id, email or name', ownerCell.value);
      const companyCell = cells.text('company');
      const domain = cells.domain('companyDomain');
      const custom = cells.custom();
      const idCell = cells.text('id');
      const fields = stripUndefined({
        ...names,
        jobTitle: cells.text('jobTitle')?.value,
        birthday: cells.date('birthday')?.value,
        lifecycle: lifecycleCell ? lifecycle : undefined,
        ownerId,
      });
      const tags = [...new Set([...cells.list('tags'), ...env.tags])];
      const phoneEntries = phones.map((p) => stripUndefined({ value: p.value, e164: toE164(p.value, env.defaultCountry) }));
      const emailKeys = [...new Set(emails.map((e) => emailKey(e.value)))];
      const phoneKeys = [...new Set(phoneEntries.map((p) => p.e164 ?? digitsKey(p.value)))];

      const match = findMatch(index, ids, idCell?.value, [...emailKeys.map((k): [string, string] => ['email', k]), ...phoneKeys.map((k): [string, string] => ['phone', k])]);
      const matchColumn = match?.reason === 'id' ? idCell?.column : match?.reason === 'email' ? emails[0]?.column : phones[0]?.column;
      const decision = match ? onMatch(env, cells, match, 'contact', matchColumn) : 'create';
      if (decision === 'skip') return { action: 'skipped', id: match!.id };
      const checkCustom = (values: Record<string, unknown>) => checkRecord(customSchema, values, cells, (i) => custom.columns.get(String(i.path[0])));

      if (decision === 'update') {
        const current = touched.get(match!.id) ?? ((await ctx.storage.get('contacts', match!.id)) as Contact | undefined);
        if (!current) {
          cells.error(matchColumn, 'not_found', 'The matching contact was deleted during the import');
          return undefined;
        }
        const merged = stripUndefined({
          ...current,
          ...fields,
          emails: [...current.emails, ...emails.filter((e) => !current.emailKeys.includes(emailKey(e.value))).map((e) => ({ value: e.value }))],
          phones: [...current.phones, ...phoneEntries.filter((p) => !current.phoneKeys.includes(p.e164 ?? digitsKey(p.value)))],
          tags: [...new Set([...current.tags, ...tags])],
          custom: { ...current.custom, ...custom.values },
        });
        merged.emailKeys = [...new Set(merged.emails.map((e) => emailKey(e.value)))];
        merged.phoneKeys = [...new Set(merged.phones.map((p) => p.e164 ?? digitsKey(p.value)))];
        const valid = checkRecord(Contact, merged, cells, (i) => columnOf(i, emails, phones, cells, custom.columns));
        const customOk = checkCustom(merged.custom);
        if (!valid || !customOk || cells.failed) return undefined;
        if (companyCell || domain) valid.companyId = env.companies.resolve(companyCell?.value, domain?.value, cells.row, uow, ownerId) ?? valid.companyId;
        const changed = changedKeys(current, valid, CONTACT_EDITABLE);
        if (!changed.length) return { action: 'unchanged', id: current.id };
        const stored = await queueImportUpdate(env, uow, writes, current, valid, changed);
        touched.set(stored.id, { ...stored, version: current.version + 1 });
        for (const k of [...stored.emailKeys, ...stored.phoneKeys]) index.add(k, stored.id, cells.row);
        return { action: 'updated', id: stored.id };
      }

      const now = ctx.nowIso();
      // Filled in place rather than spread: this runs once per row, and `fields` has no undefined values left.
      const record: Record<string, unknown> = fields;
      // An id the store lacks is kept: restoring an export keeps the ids other systems know.
      record.id = idCell?.value ?? ctx.newId();
      record.emails = emails.map((e) => ({ value: e.value }));
      record.phones = phoneEntries;
      record.lifecycle = fields.lifecycle ?? 'lead';
      // Where they came from, for the source KPIs: a spreadsheet, not a request waiting for an answer.
      record.source = { channel: 'import' };
      record.tags = tags;
      record.consents = [];
      record.custom = custom.values;
      record.emailKeys = emailKeys;
      record.phoneKeys = phoneKeys;
      record.createdAt = now;
      record.updatedAt = now;
      record.version = 0;
      const valid = checkRecord(Contact, record, cells, (i) => columnOf(i, emails, phones, cells, custom.columns));
      const customOk = Object.keys(custom.values).length ? checkCustom(custom.values) : true;
      if (!valid || !customOk || cells.failed) return undefined;
      const companyId = companyCell || domain ? env.companies.resolve(companyCell?.value, domain?.value, cells.row, uow, ownerId) : undefined;
      if (companyId) valid.companyId = companyId;
      queueImportCreate(uow, writes, valid);
      // Only an update-existing import goes back to a record it wrote (a later row of the same person).
      if (env.mode === 'update-existing') touched.set(valid.id, { ...valid, version: 1 });
      for (const k of emailKeys) index.add(k, valid.id, cells.row);
      for (const k of phoneKeys) index.add(k, valid.id, cells.row);
      return { action: 'created', id: valid.id };
    },
  };
}
