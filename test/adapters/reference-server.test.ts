/** `npm run serve` as the README shows it: the reference server starts, serves sample data and honours its token. */
import { after, before, describe, it } from 'node:test';
import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'chai';
import { restStorage } from '@kith/adapters/rest';

describe('reference server (scripts/serve.ts)', () => {
  let child: ChildProcess;
  let url = '';
  before(async () => {
    child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/serve.ts'], {
      env: { ...process.env, PORT: '0', KITH_TOKEN: 'test-token' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/kith)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`the server exited with ${code} before listening: ${out}`)));
    });
  });
  after(() => {
    child.kill('SIGTERM');
  });

  it('serves the sample data to a client with the token and refuses one without', async () => {
    const storage = restStorage({ baseUrl: url, headers: { authorization: 'Bearer test-token' } });
    expect(await storage.count('contacts')).to.be.greaterThan(0);
    const page = await storage.query('deals', { orderBy: { field: 'updatedAt', direction: 'desc' }, limit: 2 });
    expect(page.items.length).to.equal(2);
    await storage.close();
    const stranger = restStorage({ baseUrl: url, retries: 0 });
    const error = await stranger.count('contacts').then(
      () => undefined,
      (e: { code?: string }) => e,
    );
    expect(error?.code).to.equal('unauthorized');
  });
});
