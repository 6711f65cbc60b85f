import type { LeadRouting } from '@kith/core';

/**
 * What the CRM does with a lead from the demo's landing page: a deal, the next
 * rep in turn as owner, and a call-back task due within the hour. The reference
 * server's lead route and the landing page's direct capture use the same rules.
 */
export const SPRING_PROMO_ROUTING: LeadRouting = { deal: { title: 'Spring promo enquiry' }, assign: 'round-robin', firstResponseMinutes: 60, tags: ['spring-promo'] };
