// The demo's entry: picks the storage from the URL, makes the CRM and starts the app.
import type { KithCrm } from '@kith/elements';
import '@kith/elements/define-all.js';
import { DemoApp } from './app.ts';
import { type DemoStorageKind, demoCrm, openDemoStorage, storageKindOf, urlWithStorage } from './storage.ts';

const kind = storageKindOf(window.location);
const crm = demoCrm(openDemoStorage(kind, window.location.origin));
const provider = document.getElementById('app') as KithCrm;
provider.crm = crm;

const storageSelect = document.getElementById('storage') as HTMLSelectElement;
storageSelect.value = kind;
storageSelect.addEventListener('change', () => window.location.assign(urlWithStorage(window.location, storageSelect.value as DemoStorageKind)));

const langSelect = document.getElementById('lang') as HTMLSelectElement;
langSelect.value = localStorage.getItem('kith-demo-lang') ?? document.documentElement.lang;
document.documentElement.lang = langSelect.value;
langSelect.addEventListener('change', () => {
  // Elements follow the nearest `lang`; the app's own words stay English.
  document.documentElement.lang = langSelect.value;
  localStorage.setItem('kith-demo-lang', langSelect.value);
});

const landing = document.getElementById('landing-link') as HTMLAnchorElement;
landing.href = `landing.html${window.location.search}`;

const app = new DemoApp(document.getElementById('view')!, crm, {
  storageLabel: kind === 'server' ? 'the reference server (REST adapter, in its memory until Vite stops)' : 'this browser (IndexedDB; it survives a reload)',
});
await app.start();
