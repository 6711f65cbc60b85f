import type { CountryCode } from 'libphonenumber-js/min';

type PhoneLib = typeof import('libphonenumber-js/min');

let lib: PhoneLib | undefined;
let loading: Promise<PhoneLib> | undefined;

/**
 * Loads libphonenumber-js on first use. It is about 28 KB gzip, so nothing that
 * only shows or submits a form pays for it; the core awaits it before a write
 * that carries a phone number.
 */
export function loadPhoneSupport(): Promise<void> {
  if (lib) return Promise.resolve();
  loading ??= import('libphonenumber-js/min').then((m) => (lib = m));
  return loading.then(() => undefined);
}

/** True once {@link loadPhoneSupport} has resolved, so {@link toE164} can run synchronously. */
export function phoneSupportLoaded(): boolean {
  return lib !== undefined;
}

/**
 * A phone number as typed, normalised to E.164 (`+12091727124`) for matching, or
 * undefined when it cannot be read as a possible number. Extensions are dropped:
 * they do not identify a person. Needs {@link loadPhoneSupport} first.
 */
export function toE164(raw: string, defaultCountry?: string): string | undefined {
  if (!lib) throw new Error('toE164: call loadPhoneSupport() first');
  const cleaned = raw.trim().replace(/^00/, '+');
  const parsed = lib.parsePhoneNumberFromString(cleaned, { defaultCountry: defaultCountry as CountryCode | undefined });
  if (!parsed || !parsed.isPossible()) return undefined;
  return parsed.number;
}

/**
 * The key a phone is matched by: its E.164 form when it has one, else its digits,
 * so two spellings of an unparseable number still meet.
 */
export function phoneKey(raw: string, defaultCountry?: string): string {
  return toE164(raw, defaultCountry) ?? `digits:${raw.replace(/\D/g, '')}`;
}

/** The key an email is matched by: trimmed and lower-cased. */
export function emailKey(raw: string): string {
  return raw.trim().toLowerCase();
}
