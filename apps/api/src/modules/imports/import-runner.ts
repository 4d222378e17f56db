import { rmSync } from 'node:fs';
import type { Database } from '../../db/database';
import type { AuthenticatedActor } from '../../lib/actor';
import { writeAudit } from '../../lib/audit';
import type { Logger } from '../../lib/logger';
import { crossReference } from './cross-reference';
import { ImportFileError } from './parsers/import-file-error';
import { ImportFailure, type ImportCounts, type ImportKindCode, type Importer } from './import-types';

export interface RunnerDeps {
  db: Database;
  logger: Logger;
  now: () => Date;
  /** Census date for cross-referencing (yyyy-mm-dd); default: the day of the run. */
  censusDate?: string | undefined;
  importers: Record<ImportKindCode, Importer>;
}

interface Progress {
  read: number;
  total: number;
}

/** The tables an import of each kind writes in bulk (cross-referencing adds few rows). */
const TABLES_OF: Record<ImportKindCode, string[]> = {
  SIECLE_ELEVES: ['pupil', 'case_file'],
  SIECLE_RESPONSABLES: ['guardian'],
  EXAM_RESULTS: ['exam_result'],
  TRAINING_ENROLMENTS: ['training_enrolment'],
};
/**
 * Re-ANALYZE a table when it has doubled since: row counts are estimated from its current size
 * anyway (PostgreSQL scales reltuples by pages), so what ages is the distribution (distinct
 * establishments, pupils…), off by 2× at most. A tighter rule cost a tenth of an académie's import.
 */
const STATISTICS_GROWTH = 2;

const INTERRUPTED = "Import interrompu (arrêt du serveur) : rien n'a été importé. Relancez-le.";
// One transaction for the whole file: long enough for an académie-scale file.
const TRANSACTION_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * Runs import runs one at a time, in this process. Each run is one database transaction:
 * all of the file or nothing. Progress lives in memory (the transaction is not visible to
 * other connections until it commits).
 */
export class ImportRunner {
  private readonly queue: string[] = [];
  private readonly progress = new Map<string, Progress>();
  private running: Promise<void> | undefined;

  constructor(private readonly deps: RunnerDeps) {}

  /** At start-up: a run left QUEUED or RUNNING by a stopped process did not happen. */
  async recoverInterrupted(): Promise<number> {
    const stale = await this.deps.db.prisma.importRun.findMany({ where: { status: { in: ['QUEUED', 'RUNNING'] } } });
    for (const run of stale) {
      await this.deps.db.prisma.importRun.update({
        where: { id: run.id },
        data: { status: 'FAILED', error: INTERRUPTED, finishedAt: this.deps.now(), storedPath: null },
      });
      if (run.storedPath) rmSync(run.storedPath, { force: true });
    }
    return stale.length;
  }

  enqueue(runId: string): void {
    this.queue.push(runId);
    this.running ??= this.drainQueue().finally(() => {
      this.running = undefined;
    });
  }

  progressOf(runId: string): Progress | undefined {
    return this.progress.get(runId);
  }

  /** Resolves when every queued run has finished (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainQueue(): Promise<void> {
    for (let id = this.queue.shift(); id; id = this.queue.shift()) {
      await this.execute(id).catch((error: unknown) => {
        this.deps.logger.error({ runId: id, err: error instanceof Error ? { message: error.message, stack: error.stack } : {} }, 'import runner error');
      });
    }
  }

  private async execute(runId: string): Promise<void> {
    const { db, now, logger } = this.deps;
    const run = await db.prisma.importRun.findUnique({ where: { id: runId } });
    if (!run || run.status !== 'QUEUED' || !run.storedPath) return;
    const filePath = run.storedPath;
    const stagePath = `${filePath}.staged.ndjson`;
    await db.prisma.importRun.update({ where: { id: runId }, data: { status: 'RUNNING', startedAt: now() } });
    this.progress.set(runId, { read: 0, total: Number(run.fileSize) });
    const started = Date.now();
    try {
      const actor = await this.actorOf(run.uploadedById, run.academyId);
      const censusDate = this.deps.censusDate ? new Date(`${this.deps.censusDate}T00:00:00Z`) : now();
      const importer = this.deps.importers[run.kind];
      // Phase 1: parse and check, outside the database (the long part for a big file).
      const staged = await importer.stage({
        filePath,
        stagePath,
        onProgress: (read, total) => this.progress.set(runId, { read, total }),
      });
      // Phase 2: one transaction writes it all, cross-references, and audits — or nothing.
      const result = await db.prisma.$transaction(
        async (tx) => {
          const counts: ImportCounts = await importer.apply({ tx, runId, actor, academyId: run.academyId, stagePath, now: now() }, staged);
          counts.rejected = [...staged.rejected, ...counts.rejected];
          const crossing = await crossReference(tx, {
            academyId: run.academyId,
            ...(counts.establishmentIds ? { establishmentIds: counts.establishmentIds } : {}),
            ...(counts.identitiesTable ? { identitiesTable: counts.identitiesTable } : {}),
            censusDate,
            now: now(),
          });
          await writeAudit(tx, { actor, requestId: `import:${runId}`, ip: undefined }, {
            action: 'import.run',
            targetType: 'import_run',
            targetId: runId,
            details: { kind: run.kind, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected.length, ...crossing },
          });
          return { counts, crossing };
        },
        { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
      );
      const p = this.progress.get(runId);
      await db.prisma.importRun.update({
        where: { id: runId },
        data: {
          status: 'SUCCEEDED',
          created: result.counts.created,
          updated: result.counts.updated,
          unchanged: result.counts.unchanged,
          rejected: result.counts.rejected.map((r) => ({ ref: r.ref, reason: r.reason })),
          progressRead: BigInt(p?.total ?? 0),
          progressTotal: BigInt(p?.total ?? 0),
          finishedAt: now(),
          storedPath: null,
        },
      });
      logger.info({ runId, kind: run.kind, ms: Date.now() - started, ...result.crossing }, 'import succeeded');
      // Fresh statistics after a large import keep the planner's estimates right (PGlite has no autovacuum).
      if (result.counts.created + result.counts.updated >= 1000) await this.refreshStatistics(run.kind);
    } catch (error) {
      const fileLevel = error instanceof ImportFailure || error instanceof ImportFileError;
      const message = fileLevel
          ? error.message
          : "L'import a échoué sur une erreur interne : rien n'a été importé. Réessayez ou contactez l'assistance.";
      if (!fileLevel) {
        logger.error({ runId, err: error instanceof Error ? { message: error.message, stack: error.stack } : {} }, 'import failed');
      }
      await db.prisma.importRun.update({ where: { id: runId }, data: { status: 'FAILED', error: message, finishedAt: now(), storedPath: null } });
    } finally {
      this.progress.delete(runId);
      rmSync(filePath, { force: true });
      rmSync(stagePath, { force: true });
    }
  }

  /**
   * ANALYZE the tables an import of this kind writes, when never analyzed or doubled
   * since (see STATISTICS_GROWTH): about ten times over an académie's 600 files instead of after each one.
   */
  private async refreshStatistics(kind: ImportKindCode): Promise<void> {
    const prisma = this.deps.db.prisma;
    const tables = TABLES_OF[kind].map((t) => `'${t}'::regclass`).join(', ');
    const stale = await prisma.$queryRawUnsafe<{ relname: string }[]>(
      `SELECT relname FROM pg_class
       WHERE oid IN (${tables})
         AND (reltuples < 0 OR relpages = 0 OR pg_relation_size(oid) > relpages::bigint * current_setting('block_size')::bigint * ${STATISTICS_GROWTH})`,
    );
    if (stale.length) await prisma.$executeRawUnsafe(`ANALYZE ${stale.map((t) => t.relname).join(', ')}`);
  }

  private async actorOf(userId: string | null, academyId: string): Promise<AuthenticatedActor> {
    if (!userId) return { kind: 'system', academyId };
    const u = await this.deps.db.prisma.user.findUnique({ where: { id: userId } });
    if (!u || u.disabledAt) throw new ImportFailure("Le compte qui a lancé l'import n'est plus actif : rien n'a été importé.");
    return { kind: 'user', userId: u.id, sessionId: '', role: u.role, academyId: u.academyId, districtId: u.districtId, establishmentId: u.establishmentId };
  }
}
