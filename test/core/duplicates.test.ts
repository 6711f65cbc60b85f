// Duplicate search under host rules, the cross-kind check, and merge: its dry
// run, field choices, relinking, the merged activity, and a property test
// that no activity is ever lost.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Contact, MergeInput } from '@kith/core';
import { rejection, snapshot, testCrm } from './helpers.ts';

async function people() {
  const t = testCrm({ defaultCountry: 'US' });
  const { crm } = t;
  const acme = await crm.companies.create({ name: 'Acme Inc', domain: 'acme.com' });
  const acme2 = await crm.companies.create({ name: 'ACME, Inc.', domain: 'acme.com' });
  const globex = await crm.companies.create({ name: 'Globex Corporation' });
  const globex2 = await crm.companies.create({ name: 'Globex Corp' });
  const ana = await crm.contacts.create({ firstName: 'Ana', lastName: 'López', emails: [{ value: 'ana@acme.com' }], companyId: acme.id, jobTitle: 'CEO', lifecycle: 'lead' });
  const ana2 = await crm.contacts.create({ firstName: 'ana', lastName: 'Lopez', phones: [{ value: '(209) 172-7124' }], companyId: acme.id, jobTitle: 'Founder', lifecycle: 'customer' });
  const ana3 = await crm.contacts.create({ firstName: 'A.', emails: [{ value: 'ANA@Acme.com' }], phones: [{ value: '+1 209 172 7124' }], tags: ['fair'] });
  const bo = await crm.contacts.create({ firstName: 'Bo', lastName: 'Chan', emails: [{ value: 'bo@acme.com' }], companyId: acme.id });
  return { ...t, ids: { acme: acme.id, acme2: acme2.id, globex: globex.id, globex2: globex2.id, ana: ana.id, ana2: ana2.id, ana3: ana3.id, bo: bo.id } };
}

describe('duplicates.find', () => {
  it('groups contacts by email, phone and similar name at one company, with every reason', async () => {
    const { crm, ids } = await people();
    const groups = await crm.duplicates.find({ entity: 'contact' });
    assert.equal(groups.length, 1);
    assert.deepEqual(new Set(groups[0]!.ids), new Set([ids.ana, ids.ana2, ids.ana3]));
    assert.deepEqual(groups[0]!.reasons.map((r) => [r.rule, r.value]).sort(), [
      ['email', 'ana@acme.com'],
      ['name-company', 'Ana López ~ ana Lopez'],
      ['phone', '+12091727124'],
    ]);
    assert.equal(groups[0]!.reasons.find((r) => r.rule === 'name-company')?.similarity, 1);
  });

  it('groups companies by domain and by name without legal suffix', async () => {
    const { crm, ids } = await people();
    const groups = await crm.duplicates.find({ entity: 'company' });
    assert.deepEqual(groups.map((g) => new Set(g.ids)), [new Set([ids.acme, ids.acme2]), new Set([ids.globex, ids.globex2])]);
    assert.deepEqual(groups[0]!.reasons.map((r) => r.rule).sort(), ['company-name', 'domain']);
  });

  it('follows the host rules: email only finds fewer', async () => {
    const { crm, ids } = await people();
    const groups = await crm.duplicates.find({ entity: 'contact', rules: [{ kind: 'email' }] });
    assert.deepEqual(groups.map((g) => new Set(g.ids)), [new Set([ids.ana, ids.ana3])]);
    const strict = await crm.duplicates.find({ entity: 'contact', rules: [{ kind: 'name-company', minSimilarity: 0.99 }] });
    assert.deepEqual(strict.map((g) => g.reasons[0]!.rule), ['name-company'], '"López" and "Lopez" compare equal without accents');
  });

  it('checks a new lead against contacts and companies alike', async () => {
    const { crm, ids } = await people();
    const matches = await crm.duplicates.check({ email: 'someone.new@acme.com', firstName: 'Bo', lastName: 'Chan', company: 'Acme' });
    assert.deepEqual(
      matches.map((m) => [m.entity, m.record.id, m.reasons]),
      [
        ['contact', ids.bo, ['name']],
        ['company', ids.acme, ['domain', 'name']],
        ['company', ids.acme2, ['domain', 'name']],
      ],
    );
  });
});

describe('duplicates.merge', () => {
  it('a dry run shows the result and the conflicts and writes nothing', async () => {
    const { crm, storage, ids } = await people();
    const before = await snapshot(storage);
    const plan = await crm.duplicates.merge({ entity: 'contact', into: ids.ana, from: [ids.ana2, ids.ana3], dryRun: true });
    assert.deepEqual(await snapshot(storage), before);
    assert.deepEqual(plan.conflicts.map((c) => [c.field, c.values.map((v) => v.value), c.chosen]), [
      ['firstName', ['Ana', 'ana', 'A.'], ids.ana],
      ['lastName', ['López', 'Lopez'], ids.ana],
      ['jobTitle', ['CEO', 'Founder'], ids.ana],
      ['lifecycle', ['lead', 'customer', 'lead'], ids.ana2],
    ]);
    const c = plan.record as { emails: { value: string }[]; phones: unknown[]; tags: string[]; lifecycle: string };
    assert.deepEqual([c.emails.map((e) => e.value), c.phones.length, c.tags, c.lifecycle], [['ana@acme.com'], 1, ['fair'], 'customer']);
  });

  it('merges with field choices, relinks activities, deals and tasks, and records it', async () => {
    const { crm, ids } = await people();
    const call = await crm.activities.log({ type: 'call', contactId: ids.ana2, direction: 'inbound', text: 'Asked for a quote' });
    const deal = await crm.deals.create({ title: 'Quote', value: { amount: 100, currency: 'EUR' }, contactIds: [ids.ana3, ids.ana] });
    const task = await crm.tasks.schedule({ title: 'Call back', contactId: ids.ana3 });
    const merged = await crm.duplicates.merge({ entity: 'contact', into: ids.ana, from: [ids.ana2, ids.ana3], choose: { jobTitle: ids.ana2 } });
    assert.deepEqual(merged.relinked, { activities: 5, deals: 1, tasks: 1, contacts: 0 }, "each merged contact's created activity, the call, and the deal's and the task's created activities");
    assert.equal((merged.record as { jobTitle: string }).jobTitle, 'Founder');
    assert.equal(await crm.contacts.find(ids.ana2), undefined);
    assert.equal(await crm.contacts.find(ids.ana3), undefined);
    assert.equal((await crm.activities.get(call.id)).contactId, ids.ana);
    assert.deepEqual((await crm.deals.get(deal.id)).contactIds, [ids.ana]);
    assert.equal((await crm.tasks.get(task.id)).contactId, ids.ana);
    const timeline = (await crm.activities.timeline({ contactId: ids.ana }, { limit: 50 })).items;
    const record = timeline.find((a) => a.type === 'merged') as { mergedIds: string[]; summary: string } | undefined;
    assert.deepEqual(record?.mergedIds, [ids.ana2, ids.ana3]);
    assert.equal(record!.summary, 'Merged ana Lopez; A. <ANA@Acme.com>');
  });

  it('merges companies, moving their people and deals', async () => {
    const { crm, ids } = await people();
    const deal = await crm.deals.create({ title: 'Big', value: { amount: 1, currency: 'EUR' }, companyId: ids.acme2 });
    await crm.contacts.update(ids.bo, { companyId: ids.acme2 });
    const result = await crm.duplicates.merge({ entity: 'company', into: ids.acme, from: [ids.acme2] });
    assert.equal(result.relinked.contacts, 1);
    assert.equal((await crm.deals.get(deal.id)).companyId, ids.acme);
    assert.equal((await crm.contacts.get(ids.bo)).companyId, ids.acme);
    assert.equal(await crm.companies.find(ids.acme2), undefined);
  });

  it('refuses bad input with typed errors and changes nothing', async () => {
    const { crm, storage, ids } = await people();
    const before = await snapshot(storage);
    const inputs: MergeInput[] = [
      { entity: 'contact' as const, into: ids.ana, from: [] },
      { entity: 'contact' as const, into: ids.ana, from: [ids.ana] },
      { entity: 'contact' as const, into: ids.ana, from: ['01999999-0000-7000-8000-000000000000'] },
      { entity: 'contact' as const, into: ids.ana, from: [ids.ana2], choose: { shoeSize: ids.ana } },
      { entity: 'contact' as const, into: ids.ana, from: [ids.ana2], choose: { jobTitle: ids.bo } },
    ];
    for (const input of inputs) {
      const error = await rejection(crm.duplicates.merge(input));
      assert.equal(error.name, 'ValidationError', JSON.stringify(input));
    }
    assert.deepEqual(await snapshot(storage), before);
  });

  it('property: no activity disappears, and every one of a merged contact ends on the kept one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(6), { minLength: 0, maxLength: 25 }), fc.uniqueArray(fc.nat(4), { minLength: 2, maxLength: 5 }), async (owners, group) => {
        const { crm } = testCrm();
        const contacts: Contact[] = [];
        for (let i = 0; i < 5; i++) contacts.push(await crm.contacts.create({ firstName: `P${i}` }));
        for (const o of owners) await crm.activities.log({ type: 'note', contactId: contacts[o % 5]!.id, text: `n${o}` });
        const before = (await crm.storage.query('activities', { limit: 1000 })).items;
        const [into, ...from] = group.map((g) => contacts[g]!.id);
        await crm.duplicates.merge({ entity: 'contact', into: into!, from });
        const after = new Map((await crm.storage.query('activities', { limit: 1000 })).items.map((a) => [a.id, a]));
        for (const a of before) {
          const now = after.get(a.id);
          assert.ok(now, `activity ${a.id} is gone`);
          assert.equal(now.contactId, from.includes(a.contactId as string) ? into : a.contactId);
        }
        assert.equal(after.size, before.length + 1, 'plus the merged activity');
      }),
      { numRuns: 40 },
    );
  });
});
