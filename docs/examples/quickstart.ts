import { createCrm, ValidationError } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';

const crm = createCrm({ storage: memoryStorage(), options: { defaultCountry: 'US' } });

// A lead arrives; phones are kept as typed and matched in E.164.
const ana = await crm.contacts.create({
  firstName: 'Ana',
  emails: [{ value: 'ana@example.com' }],
  phones: [{ value: '(209) 172-7124' }],
});

// A deal moves through the default pipeline and is won: Ana becomes a customer.
const deal = await crm.deals.create({ title: 'Website', value: { amount: 500_000, currency: 'EUR' }, contactIds: [ana.id] });
await crm.deals.move(deal.id, 'proposal');
await crm.deals.move(deal.id, 'won');

const [caller] = await crm.contacts.findByPhone('+1 209 172 7124');
console.log(caller?.lifecycle); // "customer"

// Every step is on the timeline, newest first.
const { items } = await crm.activities.timeline({ contactId: ana.id });
console.log(items.map((a) => a.type).join(', ')); // "lifecycle-changed, stage-changed, stage-changed, created, created"

// Bad input is a typed error with field paths, and nothing is stored.
try {
  await crm.contacts.create({ firstName: 'Bo', emails: [{ value: 'not-an-email' }] });
} catch (error) {
  if (error instanceof ValidationError) console.log(error.issues[0]?.path.join('.')); // "emails.0.value"
}
