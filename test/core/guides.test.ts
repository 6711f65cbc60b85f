// Runs the guides' examples and checks what the guides say they print.
import { describe, it, mock } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCrm } from '@kith/core';
import assert from 'node:assert/strict';
import { importExportExample } from '../../docs/examples/import-export.ts';
import { scriptingExample } from '../../docs/examples/scripting.ts';
import { remindQuietCustomers, sleepingVipIds } from '../../docs/examples/segments-rules.ts';
import { leadServer } from '../../docs/examples/lead-server.ts';
import { nodeCrm } from '../../docs/examples/setup.ts';
import { firstQuarter } from '../../docs/examples/kpis.ts';
import { protocolServer } from '../../docs/examples/http-server.ts';
import { memoryStorage } from '@kith/adapters/memory';
import { restStorage } from '@kith/adapters/rest';
import { SCRIPTING_EXPECTED, scriptingSummary } from '../fixtures/scripting-summary.ts';

describe('docs/import-export.md example', () => {
  it('previews, dry-runs, imports, finds and merges duplicates, and exports', async () => {
    const r = await importExportExample();
    assert.deepEqual(r.preview.suggestions, { Имя: 'firstName', Фамилия: 'lastName', Телефон: 'phone', 'Correu electrònic': 'email', Город: 'custom.city', Birthday: 'birthday' });
    assert.deepEqual([r.preview.dateOrder.order, r.preview.dateOrder.decidedBy], ['dmy', 'data']);
    assert.deepEqual([r.dry.created, r.dry.skipped, r.dry.failed], [1, 1, 1]);
    assert.deepEqual([r.report.created, r.report.skipped, r.report.failed], [1, 1, 1]);
    assert.equal(r.errorReport.split('\r\n')[0], 'row,column,level,code,message,value');
    assert.equal(r.groups.length, 1);
    assert.deepEqual(r.groups[0]!.reasons.map((x) => x.rule), ['phone']);
    assert.deepEqual(r.plan.conflicts.map((c) => c.field), ['lastName']);
    assert.equal(r.merged.relinked.activities, 1);
    assert.equal(r.exported.trim().split('\r\n').length, 2, 'a header and the one merged contact');
  });
});

describe('docs/scripting.md example', () => {
  it('imports, dedupes, runs a rule on a won deal and reads the KPIs, as the guide says', async () => {
    assert.deepEqual(scriptingSummary(await scriptingExample(memoryStorage())), SCRIPTING_EXPECTED);
  });
});

const DAY = 86_400_000;

describe('docs/segments-rules-tasks.md examples (examples/segments-rules.ts)', () => {
  it('the segment finds the quiet spring VIPs without an open deal', async () => {
    let now = Date.parse('2026-10-01T10:00:00Z');
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => now } });
    const spring = { channel: 'paid', firstTouch: { at: '2026-09-30T10:00:00.000Z', utmCampaign: 'spring' } } as const;
    const quiet = await crm.contacts.create({ firstName: 'Quiet', tags: ['vip'], source: spring });
    const talked = await crm.contacts.create({ firstName: 'Talked', tags: ['vip'], source: spring });
    const dealing = await crm.contacts.create({ firstName: 'Dealing', tags: ['vip'], source: spring });
    await crm.contacts.create({ firstName: 'Not a VIP', source: spring });
    await crm.contacts.create({ firstName: 'Autumn', tags: ['vip'], source: { channel: 'paid', firstTouch: { at: '2026-09-30T10:00:00.000Z', utmCampaign: 'autumn' } } });
    await crm.activities.log({ type: 'call', contactId: quiet.id, direction: 'outbound' });
    await crm.activities.log({ type: 'call', contactId: dealing.id, direction: 'outbound' });
    await crm.pipelines.ensureDefault();
    await crm.deals.create({ title: 'Renewal', contactIds: [dealing.id], value: { amount: 100_000, currency: 'EUR' } });
    now += 40 * DAY;
    await crm.activities.log({ type: 'email', contactId: talked.id, direction: 'inbound', subject: 'Back from holiday' });
    assert.deepEqual(await sleepingVipIds(crm), [quiet.id]);
  });

  it('the rule reminds of each quiet customer once, on the 15-minute tick, and posts its event to the webhook', async (t) => {
    const posted: Array<{ event: string; recordId: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        posted.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => server.close());
    const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kith`;

    // The customers were last heard from 40 days before the real clock the example's timer reads.
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => Date.now() - 40 * DAY } });
    const member = await crm.members.create({ name: 'Rep', email: 'rep@example.com', role: 'rep' });
    const quiet = await crm.contacts.create({ firstName: 'Quiet', lifecycle: 'customer', ownerId: member.id });
    await crm.contacts.create({ firstName: 'Prospect', lifecycle: 'prospect', ownerId: member.id });

    mock.timers.enable({ apis: ['setInterval'] });
    t.after(() => mock.timers.reset());
    // Each tick's run is awaited through a spy; the events are counted as they are emitted.
    const runDue = t.mock.method(crm.rules, 'runDue');
    const emitted: string[] = [];
    t.after(crm.on('rule:event', (e) => emitted.push(e.recordId)));
    const stop = await remindQuietCustomers(crm, hookUrl);
    t.after(stop);
    const reminders = async () => (await crm.tasks.list({ where: [{ field: 'title', op: 'eq', value: 'Get back in touch' }] })).items;
    assert.equal(runDue.mock.callCount(), 0, 'nothing before the first tick');
    for (let tick = 1; tick <= 2; tick++) {
      mock.timers.tick(15 * 60_000);
      assert.equal(runDue.mock.callCount(), tick);
      await runDue.mock.calls[tick - 1]!.result;
    }
    const tasks = await reminders();
    assert.deepEqual(tasks.map((x) => [x.contactId, x.assigneeId, x.kind]), [[quiet.id, member.id, 'call']], 'one reminder, for the customer only, however many ticks');
    assert.deepEqual(emitted, [quiet.id], 'one event, on the first tick');
    await until(async () => posted.length === 1);
    assert.deepEqual(posted.map((p) => [p.event, p.recordId]), [['customer.quiet', quiet.id]]);
  });
});

describe('docs/lead-form.md server (examples/lead-server.ts)', () => {
  it('takes leads from the allowed page with a solved captcha: a contact, a deal and a first-response call in turn; the rest of the API stays private', async (t) => {
    const storage = memoryStorage();
    const crm = createCrm({ storage });
    const nino = await crm.members.create({ name: 'Nino', email: 'nino@example.com', role: 'rep' });
    const juma = await crm.members.create({ name: 'Juma', email: 'juma@example.com', role: 'rep' });
    const server = leadServer({ storage, authorize: () => false, verifyTurnstile: async (token) => token === 'solved' });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => server.close());
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kith`;
    const post = (email: string, captcha: string, origin = 'https://www.example.com') =>
      fetch(`${base}/v1/_leads/spring-promo`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
        body: JSON.stringify({ submission: { key: `guide-lead-${email.split('@')[0]}-0001`, formId: 'spring-promo', firstName: 'Lela', email }, fillMs: 5000, captcha }),
      });

    assert.equal((await post('a@example.ge', 'solved')).status, 201);
    assert.equal((await post('b@example.ge', 'solved')).status, 201);
    assert.equal((await post('c@example.ge', 'wrong')).status, 403, 'an unsolved captcha');
    assert.equal((await post('d@example.ge', 'solved', 'https://elsewhere.example')).status, 403, 'a page not listed');
    assert.equal((await fetch(`${base}/v1/contacts`)).status, 403, 'the API is private');

    const contacts = (await crm.contacts.list({ limit: 10 })).items;
    assert.deepEqual(contacts.map((c) => c.emails[0]!.value).sort(), ['a@example.ge', 'b@example.ge']);
    assert.ok(contacts.every((c) => c.tags.includes('spring')));
    assert.deepEqual(new Set(contacts.map((c) => c.ownerId)), new Set([nino.id, juma.id]), 'owners in turn');
    const deals = (await crm.deals.list({ limit: 10 })).items;
    assert.deepEqual(deals.map((d) => d.contactIds[0]).sort(), contacts.map((c) => c.id).sort());
    const tasks = (await crm.tasks.list({ limit: 10 })).items;
    assert.deepEqual(tasks.map((x) => x.kind), ['call', 'call']);
    for (const task of tasks) {
      const contact = contacts.find((c) => c.id === task.contactId);
      assert.ok(contact, 'each task is about a new lead');
      assert.equal(Date.parse(task.due!) - Date.parse(contact.createdAt), 60 * 60_000, 'due within the hour');
    }
  });
});

describe('docs/scripting.md set-up (examples/setup.ts)', () => {
  it('the Node CRM works on memory and reads phones as US numbers', async () => {
    const crm = nodeCrm();
    const ana = await crm.contacts.create({ firstName: 'Ana', phones: [{ value: '(209) 172-7124' }] });
    assert.equal(ana.phones[0]!.e164, '+12091727124');
  });
});

describe('docs/kpis.md example (examples/kpis.ts)', () => {
  it('a quarter of two wins and a loss gives the win rate and revenue quoted', async () => {
    let now = Date.parse('2026-01-10T10:00:00Z');
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => now } });
    await crm.pipelines.ensureDefault();
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const a = await crm.deals.create({ title: 'A', value: eur(100_000) });
    const b = await crm.deals.create({ title: 'B', value: eur(200_000) });
    const c = await crm.deals.create({ title: 'C', value: eur(50_000) });
    now = Date.parse('2026-02-10T10:00:00Z');
    await crm.deals.move(a.id, 'won');
    await crm.deals.move(b.id, 'won');
    now = Date.parse('2026-03-10T10:00:00Z');
    await crm.deals.move(c.id, 'lost', { lostReason: 'Price' });
    now = Date.parse('2026-04-02T10:00:00Z');
    const { winRate, revenue } = await firstQuarter(crm);
    assert.equal(winRate?.toFixed(1), '66.7');
    assert.deepEqual(revenue, [{ currency: 'EUR', deals: 2, revenue: 300000, averageCheck: 150000 }]);
  });
});

describe('docs/http-protocol.md server (examples/http-server.ts)', () => {
  it('serves the protocol under /kith to the token holder, and answers shop.example\'s preflight', async (t) => {
    const previous = process.env.TOKEN;
    process.env.TOKEN = 'guide-token';
    t.after(() => (previous === undefined ? delete process.env.TOKEN : (process.env.TOKEN = previous)));
    const server = protocolServer(0);
    await new Promise<void>((r) => server.once('listening', r));
    t.after(() => server.close());
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kith/v1`;
    assert.equal((await fetch(`${base}/contacts`)).status, 401);
    // Kith's own REST adapter is a client of the protocol.
    const crm = createCrm({ storage: restStorage({ baseUrl: base.replace(/\/v1$/, ''), headers: { authorization: 'Bearer guide-token' } }) });
    t.after(() => crm.close());
    const ana = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }] });
    const got = await fetch(`${base}/contacts/${ana.id}`, { headers: { authorization: 'Bearer guide-token' } });
    assert.equal(((await got.json()) as { firstName: string }).firstName, 'Ana');
    const preflight = await fetch(`${base}/contacts`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
  });
});

/** Polls `check` on real timers (the test mocks setInterval only). */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}
