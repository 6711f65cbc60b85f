import type { Activity } from '../model/activity.js';
import type { Contact } from '../model/contact.js';
import { type Exchange, exchangesByContact } from './channels.js';
import { type KpiRange, inRange } from './range.js';
import { type DurationStats, durationStats } from './stats.js';

/** How fast new leads hear from the team. */
export interface FirstResponse extends DurationStats {
  /** Leads created in the range. */
  leads: number;
  /** Of them, those with no outbound exchange yet. */
  waiting: number;
}

/**
 * First response time: for each contact created on a day of the range, from
 * its creation to the first outbound exchange with it (a call, email or
 * message we sent, or a meeting). Mean and median over the contacts answered;
 * those not answered yet are counted as waiting.
 */
export function firstResponse(contacts: readonly Contact[], activities: readonly Activity[], range: KpiRange): FirstResponse {
  const byContact = exchangesByContact(activities);
  const times: number[] = [];
  let leads = 0;
  for (const c of contacts) {
    if (!inRange(c.createdAt, range)) continue;
    leads++;
    const created = Date.parse(c.createdAt);
    const first = byContact.get(c.id)?.find((e) => e.direction === 'outbound' && e.at >= created);
    if (first) times.push(first.at - created);
  }
  return { leads, waiting: leads - times.length, ...durationStats(times) };
}

/** Inbound and outbound exchanges on one channel. */
export interface ChannelCount {
  channel: string;
  inbound: number;
  outbound: number;
}

/** Communication in the range. */
export interface Communication {
  channels: ChannelCount[];
  /** From a customer's message to our next outbound exchange with them, on any channel. */
  response: DurationStats & { unanswered: number };
  /** Each contact's preferred channel: the one they wrote in on most (ties: the latest). */
  preferred: Record<string, string>;
}

/**
 * Communication KPIs over exchanges that happened on a day of the range:
 * counts per channel and direction; response time from each inbound exchange
 * to the next outbound one with that contact (inbound ones answered together
 * each count); and each contact's preferred channel.
 */
export function communication(activities: readonly Activity[], range: KpiRange): Communication {
  const byContact = exchangesByContact(activities);
  const counts = new Map<string, ChannelCount>();
  const waits: number[] = [];
  let unanswered = 0;
  const preferred: Record<string, string> = {};
  for (const [contactId, list] of byContact) {
    const inbound = new Map<string, { n: number; last: number }>();
    list.forEach((e: Exchange, i) => {
      if (!inRange(new Date(e.at).toISOString(), range)) return;
      const row = counts.get(e.channel) ?? counts.set(e.channel, { channel: e.channel, inbound: 0, outbound: 0 }).get(e.channel)!;
      row[e.direction]++;
      if (e.direction !== 'inbound') return;
      const seen = inbound.get(e.channel) ?? { n: 0, last: 0 };
      inbound.set(e.channel, { n: seen.n + 1, last: e.at });
      const reply = list.slice(i + 1).find((x) => x.direction === 'outbound');
      if (reply) waits.push(reply.at - e.at);
      else unanswered++;
    });
    let best: [string, { n: number; last: number }] | undefined;
    for (const entry of inbound) if (!best || entry[1].n > best[1].n || (entry[1].n === best[1].n && entry[1].last > best[1].last)) best = entry;
    if (best) preferred[contactId] = best[0];
  }
  const stats = durationStats(waits);
  return {
    channels: [...counts.values()].sort((a, b) => (a.channel < b.channel ? -1 : 1)),
    response: { ...stats, unanswered },
    preferred,
  };
}
