/**
 * `npm run bench`: every benchmark, one after the other (never in parallel: they would measure each
 * other on this two-core machine). Each prints its table and writes bench/results/NAME.json.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const BENCHES = ['relay', 'backend', 'agent', 'ui'] as const;
const root = resolve(import.meta.dirname, '..');
let failed = 0;
for (const name of BENCHES) {
  console.log(`\n=== bench:${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.bench.ts`], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench:${name} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
