import type { LifecycleStage } from '../model/vocabulary.js';
import { Contact, ContactInput, ContactPatch, contactFields } from '../model/contact.js';
import type { Consent } from '../model/consent.js';
import { digitsKey, emailKey, loadPhoneSupport, phoneKey, toE164 } from '../phone.js';
import type { CrmContext } from './context.js';
import { parseWithCustom } from './custom-fields.js';
import { type CreatedSpec, commitCreate, commitDelete, commitPatch, type PatchSpec } from './writes.js';
import { reader, requireRef } from './reader.js';
import { stripUndefined } from './unit-of-work.js';

/** The contact fields callers may change; a change to any is recorded on the timeline. */
export const CONTACT_EDITABLE = Object.keys(contactFields) as (keyof typeof contactFields & string)[];

/** How a new contact's "created" activity is filed. */
export const contactCreated: CreatedSpec<Contact> = { entity: 'contact', links: (c) => ({ contactId: c.id, companyId: c.companyId }) };

/** Lifecycle stages in the order a relationship advances; `lost` is outside it. */
export const LIFECYCLE_ORDER: Record<LifecycleStage, number> = { lead: 0, prospect: 1, customer: 2, loyal: 3, lost: -1 };

/** Options of guarded writes. */
export interface WriteOptions {
  /** The version the caller last saw; a different stored version raises ConflictError. */
  expectedVersion?: number;
}

/** Fills a contact's match keys and E.164 forms; awaits the phone library only when there are phones. */
export async function normaliseContact(ctx: CrmContext, c: Omit<Contact, 'emailKeys' | 'phoneKeys'> & Partial<Pick<Contact, 'emailKeys' | 'phoneKeys'>>): Promise<Contact> {
  if (c.phones.length) await loadPhoneSupport();
  const phones = c.phones.map((p) => stripUndefined({ ...p, e164: toE164(p.value, ctx.options.defaultCountry) }));
  return {
    ...c,
    phones,
    emailKeys: [...new Set(c.emails.map((e) => emailKey(e.value)))],
    // The E.164 form just read is the key (phoneKey would parse each number a second time).
    phoneKeys: [...new Set(phones.map((p) => p.e164 ?? digitsKey(p.value)))],
  };
}

export function contactsService(ctx: CrmContext) {
  const read = reader<Contact>(ctx, 'contacts');

  const normalise = (c: Parameters<typeof normaliseContact>[1]) => normaliseContact(ctx, c);

  const spec: PatchSpec<Contact> = {
    collection: 'contacts',
    schema: Contact,
    ...contactCreated,
    editable: CONTACT_EDITABLE,
    emit: (contact, previous) => ctx.events.emit('contact:updated', { contact, previous }),
  };

  async function checkRefs(c: { companyId?: string | undefined; ownerId?: string | undefined }) {
    await requireRef(ctx, 'companies', c.companyId, ['companyId']);
    await requireRef(ctx, 'members', c.ownerId, ['ownerId']);
  }

  /**
   * Changes some fields. Writes one activity for an owner change, one for a
   * lifecycle change and one listing the other fields' before and after.
   */
  async function update(id: string, patch: ContactPatch, options: WriteOptions = {}): Promise<Contact> {
    const current = await read.get(id);
    const [data, custom] = await parseWithCustom(ctx, 'contact', ContactPatch, patch, current.custom);
    await checkRefs(data);
    const next = await normalise(stripUndefined({ ...current, ...data, custom }));
    return commitPatch(ctx, spec, current, next, options.expectedVersion);
  }

  return {
    ...read,

    /** Creates a contact (a lead unless said otherwise) and its "created" activity. */
    async create(input: ContactInput): Promise<Contact> {
      const [data, custom] = await parseWithCustom(ctx, 'contact', ContactInput, input);
      await checkRefs(data);
      const now = ctx.nowIso();
      const contact = await normalise(
        stripUndefined({
          ...data,
          id: ctx.newId(),
          emails: data.emails ?? [],
          phones: data.phones ?? [],
          lifecycle: data.lifecycle ?? 'lead',
          tags: data.tags ?? [],
          consents: data.consents ?? [],
          custom,
          createdAt: now,
          updatedAt: now,
          version: 0,
        }),
      );
      return commitCreate(ctx, spec, contact, (stored) => ctx.events.emit('contact:created', { contact: stored }));
    },

    update,

    /** Moves a contact to a lifecycle stage by hand. */
    setLifecycle(id: string, lifecycle: LifecycleStage, options?: WriteOptions): Promise<Contact> {
      return update(id, { lifecycle }, options);
    },

    /** Appends a consent event (granted or withdrawn); the history is kept, never overwritten. */
    async recordConsent(id: string, consent: Consent, options?: WriteOptions): Promise<Contact> {
      const current = await read.get(id);
      return update(id, { consents: [...current.consents, consent] }, { expectedVersion: options?.expectedVersion ?? current.version });
    },

    /** Deletes the contact; its activities stay, so company and deal timelines keep their history. */
    async remove(id: string, options: WriteOptions = {}): Promise<void> {
      await commitDelete(ctx, 'contacts', id, options.expectedVersion, () => ctx.events.emit('contact:deleted', { id }));
    },

    /** Contacts with this email, compared trimmed and case-insensitively. */
    async findByEmail(email: string): Promise<Contact[]> {
      const page = await read.list({ where: [{ field: 'emailKeys', op: 'has', value: emailKey(email) }], limit: 100 });
      return page.items;
    },

    /** Contacts with this phone number in any format (`(209) 172-7124`, `+1 209 172 7124`): caller-ID lookup. */
    async findByPhone(phone: string): Promise<Contact[]> {
      await loadPhoneSupport();
      const page = await read.list({ where: [{ field: 'phoneKeys', op: 'has', value: phoneKey(phone, ctx.options.defaultCountry) }], limit: 100 });
      return page.items;
    },
  };
}

export type ContactsService = ReturnType<typeof contactsService>;
