// bench/imports: imports an académie-scale data set through the real ImportRunner and importers
// (stage → apply → cross-referencing, one transaction a file, SYSTEM actor, census date
// 2026-11-15) and prints, beside the raw baseline on the same files (parsing alone, and a bulk
// COPY of the same rows), the end-to-end times and the peak memory.
//   pnpm bench imports                        → embedded PostgreSQL (PGlite) in a temporary folder
//   pnpm bench imports -- --pg                → a temporary database on DATABASE_URL's server (or 127.0.0.1:5432)
//   pnpm bench imports -- --scale 0.1         → 30 establishments and a tenth of the académie-wide rows
//   options: --dir DIR (or JASMIN_BENCH_IMPORTS_DIR; default /tmp/jasmin-bench-imports), --skip-baseline,
//            --skip-academy (only (a) and the raw baseline), --analyze (experiment: ANALYZE after each file)
// The data set is generated first when DIR does not hold one of that scale (bench/imports/generate.ts).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  copyFileSync,
  createWriteStream,
  linkSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  openEmbeddedDatabase,
  openPglite,
  openPostgresDatabase,
  openServedEmbeddedDatabase,
  type Database,
} from '@jasmin/api/src/db/database';
import type { deployMigrations as DeployMigrations } from '@jasmin/api/src/db/migrate-engine';
import type { ImportRun } from '@jasmin/api/src/generated/prisma/client';
import { startEmbeddedServer } from '@jasmin/api/src/db/embedded-server';
import { createLogger } from '@jasmin/api/src/lib/logger';
import { migrationsDir } from '@jasmin/api/src/lib/paths';
import { identityKey, recordIdentity } from '@jasmin/api/src/modules/imports/identity';
import { ImportRunner, stagePathOf } from '@jasmin/api/src/modules/imports/import-runner';
import { GUARDIAN_COLUMNS } from '@jasmin/api/src/modules/imports/stage/guardians';
import { PUPIL_COLUMNS, pupilValues } from '@jasmin/api/src/modules/imports/stage/pupils';
import { stagePoolRunning, stagingThreadId, warmStagePool } from '@jasmin/api/src/modules/imports/stage/stage-pool';
import type { ImportKindCode, Importer } from '@jasmin/api/src/modules/imports/import-types';
import { importers } from '@jasmin/api/src/modules/imports/importers';
import {
  parseExamResultsCsvBatches,
  parseTrainingEnrolmentsCsvBatches,
} from '@jasmin/api/src/modules/imports/parsers/csv';
import { openInput } from '@jasmin/api/src/modules/imports/parsers/open-input';
import {
  parseSiecleElevesBatches,
  type SieclePupilRecord,
} from '@jasmin/api/src/modules/imports/parsers/siecle-eleves';
import {
  parseSiecleResponsablesBatches,
  type SiecleGuardianRecord,
} from '@jasmin/api/src/modules/imports/parsers/siecle-responsables';
import { copyFileToPglite, copyFileToPostgres, type PgliteLike } from './copy-in';
import { CENSUS_DATE, dataDir, FULL, readManifest, scaleOf, type Manifest } from './dataset';
import { cpuSince, machineCpuMs, mib, MemorySampler, processMaxRss, threadCpuMs, type Peak } from './memory';

const argv = process.argv;
const USE_PG = argv.includes('--pg');
const SKIP_BASELINE = argv.includes('--skip-baseline');
/** Only (a) and the raw baseline: the académie is not imported. */
const SKIP_ACADEMY = argv.includes('--skip-academy');
/** Experiment, not the product's behaviour: ANALYZE the tables cross-referencing reads after each file (time included). */
const ANALYZE = argv.includes('--analyze');
const KINDS: readonly ImportKindCode[] = [
  'SIECLE_ELEVES',
  'SIECLE_RESPONSABLES',
  'EXAM_RESULTS',
  'TRAINING_ENROLMENTS',
];
const KIND_LABEL: Record<ImportKindCode, string> = {
  SIECLE_ELEVES: 'pupils (BEE_ELEVES)',
  SIECLE_RESPONSABLES: 'guardians (BEE_RESPONSABLES)',
  EXAM_RESULTS: 'exam results (CSV)',
  TRAINING_ENROLMENTS: 'enrolments (CSV)',
};
const TARGET = {
  oneEstablishmentMs: 1_000,
  academyMs: 60_000,
  ratio: 3,
  peakRssMiB: 300,
  parseMBs: 25,
  copyRowsPerS: 115_000,
};

/** The migration engine is loaded in the parent only (it weighs ~55 MiB): the measured child never needs it. */
const deployMigrations = async (...args: Parameters<typeof DeployMigrations>) =>
  (await import('@jasmin/api/src/db/migrate-engine')).deployMigrations(...args);

// ─── Database ────────────────────────────────────────────────────────────────────────────────
// The parent process creates, migrates and seeds each database, then closes it; a child process
// opens it and measures. So the measured process holds what an import process holds (Node,
// Prisma, and with PGlite the embedded database itself), not the migration engine.

type DbSpec = { kind: 'pglite'; dir: string } | { kind: 'pg'; url: string };

interface Target {
  db: Database;
  label: string;
  /** PGlite's own handle (COPY FROM '/dev/blob'), when embedded. */
  pglite: PgliteLike | null;
  /** The database's URL (a PostgreSQL server, or the embedded database's own process). */
  url: string | null;
  /** The embedded database's process (its memory is reported beside the import process's). */
  dbPid: number | null;
  /** The embedded database's folder. */
  dir: string | null;
}


const targetLabel = (spec: DbSpec) =>
  spec.kind === 'pg'
    ? `PostgreSQL server (${new URL(spec.url).host})`
    : 'embedded PostgreSQL (PGlite, in a process of its own, as the server runs it)';

/** A new database with the schema and the académie's establishments (same UAIs as the files), as an administrator would have set them up. */
async function createDatabase(
  manifest: Manifest,
  tag: string,
): Promise<{ spec: DbSpec; drop: () => Promise<void> }> {
  if (USE_PG) {
    const base = new URL(
      process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    );
    const name = `jasmin_bench_imports_${process.pid}_${tag}`;
    const admin = new Client({ connectionString: new URL('/postgres', base).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    // JASMIN_BENCH_AUTO_EXPLAIN=<ms>: the server logs the plan (EXPLAIN ANALYZE) of every
    // statement slower than that, as run inside the imports (auto_explain; superuser needed).
    const autoExplain = process.env.JASMIN_BENCH_AUTO_EXPLAIN;
    if (autoExplain)
      await admin.query(
        `ALTER DATABASE ${name} SET session_preload_libraries = 'auto_explain'; ALTER DATABASE ${name} SET auto_explain.log_min_duration = ${Number(autoExplain)}; ALTER DATABASE ${name} SET auto_explain.log_analyze = on`,
      );
    // JASMIN_BENCH_LOG_STATEMENTS=1: the server logs every statement with its duration.
    if (process.env.JASMIN_BENCH_LOG_STATEMENTS)
      await admin.query(`ALTER DATABASE ${name} SET log_min_duration_statement = 0`);
    const url = new URL(`/${name}`, base).toString();
    await deployMigrations({ target: { kind: 'postgres', url }, migrationsDir });
    const db = openPostgresDatabase(url);
    await seed(db, manifest);
    await db.close();
    return {
      spec: { kind: 'pg', url },
      drop: async () => {
        // JASMIN_BENCH_KEEP_DB=1: keep the loaded database to look at plans (EXPLAIN) afterwards.
        if (process.env.JASMIN_BENCH_KEEP_DB) console.log(`  (database kept: ${url})`);
        else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `jasmin-bench-imports-db-${tag}-`));
  const pglite = await openPglite(dir);
  await deployMigrations({
    target: { kind: 'pglite', dataDir: dir, instance: pglite },
    migrationsDir,
  });
  const db = openEmbeddedDatabase(pglite, { owned: true });
  await seed(db, manifest);
  await db.close();
  return {
    spec: { kind: 'pglite', dir },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function openDatabase(spec: DbSpec): Promise<Target> {
  if (spec.kind === 'pg')
    return {
      db: openPostgresDatabase(spec.url),
      label: targetLabel(spec),
      pglite: null,
      url: spec.url,
      dbPid: null,
      dir: null,
    };
  // As the server and the CLI run it: PGlite in a process of its own, over a Unix socket.
  const server = await startEmbeddedServer(spec.dir, { logLevel: 'warn' });
  return {
    db: openServedEmbeddedDatabase(server),
    label: targetLabel(spec),
    pglite: null,
    url: server.url,
    dbPid: server.pid,
    dir: spec.dir,
  };
}

async function seed(db: Database, manifest: Manifest): Promise<void> {
  const p = db.prisma;
  const academy = await p.academy.create({ data: manifest.academy });
  const districts: { id: string }[] = [];
  for (const d of manifest.districts)
    districts.push(await p.district.create({ data: { ...d, academyId: academy.id } }));
  await p.establishment.createMany({
    data: manifest.establishments.map((e) => ({
      uai: e.uai,
      name: e.name,
      kind: e.kind,
      city: e.city,
      districtId: districts[e.district % districts.length]?.id ?? '',
    })),
  });
}

async function seeded(
  db: Database,
  manifest: Manifest,
): Promise<{ academyId: string; establishmentIds: Map<string, string> }> {
  const academy = await db.prisma.academy.findUniqueOrThrow({
    where: { code: manifest.academy.code },
  });
  const rows = await db.prisma.establishment.findMany({ select: { id: true, uai: true } });
  return { academyId: academy.id, establishmentIds: new Map(rows.map((r) => [r.uai, r.id])) };
}

// ─── Import runs through the real runner ─────────────────────────────────────────────────────

interface Crossing {
  casesCreated: number;
  solutionsFound: number;
  suggestions: number;
  reviews: number;
}

interface RunFigures {
  kind: ImportKindCode;
  bytes: number;
  ms: number;
  stageMs: number;
  applyMs: number;
  /** How long the runner had no staged file to apply (waiting for this run's staging). */
  waitMs: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  crossing: Crossing;
  /** Start-up of the staging worker when it was not running (the upload route starts it as a file arrives). */
  workerStartMs?: number;
}

class Importing {
  private readonly runner: ImportRunner;
  private readonly times = new Map<string, { stage: number; apply: number; stagedAt: number }>();
  private seq = 0;

  constructor(
    private readonly db: Database,
    private readonly academyId: string,
    private readonly uploads: string,
  ) {
    // The real importers, with a stopwatch around each phase (the runner calls stage, then apply
    // and cross-referencing in one transaction): end-to-end − stage − apply = cross-referencing + commit.
    // Runs overlap (the runner stages the next files while one is applied): times by run, keyed
    // by the staging file's path.
    const timesOf = (stagePath: string) => {
      let t = this.times.get(stagePath);
      if (!t) this.times.set(stagePath, (t = { stage: 0, apply: 0, stagedAt: 0 }));
      return t;
    };
    const timed = (importer: Importer): Importer => ({
      stage: async (ctx) => {
        const t = performance.now();
        try {
          return await importer.stage(ctx);
        } finally {
          const at = performance.now();
          timesOf(ctx.stagePath).stage += at - t;
          timesOf(ctx.stagePath).stagedAt = at;
        }
      },
      apply: async (ctx, staged) => {
        const t = performance.now();
        try {
          return await importer.apply(ctx, staged);
        } finally {
          timesOf(ctx.stagePath).apply += performance.now() - t;
        }
      },
    });
    const instrumented = Object.fromEntries(KINDS.map((k) => [k, timed(importers[k])])) as Record<
      ImportKindCode,
      Importer
    >;
    this.runner = new ImportRunner({
      db,
      logger: createLogger('error', process.stderr),
      now: () => new Date(),
      censusDate: CENSUS_DATE,
      importers: instrumented,
    });
  }

  async run(kind: ImportKindCode, file: string): Promise<RunFigures> {
    const [figures] = await this.runAll([{ kind, file }]);
    return figures as RunFigures;
  }

  /**
   * Submits every file at once (the runner stages ahead of the run in its transaction) and
   * reports each run; a run's end-to-end time is from the end of the previous one (or the
   * submission) to its own end, so the times add up to the whole. `onEnded` is told each run's end.
   */
  async runAll(
    files: { kind: ImportKindCode; file: string }[],
    onEnded?: (index: number) => void,
  ): Promise<RunFigures[]> {
    const submitted: { kind: ImportKindCode; id: string; run: ImportRun; bytes: number; stagePath: string }[] = [];
    for (const { kind, file } of files) {
      // The runner deletes the stored upload when done: give it a link (or a copy) of the file.
      const stored = join(this.uploads, `${(this.seq += 1)}-${basename(file)}.upload`);
      try {
        linkSync(file, stored);
      } catch {
        copyFileSync(file, stored);
      }
      const bytes = statSync(stored).size;
      const run = await this.db.prisma.importRun.create({
        data: {
          kind,
          academyId: this.academyId,
          fileName: basename(file),
          fileSize: BigInt(bytes),
          storedPath: stored,
        },
      });
      submitted.push({ kind, id: run.id, run, bytes, stagePath: stagePathOf(stored) });
    }
    // As the upload route does while a file arrives: the staging worker is started (if it is not
    // running yet) before the clock starts; its start-up is reported beside (a).
    const warming = performance.now();
    const cold = !stagePoolRunning();
    await warmStagePool();
    const workerStartMs = cold ? performance.now() - warming : undefined;
    let previous = performance.now();
    const ms: number[] = [];
    const startedAfter: number[] = [];
    const ended = submitted.map((r, i) =>
      this.runner.enqueue(r.run).then(() => {
        const now = performance.now();
        ms[i] = now - previous;
        startedAfter[i] = previous;
        previous = now;
        onEnded?.(i);
      }),
    );
    await Promise.all(ended);
    await this.runner.idle();
    if (ANALYZE)
      await this.db.prisma.$executeRawUnsafe(
        'ANALYZE pupil, case_file, exam_result, training_enrolment, establishment, district, match_review',
      );
    const figures: RunFigures[] = [];
    for (const [i, { kind, id, bytes, stagePath }] of submitted.entries()) {
      const done = await this.db.prisma.importRun.findUniqueOrThrow({ where: { id } });
      if (done.status !== 'SUCCEEDED')
        throw new Error(`${kind} ${done.fileName}: ${done.status} — ${done.error ?? ''}`);
      const audit = await this.db.prisma.auditEvent.findFirst({
        where: { targetId: id, action: 'import.run' },
      });
      const details = (audit?.details ?? {}) as Partial<Crossing>;
      const times = this.times.get(stagePath) ?? { stage: 0, apply: 0, stagedAt: 0 };
      this.times.delete(stagePath);
      // The run could start its transaction once staged and once the previous run had ended.
      const waitMs = Math.max(0, times.stagedAt - (startedAfter[i] ?? times.stagedAt));
      figures.push({
        kind,
        bytes,
        ms: ms[i] ?? 0,
        stageMs: times.stage,
        applyMs: times.apply,
        waitMs,
        created: done.created,
        updated: done.updated,
        unchanged: done.unchanged,
        rejected: Array.isArray(done.rejected) ? done.rejected.length : 0,
        crossing: {
          casesCreated: details.casesCreated ?? 0,
          solutionsFound: details.solutionsFound ?? 0,
          suggestions: details.suggestions ?? 0,
          reviews: details.reviews ?? 0,
        },
        ...(i === 0 && workerStartMs !== undefined ? { workerStartMs } : {}),
      });
    }
    return figures;
  }
}

function sumRuns(runs: RunFigures[]): Omit<RunFigures, 'kind'> & { files: number } {
  const zero = {
    files: 0,
    bytes: 0,
    ms: 0,
    stageMs: 0,
    applyMs: 0,
    waitMs: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    crossing: { casesCreated: 0, solutionsFound: 0, suggestions: 0, reviews: 0 },
  };
  return runs.reduce(
    (s, r) => ({
      files: s.files + 1,
      bytes: s.bytes + r.bytes,
      ms: s.ms + r.ms,
      stageMs: s.stageMs + r.stageMs,
      applyMs: s.applyMs + r.applyMs,
      waitMs: s.waitMs + r.waitMs,
      created: s.created + r.created,
      updated: s.updated + r.updated,
      unchanged: s.unchanged + r.unchanged,
      rejected: s.rejected + r.rejected,
      crossing: {
        casesCreated: s.crossing.casesCreated + r.crossing.casesCreated,
        solutionsFound: s.crossing.solutionsFound + r.crossing.solutionsFound,
        suggestions: s.crossing.suggestions + r.crossing.suggestions,
        reviews: s.crossing.reviews + r.crossing.reviews,
      },
    }),
    zero,
  );
}

// ─── Raw baseline (i): the parsers alone ─────────────────────────────────────────────────────

interface FileOfKind {
  kind: ImportKindCode;
  path: string;
  uai: string | null;
}

function filesOf(manifest: Manifest): FileOfKind[] {
  return [
    ...manifest.establishments.flatMap((e) => [
      { kind: 'SIECLE_ELEVES' as const, path: e.pupilsFile, uai: e.uai },
      { kind: 'SIECLE_RESPONSABLES' as const, path: e.guardiansFile, uai: e.uai },
    ]),
    { kind: 'EXAM_RESULTS', path: manifest.examResults.file, uai: null },
    { kind: 'TRAINING_ENROLMENTS', path: manifest.enrolments.file, uai: null },
  ];
}

type AnyEvent = { type: string };

/** A file's events by batches, as the importers read them. */
async function* parseFileBatches(kind: ImportKindCode, path: string): AsyncGenerator<AnyEvent[]> {
  const input = await openInput(
    path,
    kind === 'SIECLE_ELEVES' || kind === 'SIECLE_RESPONSABLES' ? 'xml' : 'csv',
  );
  try {
    if (kind === 'SIECLE_ELEVES') yield* parseSiecleElevesBatches(input.bytes);
    else if (kind === 'SIECLE_RESPONSABLES') yield* parseSiecleResponsablesBatches(input.bytes);
    else if (kind === 'EXAM_RESULTS') yield* parseExamResultsCsvBatches(input.bytes);
    else yield* parseTrainingEnrolmentsCsvBatches(input.bytes);
  } finally {
    input.bytes.destroy();
  }
}

async function* parseFile(kind: ImportKindCode, path: string): AsyncGenerator<AnyEvent> {
  for await (const batch of parseFileBatches(kind, path)) yield* batch;
}

interface ParseFigures {
  bytes: number;
  events: number;
  ms: number;
}

async function parseAlone(files: FileOfKind[]): Promise<Map<ImportKindCode, ParseFigures>> {
  const byKind = new Map<ImportKindCode, ParseFigures>(
    KINDS.map((k) => [k, { bytes: 0, events: 0, ms: 0 }]),
  );
  for (const f of files) {
    const figures = byKind.get(f.kind) as ParseFigures;
    const started = performance.now();
    for await (const batch of parseFileBatches(f.kind, f.path)) figures.events += batch.length;
    figures.ms += performance.now() - started;
    figures.bytes += statSync(f.path).size;
  }
  return byKind;
}

// ─── Raw baseline (ii): a bulk COPY of the same rows ─────────────────────────────────────────

const COLUMNS = {
  pupil: ['id', 'establishment_id', ...PUPIL_COLUMNS.map(([name]) => name), 'created_at', 'updated_at'],
  guardian: ['id', 'pupil_id', 'rank', ...GUARDIAN_COLUMNS],
  exam_result: [
    'id',
    'academy_id',
    'identity',
    'identity_key',
    'ine',
    'family_name',
    'first_name',
    'birth_date',
    'diploma',
    'session',
    'result',
    'updated_at',
  ],
  training_enrolment: [
    'id',
    'academy_id',
    'identity',
    'identity_key',
    'ine',
    'family_name',
    'first_name',
    'birth_date',
    'training_uai',
    'siret',
    'training_name',
    'kind',
    'start_date',
    'end_date',
    'updated_at',
  ],
} as const;
type CopyTable = keyof typeof COLUMNS;
const COPY_TABLE_OF: Record<ImportKindCode, CopyTable> = {
  SIECLE_ELEVES: 'pupil',
  SIECLE_RESPONSABLES: 'guardian',
  EXAM_RESULTS: 'exam_result',
  TRAINING_ENROLMENTS: 'training_enrolment',
};

/** One line of PostgreSQL's COPY text format. */
function copyLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values
    .map((v) =>
      v === null
        ? '\\N'
        : String(v)
            .replace(/\\/g, '\\\\')
            .replace(/\t/g, '\\t')
            .replace(/\n/g, '\\n')
            .replace(/\r/g, '\\r'),
    )
    .join('\t')}\n`;
}

class CopyFileWriter {
  private readonly out: WriteStream;
  rows = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
  }

  async write(values: readonly (string | number | boolean | null)[]): Promise<void> {
    this.rows += 1;
    if (!this.out.write(copyLine(values))) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

/**
 * Writes, untimed, the rows the importers would write, in COPY text format (one file a table):
 * the same parsers, the same joins (divisions and addresses onto pupils, persons onto links).
 */
async function prepareCopyFiles(
  files: FileOfKind[],
  workDir: string,
  academyId: string,
  establishmentIds: Map<string, string>,
): Promise<Record<CopyTable, CopyFileWriter>> {
  const writers = Object.fromEntries(
    (Object.keys(COLUMNS) as CopyTable[]).map((t) => [
      t,
      new CopyFileWriter(join(workDir, `${t}.copy`)),
    ]),
  ) as Record<CopyTable, CopyFileWriter>;
  const now = new Date().toISOString();
  let pupilIds = new Map<string, string>();
  for (const f of files) {
    if (f.kind === 'SIECLE_ELEVES') {
      const records: SieclePupilRecord[] = [];
      const divisions = new Map<string, string>();
      for await (const e of parseFile(f.kind, f.path)) {
        const event = e as {
          type: string;
          record?: SieclePupilRecord;
          eleveId?: string;
          division?: string;
        };
        if (event.type === 'pupil' && event.record) records.push(event.record);
        else if (event.type === 'division' && event.eleveId && event.division)
          divisions.set(event.eleveId, event.division);
      }
      pupilIds = new Map();
      const establishmentId = establishmentIds.get(f.uai ?? '') ?? null;
      for (const r of records) {
        const id = randomUUID();
        pupilIds.set(r.eleveId, id);
        const division = divisions.get(r.eleveId) ?? null;
        // The values the importer writes (stage/pupils.ts), between the id and the timestamps.
        await writers.pupil.write([id, establishmentId, ...pupilValues(r, division, r.address), now, now]);
      }
    } else if (f.kind === 'SIECLE_RESPONSABLES') {
      const persons = new Map<string, SiecleGuardianRecord>();
      const addresses = new Map<string, string>();
      const links: {
        eleveId: string;
        personneId: string;
        legal: boolean;
        relationshipCode: string | null;
      }[] = [];
      for await (const e of parseFile(f.kind, f.path)) {
        const event = e as {
          type: string;
          record?: SiecleGuardianRecord;
          adresseId?: string;
          text?: string;
          eleveId?: string;
          personneId?: string;
          legal?: boolean;
          relationshipCode?: string | null;
        };
        if (event.type === 'person' && event.record)
          persons.set(event.record.personneId, event.record);
        else if (event.type === 'address' && event.adresseId && event.text)
          addresses.set(event.adresseId, event.text);
        else if (event.type === 'link' && event.eleveId && event.personneId) {
          links.push({
            eleveId: event.eleveId,
            personneId: event.personneId,
            legal: event.legal ?? false,
            relationshipCode: event.relationshipCode ?? null,
          });
        }
      }
      const rank = new Map<string, number>();
      for (const link of links) {
        const person = persons.get(link.personneId);
        const pupilId = pupilIds.get(link.eleveId);
        if (!person || !pupilId) continue;
        const r = rank.get(pupilId) ?? 0;
        rank.set(pupilId, r + 1);
        await writers.guardian.write([
          randomUUID(),
          pupilId,
          r,
          person.personneId,
          person.civility,
          person.familyName,
          person.firstName,
          link.relationshipCode,
          link.legal,
          person.phone,
          person.mobile,
          person.workPhone,
          person.email,
          person.adresseId ? (addresses.get(person.adresseId) ?? null) : null,
        ]);
      }
    } else {
      for await (const e of parseFile(f.kind, f.path)) {
        if (e.type !== 'row') continue;
        const r = (
          e as unknown as {
            record: {
              ine: string | null;
              familyName: string;
              firstName: string;
              birthDate: string;
            } & Record<string, string | null>;
          }
        ).record;
        const common = [
          randomUUID(),
          academyId,
          recordIdentity(r),
          identityKey(r.familyName, r.firstName, r.birthDate),
          r.ine,
          r.familyName,
          r.firstName,
          r.birthDate,
        ];
        if (f.kind === 'EXAM_RESULTS')
          await writers.exam_result.write([
            ...common,
            r.diploma ?? null,
            r.session ?? null,
            r.result ?? null,
            now,
          ]);
        else
          await writers.training_enrolment.write([
            ...common,
            r.uai ?? null,
            r.siret ?? null,
            r.establishmentName ?? null,
            r.kind ?? null,
            r.startDate ?? null,
            r.breakDate ?? r.endDate ?? null,
            now,
          ]);
      }
    }
  }
  for (const w of Object.values(writers)) await w.close();
  return writers;
}

interface CopyFigures {
  rows: number;
  ms: number;
  method: string;
}

/** COPY of each prepared file into a scratch table with the same columns as the real one (no indexes, no constraints). */
async function copyBaseline(
  served: Target,
  writers: Record<CopyTable, CopyFileWriter>,
): Promise<Map<CopyTable, CopyFigures>> {
  let target = served;
  // PGlite takes COPY only from its virtual /dev/blob, not over the protocol: the embedded
  // database's COPY runs on its folder opened in this process, once its own process is stopped.
  if (served.dir !== null) {
    await served.db.close();
    const pglite = await openPglite(served.dir);
    target = { ...served, db: openEmbeddedDatabase(pglite, { owned: true }), pglite, url: null, dbPid: null };
  }
  try {
    return await copyInto(target, writers);
  } finally {
    if (target !== served) await target.db.close();
  }
}

async function copyInto(
  target: Target,
  writers: Record<CopyTable, CopyFileWriter>,
): Promise<Map<CopyTable, CopyFigures>> {
  const tables = Object.keys(COLUMNS) as CopyTable[];
  for (const t of tables) {
    await target.db.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_${t}`);
    await target.db.prisma.$executeRawUnsafe(
      `CREATE TABLE bench_${t} (LIKE ${t} INCLUDING DEFAULTS)`,
    );
  }
  const figures = new Map<CopyTable, CopyFigures>();
  let client: Client | null = null;
  if (target.url) {
    client = new Client({ connectionString: target.url });
    await client.connect();
  }
  try {
    for (const t of tables) {
      const path = writers[t].path;
      const started = performance.now();
      let rows: number;
      let method: string;
      if (client) {
        rows = await copyFileToPostgres(client, `bench_${t}`, COLUMNS[t], path);
        method = 'COPY … FROM STDIN (pg wire protocol)';
      } else if (target.pglite) {
        rows = await copyFileToPglite(target.pglite, `bench_${t}`, COLUMNS[t], path);
        method = "COPY … FROM '/dev/blob' (PGlite, 16 MiB slices)";
      } else {
        throw new Error('no COPY path for this target');
      }
      const ms = performance.now() - started;
      const counted = Number(
        (
          await target.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM bench_${t}`,
          )
        )[0]?.n ?? 0,
      );
      if (counted !== writers[t].rows)
        throw new Error(
          `COPY into bench_${t}: ${counted} rows in the table, ${writers[t].rows} written (COPY said ${rows})`,
        );
      figures.set(t, { rows: counted, ms, method });
    }
  } finally {
    await client?.end();
    for (const t of tables)
      await target.db.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_${t}`);
  }
  return figures;
}

// ─── Printing ────────────────────────────────────────────────────────────────────────────────

const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const MiB = (bytes: number) => `${mib(bytes).toFixed(0)} MiB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const int = (n: number) => n.toLocaleString('en');
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

function verdictRow(measure: string, value: string, target: string, ok: boolean | null) {
  console.log(
    `  ${pad(measure, 58)} ${lpad(value, 16)}   ${pad(target, 26)} ${ok === null ? '—' : ok ? 'ok' : 'OVER'}`,
  );
}

function peakLine(label: string, peak: Peak | undefined) {
  if (!peak) return;
  console.log(
    `  ${pad(label, 44)} RSS at start ${lpad(MiB(peak.rssAtStart), 8)} · peak RSS ${lpad(MiB(peak.rss), 8)} · peak heapUsed ${lpad(MiB(peak.heapUsed), 8)} (${int(peak.samples)} samples)`,
  );
}

// ─── Main ────────────────────────────────────────────────────────────────────────────────────

function ensureDataSet(dir: string, scale: number): Manifest {
  const existing = readManifest(dir);
  if (existing && existing.scale === scale) return existing;
  // A child process, so that generating leaves nothing in this process.
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      join(HERE, 'generate.ts'),
      '--scale',
      String(scale),
      '--dir',
      dir,
      '--force',
    ],
    { stdio: 'inherit' },
  );
  if (child.status !== 0)
    throw new Error(`generate.ts failed (exit ${child.status ?? child.signal ?? '?'})`);
  const manifest = readManifest(dir);
  if (!manifest) throw new Error(`no manifest in ${dir} after generating`);
  return manifest;
}

const HERE = dirname(resolve(argv[1] ?? 'imports/run.ts'));
const argValue = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

interface PhaseAResult {
  label: string;
  run: RunFigures;
  peaks: Record<string, Peak>;
  maxRss: number;
  /** The embedded database's process: RSS high-water mark (0 on a server). */
  dbMaxRss: number;
}

interface PhaseBResult {
  label: string;
  runs: RunFigures[];
  academyMs: number;
  again: RunFigures | null;
  counts: Record<string, number>;
  peaks: Record<string, Peak>;
  maxRssAfterImports: number;
  /** The embedded database's process after the imports: RSS high-water mark (0 on a server). */
  dbMaxRssAfterImports: number;
  /** CPU time during the académie's imports (ms; Linux): this process's main thread, staging worker, other threads; the embedded database's process (null on a server). */
  cpu: { main: number; worker: number; others: number; database: number | null } | null;
  /** The whole machine's CPU time during the académie's imports (ms, all cores): busy (this benchmark and anything else), idle, stolen. */
  machine: { busy: number; idle: number; steal: number } | null;
  parse: [ImportKindCode, ParseFigures][] | null;
  copy: [CopyTable, CopyFigures][] | null;
  prepareMs: number;
}

/** (a) The 2,000-pupil establishment's pupils file alone. */
async function phaseA(
  target: Target,
  manifest: Manifest,
  uploads: string,
  mem: MemorySampler,
): Promise<PhaseAResult> {
  const big = manifest.establishments[0];
  if (!big) throw new Error('empty data set');
  const { academyId } = await seeded(target.db, manifest);
  const importing = new Importing(target.db, academyId, uploads);
  mem.start('a');
  const run = await importing.run('SIECLE_ELEVES', big.pupilsFile);
  mem.end('a');
  return { label: target.label, run, peaks: mem.all(), maxRss: processMaxRss(), dbMaxRss: target.dbPid === null ? 0 : processMaxRss(target.dbPid) };
}

/** (b) The académie: every establishment's pupils then guardians, then exam results, then enrolments; then the raw baseline. */
async function phaseB(
  target: Target,
  manifest: Manifest,
  uploads: string,
  mem: MemorySampler,
  dir: string,
): Promise<PhaseBResult> {
  const big = manifest.establishments[0];
  if (!big) throw new Error('empty data set');
  const { academyId, establishmentIds } = await seeded(target.db, manifest);
  const importing = new Importing(target.db, academyId, uploads);
  // Every file submitted at once, in the académie's order (each establishment's pupils then its
  // guardians, then the académie-wide files): the runner parses the next files while the
  // current one is in its transaction, as it would for an administrator's queued uploads.
  const files: { kind: ImportKindCode; file: string }[] = SKIP_ACADEMY
    ? []
    : [
        ...manifest.establishments.flatMap((e) => [
          { kind: 'SIECLE_ELEVES' as const, file: e.pupilsFile },
          { kind: 'SIECLE_RESPONSABLES' as const, file: e.guardiansFile },
        ]),
        { kind: 'EXAM_RESULTS', file: manifest.examResults.file },
        { kind: 'TRAINING_ENROLMENTS', file: manifest.enrolments.file },
      ];
  // Memory by kind: while runs of that kind are in flight (pupils and guardians alternate).
  const lastOf = new Map(files.map((f, i) => [f.kind, i]));
  const cpuBefore = threadCpuMs();
  const dbCpuBefore = target.dbPid === null ? null : threadCpuMs(target.dbPid);
  const machineBefore = machineCpuMs();
  const started = performance.now();
  mem.start('b');
  let lastReport = started;
  for (const kind of new Set(files.map((f) => f.kind))) if (kind !== 'EXAM_RESULTS' && kind !== 'TRAINING_ENROLMENTS') mem.start(`b:${kind}`);
  const runs = await importing.runAll(files, (i) => {
    const f = files[i] as { kind: ImportKindCode };
    if (lastOf.get(f.kind) === i) mem.end(`b:${f.kind}`);
    const next = files[i + 1];
    if (next && lastOf.get(next.kind) === i + 1 && files.findIndex((g) => g.kind === next.kind) === i + 1) mem.start(`b:${next.kind}`);
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      process.stderr.write(`  … ${i + 1}/${files.length} files imported (${sec(lastReport - started)})\n`);
    }
  });
  const academyMs = performance.now() - started;
  mem.end('b');
  const cpu = cpuOf(cpuSince(cpuBefore, threadCpuMs()), dbCpuBefore && target.dbPid !== null ? cpuSince(dbCpuBefore, threadCpuMs(target.dbPid)) : null);
  const machineAfter = machineCpuMs();
  const machine =
    machineBefore && machineAfter
      ? { busy: machineAfter.busy - machineBefore.busy, idle: machineAfter.idle - machineBefore.idle, steal: machineAfter.steal - machineBefore.steal }
      : null;
  const maxRssAfterImports = processMaxRss();
  const dbMaxRssAfterImports = target.dbPid === null ? 0 : processMaxRss(target.dbPid);
  // Re-importing the big establishment's file once the académie is loaded: every record unchanged.
  mem.start('b:again');
  const again = SKIP_ACADEMY ? null : await importing.run('SIECLE_ELEVES', big.pupilsFile);
  mem.end('b:again');
  const count = async (sql: string) =>
    Number((await target.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(sql))[0]?.n ?? 0);
  const counts = {
    pupils: await count('SELECT count(*) AS n FROM pupil'),
    guardians: await count('SELECT count(*) AS n FROM guardian'),
    examResults: await count('SELECT count(*) AS n FROM exam_result'),
    enrolments: await count('SELECT count(*) AS n FROM training_enrolment'),
    cases: await count('SELECT count(*) AS n FROM case_file'),
    pupilsWithSolution: await count(
      'SELECT count(*) AS n FROM pupil WHERE known_solution IS NOT NULL',
    ),
    openReviews: await count("SELECT count(*) AS n FROM match_review WHERE status = 'OPEN'"),
  };
  let parse: Map<ImportKindCode, ParseFigures> | null = null;
  let copy: Map<CopyTable, CopyFigures> | null = null;
  let prepareMs = 0;
  if (!SKIP_BASELINE) {
    process.stderr.write(`  … imports done (${sec(academyMs)}); raw baseline\n`);
    const files = filesOf(manifest);
    mem.start('parse');
    parse = await parseAlone(files);
    mem.end('parse');
    const work = mkdtempSync(join(dir, '.copy-'));
    try {
      const t0 = performance.now();
      const writers = await prepareCopyFiles(files, work, academyId, establishmentIds);
      prepareMs = performance.now() - t0;
      mem.start('copy');
      copy = await copyBaseline(target, writers);
      mem.end('copy');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return {
    label: target.label,
    runs,
    academyMs,
    again,
    counts,
    peaks: mem.all(),
    maxRssAfterImports,
    dbMaxRssAfterImports,
    cpu,
    machine,
    parse: parse ? [...parse] : null,
    copy: copy ? [...copy] : null,
    prepareMs,
  };
}

/** The académie's CPU time by side (threadCpuMs readings); null where /proc does not tell. */
function cpuOf(threads: { tid: number; ms: number }[], database: { ms: number }[] | null): PhaseBResult['cpu'] {
  if (threads.length === 0) return null;
  const worker = stagingThreadId();
  const sum = (list: { ms: number }[]) => list.reduce((total, t) => total + t.ms, 0);
  return {
    main: sum(threads.filter((t) => t.tid === process.pid)),
    worker: sum(threads.filter((t) => t.tid === worker)),
    others: sum(threads.filter((t) => t.tid !== process.pid && t.tid !== worker)),
    database: database ? sum(database) : null,
  };
}

/** In a child process: open the prepared database, run one phase, write its figures as JSON. */
async function child(phase: string) {
  const dir = dataDir();
  const manifest = readManifest(dir);
  const resultPath = argValue('--result');
  const dbArg = argValue('--db');
  if (!manifest || !resultPath || !dbArg)
    throw new Error('child: missing manifest, --result or --db');
  const spec: DbSpec = USE_PG ? { kind: 'pg', url: dbArg } : { kind: 'pglite', dir: dbArg };
  const mem = new MemorySampler(50);
  const uploads = mkdtempSync(join(dir, '.uploads-'));
  const target = await openDatabase(spec);
  try {
    const result =
      phase === 'a'
        ? await phaseA(target, manifest, uploads, mem)
        : await phaseB(target, manifest, uploads, mem, dir);
    writeFileSync(resultPath, JSON.stringify(result));
  } finally {
    mem.stop();
    await target.db.close();
    rmSync(uploads, { recursive: true, force: true });
  }
}

/**
 * The measured child's V8 heap cap: the one the server (scripts/start.mjs, apps/api's start) and
 * `pnpm jasmin import` run with, unless NODE_OPTIONS sets one (to compare).
 */
const CHILD_HEAP_CAP = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '')
  ? []
  : ['--max-old-space-size=128', '--max-semi-space-size=8'];

/** Creates a database, runs `phase` in a child process on it, drops it; returns the child's figures. */
async function inChild<T>(
  phase: 'a' | 'b',
  manifest: Manifest,
  dir: string,
  scale: number,
): Promise<T> {
  const { spec, drop } = await createDatabase(manifest, phase);
  const resultPath = join(dir, `.result-${process.pid}-${phase}.json`);
  try {
    const args = [
      // As the server and the CLI run (scripts/start.mjs): tsx's in-thread require hook.
      '--require',
      'tsx/cjs',
      ...CHILD_HEAP_CAP,
      // Experiments: V8 flags NODE_OPTIONS does not take (e.g. --single-threaded-gc).
      ...(process.env.JASMIN_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      join(HERE, 'run.ts'),
      '--child',
      phase,
      '--db',
      spec.kind === 'pg' ? spec.url : spec.dir,
      '--result',
      resultPath,
      '--dir',
      dir,
      '--scale',
      String(scale),
    ];
    if (USE_PG) args.push('--pg');
    if (SKIP_ACADEMY) args.push('--skip-academy');
    if (ANALYZE) args.push('--analyze');
    if (SKIP_BASELINE) args.push('--skip-baseline');
    // The server's and the CLI's malloc setting (scripts/start.mjs), unless set.
    const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
    const run = spawnSync(process.execPath, args, { stdio: 'inherit', env });
    if (run.status !== 0)
      throw new Error(`phase ${phase} failed (exit ${run.status ?? run.signal ?? '?'})`);
    return JSON.parse(readFileSync(resultPath, 'utf8')) as T;
  } finally {
    rmSync(resultPath, { force: true });
    await drop();
  }
}

async function main() {
  const dir = dataDir();
  const scale = scaleOf();
  const manifest = ensureDataSet(dir, scale);
  const big = manifest.establishments[0];
  if (!big) throw new Error('empty data set');
  const t = manifest.totals;
  const bytesOf = (kind: ImportKindCode) =>
    kind === 'SIECLE_ELEVES'
      ? manifest.establishments.reduce((s, e) => s + e.pupilsBytes, 0)
      : kind === 'SIECLE_RESPONSABLES'
        ? manifest.establishments.reduce((s, e) => s + e.guardiansBytes, 0)
        : kind === 'EXAM_RESULTS'
          ? manifest.examResults.bytes
          : manifest.enrolments.bytes;

  console.log(
    `\nbench/imports — ${USE_PG ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)'}, scale ${scale}${scale < 1 ? ' (REDUCED: targets scaled where marked)' : ''}`,
  );
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(`data set: ${dir} (seed ${manifest.seed}, census date ${manifest.censusDate})`);
  console.log(
    `  ${manifest.establishments.length} establishments, ${int(t.pupils)} pupils (${int(big.pupils)} in ${big.uai}), ${int(t.leavers)} leavers (${int(t.leavers16)} aged 16+), ${int(t.twins)} re-enrolled elsewhere`,
  );
  console.log(
    `  ${int(t.guardians)} guardians / ${int(t.links)} links; ${int(manifest.examResults.rows)} exam rows; ${int(manifest.enrolments.rows)} enrolment rows`,
  );
  console.log(
    `  files: pupils ${MB(bytesOf('SIECLE_ELEVES'))} + guardians ${MB(bytesOf('SIECLE_RESPONSABLES'))} (ISO-8859-15 XML), exams ${MB(manifest.examResults.bytes)} (; Windows-1252), enrolments ${MB(manifest.enrolments.bytes)} (, UTF-8)`,
  );
  const ex = manifest.expected;
  console.log(
    `  solutions in the data (leavers 16+): diploma ${int(ex.diplomaByIne)} by INE + ${int(ex.diplomaByNameOnly)} by name only; enrolment ${int(ex.enrolmentByIne)} + ${int(ex.enrolmentByNameOnly)} (${int(ex.enrolmentBroken)} broken off); re-enrolment ${int(ex.reenrolledByIne)} + ${int(ex.reenrolledByNameOnly)}`,
  );
  console.log(
    `  each phase runs in a child process on a fresh database (migrated and seeded by the parent): its memory is the import's`,
  );
  console.log(
    `  child's V8 heap cap: ${CHILD_HEAP_CAP.length ? `${CHILD_HEAP_CAP.join(' ')} (as the server and the CLI)` : `from NODE_OPTIONS (${process.env.NODE_OPTIONS ?? ''})`}`,
  );

  // (a)
  const a = await inChild<PhaseAResult>('a', manifest, dir, scale);
  const runA = a.run;
  console.log(`\n(a) ${big.uai} alone: ${int(big.pupils)} pupils, ${MB(runA.bytes)} — ${a.label}`);
  console.log(
    `  end-to-end ${sec(runA.ms)} = stage (parse + staging) ${sec(runA.stageMs)} + apply ${sec(runA.applyMs)} + cross-referencing & commit ${sec(runA.ms - runA.stageMs - runA.applyMs)}`,
  );
  console.log(
    `  staging worker started beforehand (as the upload route does while a file arrives): ${runA.workerStartMs === undefined ? 'already running' : sec(runA.workerStartMs)}`,
  );
  console.log(
    `  created ${int(runA.created)}, rejected ${int(runA.rejected)}; cases created ${int(runA.crossing.casesCreated)}, solutions ${int(runA.crossing.solutionsFound)}, reviews ${int(runA.crossing.reviews)}`,
  );
  peakLine('memory during (a)', a.peaks.a);
  console.log(`  process high-water mark (VmHWM): ${MiB(a.maxRss)}`);
  if (a.dbMaxRss) console.log(`  the embedded database's own process (PGlite): RSS high-water mark ${MiB(a.dbMaxRss)}`);

  // (b)
  const b = await inChild<PhaseBResult>('b', manifest, dir, scale);
  const runs = b.runs;
  if (SKIP_ACADEMY) console.log(`\n(b) the académie: NOT RUN (--skip-academy): raw baseline only`);
  else {
    console.log(
      `\n(b) the académie: ${manifest.establishments.length} × (pupils + guardians), then exam results, then enrolments — ${b.label}${ANALYZE ? ' — EXPERIMENT: ANALYZE after each file (included in the times)' : ''}`,
    );
    console.log(
      `  ${pad('kind', 30)} ${lpad('files', 5)} ${lpad('size', 9)} ${lpad('end-to-end', 11)} ${lpad('stage', 9)} ${lpad('apply', 9)} ${lpad('x-ref+commit', 13)} ${lpad('created', 8)} ${lpad('unchanged', 9)} ${lpad('rejected', 8)}  cases/solutions/suggestions/reviews`,
    );
    for (const kind of KINDS) {
      const s = sumRuns(runs.filter((r) => r.kind === kind));
      const c = s.crossing;
      console.log(
        `  ${pad(KIND_LABEL[kind], 30)} ${lpad(int(s.files), 5)} ${lpad(MB(s.bytes), 9)} ${lpad(sec(s.ms), 11)} ${lpad(sec(s.stageMs), 9)} ${lpad(sec(s.applyMs), 9)} ${lpad(sec(s.ms - s.stageMs - s.applyMs), 13)} ${lpad(int(s.created), 8)} ${lpad(int(s.unchanged), 9)} ${lpad(int(s.rejected), 8)}  ${int(c.casesCreated)}/${int(c.solutionsFound)}/${int(c.suggestions)}/${int(c.reviews)}`,
      );
    }
    const all = sumRuns(runs);
    console.log(
      `  ${pad('total', 30)} ${lpad(int(all.files), 5)} ${lpad(MB(all.bytes), 9)} ${lpad(sec(b.academyMs), 11)} ${lpad(sec(all.stageMs), 9)} ${lpad(sec(all.applyMs), 9)} ${lpad(sec(all.ms - all.stageMs - all.applyMs), 13)}`,
    );
    console.log(
      '  (files submitted at once: a file is staged while the previous one is in its transaction, so a run\'s end-to-end\n' +
        '   is from the previous run\'s end to its own, and x-ref+commit = end-to-end − stage − apply is less than the real one)',
    );
    // Which side bounds the whole: when the runner often waits for a staged file, staging (the
    // worker) is the bottleneck; when it never waits, the transactions (main thread + database) are.
    console.log(
      `  the runner waited for staging (no file staged to apply): ${KINDS.map((kind) => `${KIND_LABEL[kind].split(' ')[0]} ${sec(sumRuns(runs.filter((r) => r.kind === kind)).waitMs)}`).join(', ')}; total ${sec(all.waitMs)} of ${sec(b.academyMs)}`,
    );
    // What the cores did: the import's own CPU time by side, and the whole machine's (anything else
    // running, time stolen by the hypervisor). Busy near the number of cores: the machine was the limit.
    const cpuTotal = b.cpu ? b.cpu.main + b.cpu.worker + b.cpu.others + (b.cpu.database ?? 0) : 0;
    if (b.cpu) {
      const { main, worker, others, database } = b.cpu;
      console.log(
        `  CPU time during the imports: main thread ${sec(main)}, staging worker ${sec(worker)}, other threads ${sec(others)} (V8's garbage collection and compilation helpers, libuv's pool)` +
          `${database === null ? '' : `, database process ${sec(database)}`}; ${sec(cpuTotal)} in all = ${(cpuTotal / b.academyMs).toFixed(2)} of ${availableParallelism()} cores busy on average`,
      );
    }
    if (b.machine) {
      const { busy, idle, steal } = b.machine;
      console.log(
        `  the machine meanwhile: ${sec(busy)} busy (${sec(Math.max(0, busy - cpuTotal))} outside this import${b.cpu?.database === null ? ', the database server included' : ''}), ${sec(idle)} idle, ${sec(steal)} stolen by the hypervisor`,
      );
    }
    const slowest = [...runs].sort((x, y) => y.ms - x.ms).slice(0, 3);
    console.log(
      `  slowest runs: ${slowest.map((r) => `${KIND_LABEL[r.kind]} ${sec(r.ms)}`).join(', ')}`,
    );
    console.log(
      `  in the database: ${Object.entries(b.counts)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(', ')}`,
    );
    const again = b.again;
    if (again)
      console.log(
        `  re-import of ${big.uai}'s pupils on the loaded académie (all unchanged): ${sec(again.ms)} (stage ${sec(again.stageMs)}, apply ${sec(again.applyMs)}, x-ref+commit ${sec(again.ms - again.stageMs - again.applyMs)}), unchanged ${int(again.unchanged)}`,
      );
    peakLine('memory during (b), whole académie', b.peaks.b);
    for (const kind of KINDS)
      peakLine(`  while importing ${KIND_LABEL[kind]}`, b.peaks[`b:${kind}`]);
    console.log(
      `  process high-water mark after the imports (VmHWM): ${MiB(b.maxRssAfterImports)}`,
    );
    if (b.dbMaxRssAfterImports)
      console.log(`  the embedded database's own process (PGlite): RSS high-water mark after the imports ${MiB(b.dbMaxRssAfterImports)}`);
  }

  let rawMs: number | null = null;
  const parse = b.parse ? new Map(b.parse) : null;
  const copy = b.copy ? new Map(b.copy) : null;
  if (parse && copy) {
    console.log(`\nraw baseline on the same files — ${b.label}`);
    let parseMs = 0;
    let parseBytes = 0;
    for (const kind of KINDS) {
      const p = parse.get(kind);
      if (!p) continue;
      parseMs += p.ms;
      parseBytes += p.bytes;
      console.log(
        `  (i) parse alone, ${pad(KIND_LABEL[kind], 30)} ${lpad(MB(p.bytes), 9)} ${lpad(int(p.events), 10)} events ${lpad(sec(p.ms), 9)} ${lpad((p.bytes / 1e6 / (p.ms / 1000)).toFixed(1), 6)} MB/s`,
      );
    }
    console.log(
      `  (i) parse alone, ${pad('all files', 30)} ${lpad(MB(parseBytes), 9)} ${lpad('', 17)} ${lpad(sec(parseMs), 9)} ${lpad((parseBytes / 1e6 / (parseMs / 1000)).toFixed(1), 6)} MB/s`,
    );
    let copyMs = 0;
    let copyRows = 0;
    let method = '';
    for (const kind of KINDS) {
      const c = copy.get(COPY_TABLE_OF[kind]);
      if (!c) continue;
      copyMs += c.ms;
      copyRows += c.rows;
      method = c.method;
      console.log(
        `  (ii) COPY, ${pad(`${COPY_TABLE_OF[kind]} rows`, 36)} ${lpad(int(c.rows), 9)} rows ${lpad(sec(c.ms), 13)} ${lpad(int(Math.round(c.rows / (c.ms / 1000))), 9)} rows/s`,
      );
    }
    console.log(
      `  (ii) COPY, ${pad('all rows', 36)} ${lpad(int(copyRows), 9)} rows ${lpad(sec(copyMs), 13)} ${lpad(int(Math.round(copyRows / (copyMs / 1000))), 9)} rows/s   [${method}; rows prepared untimed in ${sec(b.prepareMs)}]`,
    );
    rawMs = parseMs + copyMs;
    console.log(`  raw baseline = parse alone + COPY = ${sec(rawMs)}`);
    peakLine('memory during (i) parse alone', b.peaks.parse);
    peakLine('memory during (ii) COPY', b.peaks.copy);
  }

  const scaled = scale < 1 ? ` (60 s × ${scale})` : '';
  const peakA = a.peaks.a;
  const peakB = b.peaks.b;
  console.log(`\nverdicts (2-core machine; targets from the issue)`);
  console.log(`  ${pad('measure', 58)} ${lpad('value', 16)}   ${pad('target', 26)} verdict`);
  verdictRow(
    `(a) ${int(big.pupils)}-pupil establishment, end-to-end`,
    sec(runA.ms),
    '< 1 s',
    runA.ms < TARGET.oneEstablishmentMs,
  );
  if (peakA)
    verdictRow(
      '(a) process floor before importing / growth while importing',
      `${MiB(peakA.rssAtStart)} / +${MiB(peakA.rss - peakA.rssAtStart)}`,
      '(info)',
      null,
    );
  verdictRow(
    '(a) peak RSS (sampled every 50 ms)',
    peakA ? MiB(peakA.rss) : '?',
    `< ${TARGET.peakRssMiB} MiB`,
    peakA ? mib(peakA.rss) < TARGET.peakRssMiB : null,
  );
  if (!SKIP_ACADEMY) {
    verdictRow(
      '(b) académie, end-to-end (import + cross-referencing)',
      sec(b.academyMs),
      `< ${sec(TARGET.academyMs * scale)}${scaled}`,
      b.academyMs < TARGET.academyMs * scale,
    );
    if (rawMs !== null)
      verdictRow(
        '(b) académie / raw baseline (parse alone + COPY)',
        `${(b.academyMs / rawMs).toFixed(1)}×`,
        `≤ ${TARGET.ratio}×`,
        b.academyMs / rawMs <= TARGET.ratio,
      );
    verdictRow(
      '(b) peak RSS (sampled every 50 ms)',
      peakB ? MiB(peakB.rss) : '?',
      `< ${TARGET.peakRssMiB} MiB`,
      peakB ? mib(peakB.rss) < TARGET.peakRssMiB : null,
    );
    if (peakB)
      verdictRow(
        '(b) process floor before importing / growth while importing',
        `${MiB(peakB.rssAtStart)} / +${MiB(peakB.rss - peakB.rssAtStart)}`,
        '(info)',
        null,
      );
    verdictRow(
      '(b) peak heapUsed (sampled every 50 ms)',
      peakB ? MiB(peakB.heapUsed) : '?',
      '(info)',
      null,
    );
    verdictRow(
      '(b) process peak RSS after the imports (VmHWM)',
      MiB(b.maxRssAfterImports),
      `< ${TARGET.peakRssMiB} MiB`,
      mib(b.maxRssAfterImports) < TARGET.peakRssMiB,
    );
  }
  if (rawMs !== null)
    console.log(
      `  ${pad('raw baseline (parse alone + COPY), the académie target would be ≤ 3× this', 58)} ${lpad(sec(rawMs), 16)}`,
    );
  if (parse) {
    const p = [...parse.values()].reduce(
      (s, x) => ({ bytes: s.bytes + x.bytes, ms: s.ms + x.ms }),
      { bytes: 0, ms: 0 },
    );
    verdictRow(
      'raw (i) parse alone, all files',
      `${(p.bytes / 1e6 / (p.ms / 1000)).toFixed(1)} MB/s`,
      `≈ ${TARGET.parseMBs} MB/s (reference)`,
      null,
    );
  }
  if (copy) {
    const c = [...copy.values()].reduce((s, x) => ({ rows: s.rows + x.rows, ms: s.ms + x.ms }), {
      rows: 0,
      ms: 0,
    });
    verdictRow(
      'raw (ii) COPY, all rows',
      `${int(Math.round(c.rows / (c.ms / 1000)))} rows/s`,
      `≈ ${int(TARGET.copyRowsPerS)} rows/s (ref.)`,
      null,
    );
  }
  if (scale < 1)
    console.log(
      `  (reduced scale: the académie target is scaled linearly; the other targets are per establishment or absolute)`,
    );
  console.log(
    `  full scale: ${FULL.establishments} establishments × ${int(FULL.pupilsPerEstablishment)} pupils, ${int(FULL.leavers)} leavers, ${int(FULL.examResults)} exam rows, ${int(FULL.enrolments)} enrolments`,
  );
}

const childPhase = argValue('--child');
(childPhase ? child(childPhase) : main()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
