import { NotFoundError } from '../errors.js';
import type { CollectionName, Filter, Page, Query, Sort } from '../storage/port.js';
import { invalid } from '../validate.js';
import type { CrmContext } from './context.js';

/** Read operations every service offers over its collection. */
export interface Reader<T> {
  /** The record, or undefined. */
  find(id: string): Promise<T | undefined>;
  /** The record; throws NotFoundError when there is none. */
  get(id: string): Promise<T>;
  /** One keyset page. */
  list(query?: Query): Promise<Page<T>>;
  /** How many records match. */
  count(where?: readonly Filter[]): Promise<number>;
  /** Every matching record, fetched page by page. */
  each(where?: readonly Filter[], orderBy?: Sort): AsyncGenerator<T>;
}

export function reader<T>(ctx: CrmContext, collection: CollectionName): Reader<T> {
  return {
    find: async (id) => (await ctx.storage.get(collection, id)) as T | undefined,
    get: async (id) => {
      const found = await ctx.storage.get(collection, id);
      if (!found) throw new NotFoundError(collection, id);
      return found as T;
    },
    list: async (query) => (await ctx.storage.query(collection, query)) as Page<T>,
    count: (where) => ctx.storage.count(collection, where),
    each: async function* (where, orderBy) {
      let after: string | undefined;
      do {
        const page = await ctx.storage.query(collection, { where, orderBy, limit: 500, after });
        for (const item of page.items) yield item as T;
        after = page.nextCursor;
      } while (after);
    },
  };
}

/** Refuses a reference to a record that does not exist, naming the field that holds it. */
export async function requireRef(ctx: CrmContext, collection: CollectionName, id: string | undefined, path: (string | number)[]): Promise<void> {
  if (id === undefined) return;
  if (!(await ctx.storage.get(collection, id))) {
    throw invalid(path, 'unknown_reference', `No ${collection.replace(/s$/, '').replace(/ie$/, 'y')} with id ${id}`);
  }
}

/** Every record matching `where`, read page by page through storage (for reports and scheduled runs that need them all). */
export async function readAll<T>(ctx: CrmContext, collection: string, where: readonly Filter[] = []): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.storage.query(collection, { where, limit: 500, after });
    out.push(...(page.items as T[]));
    after = page.nextCursor;
  } while (after);
  return out;
}
