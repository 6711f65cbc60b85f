import { memoryStorage } from '@kith/adapters/memory';
import { conformance } from './conformance.js';

conformance({ describe, it }, { name: 'memory (chromium)', create: async () => memoryStorage() });
