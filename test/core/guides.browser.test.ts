// The scripting guide's example in the browser, on real IndexedDB: the same
// function and the same figures as its Node run in guides.test.ts.
import { expect } from '@open-wc/testing';
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { scriptingExample } from '../../docs/examples/scripting.ts';
import { browserCrm } from '../../docs/examples/setup.ts';
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

describe('docs/scripting.md set-up in Chromium (examples/setup.ts)', () => {
  it("the browser CRM keeps its data in IndexedDB under the guide's name", async () => {
    const crm = browserCrm();
    try {
      const ana = await crm.contacts.create({ firstName: 'Ana' });
      await crm.close();
      const again = browserCrm();
      expect((await again.contacts.get(ana.id)).firstName).to.equal('Ana');
      await again.close();
    } finally {
      indexedDB.deleteDatabase('my-crm');
    }
  });
});
