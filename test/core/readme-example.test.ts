// The README's SDK example is docs/examples/quickstart.ts, verbatim; this runs
// it and checks what it prints against the comments it shows readers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);
const example = readFileSync(new URL('docs/examples/quickstart.ts', root), 'utf8');

describe('README SDK example', () => {
  it('is quoted verbatim in the README', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    assert.ok(readme.includes(example.trim()), 'README.md must contain docs/examples/quickstart.ts unchanged');
  });

  it('runs and prints what its comments promise', () => {
    const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'docs/examples/quickstart.ts'], { cwd: root, encoding: 'utf8' });
    const promised = [...example.matchAll(/console\.log\(.*\); \/\/ "(.*)"/g)].map((m) => m[1]);
    assert.equal(promised.length, 3);
    assert.deepEqual(out.trim().split('\n'), promised);
  });
});
