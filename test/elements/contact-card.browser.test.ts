import { expect } from '@open-wc/testing';
import { type Crm } from '@kith/core';
import { cardMessages } from '@kith/elements';
import { until } from '../waiting.ts';
import { $, $$, cardCrm, mountCard, NOW, summary, text, unmountCards } from './contact-card-helpers.ts';

const ago = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

/** A contact with something in every part of the card. */
async function fullContact(crm: Crm) {
  const owner = await crm.members.create({ name: 'Maya Ivanova', email: 'maya@example.com', role: 'rep' });
  const acme = await crm.companies.create({ name: 'Acme' });
  const nino = await crm.contacts.create({
    firstName: 'Nino',
    lastName: 'Beridze',
    jobTitle: 'CTO',
    companyId: acme.id,
    ownerId: owner.id,
    lifecycle: 'prospect',
    emails: [{ value: 'nino@example.com', label: 'work' }],
    phones: [{ value: '(209) 172-7124' }],
    tags: ['vip', 'tbilisi'],
    birthday: '1990-11-25',
    source: { channel: 'paid', firstTouch: { at: '2026-09-01T08:00:00Z', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'autumn' } },
  });
  await crm.contacts.recordConsent(nino.id, { purpose: 'marketing-email', status: 'granted', at: '2026-10-01T09:00:00Z', wordingVersion: 'v1', method: 'form' });
  await crm.contacts.recordConsent(nino.id, { purpose: 'marketing-email', status: 'withdrawn', at: '2026-11-01T09:00:00Z', wordingVersion: 'v1', method: 'email' });
  await crm.deals.create({ title: 'Licence', value: { amount: 120_000, currency: 'EUR' }, contactIds: [nino.id], stageId: 'proposal' });
  await crm.deals.create({ title: 'Support', value: { amount: 30_000, currency: 'USD' }, contactIds: [nino.id] });
  const won = await crm.deals.create({ title: 'Pilot', value: { amount: 5_000, currency: 'EUR' }, contactIds: [nino.id] });
  await crm.deals.move(won.id, 'won');
  await crm.tasks.schedule({ title: 'Send the quote', contactId: nino.id, due: '2026-11-21' });
  await crm.tasks.schedule({ title: 'Later', contactId: nino.id, due: '2026-12-20' });
  await crm.activities.log({ type: 'email', contactId: nino.id, direction: 'inbound', subject: 'Price?', occurredAt: ago(3) });
  await crm.activities.log({ type: 'note', contactId: nino.id, text: 'Internal note, not an interaction', occurredAt: ago(1) });
  return { nino, acme, owner };
}

describe('<kith-contact-card>', () => {
  afterEach(unmountCards);

  it("shows a contact's whole relationship at a glance", async () => {
    const { crm } = await cardCrm();
    const { nino } = await fullContact(crm);
    const el = await mountCard(crm, { contactId: nino.id });
    expect(text($(el, '[part~="avatar"]'))).to.equal('NB');
    expect($(el, '[part~="avatar"]')!.getAttribute('aria-hidden')).to.equal('true');
    const heading = $(el, '[part~="name"]')!;
    expect([text(heading), heading.getAttribute('role'), heading.getAttribute('aria-level')]).to.deep.equal(['Nino Beridze', 'heading', '2']);
    expect(text($(el, '[part~="subtitle"]'))).to.equal('CTO · Acme');
    // Winning the pilot made the prospect a customer.
    expect($(el, 'kith-lifecycle-badge')!.getAttribute('stage')).to.equal('customer');
    const s = summary(el);
    expect(s).to.deep.include({
      Email: 'nino@example.com (work)',
      Phone: '(209) 172-7124',
      Owner: 'Maya Ivanova',
      Tags: 'vip tbilisi',
      Birthday: 'November 25 · in 2 days',
      Consent: 'marketing-email: withdrawn (Nov 1, 2026)',
      Source: 'Paid ads First touch: google / cpc / autumn (Sep 1, 2026)',
      'Last interaction': 'Email · Inbound · 3 hours ago',
      'Next task': 'Send the quote · overdue by 2 days',
    });
    expect($(el, 'a[href="mailto:nino@example.com"]')).to.exist;
    expect($(el, 'a[href="tel:+12091727124"]')).to.exist;
    expect($(el, '[part~="next-task"]')!.dataset.state).to.equal('overdue');
    expect(getComputedStyle($(el, '[part~="next-task"]')!).fontWeight).to.equal('600');
    expect($(el, '[part~="last-interaction"] time')!.getAttribute('title')).to.equal('Nov 23, 2026, 7:00 AM');
    // Open deals only, with their values and a total per currency; the won deal is not listed.
    expect(text($(el, '[part~="deals"] [role="heading"]'))).to.equal('2 open deals');
    expect($$(el, '[part~="deals"] li').map(text).sort()).to.deep.equal(['Licence · €1,200.00 · Proposal', 'Support · $300.00 · Qualified']);
    expect(text($(el, '[part~="deal-totals"]')).split(' · ').sort()).to.deep.equal(['$300.00', '€1,200.00']);
    expect($(el, '[part~="duplicate"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('formats phones for the reader: internationally for a reader in another region', async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Ana', phones: [{ value: '(209)172-7124x3651' }, { value: '+995 599 12 34 56' }] });
    const el = await mountCard(crm, { contactId: c.id, lang: 'ka' });
    await until(() => $$(el, 'a[href^="tel:"]').map(text).join('|') === '+1 209 172 7124 ext. 3651|599 12 34 56', 'phones formatted for Georgian readers');
    expect(summary(el)['ტელეფონი']).to.equal('+1 209 172 7124 ext. 3651 599 12 34 56');
  });

  it('warns when the core finds likely duplicates, naming them and why', async () => {
    const { crm } = await cardCrm();
    const a = await crm.contacts.create({ firstName: 'Nino', emails: [{ value: 'nino@example.com' }], phones: [{ value: '209 172 7124' }] });
    await crm.contacts.create({ firstName: 'N.', lastName: 'Beridze', emails: [{ value: 'NINO@example.com' }], phones: [{ value: '+1 (209) 172-7124' }] });
    await crm.contacts.create({ firstName: 'Other', emails: [{ value: 'other@example.com' }] });
    const el = await mountCard(crm, { contactId: a.id });
    const warning = $(el, '[part~="duplicate"]')!;
    expect(text(warning)).to.equal('⚠ This looks like a duplicate of 1 record N. Beridze (same email, same phone)');
    expect(warning.getAttribute('role')).to.equal('note');
    await expect(el).to.be.accessible();
  });

  it('names a duplicate written elsewhere live, and reads nothing again for an unrelated contact', async () => {
    const { crm } = await cardCrm();
    const a = await crm.contacts.create({ firstName: 'Nino', emails: [{ value: 'nino@example.com' }] });
    const el = await mountCard(crm, { contactId: a.id });
    let reads = 0;
    const of = crm.duplicates.of;
    crm.duplicates.of = (ref) => (reads++, of(ref));
    await crm.contacts.create({ firstName: 'Unrelated', emails: [{ value: 'someone@example.com' }] });
    await crm.contacts.create({ firstName: 'Twin', emails: [{ value: 'Nino@Example.com' }] });
    await until(() => text($(el, '[part~="duplicate"]')).includes('Twin (same email)'), 'the twin named');
    expect(reads).to.equal(1);
  });

  it('shows a company with its people, rolled-up last interaction, open deals and next task', async () => {
    const { crm } = await cardCrm();
    const acme = await crm.companies.create({ name: 'Acme Logistics', domain: 'acme.example', kinds: ['client', 'partner'], tags: ['key'] });
    const buyer = await crm.contacts.create({ firstName: 'Buyer', companyId: acme.id });
    await crm.contacts.create({ firstName: 'Second', companyId: acme.id });
    await crm.deals.create({ title: 'Fleet', value: { amount: 990_000, currency: 'EUR' }, companyId: acme.id });
    await crm.activities.log({ type: 'call', contactId: buyer.id, direction: 'outbound', occurredAt: ago(26) });
    await crm.tasks.schedule({ title: 'Visit', companyId: acme.id, due: '2026-11-23' });
    const el = await mountCard(crm, { companyId: acme.id });
    expect(text($(el, '[part~="avatar"]'))).to.equal('AL');
    expect(text($(el, '[part~="subtitle"]'))).to.equal('Client · Partner · 2 people');
    expect($(el, 'kith-lifecycle-badge')).to.equal(null);
    const link = $<HTMLAnchorElement>(el, 'a[href="https://acme.example"]')!;
    expect([link.target, link.rel]).to.deep.equal(['_blank', 'noopener noreferrer']);
    expect(summary(el)).to.deep.include({ 'Last interaction': 'Call · Outbound · yesterday', 'Next task': 'Visit · due today', Tags: 'key' });
    expect($$(el, '[part~="deals"] li').map(text)).to.deep.equal(['Fleet · €9,900.00 · Qualified']);
    expect($$(el, '[part~="actions"] button').map(text)).to.deep.equal(['Add a note', 'Schedule a task', 'Edit']);
    await expect(el).to.be.accessible();
  });

  it('the compact variant keeps who, how to reach, last interaction and next task', async () => {
    const { crm } = await cardCrm();
    const { nino } = await fullContact(crm);
    await crm.contacts.update(nino.id, { emails: [{ value: 'nino@example.com' }, { value: 'nino@home.example' }] });
    const el = await mountCard(crm, { contactId: nino.id, variant: 'compact' });
    expect(el.getAttribute('variant')).to.equal('compact');
    expect(Object.keys(summary(el))).to.deep.equal(['Email', 'Phone', 'Last interaction', 'Next task']);
    expect(summary(el).Email).to.equal('nino@example.com');
    for (const part of ['deals', 'fields', 'actions']) expect($(el, `[part~="${part}"]`), part).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('is live: a rename, a new task and a new interaction written elsewhere appear', async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Levan' });
    const el = await mountCard(crm, { contactId: c.id });
    expect(summary(el)['Next task']).to.equal('Nothing planned');
    expect(summary(el)['Last interaction']).to.equal('No interaction yet');
    await crm.contacts.update(c.id, { lastName: 'Kapanadze' });
    await crm.tasks.schedule({ title: 'Call back', contactId: c.id, due: '2026-11-24' });
    await crm.activities.log({ type: 'meeting', contactId: c.id, title: 'Coffee', occurredAt: ago(2) });
    await until(() => text($(el, '[part~="name"]')) === 'Levan Kapanadze', 'the new name');
    await until(() => summary(el)['Next task'] === 'Call back · due in 1 day', 'the new task');
    await until(() => summary(el)['Last interaction'] === 'Meeting · 2 hours ago', 'the meeting');
  });

  it("speaks the page's language, and a host adds another through cardMessages.register", async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Ana', birthday: '1990-11-25' });
    const ru = await mountCard(crm, { contactId: c.id, lang: 'ru' });
    expect(summary(ru)).to.deep.include({ 'День рождения': '25 ноября · через 2 дня', 'Следующая задача': 'Ничего не запланировано' });
    cardMessages.register('de', { ...cardMessages.for('en'), birthday: 'Geburtstag', birthdayIn: (n: number) => `in ${n} Tagen` });
    const de = await mountCard(crm, { contactId: c.id, lang: 'de-AT' });
    expect(summary(de)['Geburtstag']).to.equal('25. November · in 2 Tagen');
  });

  it('is right to left in an RTL page', async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Ana' });
    const el = await mountCard(crm, { contactId: c.id, dir: 'rtl' });
    expect($(el, '[part~="base"]')!.getAttribute('dir')).to.equal('rtl');
    const avatar = $(el, '[part~="avatar"]')!.getBoundingClientRect();
    const name = $(el, '[part~="name"]')!.getBoundingClientRect();
    expect(avatar.left).to.be.greaterThan(name.left);
  });
});
