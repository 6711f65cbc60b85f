import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '@kith/core';

describe('newId', () => {
  it('makes RFC 9562 version-7 UUIDs that increase even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId(1_767_225_600_000));
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('sorts later times after earlier ones', () => {
    const a = newId(Date.parse('2030-01-01T00:00:00Z'));
    const b = newId(Date.parse('2030-01-01T00:00:00.001Z'));
    assert.ok(a < b);
  });
});
