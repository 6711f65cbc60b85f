/**
 * The HTTP handler and the REST client beyond the port's conformance suite:
 * the protocol's status codes and headers, validation, limits, auth hooks,
 * CORS, the change feed between two clients, timeouts and retries. Every
 * request crosses a real socket on 127.0.0.1.
 */
import { after, before, describe, it } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { restStorage } from '@kith/adapters/rest';
import { type ChangeSet, createCrm } from '@kith/core';
import { type TestServer, startServer } from './rest-server.ts';
import { rejection, until } from '../waiting.ts';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('http handler: the protocol on the wire', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({
      schemas: undefined, // the default: the core's record schemas
      maxBodyBytes: 10_000,
      cors: { origins: ['https://shop.example'] },
      authenticate: (request) => {
        const token = request.headers.get('authorization');
        if (token === 'Bearer bad') return null;
        return token === 'Bearer agent' ? { memberId: 'm-agent' } : {};
      },
      authorize: ({ principal, action, collection }) => !(collection === 'members' && action !== 'read' && principal?.memberId !== 'm-agent'),
    });
  });
  after(() => server.close());
  const api = (path: string, init?: RequestInit) => fetch(`${server.url}/v1${path}`, init);

  it('a record written through the SDK over REST reads back with its ETag; If-Match guards a PUT with 412', async () => {
    const crm = createCrm({ storage: restStorage({ baseUrl: server.url }) });
    const contact = await crm.contacts.create({ firstName: 'Nino', emails: [{ value: 'nino@example.ge' }] });
    const res = await api(`/contacts/${contact.id}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('etag')).to.equal(`"${contact.version}"`);
    const body = (await res.json()) as { firstName: string };
    expect(body.firstName).to.equal('Nino');
    const stale = await api(`/contacts/${contact.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '"99"' }, body: JSON.stringify(body) });
    expect(stale.status).to.equal(412);
    expect(((await stale.json()) as { error: { code: string; actualVersion: number } }).error).to.deep.include({ code: 'conflict', actualVersion: contact.version });
    const fresh = await api(`/contacts/${contact.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': `"${contact.version}"` }, body: JSON.stringify({ ...body, jobTitle: 'CEO' }) });
    expect(fresh.status).to.equal(200);
    expect(fresh.headers.get('etag')).to.equal(`"${contact.version + 1}"`);
    await crm.close();
  });

  it('a record that breaks the core schema is a 400 naming the field, and nothing is stored', async () => {
    const res = await api('/_batch', json({ ops: [{ type: 'put', collection: 'contacts', record: { id: 'bad', emails: [{ value: 'not an email' }] } }] }));
    expect(res.status).to.equal(400);
    const { error } = (await res.json()) as { error: { code: string; issues: { path: unknown[] }[] } };
    expect(error.code).to.equal('validation');
    expect(error.issues.some((i) => i.path.join('.') === 'ops.0.record.emails.0.value')).to.equal(true);
    expect((await api('/contacts/bad')).status).to.equal(404);
  });

  it('malformed parameters and bodies are 400s with JSON errors, never 500s', async () => {
    for (const [path, init] of [
      ['/contacts?where=not-json', undefined],
      ['/contacts?where=[{"field":"a","op":"like"}]', undefined],
      ['/contacts?limit=0', undefined],
      ['/contacts?after=garbage!', undefined],
      ['/_batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ops": [' }],
      ['/_batch', json({ ops: [{ type: 'upsert', collection: 'x', id: 'y' }] })],
      ['/_batch', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }],
    ] as const) {
      const res = await api(path, init as RequestInit | undefined);
      expect(res.status, path).to.equal(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).to.equal('validation');
    }
  });

  it('a body over the limit is refused with 413, even without a Content-Length', async () => {
    const big = JSON.stringify({ ops: [{ type: 'put', collection: 'notes', record: { id: 'n', text: 'x'.repeat(20_000) } }] });
    expect((await api('/_batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big })).status).to.equal(413);
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await api('/_batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
    expect(res.status).to.equal(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('too-large');
  });

  it('authenticate and authorize decide: 401 for a bad token, 403 for a forbidden write, typed on the client', async () => {
    expect((await api('/contacts', { headers: { authorization: 'Bearer bad' } })).status).to.equal(401);
    const member = { id: 'm1', name: 'Ana', email: 'ana@example.com', role: 'rep', active: true, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    const anonymous = restStorage({ baseUrl: server.url });
    expect((await rejection(anonymous.batch([{ type: 'put', collection: 'members', record: member }]))).code).to.equal('forbidden');
    let calls = 0;
    const agent = restStorage({
      baseUrl: server.url,
      headers: () => {
        calls++;
        return { authorization: 'Bearer agent' };
      },
    });
    await agent.batch([{ type: 'put', collection: 'members', record: member }]);
    expect((await agent.get('members', 'm1'))?.name).to.equal('Ana');
    expect(calls).to.equal(2);
    const bad = restStorage({ baseUrl: server.url, headers: { authorization: 'Bearer bad' } });
    expect((await rejection(bad.get('members', 'm1'))).code).to.equal('unauthorized');
  });

  it('CORS: a listed site gets its origin back and a preflight; another site gets neither', async () => {
    const pre = await api('/contacts', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-allow-origin')).to.equal('https://shop.example');
    expect(pre.headers.get('access-control-allow-headers')).to.contain('if-match');
    const get = await api('/contacts', { headers: { origin: 'https://shop.example' } });
    expect(get.headers.get('access-control-allow-origin')).to.equal('https://shop.example');
    expect(get.headers.get('access-control-expose-headers')).to.contain('etag');
    const other = await api('/contacts', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(other.status).to.equal(403);
    expect((await api('/contacts', { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).to.equal(null);
  });
});

describe('rest client: live updates, timeouts and retries', () => {
  it("a colleague's move reaches this client's subscribers through the change feed", async () => {
    const server = await startServer();
    const mine = restStorage({ baseUrl: server.url, pollSeconds: 5 });
    const colleague = restStorage({ baseUrl: server.url });
    try {
      const seen: ChangeSet[] = [];
      mine.subscribe((c) => seen.push(c), { collections: ['deals'] });
      // A write by this client waits until the feed knows its starting cursor, so from here on nothing is missed.
      await mine.batch([{ type: 'put', collection: 'deals', record: { id: 'mine', stageId: 'a' } }]);
      await until(() => seen.length === 1, 'our own write');
      await colleague.batch([{ type: 'put', collection: 'deals', record: { id: 'd1', stageId: 'won' } }, { type: 'put', collection: 'notes', record: { id: 'n1' } }]);
      await until(() => seen.length === 2, "the colleague's change");
      expect(seen[1]).to.deep.equal({ changes: [{ type: 'put', collection: 'deals', id: 'd1', version: 1, record: { id: 'd1', stageId: 'won', version: 1 } }], remote: true });
    } finally {
      await mine.close();
      await colleague.close();
      await server.close();
    }
  });

  it('reads are retried after 503s and succeed; a write that got a 503 is not sent again', async () => {
    const hits: string[] = [];
    let failuresLeft = 2;
    const flaky = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      if (failuresLeft-- > 0 || req.method === 'POST') {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'storage', message: 'busy' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'a', version: 1 }));
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
    const storage = restStorage({ baseUrl: url, retryDelayMs: 1 });
    try {
      expect(await storage.get('contacts', 'a')).to.deep.equal({ id: 'a', version: 1 });
      expect(hits.filter((h) => h.startsWith('GET')).length).to.equal(3);
      const error = await rejection(storage.batch([{ type: 'put', collection: 'contacts', record: { id: 'b' } }]));
      expect(error.code).to.equal('storage');
      expect(hits.filter((h) => h.startsWith('POST')).length).to.equal(1);
    } finally {
      await storage.close();
      flaky.closeAllConnections();
      await new Promise((r) => flaky.close(r));
    }
  });

  it('a server that never answers becomes a timeout error; an aborted signal becomes "aborted"; an absent one "network"', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const storage = restStorage({ baseUrl: url, timeoutMs: 200, retries: 0 });
    try {
      expect((await rejection(storage.get('contacts', 'a'))).code).to.equal('timeout');
      const controller = new AbortController();
      const pending = storage.query('contacts', { signal: controller.signal });
      controller.abort();
      expect((await rejection(pending)).code).to.equal('aborted');
    } finally {
      await storage.close();
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
    const nobody = restStorage({ baseUrl: url, retries: 0 });
    expect((await rejection(nobody.get('contacts', 'a'))).code).to.equal('network');
  });
});
