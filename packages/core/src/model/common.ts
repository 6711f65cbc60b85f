import { z } from '../zod.js';

/** A record id: any non-empty string up to 100 characters (the core makes UUIDv7s). */
export const Id = z.string().check(z.minLength(1), z.maxLength(100));

/** A point in time, ISO 8601 with an offset (`2026-11-23T10:00:00.000Z`). */
export const Instant = z.iso.datetime({ offset: true });

/** A calendar date without a time or zone (`2026-11-23`): birthdays, due dates, close dates. */
export const DateOnly = z.iso.date();

/** ISO 4217 currency code, upper case. */
export const CurrencyCode = z.string().check(z.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as EUR'));

/** Money as an integer of minor units (cents) and its currency; never a float. */
export const Money = z.object({
  amount: z.int(),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Money that cannot be negative: deal values, prices. */
export const NonNegativeMoney = z.object({
  amount: z.int().check(z.minimum(0, 'Money cannot be negative')),
  currency: CurrencyCode,
});

/** A short single-line label: names, titles. */
export const Label = z.string().check(z.trim(), z.minLength(1), z.maxLength(300));

/** Free text: notes, messages, email bodies. */
export const Text = z.string().check(z.maxLength(100_000));

/** A tag: short, trimmed, no commas (they separate tags in CSV). */
export const Tag = z.string().check(z.trim(), z.minLength(1), z.maxLength(60), z.regex(/^[^,]*$/, 'Tags cannot contain commas'));

/** Values of custom fields by field key; checked against the field definitions at write time. */
export const CustomValues = z.record(z.string(), z.unknown());

/** Probability in whole percent. */
export const Percent = z.int().check(z.minimum(0), z.maximum(100));

/** What every stored record carries. `version` is assigned by storage on each write. */
export const recordMeta = {
  id: Id,
  createdAt: Instant,
  updatedAt: Instant,
  version: z.int().check(z.minimum(0)),
};

/** The fields a caller never sets on create: the core and storage fill them. */
export type MetaKeys = 'id' | 'createdAt' | 'updatedAt' | 'version';
