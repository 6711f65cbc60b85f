import type { Activity } from '../model/activity.js';
import type { Contact } from '../model/contact.js';
import { type Exchange, exchangesByContact, preferredChannel } from './channels.js';
import { type KpiRange, arrivedAsLead, inRange } from './range.js';
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
    if (!inRange(c.createdAt, range) || !arrivedAsLead(c)) continue;
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
    list.forEach((e: Exchange, i) => {
      if (!inRange(e.at, range)) return;
      const row = counts.get(e.channel) ?? counts.set(e.channel, { channel: e.channel, inbound: 0, outbound: 0 }).get(e.channel)!;
      row[e.direction]++;
      if (e.direction !== 'inbound') return;
      const reply = list.slice(i + 1).find((x) => x.direction === 'outbound');
      if (reply) waits.push(reply.at - e.at);
      else unanswered++;
    });
    const channel = preferredChannel(list.filter((e) => inRange(e.at, range)));
    if (channel) preferred[contactId] = channel;
  }
  const stats = durationStats(waits);
  return {
    channels: [...counts.values()].sort((a, b) => (a.channel < b.channel ? -1 : 1)),
    response: { ...stats, unanswered },
    preferred,
  };
}
