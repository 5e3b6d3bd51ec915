// Prints the sizes of the one-script widget bundle as the server sends it — minified, and the
// .gz and .br files the build wrote beside it — and fails when the gzip size is over budget.
import { existsSync, statSync } from 'node:fs';

const FILE = 'dist/widget/claimdesk.js';
const BUDGET_BYTES = 35 * 1024; // 35 KB min+gzip, Lit included

const missing = [FILE, `${FILE}.gz`, `${FILE}.br`].filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`report-size: ${missing.join(', ')} missing; run \`vite build\` first.`);
  process.exit(1);
}
const [plain, gzipped, brotli] = ['', '.gz', '.br'].map((suffix) => statSync(`${FILE}${suffix}`).size) as [number, number, number];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = `${FILE}: ${kb(plain)} min, ${kb(gzipped)} min+gzip, ${kb(brotli)} min+brotli (budget ${kb(BUDGET_BYTES)} min+gzip, ${Math.round((gzipped / BUDGET_BYTES) * 100)}% used)`;
if (gzipped > BUDGET_BYTES) {
  console.error(`✗ ${line} — over budget by ${kb(gzipped - BUDGET_BYTES)}`);
  process.exit(1);
}
console.log(`✓ ${line}`);
