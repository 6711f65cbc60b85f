import { createCrm, type Crm } from '@kith/core';
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
