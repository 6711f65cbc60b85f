// @kith/elements: classes only, no registration side effects. Import `@kith/elements/<name>/define.js` to register a tag.

// Base and infrastructure
export { defineOnce, emitKith } from './kith-base.js';
export { KithElement } from './kith-element.js';
export { crmContext, CrmController } from './context.js';
export { LocalizeController, MessageSection, registerTranslation, availableLanguages, translationFor } from './localize.js';
export type { Translation } from './translations/en.js';
export { tokens } from './styles/tokens.js';

// Elements
export { KithCrm } from './crm/kith-crm.js';
export { KithLifecycleBadge } from './lifecycle-badge/kith-lifecycle-badge.js';
export { KithPipelineBoard, type DealMoveDetail, type CardInfo } from './pipeline-board/kith-pipeline-board.js';
export { KithTimeline } from './timeline/kith-timeline.js';
export { KithContactCard } from './contact-card/kith-contact-card.js';
export { cardMessages, type CardMessages } from './contact-card/messages/index.js';
export { type FieldGroupConfig, type FieldGroup, groupFields } from './contact-card/field-groups.js';
export { KithTaskList } from './task-list/kith-task-list.js';
export { taskListMessages, type TaskListMessages } from './task-list/messages/index.js';
export { groupTasks, TASK_GROUPS, type TaskGroup, type ListedTask } from './task-list/task-groups.js';
export { KithKpiBoard } from './kpi-board/kith-kpi-board.js';
export { kpiBoardMessages, type KpiBoardMessages } from './kpi-board/messages/index.js';
export { KithImport } from './import/kith-import.js';
export { importMessages, type ImportMessages } from './import/messages/index.js';
export {
  KithLeadForm,
  type LeadFormState,
  type LeadSubmitDetail,
  type LeadQueuedDetail,
  type LeadSuccessDetail,
  type LeadErrorDetail,
} from './lead-form/kith-lead-form.js';
export { type LeadFormMessages, LEAD_FORM_MESSAGES } from './lead-form/messages.js';
