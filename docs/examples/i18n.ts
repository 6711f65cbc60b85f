// The i18n guide's example (docs/i18n.md quotes it; test/elements/docs-i18n.browser.test.ts runs it).
import { type Translation, registerTranslation, translationFor } from '@kith/elements';

export function registerAgencyWords(): void {
  // 1. Your own words in a language Kith ships: this agency's customers are "clients".
  const en = translationFor('en');
  registerTranslation({ ...en, lifecycle: { ...en.lifecycle, customer: 'Client', loyal: 'Regular client' } });

  // 2. A language Kith does not ship. `Translation` makes TypeScript ask for every
  //    key; starting from English shows the rest in English until it is translated.
  const de: Translation = {
    ...en,
    $code: 'de',
    $name: 'Deutsch',
    lifecycle: { lead: 'Interessent', prospect: 'Potenzieller Kunde', customer: 'Kunde', loyal: 'Stammkunde', lost: 'Verloren' },
    lifecycleLabel: 'Kundenstatus',
  };
  registerTranslation(de);
}
