import { rmSync } from 'node:fs';
import type { Database } from '../../db/database';
import type { LockKey } from '../../db/session-locks';
import type { ImportRun, Prisma } from '../../generated/prisma/client';
import type { AuthenticatedActor } from '../../lib/actor';
import { writeAudit } from '../../lib/audit';
import type { Logger } from '../../lib/logger';
import { crossReference, type CrossReferenceReport } from './cross-reference';
import { spoolPathOf } from './staging';
import { setStagingPriority } from './stage/stage-pool';
import { ImportFileError } from './parsers/import-file-error';
import { ImportFailure, type ImportCounts, type ImportKindCode, type Importer, type StagedImport } from './import-types';

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

/**
 * The tables whose statistics an import of each kind refreshes: those it writes in bulk
 * (cross-referencing adds few rows) and that some plan depends on. Not guardians: they are only
 * ever read by pupil (their index on pupil_id, whatever the estimates), and analyzing them cost
 * 1.2–1.6 s of an académie's import on PGlite (seven times, the last ones sampling 30,000 rows).
 */
const TABLES_OF: Record<ImportKindCode, string[]> = {
  SIECLE_ELEVES: ['pupil', 'case_file'],
  SIECLE_RESPONSABLES: [],
  EXAM_RESULTS: ['exam_result'],
  TRAINING_ENROLMENTS: ['training_enrolment'],
};
/**
 * Re-ANALYZE a table when it has doubled since: row counts are estimated from its current size
 * anyway (PostgreSQL scales reltuples by pages), so what ages is the distribution (distinct
 * establishments, pupils…), off by 2× at most. A tighter rule cost a tenth of an académie's import.
 */
const STATISTICS_GROWTH = 2;

/**
 * On the embedded database, an import's writes run without foreign-key checks (as pg_restore's
 * --disable-triggers loads): each check is a trigger call and a lookup per inserted row — about a
 * quarter of the time of a guardians file on PGlite. What they guard holds by construction there:
 * the import's statements take every reference from a join or a row read in the same transaction,
 * and PGlite has one session, so no other transaction can delete a referenced row meanwhile. On a
 * server (other sessions, the same statements: CI runs every import test on both) they stay on.
 * SET LOCAL: back to normal for the audit row and at the end of the transaction whatever happens.
 */
const WITHOUT_FOREIGN_KEY_CHECKS = 'SET LOCAL session_replication_role = replica';
const WITH_FOREIGN_KEY_CHECKS = 'SET LOCAL session_replication_role = origin';

/**
 * On a server, an import's transaction runs without JIT compilation: its statements are costed
 * high (thousands of leavers, each looked up in indexes), above PostgreSQL's JIT threshold, and
 * compiling them took longer than running them (cross-referencing an académie's exam results:
 * 0.66 s of JIT for 0.28 s of execution). PGlite has no JIT.
 */
const WITHOUT_JIT = 'SET LOCAL jit = off';

const NOTHING_CROSSED: CrossReferenceReport = { casesCreated: 0, solutionsFound: 0, suggestions: 0, reviews: 0 };

/** A run not ended yet: waiting for its turn, or in it. */
const UNFINISHED: ImportRun['status'][] = ['QUEUED', 'RUNNING'];

const INTERRUPTED = "Import interrompu (arrêt du serveur) : rien n'a été importé. Relancez-le.";
// One transaction for the whole file: long enough for an académie-scale file.
const TRANSACTION_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * A run's advisory lock (db/session-locks.ts): held by the process that runs it, from before its
 * row is created until it has ended. Several processes may share a server's database (a server
 * and `pnpm jasmin import`, two instances during a deployment): at start-up, a process fails only
 * the unfinished runs whose lock it can take — those of a process that is gone — not a live
 * process's. The space is "Jasm" in ASCII; the id is the last 32 bits of the run's id (random).
 */
const RUN_LOCK_SPACE = 0x4a61736d;
const runLockKey = (runId: string): LockKey => [RUN_LOCK_SPACE, Number.parseInt(runId.replace(/-/g, '').slice(-8), 16) | 0];

/** The staging file of an upload (staging.ts), next to it. */
export const stagePathOf = (storedPath: string): string => `${storedPath}.staged.ndjson`;

/** Deletes what a staging may have left (staging file, spooled records). */
function removeStagedFiles(stagePath: string): void {
  for (const path of [stagePath, spoolPathOf(stagePath)]) rmSync(path, { force: true });
}

/** Deletes an upload and what its staging may have left beside it. */
function removeRunFiles(storedPath: string): void {
  rmSync(storedPath, { force: true });
  removeStagedFiles(stagePathOf(storedPath));
}

/**
 * How many runs may be staged ahead of the one in its transaction. Staging (parsing, in the
 * staging worker) and the transaction (the database, driven from the main thread) use different
 * cores; a run staged ahead holds its rows (about a megabyte for a school's export, in memory; a
 * bigger file's go to disk). Measured on the full académie (PostgreSQL, 2 cores): three ahead
 * were about 6 % faster than one, for the same memory; two is the setting.
 */
const STAGED_AHEAD = 2;

/** The staging worker's nice value with the embedded database (setStagingPriority). */
const STAGING_NICE_WITH_EMBEDDED_DATABASE = 5;

/** A run whose file has been parsed and staged (phase 1), waiting for its transaction. */
interface StagedRun {
  run: ImportRun;
  actor: AuthenticatedActor;
  staged: StagedImport;
  filePath: string;
  stagePath: string;
  started: number;
}

/** A run in the queue: its id, its row when the caller had it, and who to tell when it has ended. */
interface Queued {
  runId: string;
  known: ImportRun | undefined;
  done: () => void;
}

/** A run taken from the queue: staging (or staged), then applied in queue order. */
interface Pending {
  runId: string;
  /** Undefined when there is nothing to apply (the run failed while staging, or was not QUEUED). */
  staged: Promise<StagedRun | undefined>;
  done: () => void;
}

/**
 * Runs import runs in this process, in queue order. Each run is one database transaction:
 * all of the file or nothing, and one transaction at a time. Phase 1 (parsing to the staging
 * file, outside any transaction) of the next runs (at most STAGED_AHEAD) proceeds while the
 * current run is in its transaction. Progress lives in memory (the transaction is not visible
 * to other connections until it commits).
 */
export class ImportRunner {
  private readonly queue: Queued[] = [];
  /** Taken from the queue, in order: the head is applied (or awaited), the others are staging or staged. */
  private readonly pending: Pending[] = [];
  /** Staging is one run at a time too (the parsers share this thread): each waits for the previous one. */
  private lastStaging: Promise<unknown> = Promise.resolve();
  private readonly progress = new Map<string, Progress>();
  private draining = false;
  private drained: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RunnerDeps) {
    // With the embedded database, the transaction's chain is the bottleneck, not parsing (stage-pool.ts).
    if (deps.db.kind === 'embedded') setStagingPriority(STAGING_NICE_WITH_EMBEDDED_DATABASE);
  }

  /**
   * At start-up: a run left QUEUED or RUNNING by a stopped process did not happen. Its upload and
   * its staging file (if it was parsed) are deleted. On a server, a run another live process owns
   * (its lock is held: RUN_LOCK_SPACE) is left to it, and so are this process's own: there the
   * server also calls it every minute, for the runs of a process that stops later.
   */
  async recoverInterrupted(): Promise<number> {
    const { prisma, locks } = this.deps.db;
    const stale = await prisma.importRun.findMany({ where: { status: { in: UNFINISHED } } });
    let failed = 0;
    for (const run of stale) {
      const key = runLockKey(run.id);
      // (Not this process's own runs, nor another live process's.)
      if (locks && (locks.holds(key) || !(await locks.tryLock(key)))) continue;
      try {
        // Still unfinished (it may have ended between the query and the lock).
        const { count } = await prisma.importRun.updateMany({
          where: { id: run.id, status: { in: UNFINISHED } },
          data: { status: 'FAILED', error: INTERRUPTED, finishedAt: this.deps.now(), storedPath: null },
        });
        if (count === 0) continue;
        failed += 1;
        if (run.storedPath) removeRunFiles(run.storedPath);
      } finally {
        await locks?.unlock(key);
      }
    }
    return failed;
  }

  /**
   * Makes a run this process's before its row is created (`runId`: a new random UUID, given to the
   * row): until it has ended, another process starting meanwhile does not fail it. On the embedded
   * database, nothing to do (one process). enqueue claims the runs it is given too.
   */
  async claim(runId: string): Promise<void> {
    const { locks } = this.deps.db;
    if (locks && !(await locks.tryLock(runLockKey(runId)))) throw new Error(`import run ${runId} is another process's`);
  }

  /** Ends this process's claim on a run (it has ended, or its row was not created). */
  async release(runId: string): Promise<void> {
    await this.deps.db.locks?.unlock(runLockKey(runId)).catch((error: unknown) => this.logRunnerError(runId, error));
  }

  /**
   * Queues a run (its id, or its row just created: then its file is parsed without waiting for the
   * database); the promise resolves once it has ended (succeeded, failed or skipped), never rejects.
   */
  enqueue(run: string | ImportRun): Promise<void> {
    const runId = typeof run === 'string' ? run : run.id;
    const known = typeof run === 'string' ? undefined : run;
    const ended = new Promise<void>((resolve) => {
      this.queue.push({ runId, known, done: resolve });
    });
    this.admit();
    if (!this.draining) {
      this.draining = true;
      this.drained = this.drain();
    }
    return ended;
  }

  progressOf(runId: string): Progress | undefined {
    return this.progress.get(runId);
  }

  /** Resolves when every queued run has finished (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.drained;
  }

  /** Starts staging queued runs, up to STAGED_AHEAD beyond the one being applied. */
  private admit(): void {
    while (this.pending.length <= STAGED_AHEAD && this.queue.length) {
      const { runId, known, done } = this.queue.shift() as Queued;
      const staged = this.lastStaging.then(() => this.stage(runId, known));
      this.lastStaging = staged;
      this.pending.push({ runId, staged, done });
    }
  }

  /** Applies the staged runs one at a time, in queue order. */
  private async drain(): Promise<void> {
    try {
      for (let head = this.pending[0]; head; head = this.pending[0]) {
        const staged = await head.staged;
        if (staged) await this.apply(staged).catch((error: unknown) => this.logRunnerError(head.runId, error));
        this.pending.shift();
        await this.release(head.runId);
        head.done();
        this.admit();
      }
    } finally {
      // Synchronously after the last run: an enqueue from now on starts a new drain.
      this.draining = false;
    }
  }

  /**
   * Phase 1: marks the run RUNNING, has its file parsed and checked into staged rows (in the
   * staging worker). Never rejects. The file is parsed while the run is marked and its account
   * checked, not after: with the embedded database (one session) these wait for the transaction
   * in progress, and parsing the next files during it is the point of staging ahead.
   */
  private async stage(runId: string, known: ImportRun | undefined): Promise<StagedRun | undefined> {
    const { db, now } = this.deps;
    try {
      // A run another live process owns is not run here (claim rejects).
      await this.claim(runId);
      const run = known ?? (await db.prisma.importRun.findUnique({ where: { id: runId } }));
      if (!run || run.status !== 'QUEUED' || !run.storedPath) return undefined;
      const filePath = run.storedPath;
      const stagePath = stagePathOf(filePath);
      this.progress.set(runId, { read: 0, total: Number(run.fileSize) });
      const started = Date.now();
      // Still QUEUED (not failed by a restart meanwhile): now RUNNING.
      const marking = db.prisma.importRun.updateMany({ where: { id: runId, status: 'QUEUED' }, data: { status: 'RUNNING', startedAt: now() } });
      const checking = this.actorOf(run.uploadedById, run.academyId);
      // Parse and check, outside the database (the long part for a big file).
      const staging = this.deps.importers[run.kind].stage({
        filePath,
        stagePath,
        onProgress: (read, total) => this.progress.set(runId, { read, total }),
      });
      const [marked, actor, staged] = await Promise.allSettled([marking, checking, staging]);
      if (marked.status === 'rejected' || marked.value.count === 0) {
        // Not marked (the database failed: the run stays QUEUED for the next start), or no longer
        // queued (failed by a restart meanwhile): only what this staging wrote is removed.
        this.progress.delete(runId);
        removeStagedFiles(stagePath);
        if (marked.status === 'rejected') throw marked.reason;
        return undefined;
      }
      if (actor.status === 'fulfilled' && staged.status === 'fulfilled') return { run, actor: actor.value, staged: staged.value, filePath, stagePath, started };
      // An inactive account fails the run before its file's faults (it used to be checked first).
      await this.fail(runId, actor.status === 'rejected' ? actor.reason : (staged as PromiseRejectedResult).reason);
      this.cleanUp(runId, filePath);
      return undefined;
    } catch (error) {
      this.logRunnerError(runId, error);
      return undefined;
    }
  }

  /** Phase 2: one transaction writes it all, cross-references, audits and marks the run SUCCEEDED — or nothing. */
  private async apply({ run, actor, staged, filePath, stagePath, started }: StagedRun): Promise<void> {
    const { db, now, logger } = this.deps;
    const runId = run.id;
    let result: { counts: ImportCounts; crossing: CrossReferenceReport };
    try {
      const censusDate = this.deps.censusDate ? new Date(`${this.deps.censusDate}T00:00:00Z`) : now();
      const importer = this.deps.importers[run.kind];
      result = await db.prisma.$transaction(
        async (tx) => {
          const trusted = db.kind === 'embedded';
          await tx.$executeRawUnsafe(trusted ? WITHOUT_FOREIGN_KEY_CHECKS : WITHOUT_JIT);
          const counts: ImportCounts = await importer.apply({ tx, runId, actor, academyId: run.academyId, stagePath, now: now() }, staged);
          counts.rejected = [...staged.rejected, ...counts.rejected];
          // Statistics refreshed before cross-referencing when this file has (at least) doubled a
          // table (PGlite has no autovacuum, and a server's cannot see rows not committed yet):
          // planned on the estimates of a table a fraction of its size, the cross-referencing of a
          // big first import went quadratic (30,000 leavers: 74 s, 0.7 s with them). ANALYZE in
          // the transaction sees its rows; the next runs plan on them once it commits.
          if (counts.created + counts.updated >= 1000) await this.refreshStatistics(run.kind, tx);
          // An import that changes no one's situation (no establishment, no académie-wide identities) is not cross-referenced.
          const crossing =
            counts.establishmentIds?.length === 0 && !counts.identitiesTable
              ? NOTHING_CROSSED
              : await crossReference(tx, {
                  academyId: run.academyId,
                  ...(counts.establishmentIds ? { establishmentIds: counts.establishmentIds } : {}),
                  ...(counts.identitiesTable ? { identitiesTable: counts.identitiesTable } : {}),
                  censusDate,
                  now: now(),
                });
          if (trusted) await tx.$executeRawUnsafe(WITH_FOREIGN_KEY_CHECKS);
          await writeAudit(tx, { actor, requestId: `import:${runId}`, ip: undefined }, {
            action: 'import.run',
            targetType: 'import_run',
            targetId: runId,
            details: { kind: run.kind, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected.length, ...crossing },
          });
          // The run's outcome commits with its data: a stop right after the commit cannot leave it
          // RUNNING, to be failed at the next start as if nothing had been imported.
          const p = this.progress.get(runId);
          // Still RUNNING: a process that took this one's for gone (its lock lost with its
          // connection: db/session-locks.ts) has failed the run and deleted its files; then nothing is kept.
          const { count } = await tx.importRun.updateMany({
            where: { id: runId, status: 'RUNNING' },
            data: {
              status: 'SUCCEEDED',
              created: counts.created,
              updated: counts.updated,
              unchanged: counts.unchanged,
              rejected: counts.rejected.map((r) => ({ ref: r.ref, reason: r.reason })),
              progressRead: BigInt(p?.total ?? 0),
              progressTotal: BigInt(p?.total ?? 0),
              finishedAt: now(),
              storedPath: null,
            },
          });
          if (count === 0) throw new Error('import run no longer RUNNING (failed by another process): rolled back');
          return { counts, crossing };
        },
        { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
      );
    } catch (error) {
      await this.fail(runId, error);
      return;
    } finally {
      this.cleanUp(runId, filePath);
    }
    logger.info({ runId, kind: run.kind, ms: Date.now() - started, ...result.crossing }, 'import succeeded');
  }

  /** Marks the run FAILED: the file's own fault in its words, anything else as an internal error (logged). */
  private async fail(runId: string, error: unknown): Promise<void> {
    const fileLevel = error instanceof ImportFailure || error instanceof ImportFileError;
    const message = fileLevel
      ? error.message
      : "L'import a échoué sur une erreur interne : rien n'a été importé. Réessayez ou contactez l'assistance.";
    if (!fileLevel) {
      this.deps.logger.error({ runId, err: error instanceof Error ? { message: error.message, stack: error.stack } : {} }, 'import failed');
    }
    // (A run failed already, by another process, keeps its message.)
    await this.deps.db.prisma.importRun.updateMany({
      where: { id: runId, status: { in: UNFINISHED } },
      data: { status: 'FAILED', error: message, finishedAt: this.deps.now(), storedPath: null },
    });
  }

  private cleanUp(runId: string, filePath: string): void {
    this.progress.delete(runId);
    removeRunFiles(filePath);
  }

  private logRunnerError(runId: string, error: unknown): void {
    this.deps.logger.error({ runId, err: error instanceof Error ? { message: error.message, stack: error.stack } : {} }, 'import runner error');
  }

  /**
   * ANALYZE the tables an import of this kind writes, when never analyzed or doubled
   * since (see STATISTICS_GROWTH): about ten times over an académie's 600 files instead of after each one.
   */
  private async refreshStatistics(kind: ImportKindCode, client: Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>): Promise<void> {
    if (TABLES_OF[kind].length === 0) return;
    const tables = TABLES_OF[kind].map((t) => `'${t}'::regclass`).join(', ');
    const stale = await client.$queryRawUnsafe<{ relname: string }[]>(
      `SELECT relname FROM pg_class
       WHERE oid IN (${tables})
         AND (reltuples < 0 OR relpages = 0 OR pg_relation_size(oid) > relpages::bigint * current_setting('block_size')::bigint * ${STATISTICS_GROWTH})`,
    );
    if (stale.length) await client.$executeRawUnsafe(`ANALYZE ${stale.map((t) => t.relname).join(', ')}`);
  }

  private async actorOf(userId: string | null, academyId: string): Promise<AuthenticatedActor> {
    if (!userId) return { kind: 'system', academyId };
    const u = await this.deps.db.prisma.user.findUnique({ where: { id: userId } });
    if (!u || u.disabledAt) throw new ImportFailure("Le compte qui a lancé l'import n'est plus actif : rien n'a été importé.");
    return { kind: 'user', userId: u.id, sessionId: '', role: u.role, academyId: u.academyId, districtId: u.districtId, establishmentId: u.establishmentId };
  }
}
