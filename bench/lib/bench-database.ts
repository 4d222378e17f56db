import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@jasmin/api/src/db/database';

export interface BenchDatabase {
  db: Database;
  label: string;
  cleanup: () => Promise<void>;
}

/**
 * A migrated, empty database for a bench: with `--pg`, a temporary database on DATABASE_URL's
 * server (127.0.0.1:5432 by default), dropped at cleanup; otherwise an embedded PGlite in a
 * temporary folder, in this process. The API's database modules are loaded here, on demand, so
 * that a bench measuring something else does not carry them.
 */
export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  const { openEmbeddedDatabase, openPglite, openPostgresDatabase } =
    await import('@jasmin/api/src/db/database');
  const { deployMigrations } = await import('@jasmin/api/src/db/migrate-engine');
  const { migrationsDir } = await import('@jasmin/api/src/lib/paths');
  if (process.argv.includes('--pg')) {
    const { Client } = await import('pg');
    const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
    const database = `jasmin_bench_${name}_${process.pid}`;
    const admin = new Client({ connectionString: new URL('/postgres', base).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(`/${database}`, base).toString();
    await deployMigrations({ target: { kind: 'postgres', url }, migrationsDir });
    const db = openPostgresDatabase(url);
    return {
      db,
      label: 'PostgreSQL server',
      cleanup: async () => {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `jasmin-bench-${name}-`));
  const pglite = await openPglite(dir);
  await deployMigrations({ target: { kind: 'pglite', dataDir: dir, instance: pglite }, migrationsDir });
  const db = openEmbeddedDatabase(pglite, { owned: true });
  return {
    db,
    label: 'embedded PostgreSQL (PGlite, in this process)',
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
