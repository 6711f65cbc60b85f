/**
 * A record's whole timeline as one stream, newest first. A contact's or a
 * deal's is its own activities; a company's rolls up its people's and its
 * deals' too (an email to a company's buyer belongs in the company's story).
 * Each source is read in keyset pages and the sources are merged by
 * (occurredAt, id), so a company with many people still shows its first
 * entries after one small page per source.
 */
import type { Activity, ActivityType } from '../model/activity.js';
import type { Filter, Page, Query } from '../storage/port.js';

/** One source of a feed: the activities linked to one record. */
export type FeedSource = { field: 'contactId' | 'companyId' | 'dealId'; id: string };

type Lister = (query: Query) => Promise<Page<Activity>>;

/** Newest first, ties by id descending: the order the storage gives for `occurredAt desc`. */
function newer(a: Activity, b: Activity): boolean {
  return a.occurredAt !== b.occurredAt ? a.occurredAt > b.occurredAt : a.id > b.id;
}

/** One source's activities, newest first, read a page at a time. */
async function* source(list: Lister, { field, id }: FeedSource, types: readonly ActivityType[] | undefined, pageSize: number, signal?: AbortSignal): AsyncGenerator<Activity> {
  const where: Filter[] = [{ field, op: 'eq', value: id }];
  if (types?.length) where.push({ field: 'type', op: 'in', value: types });
  let after: string | undefined;
  do {
    const page = await list({ where, orderBy: { field: 'occurredAt', direction: 'desc' }, limit: pageSize, after, signal });
    yield* page.items;
    after = page.nextCursor;
  } while (after);
}

/**
 * Merges sources into one stream, newest first; an activity linked to
 * several of them (a call with a contact about a deal) comes once.
 */
export async function* mergeFeed(
  list: Lister,
  sources: readonly FeedSource[],
  options: { types?: readonly ActivityType[]; pageSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<Activity> {
  const streams = sources.map((s) => source(list, s, options.types, options.pageSize ?? 50, options.signal));
  const heads = await Promise.all(streams.map((s) => s.next()));
  const seen = new Set<string>();
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (!h.done && (best < 0 || newer(h.value, (heads[best] as IteratorYieldResult<Activity>).value))) best = i;
    }
    if (best < 0) return;
    const activity = (heads[best] as IteratorYieldResult<Activity>).value;
    heads[best] = await streams[best]!.next();
    if (seen.has(activity.id)) continue;
    seen.add(activity.id);
    yield activity;
  }
}
