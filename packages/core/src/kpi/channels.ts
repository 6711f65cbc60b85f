import type { Activity } from '../model/activity.js';

/** An exchange with a customer, reduced to what communication KPIs need. */
export interface Exchange {
  contactId: string;
  at: number;
  channel: string;
  direction: 'inbound' | 'outbound';
}

/**
 * The channel and direction of an interaction: calls, emails and messages
 * carry their direction (a message's channel is its app: whatsapp, sms…); a
 * meeting is an exchange we hold, so outbound; a form is the customer writing
 * in, so inbound. Other activities are not exchanges.
 */
export function exchangeOf(a: Activity): Exchange | undefined {
  if (!a.contactId) return undefined;
  const at = Date.parse(a.occurredAt);
  switch (a.type) {
    case 'call':
    case 'email':
      return { contactId: a.contactId, at, channel: a.type, direction: a.direction };
    case 'message':
      return { contactId: a.contactId, at, channel: a.channel, direction: a.direction };
    case 'meeting':
      return { contactId: a.contactId, at, channel: 'meeting', direction: 'outbound' };
    case 'form':
      return { contactId: a.contactId, at, channel: 'form', direction: 'inbound' };
    default:
      return undefined;
  }
}

/** Each contact's exchanges, oldest first. */
export function exchangesByContact(activities: readonly Activity[]): Map<string, Exchange[]> {
  const out = new Map<string, Exchange[]>();
  for (const a of activities) {
    const e = exchangeOf(a);
    if (e) (out.get(e.contactId) ?? out.set(e.contactId, []).get(e.contactId)!).push(e);
  }
  for (const list of out.values()) list.sort((a, b) => a.at - b.at);
  return out;
}

/**
 * A contact's preferred channel from their exchanges (oldest first): the one
 * they wrote in on most; a tie goes to the one they used last. Undefined
 * when they never wrote in.
 */
export function preferredChannel(exchanges: Iterable<Exchange>): string | undefined {
  const counts = new Map<string, { n: number; last: number }>();
  for (const e of exchanges) {
    if (e.direction !== 'inbound') continue;
    counts.set(e.channel, { n: (counts.get(e.channel)?.n ?? 0) + 1, last: e.at });
  }
  let best: [string, { n: number; last: number }] | undefined;
  for (const entry of counts) if (!best || entry[1].n > best[1].n || (entry[1].n === best[1].n && entry[1].last > best[1].last)) best = entry;
  return best?.[0];
}
