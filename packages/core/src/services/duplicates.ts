import type { Company } from '../model/company.js';
import type { Contact } from '../model/contact.js';
import type { Filter } from '../storage/port.js';
import type { CrmContext } from './context.js';

/** Why two records look like the same customer. */
export type DuplicateReason = 'email' | 'phone' | 'domain' | 'name';

/** A record that looks like the one asked about, with every reason it matched. */
export type DuplicateMatch =
  | { entity: 'contact'; record: Contact; reasons: DuplicateReason[] }
  | { entity: 'company'; record: Company; reasons: DuplicateReason[] };

/** At most this many candidates per match key: a key shared by hundreds of records (a switchboard number) is no signal. */
const PER_KEY = 20;

/**
 * Likely duplicates of one stored record, found through storage's indexes:
 * contacts sharing a normalised email or an E.164 phone; companies sharing a
 * domain or exactly the same name.
 */
export function duplicatesService(ctx: CrmContext) {
  async function collect<T extends { id: string }>(collection: 'contacts' | 'companies', selfId: string, probes: [DuplicateReason, Filter][]) {
    const found = new Map<string, { record: T; reasons: DuplicateReason[] }>();
    for (const [reason, filter] of probes) {
      const page = await ctx.storage.query(collection, { where: [filter], limit: PER_KEY + 1 });
      for (const r of page.items as unknown as T[]) {
        if (r.id === selfId) continue;
        const entry = found.get(r.id) ?? { record: r, reasons: [] };
        if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
        found.set(r.id, entry);
      }
    }
    return [...found.values()];
  }

  return {
    /** Likely duplicates of a stored contact or company, strongest (most reasons) first. An unknown id has none. */
    async of(ref: { contactId: string } | { companyId: string }): Promise<DuplicateMatch[]> {
      if ('contactId' in ref) {
        const c = (await ctx.storage.get('contacts', ref.contactId)) as Contact | undefined;
        if (!c) return [];
        const probes: [DuplicateReason, Filter][] = [
          ...c.emailKeys.map((k): [DuplicateReason, Filter] => ['email', { field: 'emailKeys', op: 'has', value: k }]),
          ...c.phoneKeys.map((k): [DuplicateReason, Filter] => ['phone', { field: 'phoneKeys', op: 'has', value: k }]),
        ];
        const matches = await collect<Contact>('contacts', c.id, probes);
        return matches.map((m) => ({ entity: 'contact' as const, ...m })).sort((a, b) => b.reasons.length - a.reasons.length);
      }
      const co = (await ctx.storage.get('companies', ref.companyId)) as Company | undefined;
      if (!co) return [];
      const probes: [DuplicateReason, Filter][] = [['name', { field: 'name', op: 'eq', value: co.name }]];
      if (co.domain) probes.unshift(['domain', { field: 'domain', op: 'eq', value: co.domain }]);
      const matches = await collect<Company>('companies', co.id, probes);
      return matches.map((m) => ({ entity: 'company' as const, ...m })).sort((a, b) => b.reasons.length - a.reasons.length);
    },
  };
}

export type DuplicatesService = ReturnType<typeof duplicatesService>;
