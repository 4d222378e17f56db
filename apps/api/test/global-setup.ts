import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployMigrations } from '../src/db/migrate-engine';
import { migrationsDir } from '../src/lib/paths';

function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir).sort()) {
    const file = join(migrationsDir, name, 'migration.sql');
    if (existsSync(file)) hash.update(name).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Runs once per jest run. Embedded: a PGlite folder migrated once and kept while the
 * migrations do not change; each worker opens a copy (database-environment.cjs).
 * PostgreSQL (DATABASE_URL): pending migrations are applied once to that database.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await deployMigrations({ target: { kind: 'postgres', url }, migrationsDir });
    return;
  }
  const template = join(tmpdir(), `jasmin-test-template-${migrationsFingerprint()}`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    const building = `${template}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    await deployMigrations({ target: { kind: 'pglite', dataDir: building }, migrationsDir });
    rmSync(template, { recursive: true, force: true });
    renameSync(building, template);
  }
  process.env.JASMIN_TEST_TEMPLATE_DIR = template;
}
