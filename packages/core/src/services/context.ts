import type { Emitter } from '../events.js';
import { newId } from '../ids.js';
import type { StoragePort } from '../storage/port.js';
import type { Clock } from '../time.js';
import type { DuplicateRule } from './duplicates.js';

/** Behaviour a CRM can tune. */
export interface CrmOptions {
  /** Won deals after which a customer becomes loyal (permanent). Default 3. */
  loyalAfterWonDeals?: number;
  /** Country whose numbering plan reads phone numbers typed without a `+` (ISO 3166 alpha-2). Default none. */
  defaultCountry?: string;
  /** The rules `duplicates.find` and `duplicates.check` use (default: all of DEFAULT_DUPLICATE_RULES). */
  duplicateRules?: readonly DuplicateRule[];
}

/** What every service shares: storage, time, the acting member and the event bus. */
export interface CrmContext {
  readonly storage: StoragePort;
  readonly clock: Clock;
  readonly memberId: string | undefined;
  readonly events: Emitter;
  readonly options: Readonly<{ loyalAfterWonDeals: number; defaultCountry: string | undefined }>;
  nowIso(): string;
  newId(): string;
}

export function createContext(init: {
  storage: StoragePort;
  clock: Clock;
  memberId: string | undefined;
  events: Emitter;
  options: CrmOptions | undefined;
}): CrmContext {
  return {
    ...init,
    options: {
      loyalAfterWonDeals: init.options?.loyalAfterWonDeals ?? 3,
      defaultCountry: init.options?.defaultCountry,
    },
    nowIso: isoClock(init.clock),
    newId: () => newId(init.clock.now()),
  };
}

/** The clock's time as an ISO string, formatted once per millisecond: a batch of writes asks many times within one. */
function isoClock(clock: Clock): () => string {
  let lastMs = Number.NaN;
  let last = '';
  return () => {
    const ms = clock.now();
    if (ms !== lastMs) {
      last = new Date(ms).toISOString();
      lastMs = ms;
    }
    return last;
  };
}
