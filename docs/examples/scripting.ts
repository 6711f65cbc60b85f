// The "Scripting the core" guide's example (docs/scripting.md quotes it).
// test/core/guides.test.ts runs it in Node on memory storage;
// test/core/guides.browser.test.ts runs the same function in Chromium on IndexedDB.
import { type StoragePort, createCrm, fixedClock } from '@kith/core';

export async function scriptingExample(storage: StoragePort) {
  // A fixed clock makes the figures below the same on every run; leave it out in real use.
  const clock = fixedClock('2026-11-02T09:00:00.000Z');
  const crm = createCrm({ storage, clock, options: { defaultCountry: 'US' } });
  const rep = await crm.members.create({ name: 'Dana Rep', email: 'dana@example.com', role: 'rep' });

  // 1. Import: a spreadsheet export, messy phones, day-first dates, a repeat.
  const csv = [
    'First Name,Last Name,Phone 1,Email,Subscription Date',
    'Heather,Callahan,043-797-5229,urangel@espinoza-francis.net,26-08-2020',
    'Kristina,Ferrell,(209)172-7124x3651,xreese@hall-donovan.com,27-04-2020',
    'Kristina,Ferrell,209.172.7124,,',
  ].join('\n');
  const imported = await crm.imports.run(csv, { entity: 'contact', mapping: { 'Subscription Date': null } });

  // 2. Dedupe a lead that arrives later against what is stored.
  const matches = await crm.duplicates.check({ firstName: 'Kris', email: 'XREESE@hall-donovan.com' });

  // 3. Automation: every won deal gets a thank-you call for its owner, in 2 days.
  await crm.rules.save({
    name: 'Thank the customer',
    entity: 'deal',
    trigger: { type: 'stage-entered', stageId: 'won' },
    actions: [{ type: 'create-task', title: 'Thank-you call', kind: 'call', dueInDays: 2 }],
  });
  // Event rules act after each write commits; a script that reads their work waits for a report.
  let ruleActed!: () => void;
  const acted = new Promise<void>((resolve) => (ruleActed = resolve));
  const stopRules = crm.rules.start({ timeZone: 'UTC', onReport: (report) => report.done && ruleActed() });

  // 4. Sell: a deal for the imported contact moves to won.
  const [kristina] = await crm.contacts.findByPhone('+1 209 172 7124');
  const deal = await crm.deals.create({ title: 'Annual plan', value: { amount: 240_000, currency: 'USD' }, contactIds: [kristina!.id], ownerId: rep.id });
  await crm.deals.move(deal.id, 'won');
  await acted;
  stopRules();
  const tasks = await crm.tasks.openFor(rep.id);

  // 5. KPIs over November, in the team's zone.
  const kpis = await crm.kpis.report({ from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC' });

  return { imported, matches, tasks, kpis, kristina: kristina! };
}
