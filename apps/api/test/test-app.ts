import type { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../src/app';
import { openEmbeddedDatabase, openPostgresDatabase, type Database } from '../src/db/database';
import { createLogger } from '../src/lib/logger';
import type { RouteDefinition } from '../src/lib/route-table';
import { routeTable } from '../src/routes';
import { ImportRunner } from '../src/modules/imports/import-runner';
import { importers } from '../src/modules/imports/importers';
import { closeStagePool } from '../src/modules/imports/stage/stage-pool';

declare global {
  var __JASMIN_PGLITE__: PGlite | undefined;
}

/** The test database: this worker's PGlite (see database-environment.cjs) or DATABASE_URL's server. */
export function openTestDatabase(): Database {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgresDatabase(url, { max: 20 });
  const pglite = globalThis.__JASMIN_PGLITE__;
  if (!pglite) throw new Error('No test database: run API tests through jest (apps/api/jest.config.cjs).');
  return openEmbeddedDatabase(pglite);
}

export interface TestApp {
  app: Express;
  db: Database;
  /** Every log line the app wrote, as parsed JSON. */
  logs: Record<string, unknown>[];
  rawLogs(): string;
  imports: ImportRunner;
  /** A temporary data folder (uploads), removed by close(). */
  dataDir: string;
  close(): Promise<void>;
}

/** createApp() over the test database, with logs captured for assertions. */
export async function createTestApp(
  options: {
    db?: Database;
    bodyLimit?: string;
    routes?: readonly RouteDefinition[];
    now?: () => Date;
    censusDate?: string;
    uploadLimitBytes?: number;
    importers?: typeof importers;
  } = {},
): Promise<TestApp> {
  const db = options.db ?? openTestDatabase();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger('debug', sink);
  const now = options.now ?? (() => new Date());
  const dataDir = mkdtempSync(join(tmpdir(), 'jasmin-test-data-'));
  const imports = new ImportRunner({ db, logger, now, censusDate: options.censusDate, importers: options.importers ?? importers });
  const app = createApp({
    db,
    env: {
      nodeEnv: 'test',
      bodyLimit: options.bodyLimit ?? '100kb',
      webDist: undefined,
      dataDir,
      uploadLimitBytes: options.uploadLimitBytes ?? 50 * 1024 * 1024,
      censusDate: options.censusDate,
    },
    logger,
    now,
    imports,
  }, options.routes ?? routeTable);
  return {
    app,
    db,
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    rawLogs: () => lines.join('\n'),
    imports,
    dataDir,
    close: async () => {
      await imports.idle();
      await closeStagePool();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
