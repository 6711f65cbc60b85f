// The lead form guide's host-page code (docs/lead-form.md quotes it;
// test/elements/lead-form-guide.browser.test.ts runs it in Chromium).
import type { Crm } from '@kith/core';
import type { KithLeadForm } from '@kith/elements';

/** What a cookie banner calls when the visitor accepts. */
export function grantConsent(): void {
  document.dispatchEvent(new CustomEvent('kith-consent', { detail: { granted: true } }));
}

/** The same, for a banner that may run before the form's script has loaded. */
export function grantConsentEarly(): void {
  // or, when the banner's script may run before the form's:
  document.querySelector('kith-lead-form')?.setAttribute('consent-granted', '');
}

/** A form inside an app that already has a CRM: leads go straight into the SDK. */
export function captureInApp(form: KithLeadForm, crm: Crm): void {
  form.crm = crm;
  form.routing = { assign: 'round-robin', firstResponseMinutes: 30 };
}
