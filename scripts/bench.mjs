// `npm run bench`: every benchmark, each figure beside its anchor from the same run.
import { spawnSync } from 'node:child_process';

const suites = [
  ['node', ['--conditions=source', '--import', 'tsx', 'bench/core.bench.ts']],
  ['node', ['scripts/bench-browser.mjs']],
  ['node', ['scripts/bench-board.mjs']],
  ['node', ['scripts/bench-timeline.mjs']],
  ['node', ['bench/lead-form-size.bench.mjs']],
];
let failed = 0;
for (const [cmd, args] of suites) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
