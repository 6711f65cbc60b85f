/**
 * The plumbing Kith's own adapters share, for authors of new ones (guide:
 * docs/storage-adapter.md): the batch shape check and the closed guard every
 * adapter must answer alike, the write rules for engines that read
 * synchronously (`stageBatch`), subscriber fan-out with per-collection
 * filtering, and JSON copying. The semantics of filters, order and cursors
 * are in `@kith/core` (`matchesAll`, `recordComparator`, `cursorAfter` ...).
 */
export { assertOpen, checkOps } from '../common/guards.js';
export { Listeners } from '../common/listeners.js';
export { cloneJson } from '../common/clone.js';
export { stageBatch, type StagedBatch, type StagedWrite } from '../common/stage-batch.js';
export { pageOf, toPage } from '../common/page-of.js';
