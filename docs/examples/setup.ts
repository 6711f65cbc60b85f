// The scripting guide's set-up lines (docs/scripting.md quotes them; test/core/guides.test.ts
// runs the Node one, test/core/guides.browser.test.ts the browser one).
// Node: npm install @kith/core @kith/adapters
import { createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';

export function nodeCrm() {
  const crm = createCrm({ storage: memoryStorage(), options: { defaultCountry: 'US' } });
  return crm;
}

// Browser: the same code on IndexedDB
import { indexedDbStorage } from '@kith/adapters/indexeddb';

export function browserCrm() {
  const crm = createCrm({ storage: indexedDbStorage({ name: 'my-crm' }) });
  return crm;
}
