// @kith/core: the CRM itself. No DOM, no storage engine.

// SDK
export { createCrm, type Crm, type CrmInit } from './crm.js';
export type { CrmOptions } from './services/context.js';
export type { CrmEvents, CrmEventName } from './events.js';
export type { WriteOptions } from './services/contacts.js';
export type { MoveOptions, DealPosition } from './services/deals.js';
export type { CompleteOptions } from './services/tasks.js';
export { type LeadResult, leadActivityId } from './services/leads.js';
export type { FeedOptions, TimelineRef, TimelineQuery } from './services/activities.js';
export type { Reader } from './services/reader.js';
export { DEFAULT_PIPELINE_ID } from './services/pipelines.js';
export { LIFECYCLE_ORDER } from './services/contacts.js';

// Errors
export {
  ERROR_CODES,
  type ErrorCode,
  KithError,
  ValidationError,
  type ValidationIssue,
  ConflictError,
  NotFoundError,
  StorageError,
  type StorageErrorCode,
  isKithError,
} from './errors.js';
export { parse, toIssues } from './validate.js';

// Model vocabularies (no zod: cheap to import)
export {
  CHANNELS,
  type Channel,
  CONSENT_METHODS,
  LIFECYCLE_STAGES,
  INTERACTION_TYPES,
  type LifecycleStage,
  COMPANY_KINDS,
  STAGE_KINDS,
  type StageKind,
  DEAL_STATUSES,
  type DealStatus,
  DIRECTIONS,
  CALL_OUTCOMES,
  MESSAGE_CHANNELS,
  DOCUMENT_KINDS,
  ENTITY_KINDS,
  type EntityKind,
  TASK_KINDS,
  type TaskKind,
  MEMBER_ROLES,
  type MemberRole,
  FIELD_TYPES,
  type FieldType,
  FIELD_ENTITIES,
  type FieldEntity,
} from './model/vocabulary.js';

// Model schemas and types
export { Id, Instant, DateOnly, CurrencyCode, Money, NonNegativeMoney, Label, Tag } from './model/common.js';
export { Touch, Source } from './model/source.js';
export { IdempotencyKey, LeadConsent, LeadSubmission, LeadRouting } from './model/lead.js';
export { Consent } from './model/consent.js';
export { EmailEntry, PhoneEntry, ContactInput, ContactPatch, Contact, contactName } from './model/contact.js';
export { Domain, CompanyInput, CompanyPatch, Company } from './model/company.js';
export { Stage, PipelineInput, Pipeline, DEFAULT_LOST_REASONS, defaultPipelineInput } from './model/pipeline.js';
export { StageVisit, DealInput, DealPatch, Deal } from './model/deal.js';
export {
  USER_ACTIVITY_TYPES,
  SYSTEM_ACTIVITY_TYPES,
  ACTIVITY_TYPES,
  type ActivityType,
  type ActivityOf,
  FieldChange,
  ActivityInput,
  Activity,
  isSystemActivity,
} from './model/activity.js';
export { Due, TaskInput, TaskPatch, Task } from './model/task.js';
export { MemberInput, Member } from './model/member.js';
export { FieldDefinitionInput, FieldDefinition, customValuesSchema } from './model/custom-field.js';

// Storage port and its shared semantics (for adapter authors)
export {
  COLLECTIONS,
  type CollectionName,
  type StoredRecord,
  type RecordInput,
  FILTER_OPS,
  type FilterOp,
  type Filter,
  type Sort,
  type Query,
  type Page,
  type WriteOp,
  type Change,
  type ChangeSet,
  type SubscribeOptions,
  type StoragePort,
} from './storage/port.js';
export {
  valueAt,
  fieldGetter,
  compareValues,
  matchesFilter,
  matchesAll,
  recordComparator,
  type CursorPosition,
  encodeCursor,
  decodeCursor,
  cursorAfter,
  isAfterCursor,
  checkQuery,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
} from './storage/semantics.js';

// Utilities
export { newId } from './ids.js';
export { type Clock, systemClock, fixedClock, dateInZone, daysBetween, isDateOnly, localTimeZone, startOfDay, addDays } from './time.js';
export { type DueState, type DueInfo, dueInfo, isOverdue } from './task-due.js';
export { sumByCurrency, minorUnits, money, formatMoney } from './money.js';
export { rankBetween, timeRank, RANK_PATTERN } from './rank.js';
export {
  type CurrencyTotal,
  type ColumnTotals,
  type DealFigures,
  type NextActivityState,
  dealProbability,
  columnTotals,
  daysInStage,
  isRotting,
  nextActivity,
  NEXT_ACTIVITY_ORDER,
} from './board.js';
export { loadPhoneSupport, phoneSupportLoaded, toE164, phoneKey, emailKey, formatPhone } from './phone.js';
export { daysUntilBirthday } from './birthday.js';
export { DEFAULT_DUPLICATE_RULES, type DuplicateGroup, type DuplicateMatch, type DuplicateReason, type DuplicateRule, type GroupReason } from './services/duplicates.js';
export type { MergeConflict, MergeInput, MergeResult } from './services/merge.js';

// Segments
export {
  SegmentNode,
  SegmentDefinition,
  SegmentInput,
  Segment,
  RelativeTime,
  FieldCondition,
  SEGMENT_OPS,
  type SegmentOp,
  SEGMENT_ENTITIES,
  type SegmentEntity,
} from './segments/schema.js';
export { SEGMENT_FIELDS } from './segments/compile.js';
export {
  type BulkResult,
  type SegmentRef,
  type SegmentRunOptions,
  type SegmentPageOptions,
  TaskTemplate,
  SEGMENT_COLLECTION,
} from './services/segments.js';

// KPIs (definitions: docs/kpis.md)
export { KpiRange, inRange, monthOf, yearOf, monthsOf } from './kpi/range.js';
export type { KpiData } from './kpi/data.js';
export { median, mean, type DurationStats } from './kpi/stats.js';
export { leadConversion, type CohortConversion } from './kpi/conversion.js';
export { stageFunnel, type FunnelStep } from './kpi/funnel.js';
export { winFigures, revenue, forecast, type WinFigures, type RevenueFigures, type ForecastMonth } from './kpi/sales.js';
export { baseGrowth, type BaseGrowth } from './kpi/growth.js';
export { firstResponse, communication, type FirstResponse, type Communication, type ChannelCount } from './kpi/response.js';
export { exchangeOf, preferredChannel, type Exchange } from './kpi/channels.js';
export { attribution, type AttributionRow } from './kpi/attribution.js';
export { workload, type Workload } from './kpi/workload.js';
export { computeReport, type KpiReport } from './services/kpis.js';

// Automation rules
export {
  Rule,
  RuleInput,
  RuleTrigger,
  RuleAction,
  RuleRun,
  RULE_ENTITIES,
  type RuleEntity,
  TRIGGER_ENTITIES,
  ACTION_ENTITIES,
  SCHEDULED_TRIGGERS,
} from './rules/schema.js';
export type { RuleOutcome, RuleReport, RuleRunOptions, RuleWrite } from './services/rules.js';

// Import and export (issue 8).
export type { ImportsService } from './services/imports.js';
export type { ImportOptions, ImportPreview } from './transfer/run.js';
export { IMPORT_MODES, issuesCsv, type ImportIssue, type ImportMode, type ImportProgress, type ImportReport } from './transfer/report.js';
export type { ImportSource } from './transfer/source.js';
export { IMPORT_ENTITIES, normaliseHeader, suggestMapping, type CellKind, type ImportEntity, type ImportTarget } from './transfer/targets.js';
export { detectDateOrder, detectDecimalMark, type DateOrderFinding, type DecimalMarkFinding } from './transfer/detect.js';
export { parseDate, parseMoney, parseNumber, type DateOrder, type DecimalMark } from './transfer/coerce.js';
export { companyNameKey, nameSimilarity, personNameKey } from './transfer/keys.js';
export type { ExportsService } from './services/exports.js';
export type { ExportOptions, ExportRow } from './transfer/export.js';
