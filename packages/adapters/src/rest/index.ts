export { restStorage, type RestStorageOptions } from './rest-storage.js';
