import type { Money } from './model/common.js';

/**
 * Sums amounts per currency. Kith never adds euros to dollars: a total is a map
 * from ISO 4217 code to minor units, and a view shows one line per currency.
 */
export function sumByCurrency(values: Iterable<Money | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    if (!v) continue;
    out[v.currency] = (out[v.currency] ?? 0) + v.amount;
  }
  return out;
}

/** Number of minor units in one major unit of `currency` (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Money from a decimal major-unit amount, rounded half away from zero to the currency's minor unit. */
export function money(major: number, currency: string): Money {
  const f = 10 ** minorUnits(currency);
  const minor = Math.sign(major) * Math.round(Math.abs(major) * f);
  return { amount: minor, currency: currency.toUpperCase() };
}

/** Formats money in a locale with Intl, from its integer minor units. */
export function formatMoney(value: Money, locale?: string): string {
  const f = 10 ** minorUnits(value.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency }).format(value.amount / f);
}
