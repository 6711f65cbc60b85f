import {
  DEFAULT_PIPELINE_ID,
  type ColumnTotals,
  type Crm,
  type Deal,
  type DealPosition,
  type FieldDefinition,
  type Member,
  type NextActivityState,
  type Pipeline,
  type Stage,
  columnTotals,
  contactName,
  daysInStage,
  isRotting,
  localTimeZone,
} from '@kith/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { LiveLoad } from '../live-load.js';
import { KithElement } from '../kith-element.js';
import { type BoardFigures, type BoardFilter, type ColumnData, type NextInfo, figuresOf, laneIds, nextActivities, nextPage, passes, scanFigures, scanNext } from './board-data.js';
import { type BoardSort, type Lane, type Layout, type OrderKey, NO_VALUE, dueKey, insertionIndex, laneOf, layoutOf, reorderable } from './lanes.js';
import { PointerDrag } from './pointer-drag.js';
import { styles } from './styles.js';
import { dropIndex, visibleRows } from './windowing.js';

/** Detail of `kith-deal-move`: which deal goes where. Cancel the event to veto the move. */
export interface DealMoveDetail {
  dealId: string;
  fromStageId: string;
  /** The same as `fromStageId` when a board grouped by a field moves a card to another value. */
  toStageId: string;
  /** Its neighbours in the target column, when users order cards themselves (absent for won and lost). */
  position?: DealPosition;
  /** On a board grouped by a field: the field's key and the value before and after (absent: no value). */
  field?: { key: string; from?: string; to?: string };
}

/** What a custom card renderer gets besides the deal. */
export interface CardInfo {
  /** The deal's stage (on a board grouped by a field, the lanes are not stages). */
  stage: Stage;
  daysInStage: number;
  rotting: boolean;
  next: NextActivityState | undefined;
  contactName: string | undefined;
  companyName: string | undefined;
  ownerName: string | undefined;
}

/** Where a dragged card would land: a lane and an index in it, or the won or lost zone (`key` is then its stage). */
type Target = { key: string; index: number; zone?: 'won' | 'lost' };

interface Drag {
  dealId: string;
  mode: 'keyboard' | 'pointer';
  target: Target | undefined;
  x: number;
  y: number;
}

const PAGE = 50;
const EDGE = 48;

/**
 * A sales pipeline as a board: a column per open stage with its count, value
 * and weighted value per currency, cards that move by mouse, touch, pen or
 * keyboard, and won and lost drop zones (lost asks for a reason). Columns are
 * windowed and load in keyset pages, so a board of 50,000 deals keeps a few
 * hundred nodes; changes made elsewhere (another tab, the REST change feed)
 * appear live.
 *
 * @tag kith-pipeline-board
 * @summary A drag-and-drop pipeline board, windowed and live.
 * @event kith-deal-move - A user drops a card on another place. Cancelable: `preventDefault()` vetoes the move. Detail: {@link DealMoveDetail}.
 * @csspart base - The board.
 * @csspart toolbar - The pipeline switcher and filters.
 * @csspart columns - The row of columns (scrolls sideways).
 * @csspart column - One lane's column (a stage's, or a grouping field value's).
 * @csspart column-header - A column's name, count and totals.
 * @csspart column-body - A column's scrolling list.
 * @csspart card - A deal's card; also `card lifted` while moved by keyboard, `card rotting` when rotting.
 * @csspart drop-indicator - Where a moved card would land.
 * @csspart zone - The won and lost drop zones (`zone won`, `zone lost`).
 * @csspart status - The polite live region that announces moves.
 * @csspart error - The alert shown when loading or a move fails.
 * @csspart dialog - The lost-reason dialog.
 * @cssproperty --kith-board-height - Height of the columns' scrolling area; defaults to 70vh.
 * @cssproperty --kith-column-width - Width of a column; defaults to 17rem.
 */
export class KithPipelineBoard extends KithElement {
  static override styles = styles;

  static override properties = {
    crm: { attribute: false },
    pipelineId: { attribute: 'pipeline-id', reflect: true },
    ownerId: { attribute: 'owner-id' },
    search: {},
    groupBy: { attribute: 'group-by' },
    sort: {},
    cardHeight: { attribute: 'card-height', type: Number },
    timeZone: { attribute: 'time-zone' },
    lostReasons: { attribute: false },
    renderCard: { attribute: false },
    _pipelines: { state: true },
    _columns: { state: true },
    _figures: { state: true },
    _drag: { state: true },
    _message: { state: true },
    _error: { state: true },
    _scroll: { state: true },
  };

  /** The CRM to read and write; else the surrounding `<kith-crm>`'s. */
  declare crm: Crm | undefined;
  /** The pipeline shown; defaults to the first. A switcher appears when there are several. */
  declare pipelineId: string | undefined;
  /** Show only this member's deals. */
  declare ownerId: string | undefined;
  /** Show only deals whose title contains this text. */
  declare search: string | undefined;
  /** The key of a select-type deal field to make the columns of, instead of the stages. */
  declare groupBy: string | undefined;
  /** `manual` (the default): cards keep the order users give them; `next-activity`: the most urgent first. */
  declare sort: BoardSort;
  /** Height of a card in pixels, gap included; every card has it (that keeps windowing exact). */
  declare cardHeight: number;
  /** Time zone deciding "overdue" and "today" of next activities; defaults to the browser's. */
  declare timeZone: string | undefined;
  /** Reasons offered when a deal is dropped on lost; defaults to the pipeline's. */
  declare lostReasons: string[] | undefined;
  /** Renders a card's content instead of the default; gets the deal and {@link CardInfo}. */
  declare renderCard: ((deal: Deal, info: CardInfo) => unknown) | undefined;

  declare _pipelines: Pipeline[] | undefined;
  declare _columns: ColumnData[] | undefined;
  declare _figures: Map<string, BoardFigures> | undefined;
  declare _drag: Drag | undefined;
  declare _message: string;
  declare _error: string;
  declare _scroll: Map<string, number>;

  readonly #live = new LiveLoad(this, {
    keys: ['pipelineId', 'ownerId', 'search', 'groupBy', 'sort'],
    reload: () => this.#reload(),
    stop: () => {
      this.#stop();
      this.#resize?.disconnect();
    },
    watching: () => !!this.#unwatch,
    crmChanged: () => (this._pipelines = undefined),
  });
  #members = new Map<string, Member>();
  /** Select-type deal fields: what the board may group by. */
  #fields: FieldDefinition[] = [];
  #layout: Layout | undefined;
  #names = new Map<string, string>();
  #next = new Map<string, NextInfo>();
  #loading = new Set<string>();
  #viewport = 600;
  #focusId: string | undefined;
  #abort: AbortController | undefined;
  #unwatch: (() => void) | undefined;
  #pointer: PointerDrag | undefined;
  #resize: ResizeObserver | undefined;
  #totals: { figures: Map<string, BoardFigures> | undefined; filter: string; value: Map<string, ColumnTotals> } | undefined;
  #lostAnswer: ((reason: string | undefined) => void) | undefined;
  /** The chain of this board's moves being written, and the versions they left. */
  #writes: Promise<unknown> = Promise.resolve();
  #written = new Map<string, number>();
  /** Deals with moves not yet written, and how many: their place on screen is newer than any change storage reports. */
  #unsettled = new Map<string, number>();

  constructor() {
    super();
    this.crm = undefined;
    this.pipelineId = undefined;
    this.ownerId = undefined;
    this.search = undefined;
    this.groupBy = undefined;
    this.sort = 'manual';
    this.cardHeight = 96;
    this.timeZone = undefined;
    this.lostReasons = undefined;
    this.renderCard = undefined;
    this._pipelines = undefined;
    this._columns = undefined;
    this._figures = undefined;
    this._drag = undefined;
    this._message = '';
    this._error = '';
    this._scroll = new Map();
  }

  /** Resolves once the current pipeline's first pages are loaded and rendered. */
  whenLoaded(): Promise<void> {
    return this.#live.whenLoaded();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back into the page: the size observer stopped with the rest on disconnect.
    const base = this.renderRoot.querySelector?.('[part~="base"]');
    if (base && this.#resize) this.#resize.observe(base);
  }

  protected override firstUpdated(): void {
    const base = this.renderRoot.querySelector<HTMLElement>('[part~="base"]')!;
    this.#pointer = new PointerDrag(base, { start: this.#pointerStart, move: this.#pointerMove, end: this.#pointerEnd });
    this.#resize = new ResizeObserver(() => this.#measure());
    this.#resize.observe(base);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#live.willUpdate(changed);
  }

  get #current(): Crm | undefined {
    return this.#live.current;
  }

  get #filter(): BoardFilter {
    return { ownerId: this.ownerId || undefined, text: this.search?.trim() || undefined };
  }

  get #pipeline(): Pipeline | undefined {
    return this._pipelines?.find((p) => p.id === this.pipelineId) ?? this._pipelines?.[0];
  }

  get #lanes(): Lane[] {
    return this.#layout?.lanes ?? [];
  }

  /** What orders a card in its lane: its next activity when sorting by it, then its rank. */
  #orderKey = (id: string, rank: string | undefined): OrderKey => ({ id, rank, due: this.sort === 'next-activity' ? dueKey(this.#next.get(id)) : undefined });

  #stop() {
    this.#abort?.abort();
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /** Loads pipelines, members and each column's first page; then scans totals and starts watching. */
  async #reload(): Promise<void> {
    this.#stop();
    const crm = this.#current;
    this._columns = undefined;
    this._figures = undefined;
    this._error = '';
    if (!crm) return;
    const abort = (this.#abort = new AbortController());
    try {
      if (!this._pipelines) {
        // The default pipeline first, then the others as they were made.
        const made = (await crm.pipelines.list({ orderBy: { field: 'createdAt' }, limit: 200 })).items;
        this._pipelines = [...made.filter((p) => p.id === DEFAULT_PIPELINE_ID), ...made.filter((p) => p.id !== DEFAULT_PIPELINE_ID)];
        if (!this._pipelines.length) this._pipelines = [await crm.pipelines.ensureDefault()];
        this.#members = new Map((await crm.members.list({ limit: 500 })).items.map((m) => [m.id, m]));
        this.#fields = (await crm.fields.list('deal')).filter((f) => f.type === 'select' && f.options?.length);
      }
      const pipeline = this.#pipeline!;
      const filter = this.#filter;
      const field = this.groupBy ? this.#fields.find((f) => f.key === this.groupBy) : undefined;
      const layout = (this.#layout = layoutOf(pipeline, field, this.sort === 'next-activity' ? 'next-activity' : 'manual', this.localize.t.board.noValue));
      let columns: ColumnData[];
      if (layout.sort === 'next-activity') {
        // The order comes from every deal's tasks, so it is computed from full scans before the first cards show.
        const [next, figures] = await Promise.all([scanNext(crm, crm.clock.now(), this.timeZone ?? localTimeZone(), abort.signal), this.#scan(crm, pipeline, layout, abort.signal)]);
        if (abort.signal.aborted || !figures) return;
        this.#next = next;
        const all = [...figures.values()];
        columns = await Promise.all(
          layout.lanes.map((l) => {
            const ids = laneIds(all, l.key, filter, (id) => this.#orderKey(id, figures.get(id)?.rank));
            return nextPage(crm, pipeline.id, layout, { key: l.key, ids, deals: [], done: !ids.length }, filter, PAGE, abort.signal);
          }),
        );
      } else {
        columns = await Promise.all(layout.lanes.map((l) => nextPage(crm, pipeline.id, layout, { key: l.key, deals: [], done: false }, filter, PAGE, abort.signal)));
        void this.#scan(crm, pipeline, layout, abort.signal);
      }
      if (abort.signal.aborted) return;
      this._columns = columns;
      this._scroll = new Map();
      this.#unwatch = crm.watch((set) => {
        for (const c of set.changes) {
          if (c.collection === 'deals' && !this.#unsettled.has(c.id)) this.#applyDeal(c.id, c.type === 'put' ? (c.record as Deal) : undefined);
          else if (c.collection === 'tasks' && typeof c.record?.dealId === 'string') void this.#refreshNext([c.record.dealId], true);
        }
      }, { collections: ['deals', 'tasks'] });
      void this.#decorate(columns.flatMap((c) => c.deals));
    } catch (error) {
      if (!abort.signal.aborted) this._error = this.errorText(error);
    }
  }

  /** Reads every open deal's figures (the totals, and a computed order); the map, or undefined when reading failed. */
  async #scan(crm: Crm, pipeline: Pipeline, layout: Layout, signal: AbortSignal): Promise<Map<string, BoardFigures> | undefined> {
    const figures = new Map<string, BoardFigures>();
    try {
      await scanFigures(crm, pipeline, layout, (page) => page.forEach((f) => figures.set(f.id, f)), signal);
      if (!signal.aborted) this._figures = figures;
      return figures;
    } catch (error) {
      if (!signal.aborted) this._error = this.errorText(error);
      return undefined;
    }
  }

  /** Next activities and contact/company names of newly loaded cards. */
  async #decorate(deals: Deal[]) {
    const crm = this.#current;
    if (!crm || !deals.length) return;
    await this.#refreshNext(deals.map((d) => d.id));
    const contacts = new Set(deals.map((d) => d.contactIds[0]).filter((id): id is string => !!id && !this.#names.has(id)));
    const companies = new Set(deals.map((d) => d.companyId).filter((id): id is string => !!id && !this.#names.has(id)));
    await Promise.all([
      ...[...contacts].map(async (id) => {
        const c = await crm.contacts.find(id);
        if (c) this.#names.set(id, contactName(c));
      }),
      ...[...companies].map(async (id) => {
        const c = await crm.companies.find(id);
        if (c) this.#names.set(id, c.name);
      }),
    ]);
    this.requestUpdate();
  }

  /** Reads the next activity of these deals; `reorder`: a task changed, so a board sorted by it moves the card. */
  async #refreshNext(ids: string[], reorder = false) {
    const crm = this.#current;
    if (!crm) return;
    try {
      const found = await nextActivities(crm, ids, crm.clock.now(), this.timeZone ?? localTimeZone());
      for (const [id, next] of found) {
        const moved = reorder && this.sort === 'next-activity' && dueKey(next) !== dueKey(this.#next.get(id));
        this.#next.set(id, next);
        if (moved && !this.#unsettled.has(id)) {
          const deal = this.#find(id)?.deal ?? (this._figures?.has(id) ? await crm.deals.find(id) : undefined);
          if (deal) this.#applyDeal(id, deal);
        }
      }
      this.requestUpdate();
    } catch {
      // Next-activity marks are a hint; a failed read leaves them blank rather than failing the board.
    }
  }

  /** Loads the next page of a column when its window nears the loaded end. */
  async #more(key: string) {
    const crm = this.#current;
    const pipeline = this.#pipeline;
    const layout = this.#layout;
    const col = this._columns?.find((c) => c.key === key);
    if (!crm || !pipeline || !layout || !col || col.done || this.#loading.has(key)) return;
    this.#loading.add(key);
    const signal = this.#abort?.signal;
    try {
      const next = await nextPage(crm, pipeline.id, layout, col, this.#filter, PAGE, signal);
      if (signal?.aborted) return;
      // Live changes may have touched the column while the page loaded: keep them, add only unseen deals.
      const current = this._columns!.find((c) => c.key === key)!;
      const seen = new Set(current.deals.map((d) => d.id));
      const added = next.deals.slice(col.deals.length).filter((d) => !seen.has(d.id));
      const deals = [...current.deals, ...added];
      // Deals deleted since the scan were dropped from the page's ids; drop them from the current ones too.
      const kept = next.ids && new Set(next.ids);
      const ids = kept && current.ids && next.ids!.length < col.ids!.length ? current.ids.filter((id) => kept.has(id) || seen.has(id)) : current.ids;
      this._columns = this._columns?.map((c) => (c.key === key ? { ...current, deals, cursor: next.cursor, ids, done: ids ? deals.length >= ids.length : next.done } : c));
      void this.#decorate(added);
    } catch (error) {
      if (!signal?.aborted) this._error = this.errorText(error);
    } finally {
      this.#loading.delete(key);
    }
  }

  /**
   * Puts a deal where storage says it is now (or removes it): used for live
   * changes from anywhere, and to settle or roll back a move. Cards above the
   * visible window shift the scroll by one card, so what the user sees stays put.
   */
  #applyDeal(id: string, deal: Deal | undefined) {
    const pipeline = this.#pipeline;
    const layout = this.#layout;
    if (!this._columns || !pipeline || !layout) return;
    const filter = this.#filter;
    const lane = deal && laneOf(layout, pipeline.id, deal);
    if (this._figures) {
      const figures = new Map(this._figures);
      if (deal && lane !== undefined) figures.set(id, figuresOf(deal, pipeline, lane));
      else figures.delete(id);
      this._figures = figures;
    }
    const key = deal && this.#orderKey(id, deal.rank);
    const keyOfDeal = (d: Deal) => this.#orderKey(d.id, d.rank);
    const keyOfId = (other: string) => this.#orderKey(other, this._figures?.get(other)?.rank);
    this._columns = this._columns.map((col) => {
      let { deals, ids } = col;
      const at = deals.findIndex((d) => d.id === id);
      if (at >= 0) {
        deals = deals.filter((d) => d.id !== id);
        this.#shift(col.key, at, -1);
      }
      if (ids?.includes(id)) ids = ids.filter((other) => other !== id);
      if (deal && key && lane === col.key && passes(deal, filter)) {
        const i = insertionIndex(deals, key, keyOfDeal);
        const p = ids && insertionIndex(ids, key, keyOfId);
        if (ids) ids = [...ids.slice(0, p), id, ...ids.slice(p)];
        // Past the loaded part of the column, the card comes with a later page (by rank) or from the ids.
        if (p !== undefined ? p <= deals.length : col.done || i < deals.length) {
          deals = [...deals.slice(0, i), deal, ...deals.slice(i)];
          this.#shift(col.key, i, +1);
          if (at < 0) void this.#decorate([deal]);
        }
      }
      if (deals === col.deals && ids === col.ids) return col;
      return { ...col, deals, ...(ids ? { ids, done: deals.length >= ids.length } : {}) };
    });
  }

  /** Keeps the visible cards in place when a card is added or removed above them. */
  #shift(key: string, index: number, delta: number) {
    const top = this._scroll.get(key) ?? 0;
    if (index < Math.floor(top / this.cardHeight)) this.#scrollTo(key, Math.max(0, top + delta * this.cardHeight));
  }

  /** Scrolls a column, keeping the window's state and the element in step. */
  #scrollTo(key: string, top: number) {
    this._scroll = new Map(this._scroll).set(key, top);
    const body = this.renderRoot.querySelector<HTMLElement>(`[part~="column-body"][data-column="${CSS.escape(key)}"]`);
    if (body) body.scrollTop = top;
  }

  #measure() {
    const body = this.renderRoot.querySelector<HTMLElement>('[part~="column-body"]');
    if (body && body.clientHeight && body.clientHeight !== this.#viewport) {
      this.#viewport = body.clientHeight;
      this.requestUpdate();
    }
  }

  #onScroll = (e: Event) => {
    const body = e.currentTarget as HTMLElement;
    this._scroll = new Map(this._scroll).set(body.dataset.column!, body.scrollTop);
  };

  protected override updated(): void {
    this.#measure();
    // Keep loading while a column's window reaches its loaded end.
    for (const col of this._columns ?? []) {
      const [, end] = visibleRows(this._scroll.get(col.key) ?? 0, this.#viewport, this.cardHeight, col.deals.length);
      if (!col.done && end >= col.deals.length - 5) void this.#more(col.key);
    }
  }

  // ---- Totals -------------------------------------------------------------

  #columnTotals(): Map<string, ColumnTotals> | undefined {
    const filter = this.#filter;
    const key = JSON.stringify(filter);
    if (this.#totals?.figures !== this._figures || this.#totals?.filter !== key) {
      const figures = this._figures;
      this.#totals = { figures, filter: key, value: figures ? columnTotals([...figures.values()].filter((f) => passes(f, filter))) : new Map() };
    }
    return this._figures ? this.#totals!.value : undefined;
  }

  // ---- Moving -------------------------------------------------------------

  /** Drop targets in keyboard order: the lanes, then won and lost (keyed by their stage). */
  #targets(): { key: string; zone?: 'won' | 'lost' }[] {
    const stages = this.#pipeline?.stages ?? [];
    const out: { key: string; zone?: 'won' | 'lost' }[] = this.#lanes.map((l) => ({ key: l.key }));
    for (const zone of ['won', 'lost'] as const) {
      const stage = stages.find((s) => s.kind === zone);
      if (stage) out.push({ key: stage.id, zone });
    }
    return out;
  }

  #find(id: string): { deal: Deal; col: ColumnData; index: number } | undefined {
    for (const col of this._columns ?? []) {
      const index = col.deals.findIndex((d) => d.id === id);
      if (index >= 0) return { deal: col.deals[index]!, col, index };
    }
    return undefined;
  }

  /** The heading of a lane, or the name of a won or lost stage. */
  #laneName(key: string, zone?: 'won' | 'lost') {
    if (zone || !this.#layout?.field) return this.#pipeline?.stages.find((s) => s.id === key)?.name ?? key;
    return this.#lanes.find((l) => l.key === key)?.label ?? key;
  }

  /** The deals of a target column without the moving one: what a drop index counts in. */
  #others(key: string, dealId: string) {
    return this._columns?.find((c) => c.key === key)?.deals.filter((d) => d.id !== dealId) ?? [];
  }

  /**
   * The index a card lands at in lane `key`: where the user points on a board
   * they order themselves, else where the lane's order puts it (shown by the
   * drop line, so what the user sees is where the card goes).
   */
  #landing(key: string, deal: Deal, wanted: number): number {
    const others = this.#others(key, deal.id);
    if (this.#layout && reorderable(this.#layout)) return Math.min(others.length, Math.max(0, wanted));
    return insertionIndex(others, this.#orderKey(deal.id, deal.rank), (d) => this.#orderKey(d.id, d.rank));
  }

  #announceTarget(drag: Drag) {
    const t = this.localize.t.board;
    const target = drag.target;
    if (!target) return;
    if (target.zone) this._message = t.overZone(target.zone === 'won' ? t.won : t.lost);
    else this._message = t.over(target.index + 1, this.#others(target.key, drag.dealId).length + 1, this.#laneName(target.key));
  }

  #lift(dealId: string) {
    const found = this.#find(dealId);
    if (!found) return;
    this._drag = { dealId, mode: 'keyboard', target: { key: found.col.key, index: found.index }, x: 0, y: 0 };
    this._message = this.localize.t.board.lifted(found.deal.title, found.index + 1, found.col.deals.length, this.#laneName(found.col.key));
  }

  #cancel() {
    const drag = this._drag;
    if (!drag) return;
    this._drag = undefined;
    const deal = this.#find(drag.dealId)?.deal;
    if (deal) this._message = this.localize.t.board.cancelled(deal.title);
    void this.#focusCard(drag.dealId);
  }

  /**
   * Drops the dragged card on its target: asks the host (cancelable
   * `kith-deal-move`), asks a lost reason when needed, shows the move at once
   * and writes it; a write that fails puts the card back where storage has it
   * and says why.
   */
  async #drop() {
    const drag = this._drag;
    this._drag = undefined;
    const crm = this.#current;
    const layout = this.#layout;
    const found = drag && this.#find(drag.dealId);
    const target = drag?.target;
    if (!crm || !layout || !found || !target) return;
    const { deal } = found;
    const t = this.localize.t.board;
    const manual = reorderable(layout);
    // On a board grouped by a field, a lane is a value of it: dropping there sets the value, the stage stays.
    const field = target.zone ? undefined : layout.field;
    const others = target.zone ? [] : this.#others(target.key, deal.id);
    const position: DealPosition | undefined = target.zone || !manual ? undefined : { after: others[target.index - 1]?.id, before: others[target.index]?.id };
    if (!target.zone && target.key === found.col.key && (!manual || others[target.index - 1]?.id === found.col.deals[found.index - 1]?.id)) {
      // Dropped where it was.
      this._message = t.cancelled(deal.title);
      return this.#focusCard(deal.id);
    }
    const toStageId = field ? deal.stageId : target.key;
    const from = field && deal.custom[field.key];
    const change = field && { key: field.key, ...(typeof from === 'string' ? { from } : {}), ...(target.key !== NO_VALUE ? { to: target.key } : {}) };
    const detail: DealMoveDetail = { dealId: deal.id, fromStageId: deal.stageId, toStageId, ...(position ? { position } : {}), ...(change ? { field: change } : {}) };
    if (!this.emit('kith-deal-move', { detail, cancelable: true })) {
      this._message = t.vetoed(deal.title);
      return this.#focusCard(deal.id);
    }
    let lostReason: string | undefined;
    if (target.zone === 'lost') {
      lostReason = await this.#askLostReason(deal);
      if (!lostReason) {
        this._message = t.cancelled(deal.title);
        return this.#focusCard(deal.id);
      }
    }
    // Optimistic: show the card in its new place now.
    const custom = { ...deal.custom };
    if (change?.to) custom[change.key] = change.to;
    else if (change) delete custom[change.key];
    const moved: Deal = { ...deal, custom, stageId: toStageId, status: target.zone ?? 'open', stageEnteredAt: toStageId === deal.stageId ? deal.stageEnteredAt : new Date(crm.clock.now()).toISOString() };
    this.#place(moved, target);
    this._message = t.dropped(deal.title, this.#laneName(target.key, target.zone));
    this._error = '';
    void this.#focusCard(target.zone ? this.#neighbourOf(found) : deal.id);
    // Writes go one at a time, in drop order: a quick second move of the same card must wait for the first
    // (its version) and a position may name a card whose own move is still being written.
    const seen = deal.version;
    const write = this.#writes.then(async () => {
      const expectedVersion = Math.max(seen, this.#written.get(deal.id) ?? 0);
      const stored = change
        ? await crm.deals.update(deal.id, { custom }, { expectedVersion })
        : await crm.deals.move(deal.id, toStageId, { ...(position ? { position } : {}), ...(lostReason ? { lostReason } : {}), expectedVersion });
      this.#written.set(stored.id, stored.version);
      return stored;
    });
    this.#writes = write.catch(() => undefined);
    this.#unsettled.set(deal.id, (this.#unsettled.get(deal.id) ?? 0) + 1);
    // Only the last of a card's queued moves puts it where storage has it: an earlier one's answer is older than the screen.
    const last = () => {
      const left = this.#unsettled.get(deal.id)! - 1;
      if (left) this.#unsettled.set(deal.id, left);
      else this.#unsettled.delete(deal.id);
      return !left;
    };
    try {
      const stored = await write;
      if (last()) this.#applyDeal(stored.id, stored);
    } catch (error) {
      this._error = t.failed(deal.title, this.errorText(error));
      this._message = this._error;
      if (last()) {
        const current = await crm.deals.find(deal.id).catch(() => undefined);
        this.#applyDeal(deal.id, current ?? deal);
      }
    }
  }

  /** Shows `deal` at the target's index right away (before storage answers). */
  #place(deal: Deal, target: Target) {
    const pipeline = this.#pipeline!;
    const here = (col: ColumnData) => !target.zone && col.key === target.key;
    this._columns = this._columns?.map((col) => {
      let deals = col.deals.filter((d) => d.id !== deal.id);
      let ids = col.ids?.filter((id) => id !== deal.id);
      if (here(col)) deals = [...deals.slice(0, target.index), deal, ...deals.slice(target.index)];
      if (ids && here(col)) ids = [...ids.slice(0, target.index), deal.id, ...ids.slice(target.index)];
      return { ...col, deals, ...(ids ? { ids } : {}) };
    });
    if (this._figures) {
      const figures = new Map(this._figures);
      if (target.zone) figures.delete(deal.id);
      else figures.set(deal.id, figuresOf(deal, pipeline, target.key));
      this._figures = figures;
    }
  }

  /** After a card leaves the board (won, lost), the card to focus: the next in its column, else the previous. */
  #neighbourOf(found: { col: ColumnData; index: number }): string | undefined {
    return (found.col.deals[found.index + 1] ?? found.col.deals[found.index - 1])?.id;
  }

  #askLostReason(deal: Deal): Promise<string | undefined> {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog')!;
    this.#lostFor = deal.title;
    this._error = '';
    this.requestUpdate();
    return new Promise((resolve) => {
      this.#lostAnswer = resolve;
      void this.updateComplete.then(() => {
        dialog.querySelector('form')!.reset();
        this.#lostInvalid = false;
        dialog.showModal();
      });
    });
  }

  #lostFor = '';
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #lostInvalid = false;

  #lostSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const reason = new FormData(form).get('reason');
    if (typeof reason !== 'string' || !reason) {
      this.#lostInvalid = true;
      this.requestUpdate();
      void this.updateComplete.then(() => form.querySelector<HTMLInputElement>('input[name="reason"]')?.focus());
      return;
    }
    this.#closeLost(reason);
  };

  #closeLost(reason: string | undefined) {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog')!;
    const answer = this.#lostAnswer;
    this.#lostAnswer = undefined;
    if (dialog.open) dialog.close();
    answer?.(reason);
  }

  // ---- Keyboard -----------------------------------------------------------

  async #focusCard(id: string | undefined) {
    if (!id) return;
    this.#focusId = id;
    const found = this.#find(id);
    if (found) this.#reveal(found.col.key, found.index);
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-deal-id="${CSS.escape(id)}"]`)?.focus();
  }

  /** Scrolls a column so row `index` is inside its window. */
  #reveal(key: string, index: number) {
    const top = this._scroll.get(key) ?? 0;
    const h = this.cardHeight;
    let next = top;
    if (index * h < top) next = index * h;
    else if ((index + 1) * h > top + this.#viewport) next = (index + 1) * h - this.#viewport;
    if (next !== top) this.#scrollTo(key, next);
  }

  #onKeydown = (e: KeyboardEvent) => {
    const card = (e.target as HTMLElement).closest<HTMLElement>('[data-deal-id]');
    if (!card || this.#pointer?.dragging) {
      if (e.key === 'Escape' && this.#pointer?.dragging) this.#pointer.cancel();
      return;
    }
    const id = card.dataset.dealId!;
    const rtl = this.localize.dir() === 'rtl';
    const key = e.key === 'ArrowLeft' && rtl ? 'ArrowRight' : e.key === 'ArrowRight' && rtl ? 'ArrowLeft' : e.key;
    const drag = this._drag;
    if (drag?.mode === 'keyboard') {
      e.preventDefault();
      if (key === ' ' || key === 'Enter') return void this.#drop();
      if (key === 'Escape') return this.#cancel();
      const targets = this.#targets();
      const at = Math.max(0, targets.findIndex((t) => t.key === drag.target?.key && t.zone === drag.target?.zone));
      const deal = this.#find(id)?.deal;
      let target = drag.target!;
      if (!deal) return;
      if (key === 'ArrowUp' || key === 'ArrowDown') {
        // Up and down reorder only where users order cards themselves; elsewhere the lane's order places the card.
        if (target.zone || !reorderable(this.#layout!)) return;
        target = { ...target, index: this.#landing(target.key, deal, target.index + (key === 'ArrowUp' ? -1 : 1)) };
      } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
        const next = targets[at + (key === 'ArrowLeft' ? -1 : 1)];
        if (!next) return;
        target = next.zone ? { key: next.key, index: 0, zone: next.zone } : { key: next.key, index: this.#landing(next.key, deal, target.index) };
      } else return;
      const moved = { ...drag, target };
      this._drag = moved;
      if (!target.zone) this.#reveal(target.key, target.index);
      this.#announceTarget(moved);
      return;
    }
    const found = this.#find(id);
    if (!found) return;
    const cols = this._columns!;
    const c = cols.indexOf(found.col);
    let next: string | undefined;
    if (key === ' ' || key === 'Enter') {
      e.preventDefault();
      return this.#lift(id);
    } else if (key === 'ArrowDown') next = found.col.deals[found.index + 1]?.id;
    else if (key === 'ArrowUp') next = found.col.deals[found.index - 1]?.id;
    else if (key === 'Home') next = found.col.deals[0]?.id;
    else if (key === 'End') next = found.col.deals[found.col.deals.length - 1]?.id;
    else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const step = key === 'ArrowLeft' ? -1 : 1;
      for (let i = c + step; i >= 0 && i < cols.length; i += step) {
        const deals = cols[i]!.deals;
        if (deals.length) {
          next = deals[Math.min(found.index, deals.length - 1)]!.id;
          break;
        }
      }
    } else return;
    e.preventDefault();
    void this.#focusCard(next);
  };

  // ---- Pointer ------------------------------------------------------------

  #pointerStart = (id: string, x: number, y: number) => {
    const found = this.#find(id);
    if (!found) return;
    this._drag = { dealId: id, mode: 'pointer', target: { key: found.col.key, index: found.index }, x, y };
    this._message = this.localize.t.board.lifted(found.deal.title, found.index + 1, found.col.deals.length, this.#laneName(found.col.key));
  };

  #pointerMove = (x: number, y: number) => {
    const drag = this._drag;
    if (!drag) return;
    const root = this.renderRoot as ShadowRoot;
    const hit = root.elementsFromPoint(x, y);
    const zone = hit.find((el) => el instanceof HTMLElement && el.dataset.zone) as HTMLElement | undefined;
    const body = hit.find((el) => el instanceof HTMLElement && el.matches('[part~="column-body"]')) as HTMLElement | undefined;
    let target = drag.target;
    if (zone) target = { key: zone.dataset.stage!, index: 0, zone: zone.dataset.zone as 'won' | 'lost' };
    else if (body) {
      const rect = body.getBoundingClientRect();
      // Auto-scroll: resting near a column's top or bottom edge scrolls it.
      if (y < rect.top + EDGE) body.scrollTop -= Math.ceil((rect.top + EDGE - y) / 4);
      else if (y > rect.bottom - EDGE) body.scrollTop += Math.ceil((y - rect.bottom + EDGE) / 4);
      const key = body.dataset.column!;
      const deal = this.#find(drag.dealId)?.deal;
      if (deal) target = { key, index: this.#landing(key, deal, dropIndex(y - rect.top + body.scrollTop, this.cardHeight, Number.MAX_SAFE_INTEGER)) };
    }
    const columns = root.querySelector<HTMLElement>('[part~="columns"]');
    if (columns) {
      const r = columns.getBoundingClientRect();
      if (x < r.left + EDGE) columns.scrollLeft -= Math.ceil((r.left + EDGE - x) / 4);
      else if (x > r.right - EDGE) columns.scrollLeft += Math.ceil((x - r.right + EDGE) / 4);
    }
    const changed = target?.key !== drag.target?.key || target?.zone !== drag.target?.zone || target?.index !== drag.target?.index;
    this._drag = { ...drag, target, x, y };
    if (changed) this.#announceTarget(this._drag);
  };

  #pointerEnd = (drop: boolean) => {
    if (drop) void this.#drop();
    else this.#cancel();
  };

  // ---- Rendering ----------------------------------------------------------


  #money(amount: number, currency: string) {
    return this.localize.money({ amount, currency });
  }

  #renderTotals(totals: ColumnTotals | undefined) {
    const t = this.localize.t.board;
    if (!totals) return html`<span part="count">${this._figures ? t.count(0) : '…'}</span>`;
    const currencies = Object.entries(totals.byCurrency).sort(([a], [b]) => (a < b ? -1 : 1));
    return html`<span part="count">${t.count(totals.count)}</span>
      ${currencies.map(
        ([cur, sum]) =>
          html`<span part="total" data-currency=${cur}>${this.#money(sum.value, cur)} · <span part="weighted">${this.#money(sum.weighted, cur)} ${t.weighted}</span></span>`,
      )}`;
  }

  #cardInfo(deal: Deal, stage: Stage): CardInfo {
    const now = this.#current?.clock.now() ?? Date.now();
    return {
      stage,
      daysInStage: daysInStage(deal, now),
      rotting: isRotting(deal, stage, now),
      next: this.#next.get(deal.id)?.state,
      contactName: deal.contactIds[0] ? this.#names.get(deal.contactIds[0]) : undefined,
      companyName: deal.companyId ? this.#names.get(deal.companyId) : undefined,
      ownerName: deal.ownerId ? this.#members.get(deal.ownerId)?.name : undefined,
    };
  }

  #defaultCard(deal: Deal, info: CardInfo): TemplateResult {
    const t = this.localize.t.board;
    const who = [info.contactName, info.companyName].filter(Boolean).join(' · ');
    return html`<span part="card-title">${deal.title}</span>
      <span part="card-value">${this.localize.money(deal.value)}</span>
      <span part="card-meta">${who}${who && info.ownerName ? ' — ' : ''}${info.ownerName ?? ''}</span>
      <span part="card-foot"
        ><span part="card-age">${this.#layout?.field ? `${info.stage.name} · ` : ''}${t.daysInStage(info.daysInStage)}</span>
        ${info.rotting ? html`<span part="card-rotting">${t.rotting}</span>` : nothing}
        ${info.next ? html`<span part="card-next" data-state=${info.next}>${t.next[info.next]}</span>` : nothing}</span
      >`;
  }

  /** The host's content for a card when it gave a `renderCard`, else the default. */
  #cardContent(deal: Deal, info: CardInfo) {
    return this.renderCard ? this.renderCard(deal, info) : this.#defaultCard(deal, info);
  }

  #stageOf(deal: Deal): Stage | undefined {
    return this.#pipeline?.stages.find((s) => s.id === deal.stageId);
  }

  #renderCard(deal: Deal, index: number, setSize: number, tabbable: boolean) {
    const stage = this.#stageOf(deal);
    if (!stage) return nothing;
    const info = this.#cardInfo(deal, stage);
    const lifted = this._drag?.dealId === deal.id;
    const parts = `card${lifted ? ' lifted' : ''}${info.rotting ? ' rotting' : ''}`;
    const label = `${deal.title}, ${this.localize.money(deal.value)}`;
    return html`<div
      part=${parts}
      role="listitem"
      tabindex=${tabbable ? 0 : -1}
      data-deal-id=${deal.id}
      aria-label=${label}
      aria-roledescription="card"
      aria-posinset=${index + 1}
      aria-setsize=${setSize}
      style=${styleMap({ transform: `translateY(${index * this.cardHeight}px)`, height: `${this.cardHeight - 8}px` })}
      @focus=${() => (this.#focusId = deal.id)}
    >
      ${this.#cardContent(deal, info)}
    </div>`;
  }

  #renderColumn(lane: Lane, n: number, col: ColumnData, totals: ColumnTotals | undefined, tabbableId: string | undefined) {
    const t = this.localize.t.board;
    const h = this.cardHeight;
    const [start, end] = visibleRows(this._scroll.get(lane.key) ?? 0, this.#viewport, h, col.deals.length);
    const drag = this._drag;
    const target = drag?.target && !drag.target.zone && drag.target.key === lane.key ? drag.target : undefined;
    const rows = col.deals.slice(start, end);
    // By position, not key: option values may hold spaces, which an id reference cannot.
    const headingId = `h-${n}`;
    const stage = lane.stage?.id;
    return html`<section part="column" aria-labelledby=${headingId} data-column=${lane.key} data-stage=${stage ?? nothing}>
      <header part="column-header">
        <h3 id=${headingId}>${lane.label}</h3>
        ${this.#renderTotals(totals)}
      </header>
      <div part="column-body" data-column=${lane.key} data-stage=${stage ?? nothing} @scroll=${this.#onScroll}>
        ${col.done && !col.deals.length ? html`<p part="empty">${t.empty}</p>` : nothing}
        <div
          role=${rows.length ? 'list' : nothing}
          aria-labelledby=${rows.length ? headingId : nothing}
          class="spacer"
          style=${styleMap({ height: `${col.deals.length * h}px` })}
        >
          ${rows.map((d, i) => this.#renderCard(d, start + i, col.done ? col.deals.length : (totals?.count ?? -1), d.id === tabbableId))}
          ${target ? html`<div part="drop-indicator" aria-hidden="true" style=${styleMap({ transform: `translateY(${this.#indicatorY(col, target, drag!.dealId)}px)` })}></div>` : nothing}
        </div>
      </div>
    </section>`;
  }

  /** Where the drop line goes: above the card that would follow the dropped one. */
  #indicatorY(col: ColumnData, target: Target, dealId: string): number {
    const others = col.deals.filter((d) => d.id !== dealId);
    const before = others[target.index];
    const at = before ? col.deals.indexOf(before) : col.deals.length;
    return at * this.cardHeight - 4;
  }

  #renderToolbar() {
    const t = this.localize.t.board;
    const pipelines = this._pipelines ?? [];
    const owner = (e: Event) => (this.ownerId = (e.target as HTMLSelectElement).value || undefined);
    const search = (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      clearTimeout(this.#searchTimer);
      this.#searchTimer = setTimeout(() => (this.search = value || undefined), 200);
    };
    return html`<div part="toolbar">
      ${pipelines.length > 1
        ? html`<label
            >${t.pipeline}
            <select @change=${(e: Event) => (this.pipelineId = (e.target as HTMLSelectElement).value)}>
              ${pipelines.map((p) => html`<option value=${p.id} ?selected=${p.id === this.#pipeline?.id}>${p.name}</option>`)}
            </select></label
          >`
        : nothing}
      <label
        >${t.owner}
        <select @change=${owner}>
          <option value="">${t.allOwners}</option>
          ${[...this.#members.values()].map((m) => html`<option value=${m.id} ?selected=${m.id === this.ownerId}>${m.name}</option>`)}
        </select></label
      >
      <label>${t.search} <input type="search" .value=${this.search ?? ''} @input=${search} /></label>
      ${this.#fields.length
        ? html`<label
            >${t.groupBy}
            <select @change=${(e: Event) => (this.groupBy = (e.target as HTMLSelectElement).value || undefined)}>
              <option value="">${t.byStage}</option>
              ${this.#fields.map((f) => html`<option value=${f.key} ?selected=${f.key === this.#layout?.field?.key}>${f.label}</option>`)}
            </select></label
          >`
        : nothing}
      <label
        >${t.sortBy}
        <select @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as BoardSort)}>
          <option value="manual">${t.manual}</option>
          <option value="next-activity" ?selected=${this.sort === 'next-activity'}>${t.nextActivity}</option>
        </select></label
      >
    </div>`;
  }

  #renderZones() {
    const t = this.localize.t.board;
    const target = this._drag?.target;
    return html`<div part="zones">
      ${this.#targets()
        .filter((z) => z.zone)
        .map(
          (z) =>
            html`<div part="zone ${z.zone}${target?.zone === z.zone ? ' active' : ''}" data-zone=${z.zone!} data-stage=${z.key}>
              ${z.zone === 'won' ? t.won : t.lost}
            </div>`,
        )}
    </div>`;
  }

  #renderDialog() {
    const t = this.localize.t.board;
    const reasons = this.lostReasons ?? this.#pipeline?.lostReasons ?? [];
    return html`<dialog part="dialog" aria-labelledby="lost-title" @cancel=${(e: Event) => (e.preventDefault(), this.#closeLost(undefined))}>
      <form novalidate @submit=${this.#lostSubmit}>
        <h2 id="lost-title">${t.lostTitle(this.#lostFor)}</h2>
        <fieldset aria-describedby="lost-error" aria-invalid=${this.#lostInvalid ? 'true' : 'false'}>
          <legend>${t.lostReason}</legend>
          ${reasons.map((r) => html`<label><input type="radio" name="reason" value=${r} required /> ${r}</label>`)}
        </fieldset>
        <p id="lost-error" part="dialog-error" role="alert">${this.#lostInvalid ? t.reasonRequired : ''}</p>
        <div part="dialog-actions">
          <button type="button" @click=${() => this.#closeLost(undefined)}>${t.cancel}</button>
          <button type="submit">${t.lostConfirm}</button>
        </div>
      </form>
    </dialog>`;
  }

  #renderGhost() {
    const drag = this._drag;
    if (drag?.mode !== 'pointer') return nothing;
    const found = this.#find(drag.dealId);
    if (!found) return nothing;
    const stage = this.#stageOf(found.deal);
    return html`<div part="ghost" aria-hidden="true" style=${styleMap({ transform: `translate(${drag.x + 8}px, ${drag.y + 8}px)`, height: `${this.cardHeight - 8}px` })}>
      ${stage ? this.#cardContent(found.deal, this.#cardInfo(found.deal, stage)) : nothing}
    </div>`;
  }

  override render() {
    const t = this.localize.t.board;
    const crm = this.#live.crm;
    const columns = this._columns;
    const lanes = this.#lanes;
    const totals = this.#columnTotals();
    // Roving tabindex: one card in the board is in the tab order.
    const all = columns?.flatMap((c) => c.deals) ?? [];
    const tabbableId = all.some((d) => d.id === this.#focusId) ? this.#focusId : all[0]?.id;
    return html`<div part="base" role="region" aria-label=${t.label} dir=${this.localize.dir()} ?data-dragging=${!!this._drag} @keydown=${this.#onKeydown}>
      ${crm ? this.#renderToolbar() : nothing}
      ${!crm
        ? html`<p part="empty">${this.localize.t.noCrm}</p>`
        : !columns
          ? this._error
            ? nothing
            : html`<p part="loading" role="status">${t.loading}</p>`
          : html`<div part="columns">${lanes.map((l, i) => this.#renderColumn(l, i, columns[i] ?? { key: l.key, deals: [], done: true }, totals?.get(l.key) ?? (totals ? { count: 0, byCurrency: {} } : undefined), tabbableId))}</div>
              ${this.#renderZones()}`}
      <div part="status" role="status" aria-live="polite" class="sr">${this._message}</div>
      <div part="error" role="alert">${this._error}</div>
      ${this.#renderDialog()} ${this.#renderGhost()}
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'kith-deal-move': CustomEvent<DealMoveDetail>;
  }
}
