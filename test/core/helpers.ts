import { createCrm, fixedClock, type StoredRecord } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';

/** A CRM over fresh memory storage with a clock that only moves when told. */
export function testCrm(options: Parameters<typeof createCrm>[0]['options'] = {}) {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const storage = memoryStorage();
  const crm = createCrm({ storage, clock, options });
  return { crm, clock, storage };
}

/** Every record of every collection, for "nothing changed" assertions. */
export async function snapshot(storage: ReturnType<typeof memoryStorage>): Promise<Record<string, StoredRecord[]>> {
  const out: Record<string, StoredRecord[]> = {};
  for (const c of ['contacts', 'companies', 'deals', 'pipelines', 'activities', 'tasks', 'members', 'fields']) {
    out[c] = (await storage.query(c, { limit: 10_000 })).items;
  }
  return out;
}

export { rejection } from '../waiting.ts';
