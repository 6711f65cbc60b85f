/**
 * Wires the sample landing page's lead form. With IndexedDB it captures
 * straight into the demo's database (the app, open in another tab, sees the
 * lead at once); in server mode it posts to the reference server's public lead
 * route, as a landing page on another site would.
 */
import type { Crm } from '@kith/core';
import type { KithCrm, KithLeadForm } from '@kith/elements';
import { SPRING_PROMO_ROUTING } from './forms.ts';
import { type DemoStorageKind, SERVER_PATH, demoCrm, openDemoStorage } from './storage.ts';

/** Connects the page's `#lead` form; returns the CRM it captures into (undefined when it posts to the server). */
export function connectLanding(root: ParentNode, kind: DemoStorageKind, location: { origin: string; search: string }, crm?: Crm): Crm | undefined {
  const form = root.querySelector<KithLeadForm>('#lead')!;
  root.querySelector<HTMLAnchorElement>('#crm-link')!.href = `./${location.search}`;
  if (kind === 'server') {
    form.endpoint = `${location.origin}${SERVER_PATH}`;
    root.querySelector('#target')!.textContent = 'the reference server';
    return undefined;
  }
  const direct = crm ?? demoCrm(openDemoStorage(kind, location.origin));
  root.querySelector<KithCrm>('#crm')!.crm = direct;
  form.routing = SPRING_PROMO_ROUTING;
  return direct;
}
