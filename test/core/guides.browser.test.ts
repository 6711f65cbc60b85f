// The scripting guide's example in the browser, on real IndexedDB: the same
// function and the same figures as its Node run in guides.test.ts.
import { expect } from '@open-wc/testing';
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { scriptingExample } from '../../docs/examples/scripting.ts';
import { SCRIPTING_EXPECTED, scriptingSummary } from '../fixtures/scripting-summary.ts';

describe('docs/scripting.md example in Chromium', () => {
  it('gives the figures the guide quotes, on IndexedDB', async () => {
    const name = `kith-guide-${Date.now()}`;
    const storage = indexedDbStorage({ name });
    try {
      expect(scriptingSummary(await scriptingExample(storage))).to.deep.equal(SCRIPTING_EXPECTED);
    } finally {
      await storage.close();
      indexedDB.deleteDatabase(name);
    }
  });
});
