import type { ChangeSet, SubscribeOptions } from '@kith/core';

/**
 * Subscriber fan-out every adapter shares: per-collection filtering, and a
 * throwing listener is reported without stopping the others or the writer.
 */
export class Listeners {
  readonly #entries = new Set<{ listener: (changes: ChangeSet) => void; collections?: ReadonlySet<string> }>();

  add(listener: (changes: ChangeSet) => void, options?: SubscribeOptions): () => void {
    const entry = { listener, ...(options?.collections ? { collections: new Set(options.collections) } : {}) };
    this.#entries.add(entry);
    return () => {
      this.#entries.delete(entry);
    };
  }

  get size(): number {
    return this.#entries.size;
  }

  notify(set: ChangeSet): void {
    for (const { listener, collections } of this.#entries) {
      const changes = collections ? set.changes.filter((c) => collections.has(c.collection)) : set.changes;
      if (!changes.length) continue;
      try {
        listener({ ...set, changes: changes.map((c) => structuredClone(c)) });
      } catch (error) {
        console.error('kith: a storage subscriber threw', error);
      }
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
