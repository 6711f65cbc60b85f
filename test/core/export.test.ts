// Export of collections and segments, and the round trip: what an export
// writes, an import with the suggested mapping reads back unchanged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testCrm } from './helpers.ts';

async function seeded() {
  const t = testCrm({ defaultCountry: 'US' });
  const { crm } = t;
  const owner = await crm.members.create({ name: 'Maya', email: 'maya@team.example', role: 'rep' });
  await crm.fields.define({ entity: 'contact', key: 'region', label: 'Region', type: 'select', options: [{ value: 'north', label: 'North' }, { value: 'south', label: 'South' }] });
  await crm.fields.define({ entity: 'contact', key: 'budget', label: 'Budget', type: 'money' });
  await crm.fields.define({ entity: 'contact', key: 'vip', label: 'VIP', type: 'boolean' });
  const acme = await crm.companies.create({ name: 'Acme, Inc.', domain: 'acme.com' });
  await crm.contacts.create({
    firstName: 'Ana',
    lastName: 'López "la jefa"',
    emails: [{ value: 'ana@acme.com' }, { value: 'ana@home.example' }],
    phones: [{ value: '+1 209 172 7124' }],
    companyId: acme.id,
    jobTitle: '=HYPERLINK("http://evil")',
    birthday: '1990-02-28',
    lifecycle: 'customer',
    ownerId: owner.id,
    tags: ['vip', 'fair 2026'],
    custom: { region: 'north', budget: { amount: 125050, currency: 'EUR' }, vip: true },
  });
  await crm.contacts.create({ firstName: 'Bo', emails: [{ value: 'bo@example.com' }], lifecycle: 'lead' });
  const deal = await crm.deals.create({ title: 'Site', value: { amount: 500000, currency: 'EUR' }, companyId: acme.id });
  await crm.deals.move(deal.id, 'proposal');
  return t;
}

/** A fresh CRM with the same members and field definitions, as a second installation would have. */
async function twin() {
  const t = testCrm({ defaultCountry: 'US' });
  await t.crm.members.create({ name: 'Maya', email: 'maya@team.example', role: 'rep' });
  await t.crm.fields.define({ entity: 'contact', key: 'region', label: 'Region', type: 'select', options: [{ value: 'north', label: 'North' }, { value: 'south', label: 'South' }] });
  await t.crm.fields.define({ entity: 'contact', key: 'budget', label: 'Budget', type: 'money' });
  await t.crm.fields.define({ entity: 'contact', key: 'vip', label: 'VIP', type: 'boolean' });
  return t;
}

describe('export', () => {
  it('writes CSV in import targets, guarding formula-like cells and quoting', async () => {
    const { crm } = await seeded();
    const csv = await crm.exports.csv({ entity: 'contact' });
    const [header, ana] = csv.split('\r\n');
    assert.equal(header, 'id,firstName,lastName,email,phone,jobTitle,birthday,lifecycle,tags,owner,company,companyDomain,custom.region,custom.budget,custom.vip');
    assert.match(ana!, /,Ana,"López ""la jefa""","ana@acme\.com; ana@home\.example",\+1 209 172 7124,"'=HYPERLINK\(""http:\/\/evil""\)",1990-02-28,customer,"vip; fair 2026",maya@team\.example,"Acme, Inc\.",acme\.com,north,1250\.50 EUR,true$/);
  });

  it('exports a segment only', async () => {
    const { crm } = await seeded();
    const csv = await crm.exports.csv({ entity: 'contact', segment: { entity: 'contact', where: { field: 'lifecycle', op: 'eq', value: 'lead' } } });
    assert.deepEqual(csv.trim().split('\r\n').slice(1).map((l) => l.split(',')[1]), ['Bo']);
    const json = JSON.parse(await crm.exports.json({ entity: 'contact', segment: { entity: 'contact', where: { field: 'tags', op: 'has', value: 'vip' } } }));
    assert.deepEqual(json.map((r: { firstName: string }) => r.firstName), ['Ana']);
  });

  for (const format of ['csv', 'json'] as const) {
    it(`round-trips contacts, companies and deals through ${format} and import`, async () => {
      const a = await seeded();
      const b = await twin();
      for (const entity of ['company', 'contact', 'deal'] as const) {
        const text = await a.crm.exports[format]({ entity });
        const report = await b.crm.imports.run(format === 'csv' ? text : JSON.parse(text), { entity });
        assert.equal(report.failed, 0, JSON.stringify(report.issues));
        assert.deepEqual(Object.entries(report.mapping).filter(([, t]) => t === null), [], 'every exported column maps back by itself');
        assert.equal(await b.crm.exports[format]({ entity }), text, `${entity}: the second export equals the first`);
      }
    });
  }
});
