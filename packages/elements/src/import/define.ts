import { KithImport } from './kith-import.js';

KithImport.define('kith-import');

declare global {
  interface HTMLElementTagNameMap {
    'kith-import': KithImport;
  }
}
