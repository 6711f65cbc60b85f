import { KithTimeline } from './kith-timeline.js';

KithTimeline.define('kith-timeline');

declare global {
  interface HTMLElementTagNameMap {
    'kith-timeline': KithTimeline;
  }
}
