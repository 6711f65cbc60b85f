import { Activity, Company, Contact, Deal, FieldDefinition, Member, Pipeline, Rule, RuleRun, Segment, Task } from '@kith/core';

/**
 * The core's stored-record schemas by collection: by default the handler
 * checks every record a client writes to these collections against them, so
 * a client cannot store a contact the core could not read back.
 */
export const CORE_RECORD_SCHEMAS = {
  contacts: Contact,
  companies: Company,
  deals: Deal,
  pipelines: Pipeline,
  activities: Activity,
  tasks: Task,
  members: Member,
  fields: FieldDefinition,
  segments: Segment,
  rules: Rule,
  'rule-runs': RuleRun,
} as const;
