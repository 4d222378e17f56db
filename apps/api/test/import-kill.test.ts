import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uaiCheckLetter } from '@jasmin/shared/establishments/uai';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db/database';
import { DataDirInUseError } from '../src/db/data-dir-lock';
import { deployMigrations } from '../src/db/migrate-engine';
import { engineTarget } from '../src/db/prepare-schema';
import { migrationsDir } from '../src/lib/paths';
import { createLogger } from '../src/lib/logger';
import { ImportRunner } from '../src/modules/imports/import-runner';
import { importers } from '../src/modules/imports/importers';
import { closeStagePool } from '../src/modules/imports/stage/stage-pool';
import { createScratchDatabase } from './support/scratch-database';
import { buildElevesXml } from './support/siecle-builder';

// A process killed (SIGKILL) in the middle of an import leaves no partial data, and the run
// is marked failed at the next start.

const PUPILS = 30_000;
const UAI = `0980123${uaiCheckLetter('0980123')}`;

async function writeBigExport(path: string) {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8"?>\n<BEE_ELEVES VERSION="3.1"><PARAMETRES><UAJ>${UAI}</UAJ><ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE></PARAMETRES><DONNEES><ELEVES>\n`);
  for (let i = 1; i <= PUPILS; i += 1) {
    await write(`<ELEVE ELEVE_ID="${i}"><ID_NATIONAL>${String(i).padStart(9, '0')}KL</ID_NATIONAL><NOM_DE_FAMILLE>NOM${i}</NOM_DE_FAMILLE><PRENOM>Prénom</PRENOM><DATE_NAISS>01/02/2008</DATE_NAISS><DATE_SORTIE>30/06/2026</DATE_SORTIE></ELEVE>\n`);
  }
  await write('</ELEVES></DONNEES></BEE_ELEVES>\n');
  out.end();
  await once(out, 'finish');
}

/** A migrated scratch database with one académie, district and establishment (UAI `uai`). */
async function scratchAcademy(code: string, uai: string): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const scratch = await createScratchDatabase();
  await deployMigrations({ target: engineTarget(scratch.target), migrationsDir });
  const db = await openDatabase(scratch.target);
  const academy = await db.prisma.academy.create({ data: { code, name: 'Académie' } });
  const district = await db.prisma.district.create({ data: { code: `${code}-D`, name: 'D', academyId: academy.id } });
  await db.prisma.establishment.create({ data: { uai, name: 'Lycée', kind: 'COLLEGE', districtId: district.id } });
  await db.close();
  return scratch;
}

/** The CLI as `pnpm jasmin` runs it, on the scratch database. */
function cli(scratch: { target: DatabaseTarget }, dataDir: string, args: string[], cwd = '') {
  return spawn(process.execPath, ['--require', 'tsx/cjs', 'src/cli/jasmin.ts', ...args], {
    cwd: join(__dirname, '..'),
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: scratch.target.kind === 'postgres' ? scratch.target.url : '',
      JASMIN_DATA_DIR: scratch.target.kind === 'embedded' ? scratch.target.dataDir : dataDir,
      JASMIN_CENSUS_DATE: '2026-11-15',
      INIT_CWD: cwd,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/**
 * The database once the killed CLI's embedded database process, which closes it by itself when
 * its parent is gone, has released its folder (opening it meanwhile is refused: data-dir-lock.ts).
 */
async function openWhenReleased(target: DatabaseTarget) {
  // (A few tenths of a second: it ends the statement in progress first. It took over a minute when
  // the cross-referencing of this 30,000-leaver file went quadratic: see 'statistics of a big import'.)
  for (const end = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 100))) {
    try {
      return await openDatabase(target);
    } catch (error) {
      if (!(error instanceof DataDirInUseError) || Date.now() > end) throw error;
    }
  }
}

describe('an import killed in the middle', () => {
  let scratch: { target: DatabaseTarget; drop(): Promise<void> };
  let dir: string;
  beforeAll(async () => {
    scratch = await scratchAcademy('KILL', UAI);
    dir = mkdtempSync(join(tmpdir(), 'jasmin-kill-'));
    await writeBigExport(join(dir, 'big.xml'));
  }, 120_000);
  afterAll(async () => {
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([0, 1500])('when killed %i ms after the run started, then the data is all there or not at all, and the run ends failed or succeeded', async (delay) => {
    const child = cli(scratch, dir, ['import', 'siecle-eleves', join(dir, 'big.xml')]);
    // The CLI prints its progress once the run is under way.
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('%')) resolve();
      });
      child.on('exit', () => resolve());
    });
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGKILL');
    await once(child, 'exit');

    const db = await openWhenReleased(scratch.target);
    try {
      const pupils = await db.prisma.pupil.count({ where: { establishment: { uai: UAI } } });
      const cases = await db.prisma.case.count({ where: { establishment: { uai: UAI } } });
      const runner = new ImportRunner({ db, logger: createLogger('silent'), now: () => new Date(), importers });
      // (On a server, the killed CLI's run lock goes when the server has seen its connection end: at once, as a rule.)
      const unfinished = () => db.prisma.importRun.count({ where: { status: { in: ['QUEUED', 'RUNNING'] } } });
      for (const end = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 100))) {
        await runner.recoverInterrupted();
        if ((await unfinished()) === 0 || Date.now() > end) break;
      }
      const runs = await db.prisma.importRun.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
      const status = runs[0]?.status;
      if (status === 'SUCCEEDED') {
        expect(pupils).toBe(PUPILS);
        expect(cases).toBe(PUPILS);
      } else {
        expect(pupils === 0 || pupils === PUPILS).toBe(true);
        if (pupils === 0) expect(cases).toBe(0);
        expect(runs[0]?.status).toBe('FAILED');
        expect(runs[0]?.error).toMatch(/interrompu/);
      }
      expect(await unfinished()).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('pnpm jasmin import with several files', () => {
  let scratch: { target: DatabaseTarget; drop(): Promise<void> };
  let dir: string;
  const uai = `0980124${uaiCheckLetter('0980124')}`;
  beforeAll(async () => {
    scratch = await scratchAcademy('CLI', uai);
    dir = mkdtempSync(join(tmpdir(), 'jasmin-cli-'));
  }, 120_000);
  afterAll(async () => {
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when three files are given, then each is its own run in the order given, a broken one fails alone, and the exit code says so', async () => {
    const pupil = (id: string, first: string) => `<ELEVE ELEVE_ID="${id}"><ID_NATIONAL>${id.padStart(9, '0')}KL</ID_NATIONAL><NOM_DE_FAMILLE>NOM${id}</NOM_DE_FAMILLE><PRENOM>${first}</PRENOM><DATE_NAISS>01/02/2008</DATE_NAISS><DATE_SORTIE>30/06/2026</DATE_SORTIE></ELEVE>`;
    const exportOf = (pupils: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<BEE_ELEVES VERSION="3.1"><PARAMETRES><UAJ>${uai}</UAJ><ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE></PARAMETRES><DONNEES><ELEVES>${pupils}</ELEVES></DONNEES></BEE_ELEVES>\n`;
    writeFileSync(join(dir, 'a.xml'), exportOf(pupil('1', 'Zoé') + pupil('2', 'Loïc')));
    writeFileSync(join(dir, 'b.xml'), exportOf(pupil('1', 'Zoé')).slice(0, 150)); // truncated
    writeFileSync(join(dir, 'c.xml'), exportOf(pupil('1', 'Zoé-Anaïs') + pupil('2', 'Loïc')));
    const child = cli(scratch, dir, ['import', 'siecle-eleves', 'a.xml', 'b.xml', 'c.xml'], dir);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    const reports = out.split('\r').join('\n').split('\n').filter((l) => /^(Import| {2}créés)/.test(l));
    expect(reports).toEqual([
      expect.stringMatching(/^Import réussi en [\d.]+ s : a\.xml$/),
      '  créés 2 · mis à jour 0 · inchangés 0 · rejetés 0',
      expect.stringMatching(/^Import échoué en [\d.]+ s : b\.xml$/),
      '  créés 0 · mis à jour 0 · inchangés 0 · rejetés 0',
      expect.stringMatching(/^Import réussi en [\d.]+ s : c\.xml$/),
      '  créés 0 · mis à jour 1 · inchangés 1 · rejetés 0',
    ]);
    expect(out).toContain('2 fichier(s) importé(s), 1 en échec.');
    const db = await openDatabase(scratch.target);
    try {
      const runs = await db.prisma.importRun.findMany({ orderBy: { createdAt: 'asc' } });
      expect(runs.map((r) => [r.fileName, r.status])).toEqual([['a.xml', 'SUCCEEDED'], ['b.xml', 'FAILED'], ['c.xml', 'SUCCEEDED']]);
      expect((await db.prisma.pupil.findMany({ orderBy: { siecleId: 'asc' } })).map((p) => p.firstName)).toEqual(['Zoé-Anaïs', 'Loïc']);
    } finally {
      await db.close();
    }
  }, 120_000);
});

// A big first import is cross-referenced on statistics that count its own rows: planned on those
// of an empty table, its cross-referencing went quadratic (30,000 leavers: 74 s on PGlite).
const STAT_UAI = `0980124${uaiCheckLetter('0980124')}`;
const STAT_PUPILS = 1500;

describe('statistics of a big import', () => {
  let scratch: { target: DatabaseTarget; drop(): Promise<void> };
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    scratch = await scratchAcademy('STAT', STAT_UAI);
    db = await openDatabase(scratch.target);
    dir = mkdtempSync(join(tmpdir(), 'jasmin-statistics-'));
  }, 120_000);
  afterAll(async () => {
    await closeStagePool();
    await db.close();
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a file multiplies the pupils, then they are analyzed in its transaction, before it is cross-referenced', async () => {
    const path = join(dir, 'eleves.upload');
    const pupils = Array.from({ length: STAT_PUPILS }, (_, i) => ({ id: String(i + 1), ine: `${String(i + 1).padStart(9, '0')}KL`, family: `NOM${i}`, first: 'Lou', birth: '01/02/2008', exit: '30/06/2026' }));
    writeFileSync(path, buildElevesXml({ uai: STAT_UAI, year: 2026, pupils }));
    const academy = await db.prisma.academy.findFirstOrThrow({ where: { code: 'STAT' } });
    const run = await db.prisma.importRun.create({ data: { kind: 'SIECLE_ELEVES', academyId: academy.id, fileName: 'e.xml', fileSize: 1n, storedPath: path } });

    // The statements of the run's transaction, in order (what the planner had when it cross-referenced).
    const statements: string[] = [];
    const record = <T extends object>(client: T): T =>
      new Proxy(client, {
        get(target, prop) {
          const value = Reflect.get(target, prop) as unknown;
          if (typeof value !== 'function') return value;
          if (prop === '$executeRawUnsafe' || prop === '$queryRawUnsafe')
            return (sql: string, ...args: unknown[]) => {
              statements.push(sql.trim().slice(0, 40));
              return (value as (...a: unknown[]) => unknown).call(target, sql, ...args);
            };
          if (prop === '$transaction')
            return (fn: (tx: object) => Promise<unknown>, options: unknown) => (value as (...a: unknown[]) => unknown).call(target, (tx: object) => fn(record(tx)), options);
          return (value as (...a: unknown[]) => unknown).bind(target);
        },
      });
    const runner = new ImportRunner({ db: { ...db, prisma: record(db.prisma) }, logger: createLogger('silent'), now: () => new Date(), censusDate: '2026-11-15', importers });
    await runner.enqueue(run);
    await runner.idle();

    expect(await db.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'SUCCEEDED', created: STAT_PUPILS });
    expect(await db.prisma.case.count()).toBe(STAT_PUPILS);
    const analyzed = statements.findIndex((s) => s.startsWith('ANALYZE pupil'));
    const crossReferenced = statements.findIndex((s) => s.startsWith('WITH l AS MATERIALIZED'));
    expect(analyzed).toBeGreaterThan(-1);
    expect(crossReferenced).toBeGreaterThan(analyzed);
    // Once committed, the next runs plan on them too.
    const [stats] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT reltuples::int AS n FROM pg_class WHERE oid = 'pupil'::regclass`);
    expect(stats?.n).toBe(STAT_PUPILS);
  }, 120_000);
});
