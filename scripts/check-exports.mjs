// After `npm run build`: imports every export-map entry of every package the
// way a consumer does (no `source` condition, so from dist/), and checks each
// declared file exists. A broken export map fails here, not in a user's app.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packages = ['core', 'adapters', 'elements'];
let failures = 0;
for (const dir of packages) {
  const pkg = JSON.parse(readFileSync(join('packages', dir, 'package.json'), 'utf8'));
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const targets = typeof target === 'string' ? { default: target } : target;
    for (const [condition, file] of Object.entries(targets)) {
      if (condition === 'source' || file.includes('*')) continue;
      if (!existsSync(join('packages', dir, file))) {
        console.error(`missing: ${pkg.name} ${subpath} [${condition}] -> ${file}`);
        failures++;
      }
    }
    // Elements need a DOM; only Node-safe entries are imported here.
    if (dir !== 'elements' && !subpath.includes('*') && targets.import) {
      const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      const mod = await import(specifier);
      if (!Object.keys(mod).length) {
        console.error(`empty module: ${specifier}`);
        failures++;
      } else console.log(`ok: ${specifier} (${Object.keys(mod).length} exports)`);
    }
  }
}
if (failures) {
  console.error(`check-exports: ${failures} problem(s)`);
  process.exit(1);
}
console.log('check-exports: every export-map entry resolves');
