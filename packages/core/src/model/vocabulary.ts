// Enum-like vocabularies of the model, with no zod import: elements and
// landing-page code can use them without pulling in any schema.

/** Marketing channels a lead can arrive through. */
export const CHANNELS = ['organic', 'paid', 'social', 'email', 'referral', 'direct', 'form', 'import', 'manual', 'event', 'phone', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a consent was given or withdrawn. */
export const CONSENT_METHODS = ['form', 'import', 'manual', 'api', 'email', 'phone'] as const;

/** A customer's place in the relationship: potential (lead, prospect), active (customer), permanent (loyal), or lost. */
export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'loyal', 'lost'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** What a company is to the business; one company can be several. */
export const COMPANY_KINDS = ['client', 'supplier', 'partner'] as const;

/** Whether a stage is still in play, or closes the deal as won or lost. */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A deal's outcome so far. */
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** Inbound: the customer reached us. Outbound: we reached them. */
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const CALL_OUTCOMES = ['connected', 'no-answer', 'busy', 'voicemail', 'wrong-number'] as const;
export const MESSAGE_CHANNELS = ['chat', 'sms', 'whatsapp', 'telegram', 'messenger', 'other'] as const;
export const DOCUMENT_KINDS = ['order', 'invoice', 'proposal', 'contract', 'receipt'] as const;
export const ENTITY_KINDS = ['contact', 'company', 'deal', 'task'] as const;
/**
 * Activity kinds that are an exchange with the customer. Notes, documents
 * and the core's own entries (created, changes, merges) are not: only these
 * move a contact's `lastInteractionAt`, and views and KPIs that speak of
 * "the last interaction" mean these.
 */
export const INTERACTION_TYPES = ['call', 'email', 'meeting', 'message', 'form'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** What kind of step a task is. */
export const TASK_KINDS = ['call', 'email', 'meeting', 'todo'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** What a member may do; access rules read it. */
export const MEMBER_ROLES = ['admin', 'manager', 'rep', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The value types a custom field can hold. */
export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'boolean', 'select', 'multi-select', 'email', 'phone', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/** The records custom fields can be defined on. */
export const FIELD_ENTITIES = ['contact', 'company', 'deal'] as const;
export type FieldEntity = (typeof FIELD_ENTITIES)[number];
