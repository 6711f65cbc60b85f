import type { StoredRecord } from '@kith/core';
import { type IndexSpec, OTHER_STORE, type OtherRow, type Row, fromRow } from './layout.js';

/** An open connection and the layout the database really has (see `openDatabase`). */
export interface Connection {
  db: IDBDatabase;
  layout: Map<string, IndexSpec[]>;
  builders: Map<string, (record: StoredRecord) => Row>;
}

/** A row of any store: a collection's own, or the shared one of unlisted collections. */
export type AnyRow = Row | OtherRow;

/** The store that holds a collection: its own, or the shared one of unlisted collections. */
export const storeOf = (c: Connection, collection: string) => (c.layout.has(collection) ? collection : OTHER_STORE);
/** A record's primary key in that store. */
export const keyOf = (c: Connection, collection: string, id: string): IDBValidKey => (c.layout.has(collection) ? id : [collection, id]);
/** The record a row of this collection's store holds. */
export const recordOf = (c: Connection, collection: string, row: AnyRow): StoredRecord => (c.layout.has(collection) ? fromRow(row as Row) : (row as OtherRow).r);
/** The row a record of this collection is stored as. */
export function rowOf(c: Connection, collection: string, record: StoredRecord): AnyRow {
  const build = c.builders.get(collection);
  return build ? build(record) : ({ c: collection, r: record } satisfies OtherRow);
}

export const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
