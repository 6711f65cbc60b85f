// "Overdue" for a date-only due is decided in the viewer's zone, not in UTC.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateInZone, dueInfo, isOverdue } from '@kith/core';

describe('due state', () => {
  // 2026-03-25T21:30Z is still the 25th in New York but already the 26th in Tbilisi (UTC+4).
  const now = Date.parse('2026-03-25T21:30:00Z');

  it('reads the calendar date in the viewer zone', () => {
    assert.equal(dateInZone(now, 'America/New_York'), '2026-03-25');
    assert.equal(dateInZone(now, 'Asia/Tbilisi'), '2026-03-26');
    assert.equal(dateInZone(now, 'UTC'), '2026-03-25');
  });

  it('a task due on the 25th is due today in New York and one day overdue in Tbilisi', () => {
    const task = { due: '2026-03-25' };
    assert.deepEqual(dueInfo(task, now, 'America/New_York'), { state: 'today', daysLate: 0 });
    assert.deepEqual(dueInfo(task, now, 'Asia/Tbilisi'), { state: 'overdue', daysLate: 1 });
  });

  it('an instant due is overdue once passed, in every zone', () => {
    const task = { due: '2026-03-25T21:00:00Z' };
    assert.equal(isOverdue(task, now, 'America/New_York'), true);
    assert.equal(isOverdue(task, now, 'Asia/Tbilisi'), true);
    assert.equal(isOverdue({ due: '2026-03-25T22:00:00Z' }, now, 'UTC'), false);
  });

  it('counts days late for the wording "overdue by 2 days", and knows done and undated tasks', () => {
    assert.deepEqual(dueInfo({ due: '2026-03-23' }, now, 'UTC'), { state: 'overdue', daysLate: 2 });
    assert.deepEqual(dueInfo({ due: '2026-03-28' }, now, 'UTC'), { state: 'upcoming', daysLate: -3 });
    assert.equal(dueInfo({ due: '2026-03-01', completedAt: '2026-03-02T00:00:00Z' }, now, 'UTC').state, 'done');
    assert.equal(dueInfo({}, now, 'UTC').state, 'none');
  });
});
