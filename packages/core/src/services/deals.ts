import type { LifecycleStage } from '../model/vocabulary.js';
import type { Contact } from '../model/contact.js';
import { Contact as ContactSchema } from '../model/contact.js';
import { Deal, DealInput, DealPatch, dealFields } from '../model/deal.js';
import type { Pipeline, Stage } from '../model/pipeline.js';
import { dealProbability } from '../board.js';
import { rankBetween, timeRank } from '../rank.js';
import { invalid } from '../validate.js';
import type { WriteOptions } from './contacts.js';
import { LIFECYCLE_ORDER } from './contacts.js';
import type { CrmContext } from './context.js';
import { parseWithCustom } from './custom-fields.js';
import { type PipelinesService, stageOf } from './pipelines.js';
import { reader, requireRef } from './reader.js';
import { UnitOfWork, stripUndefined } from './unit-of-work.js';
import { type CreatedSpec, commitCreate, commitPatch, queueChangeActivities, type PatchSpec } from './writes.js';

/** How a new deal's "created" activity is filed. */
export const dealCreated: CreatedSpec<Deal> = {
  entity: 'deal',
  links: (d) => ({ dealId: d.id, contactId: d.contactIds[0], companyId: d.companyId }),
  title: (d) => d.title,
};

/**
 * Where a new deal goes: the named pipeline (else the default one, made on
 * first use) and the named stage (else its first open stage). `path` names
 * the input fields in errors.
 */
export async function placeDeal(ctx: CrmContext, pipelines: PipelinesService, pipelineId: string | undefined, stageId: string | undefined, path: string[] = []): Promise<{ pipeline: Pipeline; stage: Stage }> {
  await requireRef(ctx, 'pipelines', pipelineId, [...path, 'pipelineId']);
  const pipeline = pipelineId ? await pipelines.get(pipelineId) : await pipelines.ensureDefault();
  const stage = stageId ? stageOf(pipeline, stageId, [...path, 'stageId']) : pipeline.stages.find((s) => s.kind === 'open')!;
  return { pipeline, stage };
}

/** A new deal record in a stage, from valid input, before it is committed. */
export function newDeal(
  ctx: CrmContext,
  data: Omit<DealInput, 'pipelineId' | 'stageId' | 'custom'>,
  pipeline: Pipeline,
  stage: Stage,
  custom: Deal['custom'],
  lostReason?: string,
): Deal {
  const now = ctx.nowIso();
  return stripUndefined({
    ...data,
    id: ctx.newId(),
    pipelineId: pipeline.id,
    stageId: stage.id,
    contactIds: data.contactIds ?? [],
    tags: data.tags ?? [],
    custom,
    status: stage.kind,
    lostReason,
    stageHistory: [stripUndefined({ stageId: stage.id, enteredAt: now, by: ctx.memberId })],
    stageEnteredAt: now,
    rank: timeRank(Date.parse(now)),
    closedAt: stage.kind === 'open' ? undefined : now,
    createdAt: now,
    updatedAt: now,
    version: 0,
  }) as Deal;
}

/**
 * Where in the target column a moved deal goes: right after the deal `after`
 * and before the deal `before` (ids of deals in that column, as the board
 * showed them; either may be left out at an end). Without a position the
 * deal goes to the top of the column.
 */
export interface DealPosition {
  after?: string;
  before?: string;
}

/** Options of `deals.move`. */
export interface MoveOptions extends WriteOptions {
  /** Required when the target stage is a lost stage. */
  lostReason?: string;
  /** Where in the column; moving to the current stage with a position reorders the column. */
  position?: DealPosition;
}

export function dealsService(ctx: CrmContext, pipelines: PipelinesService) {
  const read = reader<Deal>(ctx, 'deals');
  const spec: PatchSpec<Deal> = {
    collection: 'deals',
    schema: Deal,
    ...dealCreated,
    editable: Object.keys(dealFields),
    emit: (deal, previous) => ctx.events.emit('deal:updated', { deal, previous }),
  };

  async function checkRefs(d: { contactIds?: string[] | undefined; companyId?: string | undefined; ownerId?: string | undefined }) {
    for (const [i, id] of (d.contactIds ?? []).entries()) await requireRef(ctx, 'contacts', id, ['contactIds', i]);
    await requireRef(ctx, 'companies', d.companyId, ['companyId']);
    await requireRef(ctx, 'members', d.ownerId, ['ownerId']);
  }

  /**
   * Queues the lifecycle advance a won deal earns its contacts: to customer,
   * and to loyal once they have `loyalAfterWonDeals` won deals. Never backwards.
   */
  async function advanceContacts(uow: UnitOfWork, deal: Deal) {
    for (const contactId of deal.contactIds) {
      const contact = (await ctx.storage.get('contacts', contactId)) as Contact | undefined;
      if (!contact) continue;
      const alreadyWon = await ctx.storage.count('deals', [
        { field: 'contactIds', op: 'has', value: contactId },
        { field: 'status', op: 'eq', value: 'won' },
      ]);
      const target: LifecycleStage = alreadyWon + 1 >= ctx.options.loyalAfterWonDeals ? 'loyal' : 'customer';
      if (LIFECYCLE_ORDER[contact.lifecycle] >= LIFECYCLE_ORDER[target]) continue;
      const next = uow.put('contacts', ContactSchema, { ...contact, lifecycle: target, updatedAt: ctx.nowIso() }, contact.version);
      await queueChangeActivities(ctx, uow, 'contact', contact, next, ['lifecycle'], { contactId, companyId: contact.companyId, dealId: deal.id });
      uow.afterCommit(() => ctx.events.emit('contact:updated', { contact: next, previous: contact }));
    }
  }

  /**
   * The rank between the deals named by `position`, which must be other deals
   * of the same pipeline in the target stage, `after` listed before `before`.
   * A neighbour without a rank (written before ranks existed) counts as an open end.
   */
  async function rankAt(deal: Deal, stageId: string, position: DealPosition): Promise<string> {
    const neighbour = async (key: 'after' | 'before') => {
      const nid = position[key];
      if (nid === undefined) return undefined;
      const other = (await ctx.storage.get('deals', nid)) as Deal | undefined;
      if (!other || nid === deal.id || other.pipelineId !== deal.pipelineId || other.stageId !== stageId) {
        throw invalid(['position', key], 'invalid_position', `Deal ${nid} is not another deal in stage ${stageId}`, 'deal');
      }
      return other.rank;
    };
    const [lo, hi] = [await neighbour('after'), await neighbour('before')];
    if (lo !== undefined && hi !== undefined && lo >= hi) throw invalid(['position'], 'invalid_position', 'position.after must come before position.before', 'deal');
    return rankBetween(lo, hi);
  }

  function requireLostReason(stage: Stage, reason: string | undefined): string | undefined {
    if (stage.kind !== 'lost') return undefined;
    const r = reason?.trim();
    if (!r) throw invalid(['lostReason'], 'lost_reason_required', `Moving to "${stage.name}" needs a lost reason`, 'deal');
    return r;
  }

  return {
    ...read,

    /** Opens a deal in a pipeline (the default one unless given), in its first open stage unless given. */
    async create(input: DealInput & { lostReason?: string }): Promise<Deal> {
      const { lostReason, ...rest } = input;
      const [data, custom] = await parseWithCustom(ctx, 'deal', DealInput, rest);
      const { pipeline, stage } = await placeDeal(ctx, pipelines, data.pipelineId, data.stageId);
      await checkRefs(data);
      const { pipelineId: _pipelineId, stageId: _stageId, custom: _custom, ...fields } = data;
      const deal = newDeal(ctx, fields, pipeline, stage, custom, requireLostReason(stage, lostReason));
      const advance = stage.kind === 'won' ? (u: UnitOfWork, d: Deal) => advanceContacts(u, d) : undefined;
      return commitCreate(ctx, spec, deal, (stored) => ctx.events.emit('deal:created', { deal: stored }), advance);
    },

    /** Changes fields other than stage and status (use `move` for those), recording before and after. */
    async update(id: string, patch: DealPatch, options: WriteOptions = {}): Promise<Deal> {
      const current = await read.get(id);
      const [data, custom] = await parseWithCustom(ctx, 'deal', DealPatch, patch, current.custom);
      await checkRefs(data);
      return commitPatch(ctx, spec, current, stripUndefined({ ...current, ...data, custom }), options.expectedVersion);
    },

    /**
     * Moves a deal to a stage of its pipeline, in one batch with its history
     * and a "stage-changed" activity. A won stage sets status and closedAt and
     * advances its contacts' lifecycle; a lost stage needs `lostReason`; an
     * open stage reopens a closed deal. Moving to the current stage does nothing.
     */
    async move(id: string, stageId: string, options: MoveOptions = {}): Promise<Deal> {
      const current = await read.get(id);
      const pipeline = await pipelines.get(current.pipelineId);
      const stage = stageOf(pipeline, stageId);
      const now = ctx.nowIso();
      const rank = options.position ? await rankAt(current, stage.id, options.position) : timeRank(Date.parse(now));
      if (stage.id === current.stageId) {
        if (!options.position || rank === current.rank) return current;
        // A reorder inside the column: only the rank changes, no stage history and no activity.
        const uow = new UnitOfWork(ctx);
        const stored = uow.put('deals', Deal, { ...current, rank, updatedAt: now }, options.expectedVersion ?? current.version);
        uow.afterCommit(() => ctx.events.emit('deal:updated', { deal: stored, previous: current }));
        await uow.commit();
        return stored;
      }
      const lostReason = requireLostReason(stage, options.lostReason);
      const next: Deal = stripUndefined({
        ...current,
        rank,
        stageId: stage.id,
        status: stage.kind,
        lostReason,
        closedAt: stage.kind === 'open' ? undefined : now,
        stageHistory: [...current.stageHistory, stripUndefined({ stageId: stage.id, enteredAt: now, by: ctx.memberId })],
        stageEnteredAt: now,
        updatedAt: now,
      });
      const uow = new UnitOfWork(ctx);
      const stored = uow.put('deals', Deal, next, options.expectedVersion ?? current.version);
      uow.system(
        stripUndefined({
          type: 'stage-changed' as const,
          entity: 'deal' as const,
          entityId: id,
          ...spec.links(stored),
          pipelineId: pipeline.id,
          fromStageId: current.stageId,
          toStageId: stage.id,
          status: stored.status,
          lostReason,
          occurredAt: now,
        }),
      );
      if (stage.kind === 'won' && current.status !== 'won') await advanceContacts(uow, stored);
      uow.afterCommit(() => {
        ctx.events.emit('deal:moved', { deal: stored, previous: current, fromStageId: current.stageId, toStageId: stage.id });
        if (stage.kind === 'won') ctx.events.emit('deal:won', { deal: stored });
        if (stage.kind === 'lost') ctx.events.emit('deal:lost', { deal: stored, reason: lostReason! });
      });
      await uow.commit();
      return stored;
    },

    /** A deal's probability in percent: its own override, else its stage's. */
    probability: (deal: Deal, pipeline: Pipeline): number => dealProbability(deal, pipeline),
  };
}

export type DealsService = ReturnType<typeof dealsService>;
