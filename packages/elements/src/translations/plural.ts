const rules = new Map<string, Intl.PluralRules>();

/** Picks the plural form of `n` for a language by CLDR rules (`one`, `few`, `many`, `other` ...). */
export function plural(lang: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return (forms[r.select(n)] ?? forms.other).replace('#', new Intl.NumberFormat(lang).format(n));
}
