/**
 * Under a Content-Security-Policy that allows no workers, the bulk-write
 * worker cannot start: large batches still commit, written on the page. This
 * file has a page of its own, so the policy it sets reaches no other test.
 */
import { expect } from '@open-wc/testing';
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { deleteDatabase, uniqueName } from './indexeddb-helpers.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
const policy = document.createElement('meta');
policy.httpEquiv = 'Content-Security-Policy';
policy.content = "worker-src 'none'";
document.head.append(policy);

describe('indexeddb: under a policy that forbids workers', () => {
  it('writes a large batch on the page, all of it, and says once on the console why', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    const name = uniqueName('csp');
    const s = indexedDbStorage({ name, workerFrom: 100, crossTab: false });
    try {
      const put = (i: number) => ({ type: 'put', collection: 'contacts', record: { id: `c${i}`, lastName: `L${i % 9}` } }) as const;
      expect((await s.batch(Array.from({ length: 2500 }, (_, i) => put(i)))).length).to.equal(2500);
      expect((await s.batch(Array.from({ length: 200 }, (_, i) => put(i + 2500)))).length).to.equal(200);
      expect(await s.count('contacts')).to.equal(2700);
    } finally {
      console.warn = warn;
      await s.close();
      await deleteDatabase(name);
    }
    // The policy was in force and refused the worker.
    expect(violations).to.include('worker-src');
    expect(warnings.length).to.equal(1);
    expect(warnings[0]).to.contain('worker-src blob:');
  });
});
