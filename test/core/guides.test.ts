// Runs the guides' examples and checks what the guides say they print.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importExportExample } from '../../docs/examples/import-export.ts';
import { scriptingExample } from '../../docs/examples/scripting.ts';
import { memoryStorage } from '@kith/adapters/memory';
import { SCRIPTING_EXPECTED, scriptingSummary } from '../fixtures/scripting-summary.ts';

describe('docs/import-export.md example', () => {
  it('previews, dry-runs, imports, finds and merges duplicates, and exports', async () => {
    const r = await importExportExample();
    assert.deepEqual(r.preview.suggestions, { Имя: 'firstName', Фамилия: 'lastName', Телефон: 'phone', 'Correu electrònic': 'email', Город: 'custom.city', Birthday: 'birthday' });
    assert.deepEqual([r.preview.dateOrder.order, r.preview.dateOrder.decidedBy], ['dmy', 'data']);
    assert.deepEqual([r.dry.created, r.dry.skipped, r.dry.failed], [1, 1, 1]);
    assert.deepEqual([r.report.created, r.report.skipped, r.report.failed], [1, 1, 1]);
    assert.equal(r.errorReport.split('\r\n')[0], 'row,column,level,code,message,value');
    assert.equal(r.groups.length, 1);
    assert.deepEqual(r.groups[0]!.reasons.map((x) => x.rule), ['phone']);
    assert.deepEqual(r.plan.conflicts.map((c) => c.field), ['lastName']);
    assert.equal(r.merged.relinked.activities, 1);
    assert.equal(r.exported.trim().split('\r\n').length, 2, 'a header and the one merged contact');
  });
});

describe('docs/scripting.md example', () => {
  it('imports, dedupes, runs a rule on a won deal and reads the KPIs, as the guide says', async () => {
    assert.deepEqual(scriptingSummary(await scriptingExample(memoryStorage())), SCRIPTING_EXPECTED);
  });
});
