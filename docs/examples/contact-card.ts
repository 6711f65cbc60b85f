// The contact card guide's scripted examples (docs/contact-card.md quotes them;
// test/elements/docs-guides.browser.test.ts runs them).
import { type Crm, daysUntilBirthday, formatPhone, loadPhoneSupport } from '@kith/core';
import type { KithContactCard } from '@kith/elements';

/** The host's own field groups, in its order, and a key never shown. */
export function arrangeFields(card: KithContactCard): void {
  card.fieldGroups = [
    { label: 'Deal basics', fields: ['budget', 'size'] },
    { label: 'Web', fields: ['site'], collapsed: true },
  ];
  card.hiddenFields = ['internalScore'];
}

/** What the card works out, asked of the SDK directly. */
export async function cardFacts(crm: Crm, contactId: string) {
  const matches = await crm.duplicates.of({ contactId }); // [{ entity, record, reasons: ['email', 'phone'] }]
  const days = daysUntilBirthday('1990-11-25', crm.clock.now(), 'Asia/Tbilisi'); // 2 on 23 November
  await loadPhoneSupport();
  const phone = formatPhone({ value: '(209)172-7124x3651', e164: '+12091727124' }, 'ka'); // '+1 209 172 7124 ext. 3651'
  return { matches, days, phone };
}
