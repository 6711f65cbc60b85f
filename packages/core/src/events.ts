import type { Activity } from './model/activity.js';
import type { Company } from './model/company.js';
import type { Contact } from './model/contact.js';
import type { FieldDefinition } from './model/custom-field.js';
import type { Deal } from './model/deal.js';
import type { Member } from './model/member.js';
import type { Pipeline } from './model/pipeline.js';
import type { Task } from './model/task.js';

/** The SDK's events and their payloads; each is emitted once, after its batch committed. */
export interface CrmEvents {
  'contact:created': { contact: Contact };
  'contact:updated': { contact: Contact; previous: Contact };
  'contact:deleted': { id: string };
  'company:created': { company: Company };
  'company:updated': { company: Company; previous: Company };
  'company:deleted': { id: string };
  'deal:created': { deal: Deal };
  'deal:updated': { deal: Deal; previous: Deal };
  'deal:moved': { deal: Deal; previous: Deal; fromStageId: string; toStageId: string };
  'deal:won': { deal: Deal };
  'deal:lost': { deal: Deal; reason: string };
  'deal:deleted': { id: string };
  'pipeline:created': { pipeline: Pipeline };
  'pipeline:updated': { pipeline: Pipeline };
  'activity:logged': { activity: Activity };
  'task:scheduled': { task: Task };
  'task:updated': { task: Task; previous: Task };
  'task:completed': { task: Task; next?: Task };
  'task:deleted': { id: string };
  'member:created': { member: Member };
  'member:updated': { member: Member };
  'field:defined': { field: FieldDefinition };
  'field:removed': { id: string };
  /** An automation rule's `emit` action: forward it to a webhook, a toast, an analytics call. */
  'rule:event': { ruleId: string; ruleName: string; event: string; entity: string; recordId: string; record: Record<string, unknown>; occurrence: string };
}
export type CrmEventName = keyof CrmEvents;

type Listener<K extends CrmEventName> = (payload: CrmEvents[K]) => void;

/** A tiny typed emitter; a throwing listener is reported and does not stop the others. */
export class Emitter {
  #listeners = new Map<CrmEventName, Set<Listener<never>>>();

  on<K extends CrmEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends CrmEventName>(name: K, payload: CrmEvents[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as Listener<K>)(payload);
      } catch (error) {
        console.error(`kith: a "${name}" listener threw`, error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
