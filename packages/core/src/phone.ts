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
