import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../lib/logger';
import { migrationsDir } from '../lib/paths';
import type { DatabaseTarget } from './database';
import { deployMigrations, migrationStatus, type Target } from './migrate-engine';

export function engineTarget(target: DatabaseTarget, instance?: PGlite): Target {
  return target.kind === 'embedded'
    ? { kind: 'pglite', dataDir: target.dataDir, ...(instance ? { instance } : {}) }
    : { kind: 'postgres', url: target.url };
}

/**
 * Brings the schema up to date before the app serves anything. The embedded database always
 * migrates itself. A shared PostgreSQL server is only migrated when asked (`--migrate` or
 * JASMIN_AUTO_MIGRATE=1): otherwise a pending migration stops start-up with a clear message.
 */
export async function prepareSchema(opts: {
  target: DatabaseTarget;
  pglite?: PGlite;
  migrateRequested: boolean;
  logger: Logger;
}): Promise<void> {
  const target = engineTarget(opts.target, opts.pglite);
  if (opts.target.kind === 'embedded') {
    const { applied } = await deployMigrations({ target, migrationsDir });
    if (applied.length) opts.logger.info({ applied }, 'embedded database migrated');
    return;
  }
  const status = await migrationStatus({ target, migrationsDir });
  if (status.problems.length) {
    throw new Error(`Historique des migrations incohérent :\n  ${status.problems.join('\n  ')}`);
  }
  if (status.pending.length === 0) return;
  if (!opts.migrateRequested) {
    throw new Error(
      `La base de données a ${status.pending.length} migration(s) en attente (${status.pending.join(', ')}). ` +
        'Appliquez-les avec « pnpm db:deploy », ou démarrez avec --migrate ou JASMIN_AUTO_MIGRATE=1.',
    );
  }
  const { applied } = await deployMigrations({ target, migrationsDir });
  opts.logger.info({ applied }, 'database migrated');
}
