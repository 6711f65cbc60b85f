// The sample landing page's script: one call, so the demo's test runs the same wiring.
import '@kith/elements/define-all.js';
import { connectLanding } from './landing-page.ts';
import { storageKindOf } from './storage.ts';

connectLanding(document, storageKindOf(window.location), window.location);
