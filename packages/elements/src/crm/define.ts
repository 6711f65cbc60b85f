import { KithCrm } from './kith-crm.js';

KithCrm.define('kith-crm');

declare global {
  interface HTMLElementTagNameMap {
    'kith-crm': KithCrm;
  }
}
