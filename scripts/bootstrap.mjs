// Makes a fresh clone ready: pnpm present (installed with npm when missing), dependencies
// installed. Used by `npm start` and `npm test`; cheap when everything is already there.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const localPnpm = join(root, '.tools', 'node_modules', '.bin', 'pnpm');

function works(cmd) {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8', shell: false });
  return r.status === 0 && /^10\./.test(r.stdout.trim());
}

/** The pnpm command to use: one on the PATH, or a copy installed into .tools/ with npm. */
export function ensurePnpm() {
  if (works('pnpm')) return 'pnpm';
  if (existsSync(localPnpm) && works(localPnpm)) return localPnpm;
  console.log(`pnpm ${PNPM_VERSION} absent : installation avec npm dans .tools/ …`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', join(root, '.tools'), `pnpm@${PNPM_VERSION}`], {
    stdio: 'inherit',
  });
  return localPnpm;
}

export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.status !== 0) {
    console.error(`\nÉchec : ${[cmd, ...args].join(' ')} (code ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** Installs the workspace's dependencies exactly as locked (a no-op when up to date). */
export function bootstrap() {
  const pnpm = ensurePnpm();
  run(pnpm, ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only'], {
    env: { ...process.env, CI: process.env.CI ?? '' },
  });
  return pnpm;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) bootstrap();
