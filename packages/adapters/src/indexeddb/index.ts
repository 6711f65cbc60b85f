export { indexedDbStorage, type IndexedDbStorageOptions } from './indexeddb-storage.js';
export { CORE_LAYOUT, type Layout, type IndexSpecText } from './layout.js';
export { FORMAT_VERSION } from './open.js';
