import { createCrm, type Crm, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html, type TemplateResult } from 'lit';
import '@kith/elements/crm/define.js';

/** A small CRM over memory storage, the same for every story that asks. */
export async function seededCrm(): Promise<Crm> {
  const crm = createCrm({ storage: memoryStorage() });
  const stages = ['lead', 'prospect', 'customer', 'loyal', 'lost'] as const;
  for (const [i, lifecycle] of stages.entries()) {
    await crm.contacts.create({ firstName: ['Amani', 'Marta', 'Ivan', 'Lali', 'Joan'][i]!, lifecycle });
  }
  return crm;
}

/** A Storybook decorator that wraps a story in `<kith-crm>` with a seeded CRM. */
export const withCrm = (story: () => TemplateResult, context: { loaded: { crm?: Crm } }) =>
  html`<kith-crm .crm=${context.loaded.crm}>${story()}</kith-crm>`;

/** Memory storage whose `get` or `query` is replaced: a read that never answers, or one that fails. */
function storageWith(read: 'get' | 'query', answer: () => Promise<never>): StoragePort {
  const inner = memoryStorage();
  return { name: 'story', get: inner.get, query: inner.query, count: inner.count, batch: inner.batch, subscribe: inner.subscribe, close: inner.close, [read]: answer };
}

/** A CRM whose reads (`get` or `query`, whichever the element starts with) never answer: the loading state. */
export const hangingCrm = (read: 'get' | 'query' = 'query'): Crm => createCrm({ storage: storageWith(read, () => new Promise<never>(() => undefined)) });

/** A CRM whose reads fail with a network error: the error state with its retry. */
export const failingCrm = (read: 'get' | 'query' = 'query'): Crm =>
  createCrm({ storage: storageWith(read, () => Promise.reject(Object.assign(new globalThis.Error('down'), { code: 'network' }))) });
