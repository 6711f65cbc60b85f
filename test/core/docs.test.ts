// Code the docs quote is code a test runs: a fenced block marked
// `<!-- example: examples/<file> -->` (or a test file, `../test/...`) must be that file, or lines taken from it
// in order (indentation aside). The files themselves run in guides.test.ts and
// the browser tests each file names. Every block of code must be marked, so a
// new guide or a new snippet cannot slip in untested; shell commands and JSON
// wire formats are not code to run. The lead form guide's page snippet is
// marked `<!-- landing-page snippet -->` instead: the landing-page test serves it
// as it stands.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const docs = new URL('../../docs/', import.meta.url);
const MARKED = /<!-- example: ((?:examples|\.\.\/test)\/[\w./-]+) -->\s*```\w*\n([\s\S]*?)```/g;
const FENCE = /^```(\w*)\n/gm;
/** Languages of blocks that are not code to run: commands to type, and wire formats. */
const NOT_CODE = new Set(['sh', 'json']);
const MARKER = /<!-- (?:example: [^ ]+|landing-page snippet) -->\s*$/;

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Whether `part`'s lines appear in `whole`, in order. */
function isExcerpt(part: string[], whole: string[]): boolean {
  let at = 0;
  for (const line of part) {
    while (at < whole.length && whole[at] !== line) at++;
    if (at === whole.length) return false;
    at++;
  }
  return true;
}

describe('guides quote tested code', () => {
  const guides = readdirSync(docs).filter((f) => f.endsWith('.md'));
  for (const guide of guides) {
    const text = readFileSync(new URL(guide, docs), 'utf8');
    const blocks = [...text.matchAll(MARKED)];
    it(`${guide}: every block of code is marked, and every marked block is taken from its example file`, () => {
      assert.ok(blocks.length > 0, `${guide} quotes no example file`);
      const openings = [...text.matchAll(FENCE)].filter((_, i) => i % 2 === 0);
      for (const fence of openings) {
        if (NOT_CODE.has(fence[1]!)) continue;
        const line = text.slice(0, fence.index).split('\n').length;
        assert.match(text.slice(0, fence.index), MARKER, `${guide}:${line}: a ${fence[1] || 'plain'} block no test runs`);
      }
      assert.equal(blocks.length, text.split('<!-- example:').length - 1, `${guide}: a marker names no example file or precedes no code block`);
      for (const [, file, code] of blocks) {
        const source = lines(readFileSync(new URL(file!, docs), 'utf8'));
        assert.ok(isExcerpt(lines(code!), source), `${guide}: a block marked ${file} is not taken from it`);
      }
    });
  }

  it('the excerpt rule itself: lines out of order or changed are not an excerpt', () => {
    assert.ok(isExcerpt(['a', 'c'], ['a', 'b', 'c']));
    assert.ok(!isExcerpt(['c', 'a'], ['a', 'b', 'c']));
    assert.ok(!isExcerpt(['a', 'x'], ['a', 'b', 'c']));
  });
});
