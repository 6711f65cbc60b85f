import type { Change, ChangeSet, StoragePort } from '@kith/core';

interface Entry {
  seq: number;
  set: ChangeSet;
}

/**
 * The server half of the change feed: it keeps the last `size` change sets
 * the storage committed, numbered, and answers "what happened after N",
 * waiting (long-poll) when nothing has yet. A cursor older than the buffer
 * gets `reset`, so a client re-reads instead of silently missing changes.
 *
 * Cursors carry an epoch (when this feed started), so a restarted server
 * never mistakes an old cursor for one of its own.
 */
export class ChangeFeed {
  readonly #entries: Entry[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #epoch = Date.now().toString(36);
  readonly #size: number;
  readonly #unsubscribe: () => void;
  #seq = 0;
  #closed = false;

  constructor(storage: StoragePort, size: number) {
    this.#size = size;
    this.#unsubscribe = storage.subscribe((set) => {
      // Changes that came from elsewhere through this storage are forwarded too; only the server's own view counts.
      this.#entries.push({ seq: ++this.#seq, set: { changes: set.changes } });
      if (this.#entries.length > this.#size) this.#entries.shift();
      for (const wake of [...this.#waiters]) wake();
    });
  }

  /** The cursor of "now". */
  get cursor(): string {
    return `${this.#epoch}.${this.#seq}`;
  }

  /**
   * The change sets after `cursor`, restricted to `visible` changes, waiting
   * up to `waitMs` for one to arrive. `visible` may be asked about a
   * collection more than once; it must answer from what it already knows. Ends early when `signal` aborts (the
   * client went away).
   */
  async after(cursor: string, waitMs: number, visible: (c: Change) => boolean, signal?: AbortSignal): Promise<{ cursor: string; sets: ChangeSet[]; reset?: boolean }> {
    const [epoch, n] = cursor.split('.');
    const from = Number(n);
    if (epoch !== this.#epoch || !Number.isInteger(from) || from > this.#seq) return { cursor: this.cursor, sets: [], reset: true };
    const oldest = this.#entries[0]?.seq ?? this.#seq + 1;
    if (from < oldest - 1) return { cursor: this.cursor, sets: [], reset: true };
    // Wait for anything newer, then answer with what this caller may see (possibly nothing: it asks again from the new cursor).
    while (this.#seq === from && waitMs > 0 && !signal?.aborted && !this.#closed) {
      const started = Date.now();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        this.#waiters.add(done);
        signal?.addEventListener('abort', done);
      });
      waitMs -= Date.now() - started;
    }
    const last = this.#seq;
    const sets = this.#entries
      .filter((e) => e.seq > from && e.seq <= last)
      .map((e) => ({ changes: e.set.changes.filter(visible) }))
      .filter((set) => set.changes.length > 0);
    return { cursor: `${this.#epoch}.${last}`, sets };
  }

  close(): void {
    this.#closed = true;
    this.#unsubscribe();
    for (const wake of [...this.#waiters]) wake();
  }
}
