// Prints the min+gzip size of the one-script widget bundle and fails when it is over budget.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const FILE = 'dist/widget/claimdesk.js';
const BUDGET_BYTES = 35 * 1024; // 35 KB, Lit included

if (!existsSync(FILE)) {
  console.error(`report-size: ${FILE} is missing; run \`vite build\` first.`);
  process.exit(1);
}
const source = readFileSync(FILE);
const gzipped = gzipSync(source, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = `${FILE}: ${kb(source.length)} min, ${kb(gzipped)} min+gzip (budget ${kb(BUDGET_BYTES)}, ${Math.round((gzipped / BUDGET_BYTES) * 100)}% used)`;
if (gzipped > BUDGET_BYTES) {
  console.error(`✗ ${line} — over budget by ${kb(gzipped - BUDGET_BYTES)}`);
  process.exit(1);
}
console.log(`✓ ${line}`);
