/**
 * The public lead route of the HTTP handler (`POST /v1/_leads/{form}`), over a
 * real socket: idempotent capture, the spam checks, the captcha hook, rate
 * limits per form and per client, and CORS for landing pages on other sites.
 */
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { memoryStorage } from '@kith/adapters/memory';
import { createCrm } from '@kith/core';
import { type TestServer, startServer } from './rest-server.ts';

let n = 0;
const key = () => `route-test-key-${String(++n).padStart(4, '0')}`;
const lead = (over: Record<string, unknown> = {}) => ({
  submission: { key: key(), formId: 'spring', firstName: 'Lela', email: `lela${n}@example.ge`, ...over },
  fillMs: 5000,
});
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers }, body: JSON.stringify(body) });

describe('http handler: the lead route', () => {
  const storage = memoryStorage();
  const crm = createCrm({ storage });
  const tokens: (string | undefined)[] = [];
  let server: TestServer;
  let url: (form: string) => string;
  before(async () => {
    server = await startServer({
      storage,
      schemas: undefined,
      leads: {
        forms: {
          spring: { routing: { tags: ['spring'], firstResponseMinutes: 30 } },
          guarded: { verifyCaptcha: (token) => (tokens.push(token), token === 'solved'), origins: ['https://shop.example'] },
        },
        rateLimit: { perClient: { max: 100, windowMs: 60_000 } },
      },
    });
    url = (form) => `${server.url}/v1/_leads/${form}`;
  });
  after(() => server.close());

  it('stores a lead once per idempotency key: the retry answers 200 replayed and writes nothing', async () => {
    const body = lead();
    const first = await post(url('spring'), body);
    expect(first.status).to.equal(201);
    expect(await first.json()).to.deep.equal({ key: body.submission.key, replayed: false });
    const again = await post(url('spring'), body);
    expect(again.status).to.equal(200);
    expect(await again.json()).to.deep.equal({ key: body.submission.key, replayed: true });
    const contacts = (await crm.contacts.list({ limit: 100 })).items.filter((c) => c.emails.some((e) => e.value === body.submission.email));
    expect(contacts).to.have.length(1);
    expect(contacts[0]!.tags).to.include('spring');
    const tasks = await storage.query('tasks', { where: [{ field: 'contactId', op: 'eq', value: contacts[0]!.id }] });
    expect(tasks.items).to.have.length(1);
  });

  it('refuses a filled honeypot and a too-fast submit as spam (400), and stores nothing', async () => {
    const before = (await storage.query('activities', { limit: 10_000 })).items.length;
    const trapped = await post(url('spring'), { ...lead(), trap: 'http://spam.example' });
    expect(trapped.status).to.equal(400);
    expect(((await trapped.json()) as { error: { issues: { code: string; path: string[] }[] } }).error.issues[0]).to.deep.include({ code: 'spam', path: ['trap'] });
    const fast = await post(url('spring'), { ...lead(), fillMs: 800 });
    expect(fast.status).to.equal(400);
    expect(((await fast.json()) as { error: { issues: { path: string[] }[] } }).error.issues[0]!.path).to.deep.equal(['fillMs']);
    const untimed = await post(url('spring'), { submission: lead().submission });
    expect(untimed.status).to.equal(400);
    expect((await storage.query('activities', { limit: 10_000 })).items.length).to.equal(before);
  });

  it('a bad submission is a 400 naming the field; an unknown form is a 404; a GET is a 405', async () => {
    const bad = await post(url('spring'), lead({ email: 'not-an-email' }));
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: { issues: { path: string[] }[] } }).error.issues.map((i) => i.path.join('.'))).to.include('email');
    const other = await post(url('spring'), lead({ formId: 'guarded' }));
    expect(other.status).to.equal(400);
    expect((await post(url('nope'), lead())).status).to.equal(404);
    // Anyone may post here, so the body limit is small (64 KiB), whatever the handler's own limit.
    const big = await post(url('spring'), lead({ message: 'x'.repeat(70_000) }));
    expect(big.status).to.equal(413);
    expect((await fetch(url('spring'))).status).to.equal(405);
  });

  it('passes the captcha token to the hook and refuses an unsolved one with 403', async () => {
    const origin = { origin: 'https://shop.example' };
    const refused = await post(url('guarded'), { ...lead({ formId: 'guarded' }), captcha: 'wrong' }, origin);
    expect(refused.status).to.equal(403);
    const ok = await post(url('guarded'), { ...lead({ formId: 'guarded' }), captcha: 'solved' }, origin);
    expect(ok.status).to.equal(201);
    expect(tokens).to.deep.equal(['wrong', 'solved']);
  });

  it('lets only the form\'s sites post from a browser, and answers their preflight', async () => {
    const foreign = await post(url('guarded'), { ...lead({ formId: 'guarded' }), captcha: 'solved' }, { origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    expect(foreign.headers.get('access-control-allow-origin')).to.equal(null);
    const pre = await fetch(url('guarded'), { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-allow-origin')).to.equal('https://shop.example');
    const any = await post(url('spring'), lead(), { origin: 'https://landing.example' });
    expect(any.headers.get('access-control-allow-origin')).to.equal('*');
  });

  it('rate-limits a form: the 4th lead in the window is a 429 with Retry-After, and spam refused before does not use up the quota', async () => {
    const limited = await startServer({ leads: { forms: { f: {} }, rateLimit: { perForm: { max: 3, windowMs: 60_000 } } } });
    try {
      const send = (body: unknown) => post(`${limited.url}/v1/_leads/f`, body);
      for (let i = 0; i < 5; i++) expect((await send({ ...lead({ formId: 'f' }), trap: 'bot' })).status).to.equal(400);
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await send(lead({ formId: 'f' }));
        statuses.push(last.status);
      }
      expect(statuses).to.deep.equal([201, 201, 201, 429]);
      expect(Number(last!.headers.get('retry-after'))).to.be.within(1, 60);
      expect(((await last!.json()) as { error: { code: string } }).error.code).to.equal('rate-limited');
    } finally {
      await limited.close();
    }
  });

  it('rate-limits one client across its leads, by socket address', async () => {
    const server2 = await startServer({ leads: { forms: { f: { minFillMs: 0 } }, rateLimit: { perClient: { max: 2, windowMs: 60_000 } } } });
    try {
      const statuses: number[] = [];
      // A refused attempt counts too: a bot cannot probe the checks for free.
      statuses.push((await post(`${server2.url}/v1/_leads/f`, { ...lead({ formId: 'f' }), trap: 'x' })).status);
      for (let i = 0; i < 2; i++) statuses.push((await post(`${server2.url}/v1/_leads/f`, { submission: lead({ formId: 'f' }).submission })).status);
      expect(statuses).to.deep.equal([400, 201, 429]);
    } finally {
      await server2.close();
    }
  });
});
