// CSV import on the shared 10,000-row customer file and on small files that
// pin each rule: mapping, dates, numbers, money, modes, deals, streaming,
// cancel and the dry run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Activity, type Contact, type Deal, type ImportReport, type StoragePort, type StoredRecord } from '@kith/core';
import { z } from 'zod/mini';
import { rejection, snapshot, testCrm } from './helpers.ts';
import { dataset } from '../fixtures/datasets.ts';

const customers = dataset('customers-10000.csv');

/** Rows of the file as plain arrays, split here without the core (quoted commas only; the file has no quoted line breaks). */
function fileRows(): string[][] {
  return customers
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"')));
}

/** A phone as ten NANP digits, by hand: extension and punctuation dropped, a leading 001 or 1 removed. */
const tenDigits = (p: string) => p.replace(/x\d+$/, '').replace(/\D/g, '').replace(/^001(?=\d{10}$)|^1(?=\d{10}$)/, '');

/** Every stored activity, page by page. */
async function allActivities(storage: StoragePort): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (let after: string | undefined; ; ) {
    const page = await storage.query('activities', { limit: 10_000, after });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    after = page.nextCursor;
  }
}

/** The activities the Activity schema refuses: an import writes its "created" activities without parsing them. */
const invalidActivities = (activities: StoredRecord[]) => activities.filter((a) => !z.safeParse(Activity, a).success);

async function customersCrm() {
  const t = testCrm({ defaultCountry: 'US' });
  await t.crm.fields.define({ entity: 'contact', key: 'customerId', label: 'Customer Id', type: 'text' });
  await t.crm.fields.define({ entity: 'contact', key: 'city', label: 'City', type: 'text' });
  await t.crm.fields.define({ entity: 'contact', key: 'country', label: 'Country', type: 'text' });
  await t.crm.fields.define({ entity: 'contact', key: 'subscribed', label: 'Subscription Date', type: 'date' });
  return t;
}

describe('import of the 10,000-row customer file', () => {
  it('suggests every column from its header, custom fields by label', async () => {
    const { crm } = await customersCrm();
    const preview = await crm.imports.preview(customers, { entity: 'contact' });
    assert.deepEqual(preview.suggestions, {
      Index: null,
      'Customer Id': 'custom.customerId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Company: 'company',
      City: 'custom.city',
      Country: 'custom.country',
      'Phone 1': 'phone',
      'Phone 2': 'phone',
      Email: 'email',
      'Subscription Date': 'custom.subscribed',
      Website: 'companyDomain',
    });
    assert.equal(preview.sample[1]![4], 'Horn, Shepard and Watson', 'the quoted comma stays inside the cell');
    assert.deepEqual({ order: preview.dateOrder.order, decidedBy: preview.dateOrder.decidedBy }, { order: 'dmy', decidedBy: 'data' });
  });

  let report: ImportReport;
  it('imports every row, skipping exactly the rows that repeat an earlier email or phone', async () => {
    const { crm } = await customersCrm();
    report = await crm.imports.run(customers, { entity: 'contact' });
    // The repeats, found by hand from the raw cells.
    const seen = new Set<string>();
    let repeats = 0;
    for (const r of fileRows()) {
      const keys = [`e:${r[9]!.toLowerCase()}`, `p:${tenDigits(r[7]!)}`, `p:${tenDigits(r[8]!)}`];
      if (keys.some((k) => seen.has(k))) repeats++;
      else keys.forEach((k) => seen.add(k));
    }
    assert.equal(report.rows, 10_000);
    assert.equal(report.failed, 0);
    assert.equal(report.skipped, repeats);
    assert.equal(report.created, 10_000 - repeats);
    assert.ok(repeats > 0, 'the file has repeats');
    assert.equal(await crm.contacts.count(), report.created);
    assert.equal(report.issues.length, repeats);
    for (const issue of report.issues) {
      assert.equal(issue.code, 'duplicate');
      assert.equal(issue.level, 'warning');
      assert.match(issue.message, /^Same (email|phone) as row \d+: skipped$/);
      assert.ok(issue.column === 'Email' || issue.column?.startsWith('Phone'), issue.column);
    }
    assert.deepEqual({ order: report.dateOrder?.order, decidedBy: report.dateOrder?.decidedBy }, { order: 'dmy', decidedBy: 'data' });
    // Detection reads the first chunk (about 1,500 rows): over half of them have a day past the 12th.
    assert.ok(report.dateOrder!.dayFirstEvidence > 500 && report.dateOrder!.monthFirstEvidence === 0, JSON.stringify(report.dateOrder));
  });

  it('files one "created" activity per record it made, each one a valid activity (the import writes them without parsing them again)', async () => {
    const { crm, storage } = await customersCrm();
    const report = await crm.imports.run(customers, { entity: 'contact' });
    const activities = await allActivities(storage);
    assert.equal(activities.length, report.created + report.companiesCreated);
    assert.deepEqual(invalidActivities(activities), []);
    const companies = activities.filter((a) => a.entity === 'company');
    assert.equal(companies.length, report.companiesCreated);
    assert.ok(companies.every((a) => a.type === 'created' && a.companyId === a.entityId && typeof a.title === 'string' && a.title.length > 0));
    assert.equal(new Set(activities.map((a) => a.id)).size, activities.length, 'every activity has its own id');
  });

  it('normalises the messy cells of a row', async () => {
    const { crm } = await customersCrm();
    await crm.imports.run(customers.split('\n').slice(0, 12).join('\n'), { entity: 'contact' });
    const [kristina] = await crm.contacts.findByEmail('xreese@hall-donovan.com');
    assert.ok(kristina);
    assert.deepEqual(
      kristina.phones.map((p) => [p.value, p.e164]),
      [
        ['932-062-1802', '+19320621802'],
        ['(209)172-7124x3651', '+12091727124'],
      ],
    );
    assert.deepEqual(kristina.custom, { customerId: '10dAcafEBbA5FcA', city: 'Aaronville', country: 'Andorra', subscribed: '2020-04-27' });
    const company = await crm.companies.get(kristina.companyId!);
    assert.deepEqual([company.name, company.domain], ['Horn, Shepard and Watson', 'tyler-pugh.info']);
    assert.deepEqual(kristina.source, { channel: 'import' }, 'an imported customer is not counted as a request waiting for an answer');
    const [who] = await crm.contacts.findByPhone('+1 184 153 9683');
    assert.equal(who?.phones.find((p) => p.value === '001-184-153-9683x1497')?.e164, '+11841539683');
    const timeline = await crm.activities.timeline({ contactId: kristina.id });
    assert.deepEqual(timeline.items.map((a) => a.type), ['created']);
  });

  it('a dry run writes nothing and reports what the real run then does', async () => {
    const { crm, storage } = await customersCrm();
    const before = await snapshot(storage);
    const dry = await crm.imports.run(customers, { entity: 'contact', dryRun: true });
    assert.deepEqual(await snapshot(storage), before);
    assert.equal(dry.dryRun, true);
    const real = await crm.imports.run(customers, { entity: 'contact' });
    assert.deepEqual([dry.created, dry.skipped, dry.failed, dry.companiesCreated, dry.issues], [real.created, real.skipped, real.failed, real.companiesCreated, real.issues]);
  });

  it('a second import of the same file adds nothing in skip-duplicates and changes nothing in update-existing', async () => {
    const { crm } = await customersCrm();
    const head = customers.split('\n').slice(0, 301).join('\n');
    const first = await crm.imports.run(head, { entity: 'contact' });
    const again = await crm.imports.run(head, { entity: 'contact' });
    assert.equal(again.created, 0);
    assert.equal(again.skipped, 300);
    assert.ok(again.issues.every((i) => /as a stored contact/.test(i.message)));
    const update = await crm.imports.run(head, { entity: 'contact', mode: 'update-existing' });
    assert.deepEqual([update.created, update.updated, update.skipped], [0, 0, 300]);
    assert.equal(await crm.contacts.count(), first.created);
  });
});

describe('import rules on small files', () => {
  it('reads month-first dates when the data says so, and reports an undecided file', async () => {
    const { crm } = testCrm();
    const mdy = await crm.imports.run('Name,Birthday\nAna Lee,3/1/2017\nBo Chan,12/25/1990\n', { entity: 'contact', dryRun: true });
    assert.equal(mdy.dateOrder?.order, 'mdy');
    assert.equal(mdy.dateOrder?.monthFirstEvidence, 1);
    await crm.imports.run('Name,Birthday\nAna Lee,3/1/2017\nBo Chan,12/25/1990\n', { entity: 'contact' });
    const [ana] = (await crm.contacts.list()).items.filter((c) => c.firstName === 'Ana');
    assert.equal(ana?.birthday, '2017-03-01');

    const undecided = await crm.imports.run('Name,Birthday\nCy Park,3/1/2017\nDi Moss,2016-10-20\n', { entity: 'contact', dryRun: true });
    assert.deepEqual([undecided.dateOrder?.order, undecided.dateOrder?.decidedBy], ['dmy', 'default']);
    const us = await crm.imports.run('Name,Birthday\nCy Park,3/1/2017\n', { entity: 'contact', dryRun: true, locale: 'en-US' });
    assert.deepEqual([us.dateOrder?.order, us.dateOrder?.decidedBy], ['mdy', 'default']);
    const forced = await crm.imports.run('Name,Birthday\nCy Park,26-08-2020\n', { entity: 'contact', dryRun: true, dateOrder: 'mdy' });
    assert.equal(forced.failed, 1);
    assert.deepEqual(pick(forced.issues[0]!), { row: 2, column: 'Birthday', code: 'invalid_date', value: '26-08-2020' });
  });

  it('reads numbers and money with either decimal mark, with a currency column or a default', async () => {
    const { crm } = testCrm();
    const comma = 'Deal;Amount;Currency\nA;1.234,56;EUR\nB;99,5;EUR\nC;12;JPY\n';
    const report = await crm.imports.run(comma, { entity: 'deal' });
    assert.equal(report.decimalMark?.mark, ',');
    assert.equal(report.failed, 0);
    const deals = (await crm.deals.list()).items as Deal[];
    assert.deepEqual(deals.map((d) => [d.title, d.value.amount, d.value.currency]).sort(), [
      ['A', 123456, 'EUR'],
      ['B', 9950, 'EUR'],
      ['C', 12, 'JPY'],
    ]);
    const dot = await crm.imports.run('Deal,Amount\nD,"1,234.50"\nE,€7.25\n', { entity: 'deal', currency: 'usd' });
    assert.equal(dot.decimalMark?.mark, '.');
    const byTitle = Object.fromEntries(((await crm.deals.list()).items as Deal[]).map((d) => [d.title, d.value]));
    assert.deepEqual(byTitle.D, { amount: 123450, currency: 'USD' });
    assert.deepEqual(byTitle.E, { amount: 725, currency: 'EUR' });
    const none = await crm.imports.run('Deal,Amount\nF,10\n', { entity: 'deal' });
    assert.deepEqual(pick(none.issues[0]!), { row: 2, column: 'Amount', code: 'missing_currency', value: '10' });
  });

  it('maps deals to stages by name and makes missing stages only when asked', async () => {
    const { crm, storage } = testCrm();
    const ana = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }] });
    const file = 'Title,Value,Stage,Contact email,Lost reason\nSite,100,proposal,ANA@example.com,\nApp,200,Discovery,,\nOld,50,Lost,,\nOlder,50,Lost,,Price\n';
    const strict = await crm.imports.run(file, { entity: 'deal', currency: 'EUR' });
    assert.deepEqual([strict.created, strict.failed], [2, 2]);
    assert.deepEqual(strict.issues.map(pick), [
      { row: 3, column: 'Stage', code: 'unknown_stage', value: 'Discovery' },
      { row: 4, column: 'Stage', code: 'lost_reason_required' },
    ]);
    const deals = (await crm.deals.list()).items as Deal[];
    const site = deals.find((d) => d.title === 'Site')!;
    assert.deepEqual([site.stageId, site.contactIds], ['proposal', [ana.id]]);
    assert.equal(deals.find((d) => d.title === 'Older')?.status, 'lost');

    const lenient = await crm.imports.run(file, { entity: 'deal', currency: 'EUR', createMissingStages: true });
    assert.deepEqual(lenient.stagesCreated, ['Discovery']);
    const pipeline = await crm.pipelines.get('default');
    assert.deepEqual(pipeline.stages.map((s) => s.name), ['Qualified', 'Proposal', 'Negotiation', 'Discovery', 'Won', 'Lost']);
    assert.equal(((await crm.deals.list()).items as Deal[]).find((d) => d.title === 'App')?.stageId, 'discovery');
    const activities = await allActivities(storage);
    assert.ok(activities.some((a) => a.type === 'created' && a.entity === 'deal' && a.title === 'App'), 'the imported deal has its "created" activity');
    assert.deepEqual(invalidActivities(activities), []);
  });

  it('files schema errors under their column and keeps the rest of the file', async () => {
    const { crm } = testCrm();
    const report = await crm.imports.run('First name,E-mail,Телефон\nAna,not-an-email,+995 555 12 34 56\nBo,bo@example.com,12\n,,\nCy,cy@example.com,\n', { entity: 'contact' });
    assert.equal(report.created, 1);
    assert.equal(report.failed, 2);
    // '12' is both too short and has fewer than three digits: two issues, one cell.
    assert.deepEqual(report.issues.map((i) => [i.row, i.column, i.level]), [
      [2, 'E-mail', 'error'],
      [3, 'Телефон', 'error'],
      [3, 'Телефон', 'error'],
    ]);
    assert.match(report.issues[0]!.message, /emails\.0\.value/);
    assert.equal(await crm.contacts.count(), 1);
  });

  it('refuses a mapping to a target that does not exist before reading a row', async () => {
    const { crm, storage } = testCrm();
    const before = await snapshot(storage);
    const error = await rejection(crm.imports.run('Name,Shoe size\nAna,38\n', { entity: 'contact', mapping: { 'Shoe size': 'custom.shoe' } }));
    assert.equal(error.name, 'ValidationError');
    assert.deepEqual(error.issues?.map((i) => i.path), [['mapping', 'Shoe size']]);
    const twice = await rejection(crm.imports.run('A,B\nx,y\n', { entity: 'contact', mapping: { A: 'firstName', B: 'firstName' } }));
    assert.deepEqual(twice.issues?.map((i) => i.path), [['mapping', 'B']]);
    assert.deepEqual(await snapshot(storage), before);
  });

  it('create-only creates a duplicate with a warning; update-existing fills the stored record; both also see earlier rows', async () => {
    const { crm } = testCrm();
    const ana = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }] });
    const file = 'First name,Last name,Email,Job title\nAna,Lee,ana@example.com,CEO\nBo,Chan,bo@example.com,\nBo,Chan,BO@example.com,CTO\n';
    const createOnly = await crm.imports.run(file, { entity: 'contact', mode: 'create-only', dryRun: true });
    assert.deepEqual([createOnly.created, createOnly.skipped], [3, 0]);
    assert.deepEqual(createOnly.issues.map((i) => [i.row, i.code, i.message]), [
      [2, 'possible_duplicate', 'Same email as a stored contact: created anyway (create-only); find it with duplicates.find'],
      [4, 'possible_duplicate', 'Same email as row 3: created anyway (create-only); find it with duplicates.find'],
    ]);
    const update = await crm.imports.run(file, { entity: 'contact', mode: 'update-existing' });
    assert.deepEqual([update.created, update.updated], [1, 2]);
    const stored = await crm.contacts.get(ana.id);
    assert.deepEqual([stored.lastName, stored.jobTitle], ['Lee', 'CEO']);
    const [bo] = await crm.contacts.findByEmail('bo@example.com');
    assert.equal(bo?.jobTitle, 'CTO');
    assert.equal(await crm.contacts.count(), 2);
    const changes = (await crm.activities.timeline({ contactId: ana.id })).items.filter((a) => a.type === 'fields-changed');
    assert.equal(changes.length, 1, 'the update is on the timeline');
  });

  it('companies match by domain, then by name without legal suffix', async () => {
    const { crm } = testCrm();
    await crm.companies.create({ name: 'Acme Inc.', domain: 'acme.com' });
    const report = await crm.imports.run('Company,Website\nACME,\nGlobex LLC,https://www.globex.com/about\nGlobex,globex.com\n', { entity: 'company' });
    assert.deepEqual([report.created, report.skipped], [1, 2]);
    assert.deepEqual(report.issues.map((i) => i.message), ['Same name as a stored company: skipped', 'Same domain as row 3: skipped']);
    const globex = (await crm.companies.list()).items.find((c) => c.name === 'Globex LLC');
    assert.equal(globex?.domain, 'globex.com');
  });

  it('streams: a file read from bytes in odd-sized pieces gives the same result as the string', async () => {
    const text = customers.split('\n').slice(0, 400).join('\n').replace('Horn, Shepard and Watson', '"Horn, Shepard\nand ""Watson"""'.slice(1, -1));
    const bytes = new TextEncoder().encode(`\ufeff${text}`);
    async function* pieces() {
      for (let i = 0; i < bytes.length; i += 777) yield bytes.slice(i, i + 777);
    }
    const a = testCrm({ defaultCountry: 'US' });
    const b = testCrm({ defaultCountry: 'US' });
    const fromString = await a.crm.imports.run(text, { entity: 'contact', batchSize: 50 });
    const fromBytes = await b.crm.imports.run(pieces(), { entity: 'contact', batchSize: 50 });
    assert.deepEqual(fromBytes.headers, fromString.headers, 'the byte-order mark is not part of the first header');
    assert.deepEqual([fromBytes.created, fromBytes.skipped, fromBytes.failed], [fromString.created, fromString.skipped, fromString.failed]);
    const names = async (crm: typeof a.crm) => (await crm.companies.list({ limit: 1000 })).items.map((c) => c.name).sort();
    assert.deepEqual(await names(b.crm), await names(a.crm));
    assert.ok((await names(b.crm)).includes('Horn, Shepard\nand "Watson"'), 'a quoted line break and escaped quotes survive the cut');
  });

  it('reports progress and stops between batches when cancelled; what went in is whole', async () => {
    const { crm } = testCrm({ defaultCountry: 'US' });
    const controller = new AbortController();
    const seen: number[] = [];
    const report = await crm.imports.run(customers.split('\n').slice(0, 1001).join('\n'), {
      entity: 'contact',
      batchSize: 100,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.rows);
        if (p.rows >= 300) controller.abort();
      },
    });
    assert.equal(report.cancelled, true);
    assert.deepEqual(seen, [100, 200, 300]);
    assert.equal(report.rows, 300);
    assert.equal(await crm.contacts.count(), report.created);
    const activities = await crm.storage.count('activities', [{ field: 'entity', op: 'eq', value: 'contact' }]);
    assert.equal(activities, report.created, 'each contact has its created activity');
  });

  it('a batch refused by storage is retried row by row, and only the conflicting row fails', async () => {
    const { crm } = testCrm();
    const ana = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }] });
    let edited = false;
    const original = crm.storage.batch.bind(crm.storage);
    crm.storage.batch = async (ops) => {
      // Someone edits Ana between the import's read and its write.
      if (!edited && ops.some((o) => o.type === 'put' && o.record.id === ana.id)) {
        edited = true;
        await crm.contacts.update(ana.id, { jobTitle: 'Founder' });
      }
      return original(ops);
    };
    const report = await crm.imports.run('Email,Job title\nana@example.com,CEO\nbo@example.com,CTO\n', { entity: 'contact', mode: 'update-existing' });
    assert.deepEqual([report.created, report.updated, report.failed], [1, 0, 1]);
    assert.deepEqual(pick(report.issues[0]!), { row: 2, code: 'conflict' });
    assert.equal((await crm.contacts.get(ana.id)).jobTitle, 'Founder');
  });

  it('imports JSON rows, lists joined', async () => {
    const { crm } = testCrm();
    const report = await crm.imports.run([{ firstName: 'Ana', email: ['ana@a.com', 'ana@b.com'], tags: ['vip', 'fair'] }], { entity: 'contact' });
    assert.equal(report.created, 1);
    const [ana] = await crm.contacts.findByEmail('ana@b.com');
    assert.deepEqual([ana?.emails.length, ana?.tags], [2, ['vip', 'fair']]);
  });
});

function pick(i: { row: number; column?: string; code: string; value?: string }) {
  return Object.fromEntries(Object.entries({ row: i.row, column: i.column, code: i.code, value: i.value }).filter(([, v]) => v !== undefined));
}

export type { Contact };
