// Database commands: pnpm db:migrate [--name x] | db:deploy | db:status | db:drift | db:seed:demo
// Target: DATABASE_URL when set, otherwise the embedded database in JASMIN_DATA_DIR (./.data).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, targetFromEnv } from '../db/database';
import { engineTarget } from '../db/prepare-schema';
import { checkDrift, createMigration, deployMigrations, migrationStatus } from '../db/migrate-engine';
import { seedDemo } from '../db/seed-demo';
import { loadEnv } from '../lib/env';
import { migrationsDir, prismaSchemaPath } from '../lib/paths';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string', short: 'n' } },
  });
  const command = positionals[0];
  const env = loadEnv();
  const dbTarget = targetFromEnv(env);
  if (dbTarget.kind === 'embedded') mkdirSync(dbTarget.dataDir, { recursive: true });
  const target = engineTarget(dbTarget);
  const where = dbTarget.kind === 'embedded' ? `base embarquée ${dbTarget.dataDir}` : 'DATABASE_URL';

  switch (command) {
    case 'migrate': {
      const name = values.name ?? positionals[1];
      if (!name) {
        console.error('Donnez un nom à la migration : pnpm db:migrate --name ajout_des_eleves');
        return 2;
      }
      const result = await createMigration({ target, schemaPath: prismaSchemaPath, migrationsDir, name });
      console.log(result.created ? `Migration créée et appliquée : ${result.created}` : 'Aucun changement dans schema.prisma.');
      // As `prisma migrate dev` does: the client follows the schema.
      execFileSync(process.execPath, [join(__dirname, '../../scripts/generate.mjs')], { stdio: 'inherit' });
      return 0;
    }
    case 'deploy': {
      const { applied } = await deployMigrations({ target, migrationsDir });
      console.log(applied.length ? `Migrations appliquées (${where}) : ${applied.join(', ')}` : `Aucune migration en attente (${where}).`);
      return 0;
    }
    case 'status': {
      const s = await migrationStatus({ target, migrationsDir });
      console.log(`${where} : ${s.applied.length} migration(s) appliquée(s), ${s.pending.length} en attente.`);
      for (const p of s.pending) console.log(`  en attente : ${p}`);
      for (const p of s.problems) console.log(`  problème : ${p}`);
      return s.pending.length || s.problems.length ? 1 : 0;
    }
    case 'drift': {
      const result = await checkDrift({
        schemaPath: prismaSchemaPath,
        migrationsDir,
        ...(target.kind === 'postgres' ? { target } : {}),
      });
      if (!result.drift) {
        console.log('Aucune dérive : schema.prisma et prisma/migrations concordent.');
        return 0;
      }
      console.error('Dérive : schema.prisma diffère des migrations. SQL manquant :\n');
      console.error(result.sql);
      console.error('\nCréez la migration avec : pnpm db:migrate --name <nom>');
      return 1;
    }
    case 'seed-demo': {
      const { applied } = await deployMigrations({ target, migrationsDir });
      if (applied.length) console.log(`Migrations appliquées : ${applied.join(', ')}`);
      const db = await openDatabase(dbTarget);
      try {
        const result = await seedDemo(db.prisma);
        console.log(`Données de démonstration chargées (${where}) : ${result.establishments} établissements, ${result.accounts} comptes.`);
      } finally {
        await db.close();
      }
      return 0;
    }
    default:
      console.error('Commandes : migrate --name <nom> | deploy | status | drift | seed-demo');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
