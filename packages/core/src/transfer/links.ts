import type { Company } from '../model/company.js';
import { Company as CompanySchema } from '../model/company.js';
import type { Member } from '../model/member.js';
import type { CrmContext } from '../services/context.js';
import { companyCreated, newCompany } from '../services/companies.js';
import { readAll } from '../services/reader.js';
import type { UnitOfWork } from '../services/unit-of-work.js';
import { queueCreated } from '../services/writes.js';
import { parse } from '../validate.js';
import { KeyIndex, companyNameKey } from './keys.js';

/** Members by id, email and name, for owner columns. */
export async function memberLookup(ctx: CrmContext): Promise<(cell: string) => string | undefined> {
  const members = await readAll<Member>(ctx, 'members');
  const by = new Map<string, string>();
  for (const m of members) {
    by.set(m.id, m.id);
    by.set(m.email.toLowerCase(), m.id);
    by.set(m.name.toLowerCase(), m.id);
  }
  return (cell) => by.get(cell.trim().toLowerCase()) ?? by.get(cell.trim());
}

/**
 * Finds or makes the company a row names: by domain first, then by name
 * (compared without case, punctuation or legal suffix). A company the file
 * names for the first time is created once, with the row that first named
 * it, and reused by the rows after.
 */
export class CompanyLinks {
  readonly byName = new KeyIndex();
  readonly byDomain = new KeyIndex();
  /** Ids of the stored companies, for an id column. */
  readonly ids = new Set<string>();
  created = 0;

  constructor(readonly ctx: CrmContext) {}

  /** Indexes the stored companies (one pass over the collection). */
  async load(): Promise<void> {
    for (const c of await readAll<Company>(this.ctx, 'companies')) {
      this.ids.add(c.id);
      this.remember(c.id, c.name, c.domain);
    }
  }

  remember(id: string, name: string, domain: string | undefined, row?: number): void {
    const key = companyNameKey(name);
    if (key) this.byName.add(key, id, row);
    if (domain) this.byDomain.add(domain, id, row);
  }

  /** The company's id; when it is new, its record and "created" activity are queued on `uow`. */
  resolve(name: string | undefined, domain: string | undefined, row: number, uow: UnitOfWork, ownerId?: string): string | undefined {
    const known = (domain && this.byDomain.get(domain)) || (name && this.byName.get(companyNameKey(name)));
    if (known) return known.id;
    if (!name) return undefined;
    const company = parse(CompanySchema, newCompany(this.ctx, { name, domain, ownerId }, {}), 'company');
    uow.putParsed('companies', company, 0);
    queueCreated(uow, companyCreated, company, true);
    uow.afterCommit(() => this.ctx.events.emit('company:created', { company }));
    this.remember(company.id, name, domain, row);
    this.created++;
    return company.id;
  }
}
