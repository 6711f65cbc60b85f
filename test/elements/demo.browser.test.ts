// The demo app (`npm start`) in Chromium on real IndexedDB: the welcome offer,
// the sample data, every screen with content, a lead from the landing page
// showing up in the CRM, and the data surviving a reload.
import { expect } from '@open-wc/testing';
import type { Crm } from '@kith/core';
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import '@kith/elements/define-all.js';
import { DemoApp, routeOf } from '../../demo/app.ts';
import { connectLanding } from '../../demo/landing-page.ts';
import { demoCrm, openDemoStorage } from '../../demo/storage.ts';
import { until } from '../waiting.ts';

const SAMPLE_CSV = '/demo/public/samples/customers.csv';

/** The page's `<kith-crm>` and the app's root inside it, as demo/index.html has them. */
function mountShell(crm: Crm): HTMLElement {
  const provider = document.createElement('kith-crm') as HTMLElement & { crm: Crm };
  provider.crm = crm;
  const root = document.createElement('div');
  provider.append(root);
  document.body.append(provider);
  return root;
}

/** A location whose hash the test moves, announcing it as the browser would. */
function fakeLocation() {
  const location = { hash: '#/contacts' };
  return {
    location,
    go(hash: string) {
      location.hash = hash;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    },
  };
}

/** The app as demo/main.ts starts it, on `crm`, at #/contacts. */
async function startApp(crm: Crm, storageLabel: string): Promise<{ app: DemoApp; nav: ReturnType<typeof fakeLocation> }> {
  const nav = fakeLocation();
  const app = new DemoApp(mountShell(crm), crm, { storageLabel, sampleCsvUrl: SAMPLE_CSV }, nav.location);
  await app.start();
  return { app, nav };
}

/** Stops the app and closes its storage. */
async function stopApp(app: DemoApp, crm: Crm): Promise<void> {
  app.stop();
  document.querySelectorAll('kith-crm').forEach((e) => e.remove());
  await crm.close();
}

/** The sample landing page's markup (demo/landing.html's <main>), in this page, with a lead typed in. */
async function landingWithLead(name: string, email: string): Promise<HTMLElement> {
  const page = await (await fetch('/demo/landing.html')).text();
  const markup = new DOMParser().parseFromString(page, 'text/html').querySelector('main')!;
  const landing = document.createElement('div');
  landing.append(document.importNode(markup, true));
  document.body.append(landing);
  const field = (n: string) => landing.querySelector<HTMLInputElement>(`[name="${n}"]`)!;
  field('name').value = name;
  field('email').value = email;
  field('consent').checked = true;
  return landing;
}

const inShadow = (host: Element | null, selector: string) => host?.shadowRoot?.querySelector(selector) ?? null;

describe('the demo app', function () {
  // Loading six months of sample data into IndexedDB takes a few seconds.
  this.timeout(60_000);
  const name = `kith-demo-test-${Date.now()}`;
  let crm: Crm;
  let app: DemoApp;
  let nav: ReturnType<typeof fakeLocation>;

  before(async () => {
    crm = demoCrm(indexedDbStorage({ name }));
    ({ app, nav } = await startApp(crm, 'this browser'));
  });

  after(async () => {
    await stopApp(app, crm);
    indexedDB.deleteDatabase(name);
  });

  it('reads routes from the hash, unknown ones as the contacts list', () => {
    expect(routeOf('#/contacts/c-1')).to.deep.equal({ name: 'contact', id: 'c-1' });
    expect(routeOf('#/kpis')).to.deep.equal({ name: 'kpis' });
    expect(routeOf('#/nowhere')).to.deep.equal({ name: 'contacts' });
    expect(routeOf('')).to.deep.equal({ name: 'contacts' });
  });

  it('on empty storage offers the sample data, then loads it with progress and lists the contacts', async () => {
    const offer = app.root.querySelector<HTMLButtonElement>('.welcome button.primary');
    expect(offer?.textContent).to.equal('Load sample data');
    await expect(app.root).to.be.accessible();
    offer!.click();
    await until(() => !!app.root.querySelector('progress'), 'the progress bar');
    await until(() => !app.root.querySelector('.welcome') && app.root.querySelectorAll('tbody tr').length === 50, 'the first page of contacts');
    expect(await crm.contacts.count()).to.be.greaterThan(2000);
    expect(app.root.querySelector('button')?.textContent).to.equal('Show more');
    await expect(app.root).to.be.accessible();
  });

  it('searches by name and by phone, and picks a saved segment', async () => {
    const search = app.root.querySelector<HTMLInputElement>('input[type="search"]')!;
    const names = () => [...app.root.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent!.trim());
    search.value = 'callahan';
    search.dispatchEvent(new Event('input'));
    await until(() => names().length > 0 && names().every((n) => n.includes('Callahan')), 'the search result');
    expect(names()).to.include('Heather Callahan');
    search.value = '(209) 172-7124';
    search.dispatchEvent(new Event('input'));
    await until(() => names().join() === 'Kristina Ferrell', 'the phone search');
    search.value = '';
    search.dispatchEvent(new Event('input'));
    const segment = app.root.querySelector<HTMLSelectElement>('select[name="segment"]')!;
    expect([...segment.options].map((o) => o.text)).to.deep.equal(['All contacts', 'Birthday this week', 'Customers', 'Leads from paid ads', 'Open deal, quiet for 14 days']);
    segment.value = [...segment.options].find((o) => o.text === 'Birthday this week')!.value;
    segment.dispatchEvent(new Event('change'));
    await until(() => names().length === 2, 'the birthday segment');
    segment.value = '';
    segment.dispatchEvent(new Event('change'));
    await until(() => names().length === 50, 'all contacts again');
  });

  it('opens a contact page with its card, timeline and open tasks', async () => {
    const link = app.root.querySelector<HTMLAnchorElement>('tbody a')!;
    nav.go(link.getAttribute('href')!);
    const card = app.root.querySelector('kith-contact-card');
    const timeline = app.root.querySelector('kith-timeline');
    expect(card?.getAttribute('contact-id')).to.equal(routeOf(link.getAttribute('href')!).name === 'contact' ? (routeOf(link.getAttribute('href')!) as { id: string }).id : '');
    await until(() => inShadow(card, '[part~="name"]')?.textContent?.trim() === link.textContent!.trim(), 'the card');
    // The feed is virtualised: it draws the entries that are on screen. The card and
    // the task list above it grow as they load, so it is scrolled to until it draws.
    await until(() => (timeline!.scrollIntoView(), (timeline?.shadowRoot?.querySelectorAll('[part~="entry"]').length ?? 0) > 0), 'the timeline');
    expect(document.activeElement?.tagName).to.equal('H2', 'focus moves to the new screen');

    // A customer with an open task: the page lists it, whoever holds it.
    const open = (await crm.tasks.list({ where: [{ field: 'completedAt', op: 'exists', value: false }], limit: 200 })).items;
    const task = open.find((t) => t.contactId)!;
    nav.go(`#/contacts/${task.contactId}`);
    const tasks = app.root.querySelector('kith-task-list')!;
    expect(tasks.getAttribute('contact-id')).to.equal(task.contactId);
    await until(() => !!tasks.shadowRoot?.querySelector(`[data-task="${task.id}"]`), "the customer's open task");
  });

  it('shows the board, the tasks, the reports and the import wizard with the sample data', async () => {
    nav.go('#/board');
    const board = app.root.querySelector('kith-pipeline-board')!;
    await until(() => (board.shadowRoot?.querySelectorAll('[part~="card"]').length ?? 0) > 5, 'deal cards');
    nav.go('#/tasks');
    const tasks = app.root.querySelector('kith-task-list')!;
    await until(() => (tasks.shadowRoot?.querySelectorAll('[part~="task"]').length ?? 0) > 0, 'tasks');
    expect(tasks.shadowRoot!.textContent).to.contain('Call back about the proposal');
    nav.go('#/kpis');
    const kpis = app.root.querySelector('kith-kpi-board')!;
    await until(() => (kpis.shadowRoot?.querySelectorAll('[part~="tile"]').length ?? 0) > 3, 'KPI tiles');
    expect(kpis.shadowRoot!.textContent).to.contain('Paid ads');
    nav.go('#/import');
    const wizard = app.root.querySelector('kith-import')!;
    await until(() => !!wizard.shadowRoot?.querySelector('input[type="file"]'), 'the file picker');
  });

  it('a lead sent from the landing page shows up in the contacts list', async () => {
    const landing = await landingWithLead('Zuri Wambui', 'zuri@example.org');
    // The landing page opens its own connection to the database, as another tab would.
    const visitor = connectLanding(landing, 'indexeddb', { origin: location.origin, search: '' }, demoCrm(indexedDbStorage({ name })))!;
    const leadForm = landing.querySelector('kith-lead-form') as HTMLElement & { minFillMs: number; updateComplete: Promise<boolean> };
    leadForm.minFillMs = 0;
    await leadForm.updateComplete;
    nav.go('#/contacts');
    landing.querySelector('button')!.click();
    await until(() => leadForm.getAttribute('state') === 'sent', 'the lead to be sent');
    await until(() => [...app.root.querySelectorAll('tbody a')].some((a) => a.textContent === 'Zuri Wambui'), 'the lead in the list');
    const [zuri] = await crm.contacts.findByEmail('zuri@example.org');
    expect(zuri?.tags).to.deep.equal(['spring-promo']);
    landing.remove();
    await visitor.close();
  });

  it('keeps the data across a reload: a new app on the same database opens on the list', async () => {
    await stopApp(app, crm);
    crm = demoCrm(indexedDbStorage({ name }));
    ({ app, nav } = await startApp(crm, 'this browser'));
    expect(app.root.querySelector('.welcome')).to.equal(null);
    await until(() => app.root.querySelectorAll('tbody tr').length === 50, 'the stored contacts');
  });
});

describe('the demo app on the reference server (the Data switch)', function () {
  // Six months of sample data over HTTP take several seconds more than on IndexedDB.
  this.timeout(120_000);
  let crm: Crm;
  let app: DemoApp;
  let nav: ReturnType<typeof fakeLocation>;

  before(async () => {
    // The storage the switch opens: restStorage on this origin's /kith, which the test
    // server mounts as the Vite dev server does (an empty reference server).
    crm = demoCrm(openDemoStorage('server', location.origin));
    ({ app, nav } = await startApp(crm, 'the reference server'));
  });

  after(() => stopApp(app, crm));

  it('loads the sample data onto the server, where a second client sees it, and shows the reports', async () => {
    const offer = app.root.querySelector<HTMLButtonElement>('.welcome button.primary');
    expect(app.root.querySelector('.welcome')?.textContent).to.contain('the reference server');
    offer!.click();
    // About 10 s here (the seed writes through HTTP): up to a minute before it fails.
    await until(() => !app.root.querySelector('.welcome') && app.root.querySelectorAll('tbody tr').length === 50, 'the first page of contacts', 3000);
    const other = demoCrm(openDemoStorage('server', location.origin));
    expect(await other.contacts.count()).to.equal(await crm.contacts.count());
    expect(await other.contacts.count()).to.be.greaterThan(2000);
    await other.close();
    nav.go('#/kpis');
    const kpis = app.root.querySelector('kith-kpi-board')!;
    await until(() => (kpis.shadowRoot?.textContent ?? '').includes('Paid ads'), 'the sources chart');
  });

  it("a lead posted from the landing page to the server's public route shows up in the list", async () => {
    const landing = await landingWithLead('Baraka Odhiambo', 'baraka@example.org');
    expect(connectLanding(landing, 'server', { origin: location.origin, search: '?storage=server' })).to.equal(undefined);
    const leadForm = landing.querySelector('kith-lead-form') as HTMLElement & { endpoint: string; updateComplete: Promise<boolean> };
    expect(leadForm.endpoint).to.equal(`${location.origin}/kith`);
    await leadForm.updateComplete;
    nav.go('#/contacts');
    // The form waits out the server's minimum fill time (3 s) before it posts.
    landing.querySelector('button')!.click();
    await until(() => leadForm.getAttribute('state') === 'sent', 'the lead to be sent', 400);
    await until(() => [...app.root.querySelectorAll('tbody a')].some((a) => a.textContent === 'Baraka Odhiambo'), 'the lead in the list, through the change feed');
    const [baraka] = await crm.contacts.findByEmail('baraka@example.org');
    expect(baraka?.tags).to.deep.equal(['spring-promo']);
    landing.remove();
  });
});
