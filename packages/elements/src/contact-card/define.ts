import '../lifecycle-badge/define.js';
import { KithContactCard } from './kith-contact-card.js';

KithContactCard.define('kith-contact-card');

declare global {
  interface HTMLElementTagNameMap {
    'kith-contact-card': KithContactCard;
  }
}
