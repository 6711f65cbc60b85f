// The timeline guide's SDK example (docs/timeline.md quotes it; test/elements/docs-guides.browser.test.ts runs it).
import type { Activity, Crm } from '@kith/core';

export async function timelineExample(crm: Crm, companyId: string, contactId: string) {
  const emails: Activity[] = [];
  for await (const activity of crm.activities.feed({ companyId }, { types: ['email'] })) emails.push(activity);
  const logged = await crm.activities.logWithNext(
    { type: 'call', contactId, direction: 'outbound', outcome: 'connected', text: 'Agreed on a demo' },
    { title: 'Demo', kind: 'meeting', due: '2026-11-27' },
  );
  return { emails, logged };
}
