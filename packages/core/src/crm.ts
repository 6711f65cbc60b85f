import { Emitter, type CrmEventName, type CrmEvents } from './events.js';
import { activitiesService } from './services/activities.js';
import { companiesService } from './services/companies.js';
import { contactsService } from './services/contacts.js';
import { type CrmOptions, createContext } from './services/context.js';
import { dealsService } from './services/deals.js';
import { duplicatesService } from './services/duplicates.js';
import { fieldsService } from './services/fields.js';
import { membersService } from './services/members.js';
import { pipelinesService } from './services/pipelines.js';
import { tasksService } from './services/tasks.js';
import { leadsService } from './services/leads.js';
import { segmentsService } from './services/segments.js';
import { kpisService } from './services/kpis.js';
import { rulesService } from './services/rules.js';
import { importsService } from './services/imports.js';
import { exportsService } from './services/exports.js';
import type { ChangeSet, StoragePort, SubscribeOptions } from './storage/port.js';
import { type Clock, systemClock } from './time.js';

/** What `createCrm` needs. */
export interface CrmInit {
  /** Where records live: an adapter such as `memoryStorage()` or `indexedDbStorage({ name })`. */
  storage: StoragePort;
  /** The time source; inject `fixedClock()` for tests and replays. */
  clock?: Clock;
  /** The member acting through this CRM: the author of its activities and default assignee of its tasks. */
  member?: { id: string };
  options?: CrmOptions;
}

/**
 * Creates a CRM over a storage adapter: the SDK's entry point.
 *
 * @example
 * ```ts
 * import { createCrm } from '@kith/core';
 * import { memoryStorage } from '@kith/adapters/memory';
 *
 * const crm = createCrm({ storage: memoryStorage() });
 * const ana = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }] });
 * const deal = await crm.deals.create({ title: 'Website', value: { amount: 500000, currency: 'EUR' }, contactIds: [ana.id] });
 * await crm.deals.move(deal.id, 'won');
 * ```
 */
export function createCrm(init: CrmInit) {
  const events = new Emitter();
  const ctx = createContext({
    storage: init.storage,
    clock: init.clock ?? systemClock,
    memberId: init.member?.id,
    events,
    options: init.options,
  });
  const pipelines = pipelinesService(ctx);
  const contacts = contactsService(ctx);
  const companies = companiesService(ctx);
  const deals = dealsService(ctx, pipelines);
  const tasks = tasksService(ctx);
  const segments = segmentsService(ctx, { contacts, companies, deals, tasks });
  return {
    contacts,
    companies,
    pipelines,
    deals,
    leads: leadsService(ctx, pipelines),
    activities: activitiesService(ctx),
    tasks,
    /** Saved and inline segments: filters over contacts, companies and deals, and bulk actions on them. */
    segments,
    /** Automation: event and scheduled rules with idempotent actions (`start()`, `runDue(now)`). */
    rules: rulesService(ctx, { contacts, companies, deals, tasks, segments }),
    /** How well the team sells, over a range in the viewer's zone (definitions: docs/kpis.md). */
    kpis: kpisService(ctx),
    members: membersService(ctx),
    fields: fieldsService(ctx),
    /** CSV and JSON import with mapping, validation, duplicate control, progress and a dry run. */
    imports: importsService(ctx, deals),
    /** CSV and JSON export of a collection or a segment, in columns an import reads back. */
    exports: exportsService(ctx, segments),
    /** Duplicate search under the host's rules (`find`, `check`, `of`) and `merge` with a dry run. */
    duplicates: duplicatesService(ctx, init.options?.duplicateRules),
    /** The storage this CRM writes to. */
    storage: init.storage,
    /** The CRM's clock. */
    clock: ctx.clock,
    /** The acting member's id, if any. */
    memberId: ctx.memberId,

    /** Listens to an SDK event, emitted after its batch committed. Returns the unsubscribe function. */
    on<K extends CrmEventName>(name: K, listener: (payload: CrmEvents[K]) => void): () => void {
      return events.on(name, listener);
    },

    /**
     * Listens to every committed change in storage, including other tabs' and
     * other users' (through the adapter's change feed): what live views need.
     */
    watch(listener: (changes: ChangeSet) => void, options?: SubscribeOptions): () => void {
      return init.storage.subscribe(listener, options);
    },

    /** Drops listeners and closes the storage. */
    async close(): Promise<void> {
      events.clear();
      await init.storage.close();
    },
  };
}

/** A CRM as `createCrm` returns it. */
export type Crm = ReturnType<typeof createCrm>;
