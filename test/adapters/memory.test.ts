import { describe, it } from 'node:test';
import { memoryStorage } from '@kith/adapters/memory';
import { conformance } from './conformance.ts';

conformance({ describe, it }, { name: 'memory (node)', create: async () => memoryStorage() });
