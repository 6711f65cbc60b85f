import { expect } from '@open-wc/testing';
import { createCrm, type Crm, type ImportReport, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html, render } from 'lit';
import '@kith/elements/import/define.js';
import type { KithImport } from '@kith/elements';
import { until } from '../waiting.js';

const FILE = ['Имя,Фамилия,Телефон,Correu electrònic,Birthday', 'Ана,Лопес,+995 555 12 34 56,ana@example.com,26-08-1990', 'Бо,Чан,,not-an-email,03-01-1985', 'Ана,Лопес,,ANA@example.com,', 'Cy,Park,+1 209 172 7124,cy@example.com,'].join('\n');

async function mount(crm: Crm, lang = 'en'): Promise<KithImport> {
  const host = document.createElement('div');
  host.lang = lang;
  document.body.append(host);
  render(html`<kith-import .crm=${crm}></kith-import>`, host);
  const el = host.firstElementChild as KithImport;
  await el.updateComplete;
  return el;
}

const $ = (el: KithImport, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: KithImport, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const words = (n: Element | null) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The done step's counts as "Created: 2" lines. */
const counts = (el: KithImport) => $$(el, 'dl[part~="summary"] div').map((d) => `${words(d.querySelector('dt'))}: ${words(d.querySelector('dd'))}`).join(', ');

async function choose(el: KithImport, text: string, name = 'people.csv') {
  const input = $(el, 'input[type="file"]') as HTMLInputElement;
  const dt = new DataTransfer();
  dt.items.add(new File([text], name, { type: 'text/csv' }));
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
  await until(() => !!$(el, '[part~="mapping"]') || !!$(el, '[part~="error"]'), 'the mapping step');
  if ($(el, '[part~="error"]')) throw new Error(words($(el, '[part~="error"]')));
}

const click = async (el: KithImport, label: RegExp) => {
  const button = $$(el, 'button').find((b) => label.test(words(b)));
  if (!button) throw new Error(`no button ${label}`);
  button.click();
  await el.updateComplete;
};

describe('<kith-import>', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('kith-import')) el.parentElement?.remove();
  });

  it('maps columns from their headers, checks every row, imports, and offers the error report', async () => {
    const crm = createCrm({ storage: memoryStorage() });
    const el = await mount(crm);
    await expect(el).to.be.accessible();
    await choose(el, FILE);
    const targets = $$(el, '[part~="mapping"] select').map((s) => (s as HTMLSelectElement).value);
    expect(targets).to.deep.equal(['firstName', 'lastName', 'phone', 'email', 'birthday']);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="heading"]'), 'the new step heading has focus');
    expect(words($(el, '[part~="heading"]'))).to.contain('Match the columns');
    expect((($(el, 'select[aria-describedby="date-found"]') as HTMLSelectElement).value)).to.equal('dmy');
    await expect(el).to.be.accessible();

    await click(el, /Check the file/);
    await until(() => !!$(el, '[part~="summary"]'), 'the check');
    expect(words($(el, '[part~="summary"]'))).to.equal('2 new records 0 updates 1 row skipped 1 row with errors (left out)');
    const issueRows = $$(el, '[part~="issues"] tbody tr').map((r) => words(r));
    expect(issueRows[0]).to.match(/^3 Correu electrònic emails\.0\.value/);
    expect(issueRows[1]).to.equal('4 Correu electrònic Same email as row 2: skipped');
    expect(await crm.contacts.count()).to.equal(0, 'the check wrote nothing');
    await expect(el).to.be.accessible();

    let finished: ImportReport | undefined;
    el.addEventListener('kith-import-finished', (e) => (finished = e.detail.report));
    await click(el, /Import 2 rows/);
    await until(() => !!$(el, 'dl[part~="summary"]'), 'the summary');
    expect(counts(el)).to.equal('Created: 2, Updated: 0, Skipped: 1, Failed: 1');
    expect(finished?.created).to.equal(2);
    expect(await crm.contacts.count()).to.equal(2);
    const link = $(el, '[part~="download"]') as HTMLAnchorElement;
    expect(link.download).to.equal('import-errors.csv');
    const report = await (await fetch(link.href)).text();
    expect(report.split('\r\n')[0]).to.equal('row,column,level,code,message,value');
    expect(report).to.contain('4,Correu electrònic,warning,duplicate');
    expect(words($(el, '[part~="status"]'))).to.equal('Imported 2 rows.');
    await expect(el).to.be.accessible();
  });

  it('runs with a progress bar and stops on Cancel between batches', async () => {
    const base = memoryStorage();
    let release: () => void = () => {};
    let batches = 0;
    const gated: StoragePort = {
      ...base,
      name: 'gated',
      get: base.get.bind(base),
      query: base.query.bind(base),
      count: base.count.bind(base),
      subscribe: base.subscribe.bind(base),
      close: base.close.bind(base),
      // The second batch waits until the test has pressed Cancel.
      batch: async (ops) => {
        if (++batches === 2) await new Promise<void>((r) => (release = r));
        return base.batch(ops);
      },
    };
    const crm = createCrm({ storage: gated });
    const el = await mount(crm);
    const rows = Array.from({ length: 2000 }, (_, i) => `Person${i},p${i}@example.com`);
    await choose(el, ['Name,Email', ...rows].join('\n'));
    await click(el, /Check the file/);
    await until(() => !!$(el, '[part~="summary"]'), 'the check');
    await click(el, /Import 2,000 rows/);
    await until(() => batches === 2 && !!$(el, 'progress'), 'the second batch');
    const bar = $(el, 'progress') as HTMLProgressElement;
    expect(bar.value).to.be.greaterThan(0);
    expect(words($(el, '[part~="status"]'))).to.equal('500 rows done');
    await expect(el).to.be.accessible();
    await click(el, /Cancel/);
    release();
    await until(() => !!$(el, 'dl[part~="summary"]'), 'the summary');
    expect(counts(el)).to.equal('Created: 1000, Updated: 0, Skipped: 0, Failed: 0');
    expect(words(el.shadowRoot!.querySelector('[part~="base"]'))).to.contain('Cancelled: the rows above were imported');
    expect(await crm.contacts.count()).to.equal(1000);
  });

  it('speaks Russian', async () => {
    const crm = createCrm({ storage: memoryStorage() });
    const el = await mount(crm, 'ru');
    expect(words($(el, '[part~="heading"]'))).to.equal('Импорт из таблицы: Выберите файл');
    await choose(el, FILE);
    expect(words($(el, '[part~="step"]'))).to.equal('Шаг 2 из 5');
  });
});
