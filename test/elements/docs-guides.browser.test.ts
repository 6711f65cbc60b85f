// The theming and i18n guides' examples, applied to real elements in Chromium.
import { expect } from '@open-wc/testing';
import { createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { registerTranslation, translationFor, type KithContactCard, type KithKpiBoard, type KithLifecycleBadge, type KithPipelineBoard, type KithTaskList } from '@kith/elements';
import '@kith/elements/define-all.js';
import { registerAgencyWords } from '../../docs/examples/i18n.ts';
import { timelineExample } from '../../docs/examples/timeline.ts';
import { arrangeFields, cardFacts } from '../../docs/examples/contact-card.ts';
import { compactCards, defineRegion, guardClosing } from '../../docs/examples/pipeline-board.ts';
import { restStorage } from '@kith/adapters/rest';
import { sendKeys } from '@web/test-runner-commands';
import { NOW, boardCrm, dealRecord, storedTitles, titlesIn } from './pipeline-board-helpers.ts';
import { until } from '../waiting.ts';

/** Mounts a guide's page snippet (its `<kith-crm>` and what is inside) over `crm`. */
async function mountSnippet(file: string, crm: unknown): Promise<HTMLElement> {
  const page = new DOMParser().parseFromString(await (await fetch(file)).text(), 'text/html');
  const host = document.createElement('div');
  host.append(document.importNode(page.querySelector('kith-crm')!, true));
  document.body.append(host);
  (host.querySelector('kith-crm') as HTMLElement & { crm: unknown }).crm = crm;
  return host;
}

const words = (n: Element | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Adds a guide's stylesheet to the page once it has loaded; remove the link to take it away. */
async function loadStylesheet(href: string): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
  document.head.append(link);
  await loaded;
  return link;
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

describe('docs/theming.md example (examples/theme.css)', () => {
  it('tokens, element properties and parts reach inside the elements', async () => {
    const link = await loadStylesheet('/docs/examples/theme.css');
    const portal = document.createElement('div');
    portal.className = 'client-portal';
    portal.innerHTML = '<kith-lifecycle-badge stage="customer"></kith-lifecycle-badge><kith-pipeline-board style="--kith-board-height: 200px"></kith-pipeline-board>';
    document.body.append(portal);
    const badge = portal.querySelector('kith-lifecycle-badge') as KithLifecycleBadge;
    await badge.updateComplete;
    const base = getComputedStyle(part(badge, 'base'));
    expect(base.fontFamily).to.contain('Georgia');
    expect(base.borderRadius).to.equal('2px');
    expect(base.textTransform).to.equal('uppercase');
    expect(getComputedStyle(part(badge, 'dot')).backgroundColor).to.equal('rgb(15, 118, 110)');
    const board = portal.querySelector('kith-pipeline-board') as KithPipelineBoard;
    const crm = createCrm({ storage: memoryStorage() });
    await crm.pipelines.ensureDefault();
    board.crm = crm;
    await until(() => !!board.shadowRoot?.querySelector('[part~="column"]'), 'the columns');
    expect(getComputedStyle(part(board, 'column')).flexBasis).to.equal('320px');
    portal.remove();
    link.remove();
  });
});

describe('docs/i18n.md example (examples/i18n.ts)', () => {
  const english = translationFor('en');
  after(() => registerTranslation(english));

  it('renames a word in English and adds German, and elements re-render in place', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<kith-lifecycle-badge stage="customer"></kith-lifecycle-badge><div lang="de"><kith-lifecycle-badge stage="customer"></kith-lifecycle-badge></div>';
    document.body.append(host);
    const [en, de] = [...host.querySelectorAll('kith-lifecycle-badge')] as KithLifecycleBadge[];
    await en!.updateComplete;
    expect(part(en!, 'base').getAttribute('aria-label')).to.equal('Lifecycle stage: Customer');
    registerAgencyWords();
    await Promise.all([en!.updateComplete, de!.updateComplete]);
    expect(part(en!, 'base').getAttribute('aria-label')).to.equal('Lifecycle stage: Client');
    expect(part(de!, 'base').getAttribute('aria-label')).to.equal('Kundenstatus: Kunde');
    host.remove();
  });
});

describe('docs/timeline.md examples (examples/timeline.html and timeline.ts)', () => {
  it("the page snippet shows a company's rolled-up story; the SDK example reads its emails and logs a call with its next step", async () => {
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => Date.parse('2026-11-23T10:00:00Z') } });
    const acme = await crm.companies.create({ name: 'Acme' });
    const ana = await crm.contacts.create({ firstName: 'Ana', companyId: acme.id });
    await crm.activities.log({ type: 'email', contactId: ana.id, direction: 'inbound', subject: 'Pricing?' });

    const host = await mountSnippet('/docs/examples/timeline.html', crm);
    host.querySelector('kith-timeline')!.setAttribute('ref-id', acme.id);
    const timeline = host.querySelector('kith-timeline')!;
    const kinds = () => [...(timeline.shadowRoot?.querySelectorAll<HTMLElement>('[part~="entry"]') ?? [])].map((e) => e.dataset.type);
    await until(() => kinds().includes('email'), 'the rolled-up email');

    const { emails, logged } = await timelineExample(crm, acme.id, ana.id);
    expect(emails.map((a) => a.type === 'email' && a.subject)).to.deep.equal(['Pricing?']);
    expect([logged.activity.type, logged.next?.title, logged.next?.due]).to.deep.equal(['call', 'Demo', '2026-11-27']);
    await until(() => kinds().includes('call'), 'the logged call, live');
    host.remove();
  });
});

describe('docs/contact-card.md examples (examples/contact-card.html and contact-card.ts)', () => {
  it('the page snippet shows a contact in full with the host\'s field groups, and a company compact', async () => {
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => Date.parse('2026-11-23T10:00:00Z') } });
    await crm.fields.define({ entity: 'contact', key: 'budget', label: 'Budget', type: 'money' });
    await crm.fields.define({ entity: 'contact', key: 'size', label: 'Size', type: 'select', options: [{ value: 'l', label: 'Large' }] });
    await crm.fields.define({ entity: 'contact', key: 'site', label: 'Site', type: 'url' });
    await crm.fields.define({ entity: 'contact', key: 'internalScore', label: 'Internal score', type: 'number' });
    const acme = await crm.companies.create({ name: 'Acme' });
    const ana = await crm.contacts.create({
      firstName: 'Ana', lastName: 'Olsen', companyId: acme.id,
      custom: { budget: { amount: 250_000, currency: 'EUR' }, size: 'l', site: 'https://ana.example', internalScore: 7 },
    });
    const host = await mountSnippet('/docs/examples/contact-card.html', crm);
    const [full, compact] = [...host.querySelectorAll('kith-contact-card')] as KithContactCard[];
    // The snippet's ids are placeholders: the page puts real ones in.
    full!.setAttribute('contact-id', ana.id);
    compact!.setAttribute('company-id', acme.id);
    arrangeFields(full!);
    await until(() => words(full!.shadowRoot?.querySelector('[part~="name"]')) === 'Ana Olsen', 'the contact card');
    await until(() => words(compact!.shadowRoot?.querySelector('[part~="name"]')) === 'Acme', 'the compact company card');
    const groups = [...full!.shadowRoot!.querySelectorAll<HTMLDetailsElement>('[part~="group"]')];
    expect(groups.map((g) => words(g.querySelector('summary')))).to.deep.equal(['Deal basics', 'Web']);
    expect(groups.map((g) => g.open)).to.deep.equal([true, false]);
    expect([...groups[0]!.querySelectorAll<HTMLElement>('dd')].map((d) => d.dataset.field)).to.deep.equal(['budget', 'size']);
    expect(full!.shadowRoot!.querySelector('[data-field="internalScore"]'), 'hidden').to.equal(null);
    expect(compact!.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('data-variant')).to.equal('compact');
    expect(compact!.shadowRoot!.querySelector('[part~="fields"]'), 'compact shows no field groups').to.equal(null);
    host.remove();
  });

  it('the SDK example finds the duplicate, counts days to the birthday and formats the phone as the guide says', async () => {
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => Date.parse('2026-11-23T10:00:00Z') } });
    const ana = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }] });
    const twin = await crm.contacts.create({ firstName: 'Anna', emails: [{ value: 'ANA@example.com' }] });
    const { matches, days, phone } = await cardFacts(crm, ana.id);
    expect(matches.map((m) => [m.entity, m.record.id, m.reasons])).to.deep.equal([['contact', twin.id, ['email']]]);
    expect(days).to.equal(2);
    expect(phone).to.equal('+1 209 172 7124 ext. 3651');
  });
});

describe('docs/segments-rules-tasks.md page snippets (examples/tasks-and-kpis.html)', () => {
  it("shows a member's tasks, a customer's tasks and the first quarter's KPIs", async () => {
    let now = Date.parse('2026-01-15T10:00:00Z');
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => now } });
    const rep = await crm.members.create({ name: 'Rep', email: 'rep@example.com', role: 'rep' });
    const other = await crm.members.create({ name: 'Other', email: 'other@example.com', role: 'rep' });
    const ana = await crm.contacts.create({ firstName: 'Ana', lastName: 'Olsen' });
    await crm.pipelines.ensureDefault();
    const deal = await crm.deals.create({ title: 'Website', contactIds: [ana.id], value: { amount: 300_000, currency: 'EUR' } });
    now = Date.parse('2026-02-10T10:00:00Z');
    await crm.deals.move(deal.id, 'won');
    now = Date.parse('2026-03-20T10:00:00Z');
    const mine = await crm.tasks.schedule({ title: 'Send the quote', due: '2026-03-18', assigneeId: rep.id, contactId: ana.id });
    const theirs = await crm.tasks.schedule({ title: 'Call Ana', due: '2026-03-21', assigneeId: other.id, contactId: ana.id });
    const elsewhere = await crm.tasks.schedule({ title: 'Tidy the notes', assigneeId: rep.id });

    const host = await mountSnippet('/docs/examples/tasks-and-kpis.html', crm);
    const [byMember, byContact] = [...host.querySelectorAll('kith-task-list')] as KithTaskList[];
    byMember!.setAttribute('assignee-id', rep.id);
    byContact!.setAttribute('contact-id', ana.id);
    const listed = (el: KithTaskList) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[part~="task"]') ?? [])].map((t) => t.dataset.task);
    await until(() => listed(byMember!).length === 2 && listed(byContact!).length === 2, 'both task lists');
    expect(listed(byMember!)).to.have.members([mine.id, elsewhere.id]);
    expect(listed(byContact!)).to.have.members([mine.id, theirs.id]);
    expect(words(byMember!.shadowRoot!.querySelector(`[data-task="${mine.id}"] [part~="due"]`))).to.contain('overdue by 2 days');

    const kpis = host.querySelector('kith-kpi-board') as KithKpiBoard;
    await until(() => (kpis.shadowRoot?.querySelectorAll('[part~="tile"]').length ?? 0) > 0, 'the KPI tiles');
    const tiles = Object.fromEntries([...kpis.shadowRoot!.querySelectorAll('[part~="tile"]')].map((t) => [words(t.querySelector('dt')), words(t.querySelector('dd'))]));
    expect(tiles['Won revenue']).to.equal('€3,000.00');
    expect(tiles['Win rate']).to.equal('100% 1 won of 1 closed');
    host.remove();
  });
});

/** The column (a stage id, or a grouping field's value) showing the card with this title. */
function columnOf(board: Element | null | undefined, title: string): string | undefined {
  const bodies = [...(board?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="column-body"]') ?? [])];
  return bodies.find((b) => [...b.querySelectorAll('[part~="card-title"]')].some((t) => t.textContent!.trim() === title))?.dataset.column;
}

describe('docs/pipeline-board.md examples (examples/pipeline-board.html, .ts, .css, -grouped.html)', () => {
  it("the page shows the reference server's open deals through the REST adapter and its token hook, and a colleague's move arrives live", async () => {
    expect((await fetch('/kith-portal/v1/deals')).status, 'the server wants the token').to.equal(401);
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1100px; height: 700px';
    frame.src = '/guide-pages/pipeline-board.html';
    document.body.append(frame);
    const board = () => frame.contentDocument?.querySelector('kith-pipeline-board');
    await until(() => columnOf(board(), 'Fleet tracking, 40 trucks') === 'proposal' && columnOf(board(), 'Analytics add-on') === 'qualified', "the sample's open deals");
    expect(columnOf(board(), 'Hotel pilot'), 'won deals are not on the board').to.equal(undefined);

    const colleague = createCrm({ storage: restStorage({ baseUrl: '/kith-portal', headers: { authorization: 'Bearer portal-secret' } }) });
    const [addOn] = (await colleague.deals.list({ where: [{ field: 'title', op: 'eq', value: 'Analytics add-on' }] })).items;
    await colleague.deals.move(addOn!.id, 'negotiation');
    try {
      await until(() => columnOf(board(), 'Analytics add-on') === 'negotiation', "the colleague's move, live");
    } finally {
      // The reference server lives as long as the test run: leave its sample as it was.
      await colleague.deals.move(addOn!.id, 'qualified');
      await colleague.close();
      frame.remove();
    }
  });

  it('renderCard draws the host\'s card, a refused drop on Won changes nothing, and the part styles apply', async () => {
    const link = await loadStylesheet('/docs/examples/pipeline-board.css');
    const { crm, storage } = await boardCrm(0);
    const acme = await crm.companies.create({ name: 'Acme' });
    const stale = dealRecord(1, 'qualified', { title: 'Stale', companyId: acme.id, stageEnteredAt: new Date(NOW - 20 * 86_400_000).toISOString() });
    const fresh = dealRecord(2, 'qualified', { title: 'Fresh' });
    await storage.batch([stale, fresh].map((record) => ({ type: 'put' as const, collection: 'deals', record })));
    const board = document.createElement('kith-pipeline-board') as KithPipelineBoard;
    board.setAttribute('time-zone', 'UTC');
    board.style.cssText = 'width: 1000px; --kith-board-height: 400px';
    compactCards(board);
    guardClosing(board, false);
    const refused: boolean[] = [];
    board.addEventListener('kith-deal-move', (e) => refused.push(e.defaultPrevented));
    board.crm = crm;
    document.body.append(board);
    await board.whenLoaded();
    // The host's cards have no title part: they are found by deal id.
    const cardOf = (id: string) => board.shadowRoot!.querySelector<HTMLElement>(`[data-deal-id="${id}"]`);
    await until(() => !!cardOf(stale.id), 'the cards');

    expect(words(cardOf(stale.id)!.querySelector('strong'))).to.equal('Stale');
    // Names are looked up after the first cards are drawn.
    await until(() => words(cardOf(stale.id)?.querySelector('span')) === 'Acme', "the company's name");
    const staleCard = cardOf(stale.id)!;
    expect(words(staleCard.querySelector('em'))).to.equal('stuck 20 days');
    expect(cardOf(fresh.id)!.querySelector('em')).to.equal(null);

    expect(getComputedStyle(staleCard).borderTopLeftRadius).to.equal('0px');
    expect(getComputedStyle(staleCard).backgroundColor).to.equal('rgb(255, 244, 244)');
    expect(getComputedStyle(cardOf(fresh.id)!).backgroundColor).not.to.equal('rgb(255, 244, 244)');
    expect(getComputedStyle(board.shadowRoot!.querySelector('[part~="zone"][data-zone="lost"]')!).fontWeight).to.equal('700');

    // Lift Fresh, carry it past the three open stages onto Won, and drop it there.
    cardOf(fresh.id)!.focus();
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    expect(refused).to.deep.equal([true]);
    expect(cardOf(fresh.id)!.closest<HTMLElement>('[part~="column-body"]')!.dataset.column).to.equal('qualified');
    expect(await storedTitles(storage, 'won')).to.deep.equal([]);
    board.remove();
    link.remove();
  });

  it('groups the board by the region field, one column per option and one for none, most urgent first', async () => {
    const { crm } = await boardCrm(0);
    await defineRegion(crm);
    const eur = { amount: 100_000, currency: 'EUR' };
    const north1 = await crm.deals.create({ title: 'North, later', value: eur, custom: { region: 'north' } });
    const north2 = await crm.deals.create({ title: 'North, overdue', value: eur, custom: { region: 'north' } });
    await crm.deals.create({ title: 'South', value: eur, custom: { region: 'south' } });
    await crm.deals.create({ title: 'Anywhere', value: eur });
    await crm.tasks.schedule({ title: 'Call', dealId: north1.id, due: '2026-11-30' });
    await crm.tasks.schedule({ title: 'Call', dealId: north2.id, due: '2026-11-20' });
    const host = await mountSnippet('/docs/examples/pipeline-board-grouped.html', crm);
    const board = host.querySelector('kith-pipeline-board') as KithPipelineBoard;
    await until(() => titlesIn(board, 'north').length === 2 && titlesIn(board, '').length === 1, 'the grouped columns');
    const headers = [...board.shadowRoot!.querySelectorAll('[part~="column"]')].map((c) => words(c.querySelector('h2, h3, h4, [part~="column-header"]')).split(' ')[0]);
    expect(headers).to.deep.equal(['North', 'South', 'No']);
    expect(titlesIn(board, 'north')).to.deep.equal(['North, overdue', 'North, later']);
    expect(titlesIn(board, 'south')).to.deep.equal(['South']);
    expect(titlesIn(board, '')).to.deep.equal(['Anywhere']);
    host.remove();
  });
});

describe('docs/import-export.md wizard snippet (examples/import-wizard.html)', () => {
  it('imports a CSV chosen in the wizard into the CRM around it', async () => {
    const crm = createCrm({ storage: memoryStorage() });
    const host = await mountSnippet('/docs/examples/import-wizard.html', crm);
    const wizard = host.querySelector('kith-import')!;
    const $ = (s: string) => wizard.shadowRoot!.querySelector<HTMLElement>(s);
    const button = (label: RegExp) => [...wizard.shadowRoot!.querySelectorAll('button')].find((b) => label.test(words(b)));
    await until(() => !!$('input[type="file"]'), 'the first step');
    const input = $('input[type="file"]') as HTMLInputElement;
    const files = new DataTransfer();
    files.items.add(new File(['First name,Email\nAna,ana@example.com\nBo,bo@example.com\n'], 'people.csv', { type: 'text/csv' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await until(() => !!$('[part~="mapping"]'), 'the mapping step');
    for (const step of [/Check the file/, /Import 2 rows/]) {
      await until(() => !!button(step), `the ${step.source} button`);
      button(step)!.click();
    }
    await until(() => !!$('dl[part~="summary"]'), 'the done step');
    expect((await crm.contacts.list()).items.map((c) => c.emails[0]!.value).sort()).to.deep.equal(['ana@example.com', 'bo@example.com']);
    host.remove();
  });
});
