// Generates the Prisma client offline. `prisma generate` only checks that a schema engine
// binary exists (it does not run it); pointing it at any file stops it from downloading one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const schema = resolve(here, '../../../prisma/schema.prisma');
const prismaCli = join(dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
if (!existsSync(prismaCli)) throw new Error(`Prisma CLI introuvable : ${prismaCli}`);
const run = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
});
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(run.status ?? 1);
}
process.stdout.write('Prisma client generated.\n');
