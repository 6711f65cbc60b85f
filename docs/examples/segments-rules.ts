// The segments, rules and tasks guide's SDK examples (docs/segments-rules-tasks.md
// quotes them; test/core/guides.test.ts runs them in Node).
import type { Crm, SegmentDefinition } from '@kith/core';

/** Spring-campaign VIPs nobody has talked to for 30 days and who have no open deal. */
export async function sleepingVipIds(crm: Crm): Promise<string[]> {
  const sleepingVips: SegmentDefinition = {
    entity: 'contact',
    where: {
      and: [
        { field: 'tags', op: 'has', value: 'vip' },
        { field: 'source.firstTouch.utmCampaign', op: 'eq', value: 'spring' },
        { lastInteraction: { before: { daysAgo: 30 } } },
        { not: { openDeal: true } },
      ],
    },
  };
  const ids = await crm.segments.ids(sleepingVips, { timeZone: 'Europe/Madrid' });
  return ids;
}

/**
 * A call reminder for every customer quiet for a month, checked every 15 minutes,
 * each also posted to the host's webhook. Returns what stops it all.
 */
export async function remindQuietCustomers(crm: Crm, hookUrl: string): Promise<() => void> {
  await crm.rules.save({
    name: 'Quiet for a month',
    entity: 'contact',
    trigger: { type: 'no-interaction', days: 30 },
    condition: { field: 'lifecycle', op: 'in', value: ['customer', 'loyal'] },
    actions: [
      { type: 'create-task', title: 'Get back in touch', kind: 'call', dueInDays: 0 },
      { type: 'emit', event: 'customer.quiet' },
    ],
  });
  const stop = crm.rules.start({ timeZone: 'Europe/Madrid' }); // event rules, on this CRM's writes
  const timer = setInterval(() => crm.rules.runDue(Date.now(), { timeZone: 'Europe/Madrid' }), 15 * 60_000);
  const off = crm.on('rule:event', (e) => void fetch(hookUrl, { method: 'POST', body: JSON.stringify(e) }).catch(console.warn));
  return () => {
    stop();
    clearInterval(timer);
    off();
  };
}
