import type { FieldDefinition, Money } from '@kith/core';
import { html } from 'lit';
import type { LocalizeController } from '../localize.js';
import type { CardMessages } from './messages/index.js';

/** Only web links become anchors: a stored `javascript:` or `data:` URL is shown as text. */
const safeHref = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol) ? v : undefined;
  } catch {
    return undefined;
  }
};

/** A custom field's value as the card shows it, in the reader's language; a missing value is a dash. */
export function renderValue(def: FieldDefinition, value: unknown, l: LocalizeController, t: CardMessages): unknown {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return html`<span class="muted">${t.none}</span>`;
  const label = (v: unknown) => def.options?.find((o) => o.value === v)?.label ?? String(v);
  switch (def.type) {
    case 'number':
      return typeof value === 'number' ? l.number(value) : String(value);
    case 'money':
      return l.money(value as Money);
    case 'date':
      // A date-only value is a calendar date, not an instant: format it at noon UTC, in UTC, so no zone moves its day.
      return l.date(`${String(value)}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
    case 'boolean':
      return value ? t.yes : t.no;
    case 'select':
      return label(value);
    case 'multi-select':
      return (value as unknown[]).map(label).join(', ');
    case 'email':
      return html`<a href=${`mailto:${String(value)}`}>${String(value)}</a>`;
    case 'phone':
      return html`<a href=${`tel:${String(value).replace(/[^\d+]/g, '')}`}>${String(value)}</a>`;
    case 'url': {
      const href = safeHref(String(value));
      return href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${String(value)}</a>` : String(value);
    }
    default:
      return String(value);
  }
}
