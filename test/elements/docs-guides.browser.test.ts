// The theming and i18n guides' examples, applied to real elements in Chromium.
import { expect } from '@open-wc/testing';
import { createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { registerTranslation, translationFor, type KithLifecycleBadge, type KithPipelineBoard } from '@kith/elements';
import '@kith/elements/define-all.js';
import { registerAgencyWords } from '../../docs/examples/i18n.ts';
import { timelineExample } from '../../docs/examples/timeline.ts';
import { until } from '../waiting.ts';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

describe('docs/theming.md example (examples/theme.css)', () => {
  it('tokens, element properties and parts reach inside the elements', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/docs/examples/theme.css';
    const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
    document.head.append(link);
    await loaded;
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

    const page = new DOMParser().parseFromString(await (await fetch('/docs/examples/timeline.html')).text(), 'text/html');
    const host = document.createElement('div');
    host.append(document.importNode(page.querySelector('kith-crm')!, true));
    document.body.append(host);
    host.querySelector('kith-timeline')!.setAttribute('ref-id', acme.id);
    (host.querySelector('kith-crm') as HTMLElement & { crm: typeof crm }).crm = crm;
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
