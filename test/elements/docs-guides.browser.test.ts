// The theming and i18n guides' examples, applied to real elements in Chromium.
import { expect } from '@open-wc/testing';
import { createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { registerTranslation, translationFor, type KithLifecycleBadge, type KithPipelineBoard } from '@kith/elements';
import '@kith/elements/define-all.js';
import { registerAgencyWords } from '../../docs/examples/i18n.ts';
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
