import { KithLeadForm } from './kith-lead-form.js';

KithLeadForm.define('kith-lead-form');

declare global {
  interface HTMLElementTagNameMap {
    'kith-lead-form': KithLeadForm;
  }
}
