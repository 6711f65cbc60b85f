import { Pipeline, PipelineInput, type Stage, DEFAULT_LOST_REASONS, defaultPipelineInput } from '../model/pipeline.js';
import { ConflictError } from '../errors.js';
import { invalid, parse } from '../validate.js';
import type { WriteOptions } from './contacts.js';
import type { CrmContext } from './context.js';
import { reader } from './reader.js';
import { UnitOfWork } from './unit-of-work.js';
import { commitPatch, type PatchSpec } from './writes.js';
import { z } from '../zod.js';

/** The id of the pipeline a CRM creates for itself on first use. */
export const DEFAULT_PIPELINE_ID = 'default';

const PipelinePatch = z.partial(PipelineInput);

export function pipelinesService(ctx: CrmContext) {
  const read = reader<Pipeline>(ctx, 'pipelines');
  const spec: PatchSpec<Pipeline> = {
    collection: 'pipelines',
    schema: Pipeline,
    entity: undefined,
    editable: ['name', 'stages', 'lostReasons'],
    links: () => ({}),
    emit: (pipeline) => ctx.events.emit('pipeline:updated', { pipeline }),
  };

  async function insert(input: PipelineInput, id: string): Promise<Pipeline> {
    const data = parse(PipelineInput, input, 'pipeline');
    const now = ctx.nowIso();
    const uow = new UnitOfWork(ctx);
    const pipeline = uow.put('pipelines', Pipeline, { ...data, lostReasons: data.lostReasons ?? DEFAULT_LOST_REASONS, id, createdAt: now, updatedAt: now, version: 0 }, 0);
    uow.afterCommit(() => ctx.events.emit('pipeline:created', { pipeline }));
    await uow.commit();
    return pipeline;
  }

  return {
    ...read,

    /** Creates a pipeline with its ordered stages. */
    create: (input: PipelineInput) => insert(input, ctx.newId()),

    /** The default pipeline, created on first call; safe when two callers race. */
    async ensureDefault(): Promise<Pipeline> {
      const found = await read.find(DEFAULT_PIPELINE_ID);
      if (found) return found;
      try {
        return await insert(defaultPipelineInput(), DEFAULT_PIPELINE_ID);
      } catch (error) {
        if (error instanceof ConflictError) return read.get(DEFAULT_PIPELINE_ID);
        throw error;
      }
    },

    /**
     * Renames, reorders or edits stages. A stage that still holds deals cannot
     * be removed: move its deals first, so none is left in a stage that is gone.
     */
    async update(id: string, patch: z.input<typeof PipelinePatch>, options: WriteOptions = {}): Promise<Pipeline> {
      const data = parse(PipelinePatch, patch, 'pipeline');
      const current = await read.get(id);
      if (data.stages) {
        const kept = new Set(data.stages.map((s) => s.id));
        for (const stage of current.stages) {
          if (kept.has(stage.id)) continue;
          const n = await ctx.storage.count('deals', [{ field: 'pipelineId', op: 'eq', value: id }, { field: 'stageId', op: 'eq', value: stage.id }]);
          if (n) throw invalid(['stages'], 'stage_in_use', `Stage "${stage.name}" still holds ${n} deal(s)`, 'pipeline');
        }
      }
      return commitPatch(ctx, spec, current, { ...current, ...data } as Pipeline, options.expectedVersion);
    },
  };
}

/** The stage with this id, or a ValidationError naming the field. */
export function stageOf(pipeline: Pipeline, stageId: string, path: string[] = ['stageId']): Stage {
  const stage = pipeline.stages.find((s) => s.id === stageId);
  if (!stage) throw invalid(path, 'unknown_stage', `Pipeline "${pipeline.name}" has no stage ${stageId}`, 'deal');
  return stage;
}

export type PipelinesService = ReturnType<typeof pipelinesService>;
