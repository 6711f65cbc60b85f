// The storage-adapter guide's example on the browser's real localStorage.
import { keyValueStorage } from '../../docs/examples/key-value-storage.ts';
import { conformance } from './conformance.ts';

let run = 0;
conformance(
  { describe, it },
  {
    name: 'key-value example (localStorage)',
    create: async () => keyValueStorage(localStorage, `kith-test-${++run}`),
    dispose: async () => localStorage.clear(),
  },
);
