import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createScratchDatabase } from '../../test/support/scratch-database';
import { migrationsDir as projectMigrations, prismaSchemaPath } from '../lib/paths';
import { openDatabase, type DatabaseTarget } from './database';
import { checkDrift, createMigration, deployMigrations, migrationStatus } from './migrate-engine';
import { engineTarget } from './prepare-schema';

describe("the project's migrations", () => {
  it('when schema.prisma is compared with prisma/migrations, then there is no drift', async () => {
    const result = await checkDrift({ schemaPath: prismaSchemaPath, migrationsDir: projectMigrations });
    expect(result).toEqual({ drift: false, sql: '' });
  });
});

// The full migrate dev / deploy / status / drift cycle on a scratch database of the engine under
// test: embedded PGlite by default, a fresh database on the DATABASE_URL server otherwise.
describe('offline migration engine', () => {
  let dir: string;
  let scratch: { target: DatabaseTarget; drop(): Promise<void> };
  const schemaV1 = `datasource db {\n  provider = "postgresql"\n}\n\nenum Kind {\n  A\n  B\n}\n\nmodel Item {\n  id        Int      @id @default(autoincrement())\n  name      String\n  kind      Kind     @default(A)\n  createdAt DateTime @default(now())\n\n  @@index([name])\n}\n`;
  const schemaV2 = schemaV1.replace('  name      String\n', '  name      String\n  note      String?\n');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jasmin-migrate-'));
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a schema changes, then migrations are created, applied, reported and checked for drift', async () => {
    const target = engineTarget(scratch.target);
    const schemaPath = join(dir, 'schema.prisma');
    const migrationsDir = join(dir, 'migrations');
    writeFileSync(schemaPath, schemaV1);

    const first = await createMigration({ target, schemaPath, migrationsDir, name: 'init' });
    expect(first.created).toMatch(/^\d{14}_init$/);
    const sql = readFileSync(join(migrationsDir, first.created ?? '', 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "Item"');
    expect(readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    expect(await migrationStatus({ target, migrationsDir })).toEqual({ pending: [], applied: [first.created], problems: [] });

    // No change → no migration.
    expect((await createMigration({ target, schemaPath, migrationsDir, name: 'noop' })).created).toBeNull();

    // The schema moves ahead of the migrations: drift, with the SQL that is missing.
    writeFileSync(schemaPath, schemaV2);
    const drift = await checkDrift({ schemaPath, migrationsDir });
    expect(drift.drift).toBe(true);
    expect(drift.sql).toContain('"note" TEXT');

    // A second folder prepared elsewhere (as a teammate's commit would bring it) is pending here.
    const otherDir = join(dir, 'other-migrations');
    cpSync(migrationsDir, otherDir, { recursive: true });
    const otherDb = await createScratchDatabase();
    try {
      const otherTarget = engineTarget(otherDb.target);
      await deployMigrations({ target: otherTarget, migrationsDir: otherDir });
      const second = await createMigration({ target: otherTarget, schemaPath, migrationsDir: otherDir, name: 'add note' });
      expect(second.created).toMatch(/^\d{14}_add_note$/);
      expect((await checkDrift({ schemaPath, migrationsDir: otherDir })).drift).toBe(false);

      cpSync(join(otherDir, second.created ?? ''), join(migrationsDir, second.created ?? ''), { recursive: true });
      expect((await migrationStatus({ target, migrationsDir })).pending).toEqual([second.created]);
      expect((await deployMigrations({ target, migrationsDir })).applied).toEqual([second.created]);
      expect((await migrationStatus({ target, migrationsDir })).pending).toEqual([]);
    } finally {
      await otherDb.drop();
    }

    // Prisma's own bookkeeping: checksum = sha256 of migration.sql.
    const db = await openDatabase(scratch.target);
    try {
      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null }[]>(
        'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY started_at',
      );
      expect(rows).toHaveLength(2);
      const firstRow = rows[0];
      expect(firstRow?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      await db.prisma.$executeRawUnsafe(`INSERT INTO "Item" (name, note) VALUES ('é', 'ok')`);
    } finally {
      await db.close();
    }

    // An applied migration edited afterwards is reported as a problem.
    appendFileSync(join(migrationsDir, first.created ?? '', 'migration.sql'), '\n-- edited\n');
    expect((await migrationStatus({ target, migrationsDir })).problems.length).toBeGreaterThan(0);
  }, 120_000);
});
