import type { Crm } from '@kith/core';
import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import { CrmController } from './context.js';

type Host = ReactiveControllerHost & HTMLElement & { crm?: Crm | undefined };

/** What an element that loads from the CRM and watches it tells {@link LiveLoad}. */
export interface LiveLoadOptions {
  /** Properties whose change means loading again. */
  keys: readonly PropertyKey[];
  /** Loads (with {@link LiveLoad.current}) and starts watching. */
  reload(): Promise<void>;
  /** Stops watching and any read under way. */
  stop(): void;
  /** Whether the element is watching now. */
  watching(): boolean;
  /** Called before loading for another CRM, to drop what was read from the old one. */
  crmChanged?(): void;
}

/**
 * The life of an element that shows CRM data live: it loads again when its
 * CRM (its own `crm`, else the surrounding `<kith-crm>`'s) or one of its keys
 * changes, stops watching when disconnected, loads and watches again when put
 * back into the page, and resolves `whenLoaded()` once a load is rendered.
 * The host calls `willUpdate(changed)` from its own `willUpdate`.
 */
export class LiveLoad implements ReactiveController {
  readonly #crm: CrmController;
  /** The CRM the element loaded from. */
  current: Crm | undefined;
  #loaded: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: Host,
    private readonly options: LiveLoadOptions,
  ) {
    this.#crm = new CrmController(host);
    host.addController(this);
  }

  /** The CRM in effect now (it may differ from `current` until the next update). */
  get crm(): Crm | undefined {
    return this.#crm.value;
  }

  hostConnected(): void {
    // Moved to another place in the page: disconnecting stopped the live feed, so load and watch again.
    if (this.current && !this.options.watching()) this.#loaded = this.options.reload();
  }

  hostDisconnected(): void {
    this.options.stop();
  }

  willUpdate(changed: PropertyValues): void {
    const crm = this.#crm.value;
    if (crm !== this.current || this.options.keys.some((k) => changed.has(k))) {
      if (crm !== this.current) this.options.crmChanged?.();
      this.current = crm;
      this.#loaded = this.options.reload();
    }
  }

  /** Resolves once the current load is done and rendered. */
  async whenLoaded(): Promise<void> {
    // A load starts in the first update after a change, so wait for that update first.
    await this.host.updateComplete;
    await this.#loaded;
    await this.host.updateComplete;
  }
}
