import type { DueInfo } from '@kith/core';
import { html } from 'lit';
import type { LocalizeController } from './localize.js';

/** "overdue by 2 days", "due today", "due in 3 days" (empty for an undated task), in the element's language. */
export function dueText(l: LocalizeController, due: DueInfo): string {
  const t = l.t;
  if (due.state === 'overdue') return due.daysLate > 0 ? t.overdueBy(due.daysLate) : t.timeline.overdue;
  if (due.state === 'today') return t.dueToday;
  if (due.state === 'upcoming') return t.dueIn(-due.daysLate);
  return '';
}

/**
 * A relative time ("3 hours ago") in a focusable `<time>` whose title and
 * accessible name are the exact time in `timeZone`, so it is reachable
 * without a mouse too.
 */
export function relativeTime(l: LocalizeController, iso: string, now: number, timeZone: string) {
  const exact = l.date(iso, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return html`<time part="time" datetime=${iso} tabindex="0" title=${exact} data-exact=${exact} aria-label=${exact}>${l.relative(Date.parse(iso), now)}</time>`;
}
