import { type Clock, type Crm, type StoragePort, createCrm } from '@kith/core';
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { restStorage } from '@kith/adapters/rest';

/** Where the demo keeps its data: this browser's IndexedDB, or the reference server through the REST adapter. */
export type DemoStorageKind = 'indexeddb' | 'server';

/** The IndexedDB database the app and the landing page share, so a lead sent on one shows in the other. */
export const DEMO_DATABASE = 'kith-demo';
/** The reference server the Vite dev server mounts (vite.config.ts), on the page's own origin. */
export const SERVER_PATH = '/kith';

/** The kind the page's URL asks for: `?storage=server`, else IndexedDB. */
export function storageKindOf(location: Location): DemoStorageKind {
  return new URLSearchParams(location.search).get('storage') === 'server' ? 'server' : 'indexeddb';
}

/** The same URL with the other storage chosen (the switch reloads the page onto it). */
export function urlWithStorage(location: Location, kind: DemoStorageKind): string {
  const url = new URL(location.href);
  if (kind === 'server') url.searchParams.set('storage', 'server');
  else url.searchParams.delete('storage');
  return url.href;
}

export function openDemoStorage(kind: DemoStorageKind, origin: string): StoragePort {
  return kind === 'server' ? restStorage({ baseUrl: `${origin}${SERVER_PATH}` }) : indexedDbStorage({ name: DEMO_DATABASE });
}

/**
 * The demo's CRM on `storage`. Phone numbers written without a country code
 * are read as US numbers: the sample spreadsheet's are (`(209)172-7124x3651`).
 */
export function demoCrm(storage: StoragePort, clock?: Clock): Crm {
  return createCrm({ storage, ...(clock ? { clock } : {}), options: { defaultCountry: 'US' } });
}
