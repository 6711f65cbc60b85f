import { FILTER_OPS, type Filter, type Query, ValidationError, type WriteOp, parse } from '@kith/core';
import * as z from 'zod/mini';

/**
 * Schemas of what a request may carry, so a malformed parameter or body is a
 * 400 with the field path, never an exception inside storage.
 */
const Collection = z.string().check(z.regex(/^[a-zA-Z][\w-]{0,63}$/, 'A collection name is a word'));
const Id = z.string().check(z.minLength(1), z.maxLength(200));

const FilterSchema = z.strictObject({ field: z.string().check(z.minLength(1), z.maxLength(200)), op: z.enum(FILTER_OPS), value: z.optional(z.unknown()) });
const Where = z.array(FilterSchema).check(z.maxLength(50));
const Limit = z.int().check(z.minimum(1), z.maximum(10_000));

const WriteOpSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('put'), collection: Collection, record: z.record(z.string(), z.unknown()), expectedVersion: z.optional(z.int().check(z.minimum(0))) }),
  z.strictObject({ type: z.literal('delete'), collection: Collection, id: Id, expectedVersion: z.optional(z.int().check(z.minimum(0))) }),
]);
const BatchBody = z.strictObject({ ops: z.array(WriteOpSchema).check(z.maxLength(10_000)) });

export const isCollectionName = (name: string) => z.safeParse(Collection, name).success;

function json(text: string | null, path: string): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: [path], code: 'invalid_json', message: `${path} is not valid JSON` }], 'query parameters');
  }
}

/** The query a URL's parameters describe. */
export function paramsToQuery(params: URLSearchParams): Query & { count: boolean } {
  const raw = {
    where: json(params.get('where'), 'where'),
    orderBy: params.get('orderBy') ?? undefined,
    direction: params.get('direction') ?? undefined,
    limit: params.has('limit') ? Number(params.get('limit')) : undefined,
    after: params.get('after') ?? undefined,
    count: params.get('count') ?? undefined,
  };
  const q = parse(
    z.strictObject({
      where: z.optional(Where),
      orderBy: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      direction: z.optional(z.enum(['asc', 'desc'])),
      limit: z.optional(Limit),
      after: z.optional(z.string().check(z.maxLength(2000))),
      count: z.optional(z.enum(['true', 'false'])),
    }),
    raw,
    'query parameters',
  );
  return {
    ...(q.where ? { where: q.where as Filter[] } : {}),
    ...(q.orderBy ? { orderBy: { field: q.orderBy, ...(q.direction ? { direction: q.direction } : {}) } } : {}),
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
    ...(q.after ? { after: q.after } : {}),
    count: q.count === 'true',
  };
}

/** The writes of a batch body. */
export function parseBatch(body: unknown): WriteOp[] {
  return parse(BatchBody, body, 'batch body').ops as WriteOp[];
}

/** The parameters of a change-feed request. */
export function parseChangesParams(params: URLSearchParams, maxWait: number): { after?: string; wait: number; collections?: string[] } {
  const q = parse(
    z.strictObject({
      after: z.optional(z.string().check(z.maxLength(100))),
      wait: z.optional(z.number().check(z.minimum(0), z.maximum(maxWait))),
      collections: z.optional(z.array(Collection).check(z.maxLength(50))),
    }),
    {
      after: params.get('after') ?? undefined,
      wait: params.has('wait') ? Number(params.get('wait')) : undefined,
      collections: params.get('collections')?.split(',') ?? undefined,
    },
    'change feed parameters',
  );
  return { ...(q.after ? { after: q.after } : {}), wait: q.wait ?? 0, ...(q.collections ? { collections: q.collections } : {}) };
}
