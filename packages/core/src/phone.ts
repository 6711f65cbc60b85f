import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';

type PhoneLib = typeof import('libphonenumber-js/min');
type CoreLib = typeof import('libphonenumber-js/core');

let lib: PhoneLib | undefined;
let core: { parse: CoreLib['parsePhoneNumberFromString']; keyMetadata: MetadataJson } | undefined;
let loading: Promise<void> | undefined;

/**
 * The metadata E.164 keys are read with: the library's own, except that a
 * calling code shared by several countries (+1 for the US, Canada and 23
 * more; +7; +44 ...) lists only its main country. For every parse the library
 * otherwise tests the number against each sharing country's type patterns to
 * name its exact country, which is 70% of its time on North American numbers
 * (measured: 20,000 numbers of the customers file in 250 ms, 75 ms with
 * this). The E.164 form is the calling code and the national number, read
 * before that step, so it is the same; the country is not, and formatting
 * therefore keeps the full metadata.
 */
function keyMetadata(full: MetadataJson): MetadataJson {
  const codes = (full as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes;
  const mainOnly = Object.fromEntries(Object.entries(codes).map(([code, countries]) => [code, countries.slice(0, 1)]));
  return { ...full, country_calling_codes: mainOnly } as unknown as MetadataJson;
}

/**
 * Loads libphonenumber-js on first use. It is about 28 KB gzip, so nothing that
 * only shows or submits a form pays for it; the core awaits it before a write
 * that carries a phone number.
 */
export function loadPhoneSupport(): Promise<void> {
  if (lib && core) return Promise.resolve();
  loading ??= Promise.all([import('libphonenumber-js/min'), import('libphonenumber-js/core'), import('libphonenumber-js/min/metadata')]).then(([min, c, metadata]) => {
    lib = min;
    core = { parse: c.parsePhoneNumberFromString, keyMetadata: keyMetadata((metadata as { default?: MetadataJson }).default ?? (metadata as unknown as MetadataJson)) };
  });
  return loading;
}

/** True once {@link loadPhoneSupport} has resolved, so {@link toE164} can run synchronously. */
export function phoneSupportLoaded(): boolean {
  return lib !== undefined && core !== undefined;
}

/**
 * A phone number as typed, normalised to E.164 (`+12091727124`) for matching, or
 * undefined when it cannot be read as a possible number. Extensions are dropped:
 * they do not identify a person. Needs {@link loadPhoneSupport} first.
 */
export function toE164(raw: string, defaultCountry?: string): string | undefined {
  if (!core) throw new Error('toE164: call loadPhoneSupport() first');
  const cleaned = raw.trim().replace(/^00/, '+');
  const parsed = core.parse(cleaned, { defaultCountry: defaultCountry as CountryCode | undefined }, core.keyMetadata);
  if (!parsed || !parsed.isPossible()) return undefined;
  return parsed.number;
}

/**
 * The key a phone is matched by: its E.164 form when it has one, else its digits,
 * so two spellings of an unparseable number still meet.
 */
export function phoneKey(raw: string, defaultCountry?: string): string {
  return toE164(raw, defaultCountry) ?? digitsKey(raw);
}

/** The key of a number the library cannot read: its digits, so two spellings still meet. */
export function digitsKey(raw: string): string {
  return `digits:${raw.replace(/\D/g, '')}`;
}

/** The key an email is matched by: trimmed and lower-cased. */
export function emailKey(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * A phone number for display in a language: the national form when the
 * number belongs to the language's region (`(209) 172-7124` for an `en-US`
 * reader), else the international one (`+1 209 172 7124`), keeping an
 * extension that was typed. A number that cannot be read, or any number
 * before {@link loadPhoneSupport} has resolved, is shown as typed.
 */
export function formatPhone(phone: { value: string; e164?: string | undefined }, lang: string): string {
  if (!lib || !phone.e164) return phone.value;
  const parsed = lib.parsePhoneNumberFromString(phone.e164);
  if (!parsed) return phone.value;
  let region: string | undefined;
  try {
    region = new Intl.Locale(lang).maximize().region;
  } catch {
    region = undefined;
  }
  // A number the metadata cannot place in one country (not valid, or a shared
  // calling code) belongs to the reader's region when the calling codes agree.
  let country: string | undefined = parsed.country;
  if (!country && region) {
    try {
      if (lib.getCountryCallingCode(region as CountryCode) === parsed.countryCallingCode) country = region;
    } catch {
      // The reader's region has no numbering plan: international form.
    }
  }
  // Read as typed too (with the number's own country code), so an extension survives; E.164 drops it.
  const typed = lib.parsePhoneNumberFromString(phone.value.trim().replace(/^00/, '+'), { defaultCountry: country as CountryCode | undefined, defaultCallingCode: parsed.countryCallingCode });
  const shown = typed && typed.number === parsed.number ? typed : parsed;
  return country && country === region ? shown.formatNational() : shown.formatInternational();
}
