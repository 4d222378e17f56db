// Runs a react-dsfr tool (copy-dsfr-to-public, only-include-used-icons) or a build that
// rewrites index.html's DSFR links with a version or a hash, then puts the checked-in
// index.html back: the build output keeps the rewritten links, the working tree stays clean.
//   node scripts/keep-index-html.mjs "<command>" ["<command>" …]
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const indexHtml = join(dirname(fileURLToPath(import.meta.url)), '..', 'index.html');
const original = readFileSync(indexHtml);
let status = 0;
try {
  for (const command of process.argv.slice(2)) execSync(command, { stdio: 'inherit' });
} catch (error) {
  status = typeof error.status === 'number' ? error.status : 1;
} finally {
  writeFileSync(indexHtml, original);
}
process.exit(status);
