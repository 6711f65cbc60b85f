/**
 * JSON in localStorage that never throws: storage can be off (a privacy
 * mode), full, or hold a value another script wrote. What needs it (the
 * touches, the prefill, the submit limit) steps back instead of failing a lead.
 */
export function readLocal(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON under `key`; `undefined` removes it. */
export function writeLocal(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // off or full: see above
  }
}
