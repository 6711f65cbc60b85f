import type { Company } from '../model/company.js';
import type { Contact } from '../model/contact.js';
import type { Filter } from '../storage/port.js';
import type { CrmContext } from './context.js';
import { type MergeInput, type MergeResult, mergeRecords } from './merge.js';
import { reader } from './reader.js';
import { emailKey, loadPhoneSupport, phoneKey } from '../phone.js';
import { companyNameKey, nameSimilarity } from '../transfer/keys.js';
import { contactName } from '../names.js';
import { invalid } from '../validate.js';

/** Why two records look like the same customer. */
export type DuplicateReason = 'email' | 'phone' | 'domain' | 'name';

/** A record that looks like the one asked about, with every reason it matched. */
export type DuplicateMatch =
  | { entity: 'contact'; record: Contact; reasons: DuplicateReason[] }
  | { entity: 'company'; record: Company; reasons: DuplicateReason[] };

/**
 * A rule that makes two records likely duplicates. Hosts choose theirs
 * (`createCrm({ options: { duplicateRules } })` or per call):
 * - `email`: contacts sharing a normalised email;
 * - `phone`: contacts sharing a phone in E.164 (read with the CRM's default country);
 * - `name-company`: contacts at the same company whose names are at least `minSimilarity` alike (0..1, default 0.85);
 * - `domain`: companies sharing a web domain;
 * - `company-name`: companies whose names, without legal suffixes, are at least `minSimilarity` alike (default 0.9).
 */
export type DuplicateRule =
  | { kind: 'email' }
  | { kind: 'phone' }
  | { kind: 'name-company'; minSimilarity?: number }
  | { kind: 'domain' }
  | { kind: 'company-name'; minSimilarity?: number };

/** The rules a CRM uses when the host names none. */
export const DEFAULT_DUPLICATE_RULES: readonly DuplicateRule[] = [{ kind: 'email' }, { kind: 'phone' }, { kind: 'name-company' }, { kind: 'domain' }, { kind: 'company-name' }];

/** One reason records are grouped: the rule and what they share. */
export interface GroupReason {
  rule: DuplicateRule['kind'];
  /** The shared key (an email, an E.164 number, a domain) or the two names compared. */
  value: string;
  ids: [string, string];
  /** For similarity rules, how alike the names are. */
  similarity?: number;
}

/** Records that look like one customer, with every reason. */
export interface DuplicateGroup {
  entity: 'contact' | 'company';
  ids: string[];
  reasons: GroupReason[];
}

/** A key shared by more than this many records (a switchboard number, info@) groups nothing: it is no signal. */
const MAX_BUCKET = 50;

/** At most this many candidates per match key: a key shared by hundreds of records (a switchboard number) is no signal. */
const PER_KEY = 20;

/**
 * Likely duplicates of one stored record, found through storage's indexes:
 * contacts sharing a normalised email or an E.164 phone; companies sharing a
 * domain or exactly the same name.
 */
export function duplicatesService(ctx: CrmContext, configured: readonly DuplicateRule[] = DEFAULT_DUPLICATE_RULES) {
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

  /** Groups records with union-find, keeping each pair's reason. */
  function grouper(entity: 'contact' | 'company') {
    const parent = new Map<string, string>();
    const reasons: GroupReason[] = [];
    const root = (id: string): string => {
      let r = id;
      while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
      parent.set(id, r);
      return r;
    };
    return {
      link(reason: GroupReason) {
        reasons.push(reason);
        const [a, b] = reason.ids.map(root) as [string, string];
        if (a !== b) parent.set(b, a);
      },
      groups(): DuplicateGroup[] {
        const by = new Map<string, DuplicateGroup>();
        for (const reason of reasons) {
          const r = root(reason.ids[0]);
          const g = by.get(r) ?? { entity, ids: [], reasons: [] };
          for (const id of reason.ids) if (!g.ids.includes(id)) g.ids.push(id);
          g.reasons.push(reason);
          by.set(r, g);
        }
        return [...by.values()].sort((x, y) => y.ids.length - x.ids.length || y.reasons.length - x.reasons.length);
      },
    };
  }

  /** Links every pair of ids in each bucket of a shared key (skipping keys shared too widely to mean anything). */
  function linkBuckets(g: ReturnType<typeof grouper>, rule: GroupReason['rule'], buckets: Map<string, string[]>) {
    for (const [key, ids] of buckets) {
      if (ids.length < 2 || ids.length > MAX_BUCKET) continue;
      for (let i = 1; i < ids.length; i++) g.link({ rule, value: key, ids: [ids[0]!, ids[i]!] });
    }
  }

  const push = (m: Map<string, string[]>, key: string, id: string) => {
    const list = m.get(key);
    if (list) list.push(id);
    else m.set(key, [id]);
  };

  /** Pairs within each bucket whose names are alike enough. */
  function linkSimilar(g: ReturnType<typeof grouper>, rule: GroupReason['rule'], buckets: Map<string, { id: string; name: string }[]>, min: number) {
    for (const members of buckets.values()) {
      if (members.length < 2 || members.length > 500) continue;
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i]!;
          const b = members[j]!;
          if (!a.name || !b.name) continue;
          const similarity = nameSimilarity(a.name, b.name);
          if (similarity >= min) g.link({ rule, value: `${a.name} ~ ${b.name}`, ids: [a.id, b.id], similarity: Math.round(similarity * 100) / 100 });
        }
      }
    }
  }

  return {
    /**
     * Every group of likely duplicates among stored contacts and companies
     * under the host's rules, largest first, each with the reasons its records
     * matched. One pass over each collection; similarity is compared only
     * within a company (contacts) or among names sharing a first word (companies).
     */
    async find(options: { entity?: 'contact' | 'company'; rules?: readonly DuplicateRule[] } = {}): Promise<DuplicateGroup[]> {
      const rules = options.rules ?? configured;
      const has = (kind: DuplicateRule['kind']) => rules.find((r) => r.kind === kind);
      const out: DuplicateGroup[] = [];
      if (options.entity !== undefined && options.entity !== 'contact' && options.entity !== 'company') throw invalid(['entity'], 'invalid_value', 'entity is contact or company', 'duplicates.find');
      if (options.entity !== 'company' && (has('email') || has('phone') || has('name-company'))) {
        const g = grouper('contact');
        const emails = new Map<string, string[]>();
        const phones = new Map<string, string[]>();
        const byCompany = new Map<string, { id: string; name: string }[]>();
        for await (const c of reader<Contact>(ctx, 'contacts').each()) {
          if (has('email')) for (const k of c.emailKeys) push(emails, k, c.id);
          if (has('phone')) for (const k of c.phoneKeys) push(phones, k, c.id);
          if (has('name-company') && c.companyId) {
            const list = byCompany.get(c.companyId) ?? [];
            list.push({ id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' ') });
            byCompany.set(c.companyId, list);
          }
        }
        linkBuckets(g, 'email', emails);
        linkBuckets(g, 'phone', phones);
        const nc = has('name-company') as { minSimilarity?: number } | undefined;
        if (nc) linkSimilar(g, 'name-company', byCompany, nc.minSimilarity ?? 0.85);
        out.push(...g.groups());
      }
      if (options.entity !== 'contact' && (has('domain') || has('company-name'))) {
        const g = grouper('company');
        const domains = new Map<string, string[]>();
        const byFirstWord = new Map<string, { id: string; name: string }[]>();
        for await (const c of reader<Company>(ctx, 'companies').each()) {
          if (has('domain') && c.domain) push(domains, c.domain, c.id);
          const key = companyNameKey(c.name);
          if (has('company-name') && key) {
            const list = byFirstWord.get(key.split(' ')[0]!) ?? [];
            list.push({ id: c.id, name: key });
            byFirstWord.set(key.split(' ')[0]!, list);
          }
        }
        linkBuckets(g, 'domain', domains);
        const cn = has('company-name') as { minSimilarity?: number } | undefined;
        if (cn) linkSimilar(g, 'company-name', byFirstWord, cn.minSimilarity ?? 0.9);
        out.push(...g.groups());
      }
      return out;
    },

    /**
     * Stored contacts and companies that a new record would duplicate, across
     * kinds: a lead's email or phone against contacts, its name against the
     * people of the company it names, and its company name or email domain
     * against companies. What a form or an import asks before it creates.
     */
    async check(candidate: { email?: string; phone?: string; firstName?: string; lastName?: string; company?: string; domain?: string }): Promise<DuplicateMatch[]> {
      const rules = configured;
      const has = (kind: DuplicateRule['kind']) => rules.find((r) => r.kind === kind);
      const contacts = new Map<string, { record: Contact; reasons: DuplicateReason[] }>();
      const companies = new Map<string, { record: Company; reasons: DuplicateReason[] }>();
      const note = <T extends { id: string }>(m: Map<string, { record: T; reasons: DuplicateReason[] }>, r: T, reason: DuplicateReason) => {
        const e = m.get(r.id) ?? { record: r, reasons: [] };
        if (!e.reasons.includes(reason)) e.reasons.push(reason);
        m.set(r.id, e);
      };
      const query = async <T>(collection: string, field: string, op: 'has' | 'eq', value: string) =>
        (await ctx.storage.query(collection, { where: [{ field, op, value }], limit: PER_KEY })).items as unknown as T[];
      if (candidate.email && has('email')) for (const c of await query<Contact>('contacts', 'emailKeys', 'has', emailKey(candidate.email))) note(contacts, c, 'email');
      if (candidate.phone && has('phone')) {
        await loadPhoneSupport();
        for (const c of await query<Contact>('contacts', 'phoneKeys', 'has', phoneKey(candidate.phone, ctx.options.defaultCountry))) note(contacts, c, 'phone');
      }
      const domain = candidate.domain?.trim().toLowerCase() ?? candidate.email?.split('@')[1]?.trim().toLowerCase();
      if (domain && has('domain')) for (const c of await query<Company>('companies', 'domain', 'eq', domain)) note(companies, c, 'domain');
      if (candidate.company && (has('company-name') || has('name-company'))) {
        const key = companyNameKey(candidate.company);
        const min = (has('company-name') as { minSimilarity?: number } | undefined)?.minSimilarity ?? 0.9;
        for await (const c of reader<Company>(ctx, 'companies').each()) if (nameSimilarity(companyNameKey(c.name), key) >= min) note(companies, c, 'name');
      }
      const nc = has('name-company') as { minSimilarity?: number } | undefined;
      const fullName = [candidate.firstName, candidate.lastName].filter(Boolean).join(' ');
      if (nc && fullName) {
        for (const co of companies.values()) {
          for (const c of await query<Contact>('contacts', 'companyId', 'eq', co.record.id)) {
            if (nameSimilarity(contactName(c), fullName) >= (nc.minSimilarity ?? 0.85)) note(contacts, c, 'name');
          }
        }
      }
      const rank = (a: { reasons: unknown[] }, b: { reasons: unknown[] }) => b.reasons.length - a.reasons.length;
      return [...[...contacts.values()].sort(rank).map((m) => ({ entity: 'contact' as const, ...m })), ...[...companies.values()].sort(rank).map((m) => ({ entity: 'company' as const, ...m }))];
    },

    /** Merges records into one (see MergeInput); with `dryRun`, shows the result and conflicts without writing. */
    merge(input: MergeInput): Promise<MergeResult> {
      return mergeRecords(ctx, input);
    },

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
