import { type Crm, addDays, dateInZone, localTimeZone } from '@kith/core';

/** Fills a CRM with a small believable history: members, companies, contacts, deals, activities, tasks. */
export async function loadSampleData(crm: Crm): Promise<void> {
  const nino = await crm.members.create({ name: 'Nino Beridze', email: 'nino@example.com', role: 'manager' });
  const juma = await crm.members.create({ name: 'Juma Mwangi', email: 'juma@example.com', role: 'rep' });
  const acme = await crm.companies.create({ name: 'Acme Logistics', domain: 'acme-logistics.example', ownerId: nino.id });
  const vall = await crm.companies.create({ name: 'Vall de Núria Hotels', domain: 'vallhotels.example', ownerId: juma.id });
  const people = [
    { firstName: 'Amani', lastName: 'Otieno', emails: [{ value: 'amani@acme-logistics.example' }], phones: [{ value: '+254 712 345678' }], companyId: acme.id, jobTitle: 'Operations lead', ownerId: juma.id, source: { channel: 'paid' as const } },
    { firstName: 'Marta', lastName: 'Puig', emails: [{ value: 'marta@vallhotels.example' }], companyId: vall.id, jobTitle: 'Owner', ownerId: nino.id, birthday: '1984-12-02', source: { channel: 'referral' as const } },
    { firstName: 'Ivan', lastName: 'Petrov', emails: [{ value: 'ivan.petrov@example.org' }], phones: [{ value: '+7 912 555-01-02' }], ownerId: juma.id, source: { channel: 'organic' as const } },
    { firstName: 'Lali', lastName: 'Kapanadze', emails: [{ value: 'lali@example.ge' }], ownerId: nino.id, source: { channel: 'form' as const } },
  ];
  const contacts = [];
  for (const p of people) contacts.push(await crm.contacts.create(p));
  const [amani, marta, ivan, lali] = contacts as [typeof contacts[0], typeof contacts[0], typeof contacts[0], typeof contacts[0]];

  await crm.activities.log({ type: 'form', contactId: lali.id, formId: 'spring-promo', fields: { message: 'Do you offer team plans?' } });
  const call = await crm.activities.log({ type: 'call', contactId: amani.id, companyId: acme.id, direction: 'outbound', durationSec: 540, outcome: 'connected', text: 'Needs tracking for 40 trucks' });
  await crm.activities.log({ type: 'email', contactId: amani.id, direction: 'outbound', subject: 'Proposal: fleet tracking', parentId: call.id });
  await crm.activities.log({ type: 'meeting', contactId: marta.id, companyId: vall.id, title: 'Site visit', durationMin: 60, outcome: 'Agreed to a pilot in one hotel' });

  const fleet = await crm.deals.create({ title: 'Fleet tracking, 40 trucks', value: { amount: 4_800_000, currency: 'EUR' }, contactIds: [amani.id], companyId: acme.id, ownerId: juma.id, expectedCloseDate: '2027-01-15' });
  await crm.deals.move(fleet.id, 'proposal');
  const pilot = await crm.deals.create({ title: 'Hotel pilot', value: { amount: 900_000, currency: 'EUR' }, contactIds: [marta.id], companyId: vall.id, ownerId: nino.id });
  await crm.deals.move(pilot.id, 'won');
  await crm.deals.create({ title: 'Analytics add-on', value: { amount: 25_000_000, currency: 'RUB' }, contactIds: [ivan.id], ownerId: juma.id });
  const lost = await crm.deals.create({ title: 'Team plan', value: { amount: 120_000, currency: 'USD' }, contactIds: [lali.id], ownerId: nino.id });
  await crm.deals.move(lost.id, 'lost', { lostReason: 'No budget' });

  const today = dateInZone(crm.clock.now(), localTimeZone());
  const day = (offset: number) => addDays(today, offset);
  await crm.tasks.schedule({ title: 'Call Amani about the proposal', kind: 'call', due: day(-2), contactId: amani.id, assigneeId: juma.id });
  await crm.tasks.schedule({ title: 'Send Marta the pilot report', kind: 'email', due: day(0), contactId: marta.id, assigneeId: nino.id });
  await crm.tasks.schedule({ title: 'Follow up with Ivan', kind: 'call', due: day(3), contactId: ivan.id, assigneeId: juma.id });
}
