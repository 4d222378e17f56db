// pnpm jasmin import <kind> <file> [<file>…] [--academy CODE]
// Imports académie-scale files from the command line, with the same importers, runs and
// report as the API (audited as SYSTEM): one run a file, in the order given, each all or nothing
// (the next files are parsed while one is written). Target: DATABASE_URL, else the embedded database.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importKindSchema } from '@jasmin/shared/imports/schemas';
import { openPostgresDatabase, openServedEmbeddedDatabase, targetFromEnv, type Database } from '../db/database';
import { startEmbeddedServer } from '../db/embedded-server';
import { prepareSchema } from '../db/prepare-schema';
import { loadEnv } from '../lib/env';
import { createLogger } from '../lib/logger';
import { ImportRunner } from '../modules/imports/import-runner';
import type { ImportRun } from '../generated/prisma/client';
import { importers } from '../modules/imports/importers';
import { kindCodes, toRunView } from '../modules/imports/imports.service';

const USAGE = 'Usage : pnpm jasmin import <siecle-eleves|siecle-responsables|exam-results|training-enrolments> <fichier> [<fichier>…] [--academy CODE]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { academy: { type: 'string' } } });
  const [command, kindArg, ...fileArgs] = positionals;
  if (command !== 'import' || !kindArg || fileArgs.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const kind = importKindSchema.safeParse(kindArg);
  if (!kind.success) {
    console.error(`Type inconnu « ${kindArg} ».\n${USAGE}`);
    return 2;
  }
  const files: { path: string; size: number }[] = [];
  for (const arg of fileArgs) {
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
    const size = statSync(path, { throwIfNoEntry: false })?.size;
    if (size === undefined) {
      console.error(`Fichier introuvable : ${path}`);
      return 2;
    }
    files.push({ path, size });
  }

  const env = loadEnv();
  const logger = createLogger(env.logLevel === 'info' ? 'warn' : env.logLevel);
  const target = targetFromEnv(env);
  let db: Database;
  if (target.kind === 'embedded') {
    // As the server: PGlite in a process of its own (migrated there), so that parsing, this
    // process's writes and the database's work use both cores and this process stays small.
    db = openServedEmbeddedDatabase(await startEmbeddedServer(target.dataDir, { logLevel: env.logLevel }));
  } else {
    await prepareSchema({ target, migrateRequested: env.autoMigrate, logger });
    db = openPostgresDatabase(target.url, { logger });
  }
  try {
    const academies = await db.prisma.academy.findMany({ where: values.academy ? { code: values.academy } : {} });
    const academy = academies[0];
    if (!academy || academies.length > 1) {
      console.error(academies.length > 1 ? 'Plusieurs académies : précisez --academy CODE.' : 'Académie introuvable.');
      return 2;
    }
    const uploads = join(env.dataDir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    const runner = new ImportRunner({ db, logger, now: () => new Date(), censusDate: env.censusDate, importers });
    const runs: ImportRun[] = [];
    for (const [i, file] of files.entries()) {
      const stored = join(uploads, `cli-${process.pid}-${Date.now()}-${i}.upload`);
      copyFileSync(file.path, stored);
      // This process's run before its row exists: a server starting meanwhile on the same database leaves it alone.
      const id = randomUUID();
      await runner.claim(id);
      runs.push(
        await db.prisma.importRun.create({
          data: { id, kind: kindCodes[kind.data], academyId: academy.id, fileName: basename(file.path), fileSize: BigInt(file.size), storedPath: stored },
        }),
      );
    }
    let failed = 0;
    let started = Date.now();
    let current = 0;
    const ticker = setInterval(() => {
      const run = runs[current];
      const p = run && runner.progressOf(run.id);
      if (p && p.total) process.stdout.write(`\r  ${runs.length > 1 ? `${current + 1}/${runs.length} · ` : ''}${Math.round((100 * p.read) / p.total)} %`);
    }, 500);
    // All queued at once (the runner parses the next files while one is in its transaction); reported in order.
    const ended = runs.map((run) => runner.enqueue(run));
    for (const [i, run] of runs.entries()) {
      current = i;
      await ended[i];
      const view = toRunView(await db.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } }));
      if (view.status !== 'succeeded') failed += 1;
      console.log(`\r${view.status === 'succeeded' ? 'Import réussi' : 'Import échoué'} en ${((Date.now() - started) / 1000).toFixed(1)} s : ${view.fileName}`);
      started = Date.now();
      if (view.error) console.log(`  ${view.error}`);
      const r = view.report;
      console.log(`  créés ${r.created} · mis à jour ${r.updated} · inchangés ${r.unchanged} · rejetés ${r.rejected.length}`);
      for (const rej of r.rejected.slice(0, 20)) console.log(`    ${rej.ref} : ${rej.reason}`);
      if (r.rejected.length > 20) console.log(`    … et ${r.rejected.length - 20} autres`);
    }
    await runner.idle();
    clearInterval(ticker);
    if (runs.length > 1) console.log(`${runs.length - failed} fichier(s) importé(s), ${failed} en échec.`);
    return failed === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
