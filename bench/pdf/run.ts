// bench/pdf: the « fiche entretien » PDF (apps/api/src/modules/pdf).
// 1. one fiche, rendered after warm-up, beside a bare @react-pdf/renderer form of the same size;
// 2. a 500-fiche batch as the API streams it (parts of BATCH_CHUNK fiches concatenated on the
//    fly), in a child process so that its peak memory is its own; beside the same 500 fiches
//    rendered as one whole React-PDF document (what streaming avoids; skip with --quick);
// 3. the same through HTTP and the database: GET /api/cases/:id/fiche-entretien.pdf and
//    GET /api/cases/fiches-entretien.pdf for a tab of 500 cases.
//   pnpm --filter @jasmin/bench exec tsx pdf/run.ts           → embedded PostgreSQL (PGlite) for 3.
//   pnpm --filter @jasmin/bench exec tsx pdf/run.ts --pg      → a temporary database on DATABASE_URL's server (or 127.0.0.1:5432)
//   add --quick to skip the two-worker run and the whole-document comparison (over 600 MiB).
import './production-env';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Database } from '@jasmin/api/src/db/database';
import { BATCH_CHUNK, orderedParts } from '@jasmin/api/src/modules/pdf/batch-parts';
import { sampleFiche } from '@jasmin/api/src/modules/pdf/fiche-sample';
import { checkPdfStructure, concatPdfs } from '@jasmin/api/src/modules/pdf/pdf-concat';
import { renderFichesHere } from '@jasmin/api/src/modules/pdf/render-fiches';
import { closeRenderPool, POOL_SIZE, renderFiches } from '@jasmin/api/src/modules/pdf/render-pool';
import { loadReactPdf } from '@jasmin/api/src/modules/pdf/react-pdf';
import { openBenchDatabase } from '../lib/bench-database';
import { fmt, measure } from '../lib/stats';
import { bareForm } from './bare-form';

const BATCH = 500;
const MiB = 1024 * 1024;
const peakRss = () => (process.resourceUsage().maxRSS * 1024) / MiB; // maxRSS is in KiB
const mib = (n: number) => `${n.toFixed(0).padStart(5)} MiB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;

type ChildResult = Record<string, number>;

// --- children: one measurement each, in a fresh process --------------------------------------

/** The API's batch pipeline without the database: parts rendered by the worker pool, concatenated, into a sink. */
async function childStream(): Promise<ChildResult> {
  await Promise.all(
    Array.from({ length: POOL_SIZE }, () => renderFiches([sampleFiche(0)], 'warm-up')),
  ); // start the workers
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let firstByte = 0;
  let bytes = 0;
  const indices = Array.from({ length: BATCH }, (_, i) => i);
  const parts = orderedParts(
    indices,
    { chunkSize: BATCH_CHUNK, ahead: POOL_SIZE },
    async (chunk) => {
      const fiches = chunk.map((i) => sampleFiche(i));
      return [
        {
          bytes: await renderFiches(fiches, 'batch'),
          outlineTitles: fiches.map((f) => f.pupil.familyName),
        },
      ];
    },
  );
  for await (const chunk of concatPdfs(parts, {
    title: 'bench',
    language: 'fr-FR',
    creationDate: new Date(),
  })) {
    if (chunk.length > 100 && !firstByte) firstByte = performance.now() - started;
    bytes += chunk.length;
  }
  loop.disable();
  const used = process.cpuUsage(cpu);
  await closeRenderPool();
  return {
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    firstByteMs: firstByte,
    bytes,
    peakRss: peakRss(),
    maxLoopBlockMs: loop.max / 1e6,
    workers: POOL_SIZE,
  };
}

/** The same 500 fiches as one React-PDF document (no streaming possible), in this thread. */
async function childWhole(): Promise<ChildResult> {
  await renderFichesHere([sampleFiche(0)], 'warm-up');
  const started = performance.now();
  const bytes = await renderFichesHere(
    Array.from({ length: BATCH }, (_, i) => sampleFiche(i)),
    'whole',
  );
  return { ms: performance.now() - started, bytes: bytes.length, peakRss: peakRss() };
}


const FAMILY = [
  'DUPONT-LEFÈVRE',
  'MARTIN',
  'GARCÍA',
  'NGUYEN',
  'BŒUF',
  'LÉGER',
  'FRANÇOIS',
  'MÜLLER',
  'GUÉRIN',
  'CÔTÉ',
];
const FIRST = ['Éloïse', 'Noé', 'Maëlys', 'Raphaël', 'Anaïs', 'Timéo', 'Chloé', 'Zoé'];

async function seed(db: Database) {
  const { schoolYearLabel } = await import('@jasmin/api/src/lib/school-year');
  const { hashSecret, newSecret } = await import('@jasmin/api/src/modules/auth/secrets');
  const { pupilSortName } = await import('@jasmin/shared/pupils/schemas');
  const { normalizeForSearch } = await import('@jasmin/shared/pupils/schemas');
  const { uaiCheckLetter } = await import('@jasmin/shared/establishments/uai');
  const p = db.prisma;
  const academy = await p.academy.create({
    data: { code: 'BENCH-PDF', name: 'Académie de mesure' },
  });
  const district = await p.district.create({
    data: { academyId: academy.id, code: 'BENCH-PDF-D', name: 'District' },
  });
  const digits = '9900001';
  const e = await p.establishment.create({
    data: {
      uai: digits + uaiCheckLetter(digits),
      name: 'Lycée professionnel de mesure « Les Métiers »',
      kind: 'LYCEE_PROFESSIONNEL',
      districtId: district.id,
      city: 'Paris',
    },
  });
  const label = schoolYearLabel(new Date());
  const year = await p.schoolYear.upsert({
    where: { label },
    create: { label, startsOn: new Date(), endsOn: new Date() },
    update: {},
  });
  const pupils = Array.from({ length: BATCH }, (_, n) => {
    const familyName = FAMILY[n % FAMILY.length] as string;
    const firstName = FIRST[n % FIRST.length] as string;
    const ine = `${String(200_000_000 + n)}BE`;
    return {
      id: randomUUID(),
      establishmentId: e.id,
      ine,
      siecleId: String(n),
      familyName,
      firstName,
      firstName2: 'Marie',
      birthDate: new Date('2009-03-14T00:00:00Z'),
      sex: 'F' as const,
      division: `1RE PRO ${String.fromCharCode(65 + (n % 6))}`,
      mefCode: '24025503210',
      entryDate: new Date('2024-09-02T00:00:00Z'),
      exitDate: new Date('2026-06-30T00:00:00Z'),
      exitReasonCode: '01',
      phone: `01 43 55 ${String(n % 100).padStart(2, '0')} 00`,
      mobile: `06 11 22 ${String(n % 100).padStart(2, '0')} 44`,
      email: `eleve${n}@example.invalid`,
      address: '12 rue de l’Église, bâtiment C, 75011 Paris',
      searchText: normalizeForSearch(`${familyName} ${firstName} ${ine}`),
    };
  });
  await p.pupil.createMany({ data: pupils });
  await p.guardian.createMany({
    data: pupils.flatMap((pu) => [
      {
        pupilId: pu.id,
        rank: 0,
        civility: 'Mme',
        familyName: pu.familyName,
        firstName: 'Hélène',
        relationship: 'Mère',
        phoneHome: pu.phone,
        phoneMobile: '07 00 00 00 01',
        email: 'mere@example.invalid',
        address: pu.address,
      },
      {
        pupilId: pu.id,
        rank: 1,
        civility: 'M.',
        familyName: 'PÈRE-ÉTIENNE',
        firstName: 'Jérôme',
        relationship: 'Père',
        phoneMobile: '06 00 00 00 02',
        phoneWork: '01 40 00 00 03',
        address: '3 allée des Cèdres, 93100 Montreuil',
      },
    ]),
  });
  await p.case.createMany({
    data: pupils.map((pu) => ({
      pupilId: pu.id,
      establishmentId: e.id,
      schoolYearId: year.id,
      source: 'PREVIOUS_YEAR' as const,
      status: 'FOLLOW_UP' as const,
      sortName: pupilSortName(pu),
      searchText: pu.searchText,
      division: pu.division,
    })),
  });
  const user = await p.user.create({
    data: {
      email: 'bench-pdf@bench.invalid',
      displayName: 'Françoise Lœw',
      role: 'HEAD',
      academyId: academy.id,
      establishmentId: e.id,
      passwordHash: 'x',
    },
  });
  const secret = newSecret();
  await p.session.create({
    data: {
      tokenHash: hashSecret(secret),
      userId: user.id,
      lastSeenAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const oneCase = await p.case.findFirstOrThrow({
    where: { establishmentId: e.id },
    select: { id: true },
  });
  return { uai: e.uai, cookie: `jasmin_session=${secret}`, caseId: oneCase.id };
}

/** Through HTTP and the database: one fiche, then the whole tab. */
async function childHttp(): Promise<ChildResult> {
  const { createApp } = await import('@jasmin/api/src/app');
  const { createLogger } = await import('@jasmin/api/src/lib/logger');
  const { ImportRunner } = await import('@jasmin/api/src/modules/imports/import-runner');
  const { importers } = await import('@jasmin/api/src/modules/imports/importers');
  const { pdfRoutes } = await import('@jasmin/api/src/modules/pdf/pdf.routes');
  const { routeTable } = await import('@jasmin/api/src/routes');
  const target = await openBenchDatabase('pdf');
  try {
    const seeded = await seed(target.db);
    const logger = createLogger('silent');
    const now = () => new Date();
    const imports = new ImportRunner({ db: target.db, logger, now, importers });
    const env = {
      nodeEnv: 'production' as const,
      bodyLimit: '100kb',
      webDist: undefined,
      dataDir: tmpdir(),
      uploadLimitBytes: 1 << 20,
      censusDate: undefined,
    };
    const wired = routeTable.some((r) => r.operationId === 'getFichesEntretienPdf');
    const app = createApp(
      { db: target.db, env, logger, now, imports },
      wired ? routeTable : [...pdfRoutes, ...routeTable],
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const fetchPdf = async (path: string, onChunk?: (n: number) => void) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { cookie: seeded.cookie },
      });
      if (res.status !== 200 || !res.body) throw new Error(`${path} → ${res.status}`);
      const chunks: Uint8Array[] = [];
      for await (const c of res.body) {
        chunks.push(c);
        onChunk?.(c.length);
      }
      return Buffer.concat(chunks);
    };
    const one = await measure(
      () => fetchPdf(`/api/cases/${seeded.caseId}/fiche-entretien.pdf`),
      20,
      5,
    );
    const rssBefore = process.memoryUsage().rss / MiB;
    const started = performance.now();
    let firstByte = 0;
    const batch = await fetchPdf(
      `/api/cases/fiches-entretien.pdf?establishment=${seeded.uai}&tab=sans-solution`,
      () => {
        firstByte ||= performance.now() - started;
      },
    );
    const ms = performance.now() - started;
    const { pages } = checkPdfStructure(batch);
    server.close();
    await closeRenderPool();
    return {
      embedded: target.label.startsWith('embedded') ? 1 : 0,
      oneMedian: one.median,
      oneP95: one.p95,
      ms,
      firstByteMs: firstByte,
      bytes: batch.length,
      pages,
      rssBefore,
      peakRss: peakRss(),
    };
  } finally {
    await target.cleanup();
  }
}

function runChild(kind: string, env: Record<string, string> = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(
      __filename,
      [`--child=${kind}`, ...process.argv.slice(2).filter((a) => !a.startsWith('--child'))],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } },
    );
    let result: ChildResult | undefined;
    child.on('message', (m) => {
      result = m as ChildResult;
    });
    child.on('exit', (code) =>
      result && code === 0
        ? resolve(result)
        : reject(new Error(`child ${kind} exited with ${code}`)),
    );
  });
}

// --- main --------------------------------------------------------------------------------------

async function main() {
  const child = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
  if (child) {
    const run = { stream: childStream, whole: childWhole, http: childHttp }[child];
    if (!run) throw new Error(child);
    process.send?.(await run());
    return;
  }

  console.log(
    `\nbench/pdf — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}`,
  );

  // 1. One fiche, render only, after warm-up, in this thread (as the bare form), and through the worker pool.
  const pdf = await loadReactPdf();
  let n = 0;
  const bareClassic = () => pdf.renderToBuffer(bareForm(pdf, n++));
  const bareNew = () => pdf.renderToBuffer(bareForm(pdf, n++, { experimentalPagination: true }));
  const fiche = () => renderFichesHere([sampleFiche(n++)], 'Fiche entretien');
  const filled = () => renderFichesHere([sampleFiche(n++, { filled: true })], 'Dossier de suivi');
  const pooled = () => renderFiches([sampleFiche(n++)], 'Fiche entretien');
  const [bytesBare, bytesFiche] = [(await bareClassic()).length, (await fiche()).length];
  const pagesBare = checkPdfStructure(await bareClassic()).pages;
  const pagesFiche = checkPdfStructure(await fiche()).pages;
  await pooled();
  // Interleaved rounds, so that a busy neighbour weighs on every variant alike.
  const variants = { bare: bareClassic, bareNew, fiche, filled, pooled };
  const rounds = Object.fromEntries(
    Object.keys(variants).map((k) => [k, [] as { median: number; p95: number }[]]),
  ) as Record<keyof typeof variants, { median: number; p95: number }[]>;
  for (let r = 0; r < 3; r += 1) {
    for (const [k, fn] of Object.entries(variants))
      rounds[k as keyof typeof variants].push(await measure(fn, 15, 3));
  }
  await closeRenderPool();
  const best = (k: keyof typeof rounds) => ({
    median: Math.min(...rounds[k].map((m) => m.median)),
    p95: Math.min(...rounds[k].map((m) => m.p95)),
  });
  const b = best('bare');
  const bn = best('bareNew');
  const f = best('fiche');
  const fl = best('filled');
  const po = best('pooled');
  console.log(`\n1. One fiche, rendered after warm-up (best of 3 interleaved rounds of 15)`);
  console.log(
    `   baseline: bare @react-pdf/renderer form, same size (${pagesBare} p., ${(bytesBare / 1024).toFixed(0)} KiB)   median ${fmt(b.median)}   p95 ${fmt(b.p95)}`,
  );
  console.log(
    `   baseline: same bare form with experimentalPagination            median ${fmt(bn.median)}   p95 ${fmt(bn.p95)}`,
  );
  console.log(
    `   fiche entretien, blank (${pagesFiche} p., ${(bytesFiche / 1024).toFixed(0)} KiB), same thread             median ${fmt(f.median)}   p95 ${fmt(f.p95)}   → ${(f.median / b.median).toFixed(2)}× the bare form (target ≤ 1.20×)`,
  );
  console.log(
    `   fiche entretien, blank, through the worker pool (API path)        median ${fmt(po.median)}   p95 ${fmt(po.p95)}   → ${(po.median / b.median).toFixed(2)}× the bare form`,
  );
  console.log(
    `   fiche entretien, filled (dossier de suivi), same thread           median ${fmt(fl.median)}   p95 ${fmt(fl.p95)}`,
  );

  // 2. The 500-fiche batch, without the database, each in a fresh process.
  console.log(
    `\n2. ${BATCH} fiches in one PDF, render + streaming concatenation (child process, no database)`,
  );
  // The API's default (one render worker), then two workers (JASMIN_PDF_WORKERS=2).
  for (const workers of ['1', '2']) {
    if (workers === '2' && process.argv.includes('--quick')) continue;
    const stream = await runChild('stream', { JASMIN_PDF_WORKERS: workers });
    console.log(
      `   streamed, ${BATCH_CHUNK} fiches per part, ${stream.workers} worker${stream.workers! > 1 ? 's' : ' '}   total ${sec(stream.ms!)} (target < 30 s)   CPU ${sec(stream.cpuMs!)}   first byte ${sec(stream.firstByteMs!)}   ${(stream.bytes! / MiB).toFixed(1)} MiB   peak RSS ${mib(stream.peakRss!)} (target < 300 MiB)   longest event-loop block ${stream.maxLoopBlockMs!.toFixed(0)} ms`,
    );
  }
  if (!process.argv.includes('--quick')) {
    const whole = await runChild('whole');
    console.log(
      `   baseline: one whole document    total ${sec(whole.ms!)}                      first byte ${sec(whole.ms!)}   ${(whole.bytes! / MiB).toFixed(1)} MiB   peak RSS ${mib(whole.peakRss!)}`,
    );
  }

  // 3. Through HTTP and the database.
  const http = await runChild('http');
  console.log(
    `\n3. Through HTTP and the database (${http.embedded ? 'embedded PostgreSQL (PGlite, in the same process)' : 'PostgreSQL server'})`,
  );
  console.log(
    `   GET /api/cases/:id/fiche-entretien.pdf (read + audit + render)  median ${fmt(http.oneMedian!)}   p95 ${fmt(http.oneP95!)}`,
  );
  console.log(
    `   GET /api/cases/fiches-entretien.pdf, tab of ${BATCH}       total ${sec(http.ms!)} (target < 30 s)   first byte ${sec(http.firstByteMs!)}   ${http.pages} pages, ${(http.bytes! / MiB).toFixed(1)} MiB   peak RSS ${mib(http.peakRss!)} (${mib(http.rssBefore!)} before the batch; includes the client's copy of the PDF${http.embedded ? ' and the embedded database' : ''})`,
  );
  console.log(
    `\n(load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; figures move with other work on the machine)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
