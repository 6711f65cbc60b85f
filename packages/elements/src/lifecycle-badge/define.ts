import { KithLifecycleBadge } from './kith-lifecycle-badge.js';

KithLifecycleBadge.define('kith-lifecycle-badge');

declare global {
  interface HTMLElementTagNameMap {
    'kith-lifecycle-badge': KithLifecycleBadge;
  }
}
