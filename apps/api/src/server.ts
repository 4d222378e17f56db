import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createApp } from './app';
import { openPostgresDatabase, openServedEmbeddedDatabase, targetFromEnv, type Database } from './db/database';
import { startEmbeddedServer } from './db/embedded-server';
import { prepareSchema } from './db/prepare-schema';
import { seedDemo } from './db/seed-demo';
import { announce } from './lib/announce';
import { loadEnv } from './lib/env';
import { createLogger } from './lib/logger';
import { ImportRunner } from './modules/imports/import-runner';
import { importers } from './modules/imports/importers';

// Flags: --migrate (apply pending migrations on a PostgreSQL server), --seed-demo (load the demo
// académie; embedded database only), --announce (print where to go, for `npm start`).
const flags = new Set(process.argv.slice(2));
/** How often a server shared with other processes looks for the unfinished runs of one that has stopped. */
const ORPHAN_SWEEP_MS = 60_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.logLevel);
  const target = targetFromEnv(env);
  const migrateRequested = env.autoMigrate || flags.has('--migrate');

  let db: Database;
  if (target.kind === 'embedded') {
    // PGlite in a process of its own, migrated there, served over a Unix socket (embedded-server.ts).
    db = openServedEmbeddedDatabase(await startEmbeddedServer(target.dataDir, { logLevel: env.logLevel }));
  } else {
    await prepareSchema({ target, migrateRequested, logger });
    db = openPostgresDatabase(target.url, { logger });
  }

  let demoLoaded = false;
  if (flags.has('--seed-demo')) {
    if (db.kind === 'embedded') {
      await seedDemo(db.prisma);
      demoLoaded = true;
    } else {
      logger.warn('--seed-demo ignored: demo data is never created on a DATABASE_URL server (use pnpm db:seed:demo)');
    }
  }

  const webDist = env.webDist ?? resolve(__dirname, '../../web/dist');
  const now = () => new Date();
  const imports = new ImportRunner({ db, logger, now, censusDate: env.censusDate, importers });
  const interrupted = await imports.recoverInterrupted();
  if (interrupted) logger.warn({ interrupted }, 'imports interrupted by the previous stop were marked failed');
  // On a server shared with other processes (`pnpm jasmin import`, other instances): the runs of one
  // that stops later are failed within a minute, not at this server's next start.
  const sweep = db.locks
    ? setInterval(() => {
        imports.recoverInterrupted().then(
          (n) => n && logger.warn({ interrupted: n }, 'imports of a process that stopped were marked failed'),
          (error: unknown) => logger.error({ err: error instanceof Error ? { message: error.message } : {} }, 'sweeping interrupted imports failed'),
        );
      }, ORPHAN_SWEEP_MS)
    : undefined;
  sweep?.unref();
  const app = createApp({ db, env: { ...env, webDist }, logger, now, imports });
  const server: Server = app.listen(env.port, env.host, () => {
    logger.info({ port: env.port, database: db.kind }, 'Jasmin API listening');
    if (flags.has('--announce')) announce({ port: env.port, database: db.kind, dataDir: target.kind === 'embedded' ? target.dataDir : undefined, demoLoaded });
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 120_000;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => {
      logger.warn('forced shutdown after 10 s');
      process.exit(1);
    }, 10_000);
    force.unref();
    clearInterval(sweep);
    server.close(() => {
      // A run in progress is left to finish? No: its transaction is rolled back with the
      // connection, and the next start marks it failed (all-or-nothing).
      void db.close().finally(() => {
        logger.info('stopped');
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Jasmin n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
