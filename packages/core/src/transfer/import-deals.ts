import type { ValidationIssue } from '../errors.js';
import { customValuesSchema } from '../model/custom-field.js';
import { Deal, dealFields } from '../model/deal.js';
import { Pipeline, type Stage, defaultPipelineInput } from '../model/pipeline.js';
import type { Contact } from '../model/contact.js';
import { emailKey } from '../phone.js';
import { fieldDefinitions } from '../services/custom-fields.js';
import { dealCreated, newDeal } from '../services/deals.js';
import { changedKeys } from '../services/equal.js';
import { DEFAULT_PIPELINE_ID } from '../services/pipelines.js';
import { reader } from '../services/reader.js';
import { type UnitOfWork, stripUndefined } from '../services/unit-of-work.js';
import type { RowCells } from './cells.js';
import { type EntityImporter, type ImportEnv, type ImportWrites, type RowOutcome, type Touched, checkRecord, queueImportCreate, queueImportUpdate, findMatch, onMatch } from './importer.js';
import { KeyIndex, companyNameKey, personNameKey } from './keys.js';

/** Options only a deal import has. */
export interface DealImportOptions {
  /** The pipeline of rows without a pipeline column (default: the default pipeline). */
  pipelineId?: string;
  /** Add stages the file names that the pipeline lacks (as open stages before its closed ones), instead of failing those rows. */
  createMissingStages?: boolean;
  /** Moves a deal through deals.move, so an update's stage change has its history, activity and lifecycle effects. */
  move: (id: string, stageId: string, lostReason?: string) => Promise<unknown>;
}

const EDITABLE = Object.keys(dealFields) as (keyof typeof dealFields & string)[];

/** A deal's match key: its title with its first contact and company; two rows naming the same deal for the same customer are one deal. */
const dealKey = (title: string, contactId: string | undefined, companyId: string | undefined) => `${personNameKey(title)}|${contactId ?? ''}|${companyId ?? ''}`;

/**
 * Deals from rows: a stage named as the pipeline names it (or by id), the
 * value with a currency column or the default currency, the contact by email
 * and the company found or made.
 */
export function dealImporter(env: ImportEnv, options: DealImportOptions): EntityImporter {
  const { ctx } = env;
  const writes: ImportWrites<Deal> = {
    collection: 'deals',
    entity: 'deal',
    created: dealCreated,
    onCreated: (deal) => ctx.events.emit('deal:created', { deal }),
    onUpdated: (deal, previous) => ctx.events.emit('deal:updated', { deal, previous }),
  };
  const index = new KeyIndex();
  const ids = new Set<string>();
  const contactsByEmail = new Map<string, string>();
  const pipelines = new Map<string, Pipeline>();
  const touched: Touched<Deal> = new Map();
  let customSchema = customValuesSchema([]);
  const stagesCreated: string[] = [];

  function pipelineOf(cells: RowCells): Pipeline | undefined {
    const cell = cells.text('pipeline');
    if (!cell) return pipelines.get(options.pipelineId ?? DEFAULT_PIPELINE_ID);
    const key = personNameKey(cell.value);
    const found = pipelines.get(cell.value) ?? [...pipelines.values()].find((p) => personNameKey(p.name) === key);
    if (!found) cells.error(cell.column, 'unknown_pipeline', 'No pipeline with this name or id', cell.value);
    return found;
  }

  function stageOf(cells: RowCells, pipeline: Pipeline, uow: UnitOfWork): Stage | undefined {
    const cell = cells.text('stage');
    if (!cell) return pipeline.stages.find((s) => s.kind === 'open');
    const key = personNameKey(cell.value);
    const found = pipeline.stages.find((s) => s.id === cell.value || personNameKey(s.name) === key);
    if (found) return found;
    if (!options.createMissingStages) {
      cells.error(cell.column, 'unknown_stage', `"${pipeline.name}" has no stage with this name (allow createMissingStages to add it)`, cell.value);
      return undefined;
    }
    // A new stage goes after the open ones, before won and lost, with the probability of the last open stage.
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    const base = key.replace(/\s+/g, '-').slice(0, 40) || 'stage';
    let id = base;
    for (let n = 2; pipeline.stages.some((s) => s.id === id); n++) id = `${base}-${n}`;
    const stage: Stage = { id, name: cell.value, probability: open[open.length - 1]?.probability ?? 0, kind: 'open' };
    const at = pipeline.stages.indexOf(open[open.length - 1]!) + 1;
    const next = checkRecord(Pipeline, { ...pipeline, stages: [...pipeline.stages.slice(0, at), stage, ...pipeline.stages.slice(at)], updatedAt: ctx.nowIso() }, cells, () => cell.column);
    if (!next) return undefined;
    uow.putParsed('pipelines', next, pipeline.version);
    uow.afterCommit(() => ctx.events.emit('pipeline:updated', { pipeline: next }));
    pipelines.set(next.id, { ...next, version: pipeline.version + 1 });
    stagesCreated.push(cell.value);
    return stage;
  }

  const importer: EntityImporter & { stagesCreated: string[] } = {
    stagesCreated,
    async prepare() {
      customSchema = customValuesSchema(await fieldDefinitions(ctx, 'deal'));
      await env.companies.load();
      for await (const p of reader<Pipeline>(ctx, 'pipelines').each()) pipelines.set(p.id, p);
      // The default pipeline is made on first use; a dry run plans with it unsaved.
      if (!pipelines.has(DEFAULT_PIPELINE_ID) && !options.pipelineId) {
        const now = ctx.nowIso();
        pipelines.set(DEFAULT_PIPELINE_ID, { ...defaultPipelineInput(), lostReasons: defaultPipelineInput().lostReasons ?? [], id: DEFAULT_PIPELINE_ID, createdAt: now, updatedAt: now, version: 0 });
      }
      for await (const c of reader<Contact>(ctx, 'contacts').each()) for (const k of c.emailKeys) if (!contactsByEmail.has(k)) contactsByEmail.set(k, c.id);
      for await (const d of reader<Deal>(ctx, 'deals').each()) {
        ids.add(d.id);
        index.add(dealKey(d.title, d.contactIds[0], d.companyId), d.id);
      }
    },

    async row(cells, uow): Promise<RowOutcome | undefined> {
      const title = cells.text('title');
      const pipeline = pipelineOf(cells);
      const currencyCell = cells.text('currency');
      const value = cells.money('value', currencyCell)?.value;
      const ownerCell = cells.text('owner');
      const ownerId = ownerCell ? env.owner(ownerCell.value) : undefined;
      if (ownerCell && !ownerId) cells.error(ownerCell.column, 'unknown_owner', 'No member with this id, email or name', ownerCell.value);
      const contactIds: string[] = [];
      for (const e of cells.emails('contactEmail')) {
        const id = contactsByEmail.get(emailKey(e.value));
        if (id) contactIds.push(id);
        else cells.warn(e.column, 'contact_not_found', 'No stored contact has this email; the deal is imported without it', e.value);
      }
      const lostReason = cells.text('lostReason')?.value;
      const custom = cells.custom();
      const idCell = cells.text('id');
      const companyCell = cells.text('company');
      const fields = stripUndefined({
        title: title?.value,
        // A file without amounts imports deals worth 0 in the default currency; a blank amount in a value column too.
        value: value ?? (!cells.text('value') && cells.rules.currency ? { amount: 0, currency: cells.rules.currency } : undefined),
        probability: cells.number('probability')?.value,
        expectedCloseDate: cells.date('expectedCloseDate')?.value,
        ownerId,
        contactIds: contactIds.length ? [...new Set(contactIds)] : undefined,
        tags: [...new Set([...cells.list('tags'), ...env.tags])],
      });
      if (!pipeline || cells.failed) return undefined;
      const columnOf = (issue: ValidationIssue) => (issue.path[0] === 'custom' ? custom.columns.get(String(issue.path[1])) : cells.byTarget.get(String(issue.path[0]))?.[0]?.header);
      // A row names its company by name; the key needs its id, so a company the file introduces is planned first (and only kept if the row goes in).
      const companyKnown = companyCell ? env.companies.byName.get(companyNameKey(companyCell.value)) : undefined;
      const match = findMatch(index, ids, idCell?.value, title ? [['title', dealKey(title.value, contactIds[0], companyKnown?.id)]] : []);
      const decision = match ? onMatch(env, cells, match, 'deal', match.reason === 'id' ? idCell?.column : title?.column) : 'create';
      if (decision === 'skip') return { action: 'skipped', id: match!.id };
      const stage = stageOf(cells, pipeline, uow);
      if (!stage || cells.failed) return undefined;
      if (stage.kind === 'lost' && !lostReason) {
        cells.error(cells.text('stage')?.column, 'lost_reason_required', `A deal in "${stage.name}" needs a lost reason column`);
        return undefined;
      }

      if (decision === 'update') {
        const current = touched.get(match!.id) ?? ((await ctx.storage.get('deals', match!.id)) as Deal | undefined);
        if (!current) return void cells.error(undefined, 'not_found', 'The matching deal was deleted during the import');
        const merged = stripUndefined({ ...current, ...fields, contactIds: [...new Set([...current.contactIds, ...contactIds])], tags: [...new Set([...current.tags, ...(fields.tags ?? [])])], custom: { ...current.custom, ...custom.values } });
        const valid = checkRecord(Deal, merged, cells, columnOf);
        if (!valid || !checkRecord(customSchema, merged.custom, cells, (i) => custom.columns.get(String(i.path[0]))) || cells.failed) return undefined;
        if (companyCell) valid.companyId = env.companies.resolve(companyCell.value, undefined, cells.row, uow, ownerId) ?? valid.companyId;
        const changed = changedKeys(current, valid, EDITABLE);
        const moves = valid.pipelineId === pipeline.id && valid.stageId !== stage.id;
        const followUp = moves ? () => options.move(current.id, stage.id, lostReason) : undefined;
        if (!changed.length) return followUp ? { action: 'updated', id: current.id, followUp } : { action: 'unchanged', id: current.id };
        const stored = await queueImportUpdate(env, uow, writes, current, valid, changed);
        touched.set(stored.id, { ...stored, version: current.version + 1 });
        return followUp ? { action: 'updated', id: stored.id, followUp } : { action: 'updated', id: stored.id };
      }

      const { tags, ...rest } = fields;
      const record = newDeal(ctx, { ...rest, title: rest.title ?? '', value: rest.value as Deal['value'], tags }, pipeline, stage, custom.values, stage.kind === 'lost' ? lostReason : undefined);
      // An id the store lacks is kept: restoring an export keeps the ids other systems know.
      if (idCell) record.id = idCell.value;
      const valid = checkRecord(Deal, record, cells, columnOf);
      if (!valid || (Object.keys(custom.values).length && !checkRecord(customSchema, custom.values, cells, (i) => custom.columns.get(String(i.path[0])))) || cells.failed) return undefined;
      // Only a row that goes in may introduce a company.
      const companyId = companyCell ? env.companies.resolve(companyCell.value, undefined, cells.row, uow, ownerId) : undefined;
      if (companyId) valid.companyId = companyId;
      // The default pipeline is stored with the first deal that needs it.
      const latest = pipelines.get(pipeline.id)!;
      if (latest.version === 0) {
        uow.putParsed('pipelines', latest, 0);
        pipelines.set(latest.id, { ...latest, version: 1 });
      }
      queueImportCreate(uow, writes, valid);
      if (env.mode === 'update-existing') touched.set(valid.id, { ...valid, version: 1 });
      index.add(dealKey(valid.title, valid.contactIds[0], valid.companyId), valid.id, cells.row);
      return { action: 'created', id: valid.id };
    },
  };
  return importer;
}
