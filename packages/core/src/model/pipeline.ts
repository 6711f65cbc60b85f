import { z } from '../zod.js';
import { STAGE_KINDS } from './vocabulary.js';
import { Id, Label, Percent, recordMeta } from './common.js';


/** One column of a sales funnel. */
export const Stage = z.strictObject({
  id: Id,
  name: Label,
  probability: Percent,
  kind: z.enum(STAGE_KINDS),
  /** Days a deal may sit here before it is "rotting". */
  rottingDays: z.optional(z.int().check(z.minimum(1))),
});
export type Stage = z.infer<typeof Stage>;

const stagesValid = (stages: Stage[]) => new Set(stages.map((s) => s.id)).size === stages.length && stages.some((s) => s.kind === 'open');

const pipelineFields = {
  name: Label,
  stages: z.array(Stage).check(
    z.minLength(1),
    z.maxLength(50),
    z.refine(stagesValid, 'Stage ids must be unique and at least one stage must be open'),
  ),
  lostReasons: z.optional(z.array(Label)),
};

/** Input of `pipelines.create`. */
export const PipelineInput = z.strictObject(pipelineFields);
export type PipelineInput = z.input<typeof PipelineInput>;

/** An ordered set of stages deals move through. */
export const Pipeline = z.strictObject({ ...recordMeta, ...pipelineFields, lostReasons: z.array(Label) });
export type Pipeline = z.infer<typeof Pipeline>;

/** Reasons offered when a deal is lost; a pipeline may override them. */
export const DEFAULT_LOST_REASONS = ['Price', 'Chose a competitor', 'No budget', 'No response', 'Timing', 'Not a fit'];

/**
 * The pipeline a new CRM starts with. Deliberately small: too many stages and
 * too many fields are the commonest reason a team stops using its CRM.
 */
export function defaultPipelineInput(): PipelineInput {
  return {
    name: 'Sales',
    stages: [
      { id: 'qualified', name: 'Qualified', probability: 20, kind: 'open', rottingDays: 14 },
      { id: 'proposal', name: 'Proposal', probability: 50, kind: 'open', rottingDays: 14 },
      { id: 'negotiation', name: 'Negotiation', probability: 80, kind: 'open', rottingDays: 7 },
      { id: 'won', name: 'Won', probability: 100, kind: 'won' },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
    lostReasons: DEFAULT_LOST_REASONS,
  };
}
