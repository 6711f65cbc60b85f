import { daysUntilBirthday } from '../birthday.js';
import { isRotting } from '../board.js';
import { ConflictError, type KithError, ValidationError, isKithError, type ValidationIssue } from '../errors.js';
import type { Contact } from '../model/contact.js';
import type { Deal } from '../model/deal.js';
import type { Pipeline } from '../model/pipeline.js';
import { Task } from '../model/task.js';
import { runId, runKey } from '../rules/keys.js';
import { ACTION_ENTITIES, Rule, RuleInput, RuleRun, SCHEDULED_TRIGGERS, TRIGGER_ENTITIES, type RuleAction, type RuleEntity } from '../rules/schema.js';
import type { StoredRecord } from '../storage/port.js';
import { dueInfo } from '../task-due.js';
import { addDays, dateInZone, localTimeZone } from '../time.js';
import { parse } from '../validate.js';
import type { CompaniesService } from './companies.js';
import type { ContactsService, WriteOptions } from './contacts.js';
import type { CrmContext } from './context.js';
import type { DealsService } from './deals.js';
import { readAll, reader } from './reader.js';
import { SEGMENT_COLLECTION, type SegmentsService } from './segments.js';
import { dueInDays, taskLinks } from './task-about.js';
import { buildTask, taskCreated, type TasksService } from './tasks.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';
import { queueCreated } from './writes.js';
import { z } from '../zod.js';

const DAY = 86_400_000;
/** Rules acting on records that rules changed go this deep at most, so two rules can never feed each other forever. */
const MAX_DEPTH = 3;

/** What became of one action of one rule for one record. */
export interface RuleOutcome {
  ruleId: string;
  recordId: string;
  /** The action's index in the rule. */
  action: number;
  /** `done`: it acted now; `skipped`: this occurrence had already been acted on. */
  status: 'done' | 'skipped' | 'failed';
  error?: KithError;
}

/** The outcomes of one run. */
export interface RuleReport {
  done: number;
  skipped: number;
  failed: number;
  outcomes: RuleOutcome[];
}

/** Where and when rules judge days: a birthday, "overdue", a due date in N days. */
export interface RuleRunOptions {
  timeZone?: string;
}

/** The services actions write through, so each change is validated and on the timeline. */
export interface RuleWriters {
  contacts: Pick<ContactsService, 'update' | 'setLifecycle'>;
  companies: Pick<CompaniesService, 'update'>;
  deals: Pick<DealsService, 'update'>;
  tasks: Pick<TasksService, 'update'>;
  segments: Pick<SegmentsService, 'matcher'>;
}

/** One SDK write, as event rules see it. */
export interface RuleWrite {
  entity: RuleEntity;
  kind: 'created' | 'updated';
  record: StoredRecord;
  previous?: StoredRecord;
}
type Write = RuleWrite;

/** A rule's round-robin position. */
const RuleTurn = z.strictObject({ id: z.string(), version: z.int(), next: z.int().check(z.minimum(0)) });

const COLLECTION: Record<RuleEntity, string> = { ...SEGMENT_COLLECTION, task: 'tasks' };

/** Every issue of a rule whose trigger, condition or actions do not suit its entity. */
function checkFit(rule: { entity: RuleEntity; trigger: { type: keyof typeof TRIGGER_ENTITIES }; actions: RuleAction[] }): void {
  const issues: ValidationIssue[] = [];
  if (!TRIGGER_ENTITIES[rule.trigger.type].includes(rule.entity)) {
    issues.push({ path: ['trigger', 'type'], code: 'unsupported_trigger', message: `"${rule.trigger.type}" does not apply to a ${rule.entity}` });
  }
  rule.actions.forEach((a, i) => {
    if (!ACTION_ENTITIES[a.type].includes(rule.entity)) issues.push({ path: ['actions', i, 'type'], code: 'unsupported_action', message: `"${a.type}" does not apply to a ${rule.entity}` });
  });
  if (issues.length) throw new ValidationError(issues, 'rule');
}

export function rulesService(ctx: CrmContext, w: RuleWriters) {
  const read = reader<Rule>(ctx, 'rules');
  /**
   * Records a rule is acting on right now, with the depth of that run: a
   * write to one of them is the rule's doing, so the rules it meets run one
   * level deeper. (The services emit their events before they return.)
   */
  const causes = new Map<string, number>();

  async function allRules(): Promise<Rule[]> {
    const out: Rule[] = [];
    for await (const r of read.each(undefined, { field: 'name' })) out.push(r);
    return out;
  }

  /** The record a condition looks at: the record itself, or a task's contact. */
  async function conditionSubject(rule: Rule, record: StoredRecord): Promise<StoredRecord | undefined> {
    if (rule.entity !== 'task') return record;
    const contactId = record.contactId as string | undefined;
    return contactId ? ctx.storage.get('contacts', contactId) : undefined;
  }

  async function conditionTest(rule: Rule, timeZone: string, now: number): Promise<(record: StoredRecord) => Promise<boolean>> {
    if (!rule.condition) return async () => true;
    const test = await w.segments.matcher({ entity: rule.entity === 'task' ? 'contact' : rule.entity, where: rule.condition }, { timeZone, now });
    return async (record) => {
      const subject = await conditionSubject(rule, record);
      return subject !== undefined && test(subject);
    };
  }

  /** Who owns a record: the owner, or a task's assignee. */
  const ownerOf = (entity: RuleEntity, r: StoredRecord) => (entity === 'task' ? r.assigneeId : r.ownerId) as string | undefined;

  async function candidatesFor(rule: Rule): Promise<string[]> {
    if (rule.actions.every((a) => a.type !== 'assign')) return [];
    const a = rule.actions.find((x): x is Extract<RuleAction, { type: 'assign' }> => x.type === 'assign')!;
    if (a.memberIds) return a.memberIds;
    const page = await ctx.storage.query('members', { where: [{ field: 'active', op: 'eq', value: true }], orderBy: { field: 'id' }, limit: 1000 });
    return page.items.map((m) => m.id);
  }

  /** The member an assign action picks, and the writes (a round-robin turn) that must commit with the claim. */
  async function pickMember(rule: Rule, action: Extract<RuleAction, { type: 'assign' }>, uow: UnitOfWork): Promise<string | undefined> {
    const members = await candidatesFor(rule);
    if (!members.length) return undefined;
    if (action.strategy === 'round-robin') {
      const turnId = `rule-turn-${rule.id}`;
      const turn = await ctx.storage.get('counters', turnId);
      const index = (((turn?.next as number | undefined) ?? 0) % members.length + members.length) % members.length;
      uow.put('counters', RuleTurn, { id: turnId, version: turn?.version ?? 0, next: (index + 1) % members.length }, turn?.version ?? 0);
      return members[index];
    }
    let best: { id: string; load: number } | undefined;
    for (const id of members) {
      const load =
        (await ctx.storage.count('deals', [{ field: 'ownerId', op: 'eq', value: id }, { field: 'status', op: 'eq', value: 'open' }])) +
        (await ctx.storage.count('tasks', [{ field: 'assigneeId', op: 'eq', value: id }, { field: 'completedAt', op: 'exists', value: false }]));
      if (!best || load < best.load) best = { id, load };
    }
    return best?.id;
  }

  /**
   * Runs one action once per occurrence. The run mark is written with
   * "must not exist yet" in the same batch as a created task or a round-robin
   * turn, so two runners racing on one occurrence act once. Other actions
   * claim the mark first, then act through the services, and give the claim
   * back if the action fails, so a later run tries again.
   */
  async function act(rule: Rule, index: number, record: StoredRecord, occurrence: string, now: number, timeZone: string, depth: number): Promise<'done' | 'skipped'> {
    const action = rule.actions[index]!;
    const key = runKey(rule.id, occurrence, index);
    const id = runId(key);
    if (await ctx.storage.get('rule-runs', id)) return 'skipped';
    const mark = { id, ruleId: rule.id, key, at: new Date(now).toISOString(), version: 0 };
    const claimed = async (write: (uow: UnitOfWork) => Promise<void>): Promise<boolean> => {
      // A conflict is either the mark (another run acted: skip) or a round-robin turn moved by a run on another record (retry).
      for (let attempt = 1; ; attempt++) {
        const uow = new UnitOfWork(ctx);
        uow.put('rule-runs', RuleRun, mark, 0);
        try {
          await write(uow);
          return true;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          if (await ctx.storage.get('rule-runs', id)) return false;
          if (attempt === 4) throw error;
        }
      }
    };
    const release = () => ctx.storage.batch([{ type: 'delete', collection: 'rule-runs', id }]).catch(() => undefined);

    if (action.type === 'create-task') {
      const due = action.dueInDays === undefined ? undefined : dueInDays(now, timeZone, action.dueInDays);
      const input = stripUndefined({ title: action.title, kind: action.kind, due, assigneeId: action.assigneeId ?? ownerOf(rule.entity, record), ...taskLinks(rule.entity, record) });
      const task = await buildTask(ctx, input);
      causes.set(task.id, depth);
      try {
        const ok = await claimed(async (uow) => {
          const stored = uow.put('tasks', Task, task, 0);
          queueCreated(uow, taskCreated, stored);
          uow.afterCommit(() => ctx.events.emit('task:scheduled', { task: stored }));
          await uow.commit();
        });
        return ok ? 'done' : 'skipped';
      } finally {
        causes.delete(task.id);
      }
    }
    let memberId: string | undefined;
    const ok = await claimed(async (uow) => {
      if (action.type === 'assign') memberId = await pickMember(rule, action, uow);
      await uow.commit();
    });
    if (!ok) return 'skipped';
    causes.set(record.id, depth);
    try {
      await perform(rule, action, record, memberId);
    } catch (error) {
      await release();
      throw error;
    } finally {
      causes.delete(record.id);
    }
    if (action.type === 'emit') {
      ctx.events.emit('rule:event', { ruleId: rule.id, ruleName: rule.name, event: action.event, entity: rule.entity, recordId: record.id, record, occurrence });
    }
    return 'done';
  }

  /** The change an action makes, through the services; nothing when the record already is that way. */
  async function perform(rule: Rule, action: RuleAction, record: StoredRecord, memberId: string | undefined): Promise<void> {
    const fresh = await ctx.storage.get(COLLECTION[rule.entity], record.id);
    if (!fresh) return;
    const update = (patch: Record<string, unknown>) => {
      const opts: WriteOptions = { expectedVersion: fresh.version };
      if (rule.entity === 'contact') return w.contacts.update(fresh.id, patch, opts);
      if (rule.entity === 'company') return w.companies.update(fresh.id, patch, opts);
      if (rule.entity === 'deal') return w.deals.update(fresh.id, patch, opts);
      return w.tasks.update(fresh.id, patch, opts);
    };
    if (action.type === 'assign') {
      if (memberId && ownerOf(rule.entity, fresh) !== memberId) await update(rule.entity === 'task' ? { assigneeId: memberId } : { ownerId: memberId });
    } else if (action.type === 'add-tag') {
      const tags = (fresh.tags as string[] | undefined) ?? [];
      if (!tags.includes(action.tag)) await update({ tags: [...tags, action.tag] });
    } else if (action.type === 'set-lifecycle') {
      if (fresh.lifecycle !== action.to) await w.contacts.setLifecycle(fresh.id, action.to, { expectedVersion: fresh.version });
    }
  }

  /** Runs a rule's actions on records that met its trigger, each with its occurrence key, after the condition. */
  async function fire(rule: Rule, hits: { record: StoredRecord; occurrence: string }[], now: number, timeZone: string, report: RuleReport, depth = 0): Promise<void> {
    if (!hits.length) return;
    const passes = await conditionTest(rule, timeZone, now);
    for (const { record, occurrence } of hits) {
      if (!(await passes(record))) continue;
      for (let i = 0; i < rule.actions.length; i++) {
        const outcome: RuleOutcome = { ruleId: rule.id, recordId: record.id, action: i, status: 'done' };
        try {
          outcome.status = await act(rule, i, record, occurrence, now, timeZone, depth);
        } catch (error) {
          if (!isKithError(error)) throw error;
          outcome.status = 'failed';
          outcome.error = error;
        }
        report.outcomes.push(outcome);
        report[outcome.status]++;
      }
    }
  }

  /** The records a scheduled rule is due for at `now`, each with the occurrence it is due for. */
  async function dueHits(rule: Rule, now: number, timeZone: string): Promise<{ record: StoredRecord; occurrence: string }[]> {
    const t = rule.trigger;
    if (t.type === 'no-interaction') {
      const cutoff = new Date(now - t.days * DAY).toISOString();
      const quiet = await readAll<StoredRecord>(ctx, 'contacts', [{ field: 'lastInteractionAt', op: 'lt', value: cutoff }]);
      const never = (await readAll<StoredRecord>(ctx, 'contacts', [{ field: 'lastInteractionAt', op: 'exists', value: false }])).filter((c) => Date.parse(c.createdAt as string) < now - t.days * DAY);
      return [...quiet, ...never].map((c) => ({ record: c, occurrence: `quiet:${c.id}:${(c as unknown as Contact).lastInteractionAt ?? c.createdAt}` }));
    }
    if (t.type === 'birthday') {
      const today = dateInZone(now, timeZone);
      return (await readAll<StoredRecord>(ctx, 'contacts', [{ field: 'birthday', op: 'exists', value: true }])).flatMap((c) => {
        const left = daysUntilBirthday(c.birthday as string, now, timeZone);
        return left <= t.days ? [{ record: c, occurrence: `birthday:${c.id}:${addDays(today, left)}` }] : [];
      });
    }
    if (t.type === 'rotting') {
      const pipelines = new Map((await readAll<StoredRecord>(ctx, 'pipelines', [])).map((p) => [p.id, p as unknown as Pipeline]));
      return (await readAll<StoredRecord>(ctx, 'deals', [{ field: 'status', op: 'eq', value: 'open' }])).flatMap((r) => {
        const d = r as unknown as Deal;
        const stage = pipelines.get(d.pipelineId)?.stages.find((s) => s.id === d.stageId);
        return isRotting(d, stage, now) ? [{ record: r, occurrence: `rotting:${d.id}:${d.stageEnteredAt}` }] : [];
      });
    }
    if (t.type === 'task-overdue') {
      const min = t.days ?? 1;
      return (await readAll<StoredRecord>(ctx, 'tasks', [{ field: 'completedAt', op: 'exists', value: false }, { field: 'due', op: 'exists', value: true }])).flatMap((r) => {
        const info = dueInfo(r as unknown as Task, now, timeZone);
        return info.state === 'overdue' && info.daysLate >= min ? [{ record: r, occurrence: `overdue:${r.id}:${r.due as string}` }] : [];
      });
    }
    return [];
  }

  const emptyReport = (): RuleReport => ({ done: 0, skipped: 0, failed: 0, outcomes: [] });


  function eventHits(rule: Rule, write: Write): { record: StoredRecord; occurrence: string }[] {
    const t = rule.trigger;
    const r = write.record;
    if (rule.entity !== write.entity) return [];
    if (t.type === 'created') return write.kind === 'created' ? [{ record: r, occurrence: `created:${r.id}` }] : [];
    if (t.type === 'stage-entered') {
      const entered = write.kind === 'created' ? true : write.previous?.stageId !== r.stageId || write.previous?.pipelineId !== r.pipelineId;
      if (!entered || r.stageId !== t.stageId || (t.pipelineId && r.pipelineId !== t.pipelineId)) return [];
      return [{ record: r, occurrence: `stage:${r.id}:${r.stageEnteredAt as string}` }];
    }
    if (t.type === 'field-changed' && write.kind === 'updated' && write.previous) {
      const get = (x: StoredRecord) => t.field.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), x);
      const before = JSON.stringify(get(write.previous));
      const after = JSON.stringify(get(r));
      if (before === after || (t.to !== undefined && after !== JSON.stringify(t.to))) return [];
      return [{ record: r, occurrence: `field:${r.id}:${t.field}:${r.version}` }];
    }
    return [];
  }

  /** Runs the event rules one SDK write meets. */
  async function handle(write: Write, options: RuleRunOptions = {}, depth = 0): Promise<RuleReport> {
    const report = emptyReport();
    const now = ctx.clock.now();
    for (const rule of await allRules()) {
      if (!rule.enabled || (SCHEDULED_TRIGGERS as readonly string[]).includes(rule.trigger.type)) continue;
      await fire(rule, eventHits(rule, write), now, options.timeZone ?? localTimeZone(), report, depth);
    }
    return report;
  }

  return {
    find: read.find,
    get: read.get,
    /** Saved rules, by name. */
    all: allRules,

    /** Saves a rule (new, or over the one with this id) after checking its trigger, condition and actions suit its entity. */
    async save(input: RuleInput, options: WriteOptions = {}): Promise<Rule> {
      const data = parse(RuleInput, input, 'rule');
      checkFit(data);
      if (data.condition) {
        await w.segments.matcher({ entity: data.entity === 'task' ? 'contact' : data.entity, where: data.condition }).catch((error: unknown) => {
          if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ ...i, path: ['condition', ...i.path.slice(1)] })), 'rule');
          throw error;
        });
      }
      const current = data.id ? await read.find(data.id) : undefined;
      const now = ctx.nowIso();
      const uow = new UnitOfWork(ctx);
      const stored = uow.put(
        'rules',
        Rule,
        stripUndefined({ ...data, id: data.id ?? ctx.newId(), enabled: data.enabled ?? true, createdAt: current?.createdAt ?? now, updatedAt: now, version: current?.version ?? 0 }),
        options.expectedVersion ?? current?.version ?? 0,
      );
      await uow.commit();
      return stored;
    },

    /** Deletes a rule; its run marks stay, so re-saving it under the same id does not repeat what it did. */
    async remove(id: string, options: WriteOptions = {}): Promise<void> {
      const current = await read.get(id);
      await ctx.storage.batch([{ type: 'delete', collection: 'rules', id, expectedVersion: options.expectedVersion ?? current.version }]);
    },

    /**
     * Runs the scheduled rules (no interaction, birthday, rotting, task
     * overdue) as of `now`. Call it from a timer, a cron job or on page load:
     * an occurrence already acted on is skipped, so running it twice, or from
     * two tabs, never creates the same reminder twice.
     */
    async runDue(now: number = ctx.clock.now(), options: RuleRunOptions = {}): Promise<RuleReport> {
      const timeZone = options.timeZone ?? localTimeZone();
      const report = emptyReport();
      for (const rule of await allRules()) {
        if (!rule.enabled || !(SCHEDULED_TRIGGERS as readonly string[]).includes(rule.trigger.type)) continue;
        await fire(rule, await dueHits(rule, now, timeZone), now, timeZone, report);
      }
      return report;
    },

    /** Runs the event rules for one write, as `start()` does for each SDK write. */
    handle: (write: Write, options?: RuleRunOptions) => handle(write, options),

    /**
     * Runs event rules (created, stage entered, field changed) on this CRM's
     * writes, one at a time in order. Rules may act on what rules changed, up
     * to a depth of 3. Returns the stop function; `onReport` hears each run.
     */
    start(options: RuleRunOptions & { onReport?: (report: RuleReport) => void } = {}): () => void {
      const queue: { write: Write; depth: number }[] = [];
      let draining = false;
      const push = (write: Write) => {
        const cause = causes.get(write.record.id);
        const depth = cause === undefined ? 0 : cause + 1;
        if (depth >= MAX_DEPTH) return;
        queue.push({ write, depth });
        if (!draining) void drain();
      };
      const drain = async () => {
        draining = true;
        while (queue.length) {
          const next = queue.shift()!;
          try {
            // Not `onReport?.(await handle(…))`: optional chaining would skip the handling when there is no listener.
            const report = await handle(next.write, options, next.depth);
            options.onReport?.(report);
          } catch (error) {
            console.error('kith: a rule failed', error);
          }
        }
        draining = false;
      };
      const as = (r: unknown) => r as StoredRecord;
      const offs = [
        ctx.events.on('contact:created', (e) => push({ entity: 'contact', kind: 'created', record: as(e.contact) })),
        ctx.events.on('contact:updated', (e) => push({ entity: 'contact', kind: 'updated', record: as(e.contact), previous: as(e.previous) })),
        ctx.events.on('company:created', (e) => push({ entity: 'company', kind: 'created', record: as(e.company) })),
        ctx.events.on('company:updated', (e) => push({ entity: 'company', kind: 'updated', record: as(e.company), previous: as(e.previous) })),
        ctx.events.on('deal:created', (e) => push({ entity: 'deal', kind: 'created', record: as(e.deal) })),
        ctx.events.on('deal:updated', (e) => push({ entity: 'deal', kind: 'updated', record: as(e.deal), previous: as(e.previous) })),
        ctx.events.on('deal:moved', (e) => push({ entity: 'deal', kind: 'updated', record: as(e.deal), previous: as(e.previous) })),
        ctx.events.on('task:scheduled', (e) => push({ entity: 'task', kind: 'created', record: as(e.task) })),
        ctx.events.on('task:updated', (e) => push({ entity: 'task', kind: 'updated', record: as(e.task), previous: as(e.previous) })),
      ];
      return () => offs.forEach((off) => off());
    },
  };
}

export type RulesService = ReturnType<typeof rulesService>;
