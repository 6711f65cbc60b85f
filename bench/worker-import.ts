// A raw IndexedDB import run wholly in a dedicated worker, with its own copy
// of the records: the page does nothing at all while it runs. Used by the
// IndexedDB benchmark as the floor for the page's longest task during an
// import: whatever the page still pays then, no adapter could save it.

/** The worker: it stands alone (made from its own source text), so it names nothing from outside. */
function importer(): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(m: unknown): void };
  let records: unknown[] = [];
  scope.onmessage = (e: MessageEvent) => {
    const message = e.data as { t: 'load'; records: unknown[] } | { t: 'go'; name: string };
    if (message.t === 'load') {
      records = message.records;
      scope.postMessage('loaded');
      return;
    }
    const open = indexedDB.open(message.name);
    open.onerror = () => scope.postMessage(`failed: ${String(open.error)}`);
    open.onsuccess = () => {
      const db = open.result;
      // As the raw anchor does on the page: one transaction, every put issued at once.
      const tx = db.transaction('contacts', 'readwrite');
      const store = tx.objectStore('contacts');
      for (let i = 0; i < records.length; i++) store.put(records[i]);
      records = [];
      tx.oncomplete = () => {
        db.close();
        scope.postMessage('done');
      };
      tx.onabort = () => scope.postMessage(`failed: ${String(tx.error)}`);
    };
  };
}

/** A worker holding its own clone of `records` (the cloning is done before this resolves); `run` imports them into the database `name`, whose store `contacts` must exist. */
export async function workerImport(records: readonly unknown[]): Promise<{ run(name: string): Promise<void> }> {
  const url = URL.createObjectURL(new Blob([`(${importer.toString()})();`], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const answer = () =>
    new Promise<void>((resolve, reject) => {
      worker.onmessage = (e) => (e.data === 'loaded' || e.data === 'done' ? resolve() : reject(new Error(`bench: the import worker ${e.data}`)));
      worker.onerror = (e) => reject(new Error(`bench: the import worker failed: ${e.message}`));
    });
  const loaded = answer();
  worker.postMessage({ t: 'load', records });
  await loaded;
  URL.revokeObjectURL(url);
  return {
    async run(name) {
      const done = answer();
      worker.postMessage({ t: 'go', name });
      try {
        await done;
      } finally {
        worker.terminate();
      }
    },
  };
}
