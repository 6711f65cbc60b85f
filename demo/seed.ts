/**
 * The demo's sample data: six months of a small sales team's work, written
 * through the SDK so every record, activity and KPI is what real use makes.
 *
 * - customers from a spreadsheet (a slice of shared/datasets/customers-10000.csv),
 *   imported one slice per month so the base grows month by month;
 * - leads from the landing page and ad campaigns (leads.capture), each with a
 *   deal and a first-response task, answered after minutes or days;
 * - deals moving through the funnel to won or lost, and repeat sales;
 * - open tasks around today (one overdue), birthdays this week, saved segments.
 *
 * A seeded random makes every run the same. The CRM's clock is moved through
 * the months, so created, answered and won dates are spread like real ones.
 */
import { type LeadSubmission, type StoragePort, addDays, dateInZone, localTimeZone } from '@kith/core';
import { demoCrm } from './storage.ts';
import { loadSampleData } from './sample-data.ts';

export interface SeedProgress {
  /** What is being written now, in words. */
  step: string;
  /** 0..1 of the whole. */
  fraction: number;
}

export interface SeedOptions {
  /** The customers CSV to import (header and rows). */
  csv: string;
  /** "Now": the seed's history ends here (default: the wall clock). */
  now?: number;
  /** Months of history (default 6). */
  months?: number;
  /** Leads captured over those months (default 90). */
  leads?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary {
  contacts: number;
  leads: number;
  deals: number;
}

const DAY = 86_400_000;

/** mulberry32: a small seeded generator, so the sample is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where leads come from: the UTM tags a campaign's links carry. */
const CAMPAIGNS = [
  { utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring-promo', weight: 4 },
  { utmSource: 'facebook', utmMedium: 'social', utmCampaign: 'spring-promo', weight: 3 },
  { utmSource: 'newsletter', utmMedium: 'email', utmCampaign: 'monthly', weight: 2 },
  { utmSource: 'partner-blog', utmMedium: 'referral', utmCampaign: 'guest-post', weight: 1 },
  { weight: 2 }, // typed the address: no tags
] as const;

const FIRST = ['Aisha', 'Bruno', 'Chiara', 'Dato', 'Elena', 'Femi', 'Giorgi', 'Hana', 'Ilya', 'Jordi', 'Kamau', 'Lucia', 'Mariam', 'Nuria', 'Oleg', 'Pita', 'Rosa', 'Salome', 'Tamar', 'Wanjiru'];
const LAST = ['Abashidze', 'Baraka', 'Costa', 'Diallo', 'Esteve', 'Fedorova', 'Gelashvili', 'Haddad', 'Ivanova', 'Juma', 'Kiprop', 'Lopez', 'Mendes', 'Njoroge', 'Orlova', 'Puig', 'Rossi', 'Sokolov', 'Tsereteli', 'Vidal'];
const WHAT = ['Fleet tracking', 'Team plan', 'Website redesign', 'Support contract', 'Onboarding package', 'Analytics add-on', 'Annual licence', 'Training day'];

/** Splits CSV text into its header line and record lines (the sample has no line breaks inside quotes). */
function csvLines(csv: string): { header: string; rows: string[] } {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header = '', ...rows] = lines;
  return { header, rows };
}

/** Fills `storage` with the demo's history. Run it on empty storage: it adds, it does not reset. */
export async function seedDemo(storage: StoragePort, options: SeedOptions): Promise<SeedSummary> {
  const now = options.now ?? Date.now();
  const months = options.months ?? 6;
  const leadCount = options.leads ?? 90;
  const rnd = random(20_261_123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  let t = now;
  const crm = demoCrm(storage, { now: () => t });
  const report = (step: string, fraction: number) => options.onProgress?.({ step, fraction: Math.min(1, fraction) });

  // The present: the hand-written history (members, two companies, four people, deals, tasks).
  report('Team and a few customers', 0);
  await loadSampleData(crm);
  const start = now - months * 30 * DAY;

  // The spreadsheet the business kept before: one slice per month.
  const { header, rows } = csvLines(options.csv);
  const per = Math.ceil(rows.length / months);
  let contacts = 0;
  for (let m = 0; m < months; m++) {
    t = start + m * 30 * DAY + 2 * DAY;
    const slice = rows.slice(m * per, (m + 1) * per);
    if (!slice.length) break;
    report(`Importing customers, month ${m + 1} of ${months}`, 0.05 + (0.45 * m) / months);
    const result = await crm.imports.run(`${header}\n${slice.join('\n')}`, { entity: 'contact', tags: ['spreadsheet'] });
    contacts += result.created;
  }

  // Leads over the months: each one a form submission with its campaign tags.
  const weights = CAMPAIGNS.flatMap((c) => Array.from({ length: c.weight }, () => c));
  const leads: { contactId: string; dealId: string | undefined; taskId: string | undefined; at: number }[] = [];
  for (let i = 0; i < leadCount; i++) {
    t = start + Math.floor(((i + rnd()) / leadCount) * (now - start - 3 * DAY));
    if (i % 10 === 0) report('Leads from the landing page', 0.5 + (0.25 * i) / leadCount);
    const first = pick(FIRST);
    const last = pick(LAST);
    const campaign = pick(weights);
    const touch = 'utmSource' in campaign ? { at: new Date(t - 60_000).toISOString(), utmSource: campaign.utmSource, utmMedium: campaign.utmMedium, utmCampaign: campaign.utmCampaign, landingPage: '/landing.html' } : undefined;
    const submission: LeadSubmission = {
      key: `demo-lead-${String(i).padStart(6, '0')}-seed`,
      formId: 'spring-promo',
      firstName: first,
      lastName: last,
      email: `${first}.${last}.${i}@example.net`.toLowerCase(),
      message: `Interested in ${pick(WHAT).toLowerCase()}`,
      ...(touch ? { firstTouch: touch, lastTouch: touch } : {}),
    };
    const result = await crm.leads.capture(submission, { deal: true, assign: 'round-robin', firstResponseMinutes: 60 });
    leads.push({ contactId: result.contactId, dealId: result.dealId, taskId: result.taskId, at: t });
  }

  // Answers and deals: most leads are called back (minutes to days later), some deals are won.
  let deals = leads.length;
  for (const [i, lead] of leads.entries()) {
    if (i % 10 === 0) report('Calls, proposals, won and lost deals', 0.75 + (0.2 * i) / leads.length);
    const recent = now - lead.at < 4 * DAY;
    if (recent && rnd() < 0.6) continue; // still waiting for an answer: the first-response task stays open
    t = lead.at + Math.floor(rnd() < 0.7 ? rnd() * 4 * 3_600_000 : rnd() * 3 * DAY);
    if (lead.taskId) await crm.tasks.complete(lead.taskId);
    await crm.activities.log({ type: 'call', contactId: lead.contactId, direction: 'outbound', durationSec: 120 + Math.floor(rnd() * 900), outcome: 'connected', ...(lead.dealId ? { dealId: lead.dealId } : {}) });
    if (!lead.dealId) continue;
    const amount = (5 + Math.floor(rnd() * 60)) * 10_000;
    await crm.deals.update(lead.dealId, { title: `${pick(WHAT)} for ${i + 1}`, value: { amount, currency: 'EUR' } });
    const fate = rnd();
    if (fate < 0.2) {
      t += Math.floor(rnd() * 5 * DAY);
      await crm.deals.move(lead.dealId, 'lost', { lostReason: pick(['Price', 'No budget', 'Chose a competitor', 'No answer']) });
      continue;
    }
    if (fate < 0.35) continue; // stays qualified
    t += Math.floor((1 + rnd() * 6) * DAY);
    await crm.deals.move(lead.dealId, 'proposal');
    if (fate < 0.5) continue;
    t += Math.floor((1 + rnd() * 8) * DAY);
    if (t > now - DAY) continue;
    await crm.deals.move(lead.dealId, fate < 0.6 ? 'negotiation' : 'won');
    if (fate >= 0.85 && t + 20 * DAY < now) {
      // A repeat sale: the customer buys again a few weeks later.
      t += Math.floor((20 + rnd() * 10) * DAY);
      const again = await crm.deals.create({ title: `Renewal ${i + 1}`, value: { amount: Math.round(amount / 2), currency: 'EUR' }, contactIds: [lead.contactId] });
      deals++;
      await crm.deals.move(again.id, 'won');
    }
  }

  // Today: next steps on open deals (one two days overdue), birthdays this week, and a segment per question a manager asks.
  t = now;
  const today = dateInZone(now, localTimeZone());
  const members = await crm.members.active();
  const open = (await crm.deals.list({ where: [{ field: 'status', op: 'eq', value: 'open' }], limit: 8 })).items;
  const steps = [
    { offset: -2, title: 'Call back about the proposal', kind: 'call' as const },
    { offset: -1, title: 'Send the revised quote', kind: 'email' as const },
    { offset: 0, title: 'Confirm the meeting time', kind: 'call' as const },
    { offset: 0, title: 'Prepare the contract draft', kind: 'todo' as const },
    { offset: 1, title: 'Demo for the team', kind: 'meeting' as const },
    { offset: 3, title: 'Check in after the trial', kind: 'call' as const },
    { offset: 7, title: 'Ask for a referral', kind: 'email' as const },
  ];
  for (const [i, step] of steps.entries()) {
    const deal = open[i];
    if (!deal) break;
    await crm.tasks.schedule({ title: step.title, kind: step.kind, due: addDays(today, step.offset), dealId: deal.id, ...(deal.contactIds[0] ? { contactId: deal.contactIds[0] } : {}), ...(members[i % members.length] ? { assigneeId: members[i % members.length]!.id } : {}) });
  }
  report('Birthdays and saved segments', 0.97);
  for (const [offset, lead] of [[1, leads[3]], [4, leads[7]]] as const) {
    if (!lead) continue;
    await crm.contacts.update(lead.contactId, { birthday: `1988${addDays(today, offset).slice(4)}` });
  }
  await crm.segments.save({ name: 'Customers', entity: 'contact', where: { field: 'lifecycle', op: 'in', value: ['customer', 'loyal'] } });
  await crm.segments.save({ name: 'Leads from paid ads', entity: 'contact', where: { field: 'source.firstTouch.utmMedium', op: 'eq', value: 'cpc' } });
  await crm.segments.save({ name: 'Open deal, quiet for 14 days', entity: 'contact', where: { and: [{ openDeal: true }, { lastInteraction: { before: { daysAgo: 14 } } }] } });
  await crm.segments.save({ name: 'Birthday this week', entity: 'contact', where: { birthdayWithin: 7 } });
  report('Done', 1);
  return { contacts, leads: leads.length, deals };
}
