// `npm start`: install what is missing, build the web app, then serve web + API on one port.
// Without DATABASE_URL the embedded database (./.data) is migrated and the demo académie is
// loaded; with DATABASE_URL nothing is created implicitly (see README).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, root, run } from './bootstrap.mjs';

const pnpm = bootstrap();

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// Build the web app only when its sources (or the shared contract) changed since the last build.
const webIndex = join(root, 'apps/web/dist/index.html');
const sources = ['apps/web/src', 'apps/web/index.html', 'packages/shared/src'].map((p) => join(root, p));
const sourceTime = Math.max(...sources.map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)));
if (!existsSync(webIndex) || statSync(webIndex).mtimeMs < sourceTime) {
  console.log("Construction de l'application web…");
  run(pnpm, ['--filter', '@jasmin/web', 'build']);
}

const embedded = !process.env.DATABASE_URL;
// A capped V8 heap (unless NODE_OPTIONS sets one): imports stream their files, so what piles up
// under a larger cap is garbage, not data (about 200 MiB more at the peak of an académie's import).
// PDF rendering runs in worker threads with their own limits.
// Young generation: semi-spaces of 8 MiB instead of 16 (the main thread's big allocations, the
// staged batches, go to the large-object space anyway): about 10 MiB less at an import's peak.
const heapCap = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '') ? [] : ['--max-old-space-size=128', '--max-semi-space-size=8'];
// tsx's in-thread require hook rather than `--import tsx`, whose module-loading thread costs about
// 30 MiB of memory for nothing here (the API's TypeScript compiles to CommonJS).
const serverArgs = [...heapCap, '--require', 'tsx/cjs', 'src/server.ts'];
if (embedded) serverArgs.push('--migrate', '--seed-demo', '--announce');
else serverArgs.push('--announce');

const child = spawn(process.execPath, serverArgs, {
  cwd: join(root, 'apps/api'),
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    JASMIN_DATA_DIR: process.env.JASMIN_DATA_DIR ?? join(root, '.data'),
    JASMIN_WEB_DIST: join(root, 'apps/web/dist'),
    // glibc gives each thread (imports' staging worker, PDF rendering) malloc arenas of its own that
    // keep freed memory; two arenas in all measured about 15 MiB less at the peak of an académie's import.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
