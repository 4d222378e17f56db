// bench/cases: 100,000 cases across 300 establishments (2,000 in one), then the server-side
// time of each tab's first page, of a search and of a district overview, through the real app (createApp, HTTP in
// process), beside a bare `SELECT 1` round trip on the same database.
//   pnpm bench cases            → embedded PostgreSQL (PGlite) in a temporary folder
//   pnpm bench cases -- --pg    → a temporary database on DATABASE_URL's server (or 127.0.0.1:5432)
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createApp } from '@jasmin/api/src/app';
import type { Database } from '@jasmin/api/src/db/database';
import { createLogger } from '@jasmin/api/src/lib/logger';
import { ImportRunner } from '@jasmin/api/src/modules/imports/import-runner';
import { importers } from '@jasmin/api/src/modules/imports/importers';
import { schoolYearLabel } from '@jasmin/api/src/lib/school-year';
import { hashSecret, newSecret } from '@jasmin/api/src/modules/auth/secrets';
import { caseTabs } from '@jasmin/shared/cases/schemas';
import { uaiCheckLetter } from '@jasmin/shared/establishments/uai';
import { openBenchDatabase } from '../lib/bench-database';
import { fmt, measure } from '../lib/stats';

const ESTABLISHMENTS = 300;
const TOTAL_CASES = 100_000;
const BIG = 2_000;


const FAMILY = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'García', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont-Lefèvre', 'Lambert', 'Bonnet', 'François', 'Martínez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin'];
const FIRST = ['Éloïse', 'Lucas', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Gabriel', 'Inès', 'Raphaël', 'Jade', 'Arthur', 'Zoé', 'Noé', 'Lina', 'Jules', 'Maëlys', 'Adam', 'Anaïs', 'Nathan', 'Océane', 'Théo', 'Camille', 'Enzo', 'Sarah', 'Mathis', 'Emma', 'Yanis', 'Clémence', 'Timéo'];

async function seed(db: Database) {
  const started = Date.now();
  const p = db.prisma;
  const academy = await p.academy.create({ data: { code: 'BENCH', name: 'Académie de mesure' } });
  const districts = await Promise.all(Array.from({ length: 10 }, (_, i) => p.district.create({ data: { academyId: academy.id, code: `BENCH-D${i}`, name: `District ${i}` } })));
  const establishments = [];
  for (let i = 0; i < ESTABLISHMENTS; i += 1) {
    const digits = String(9_800_000 + i).padStart(7, '0');
    establishments.push(await p.establishment.create({ data: { uai: digits + uaiCheckLetter(digits), name: `Lycée ${i}`, kind: 'LYCEE_PROFESSIONNEL', districtId: districts[i % 10]!.id } }));
  }
  const year = await p.schoolYear.upsert({ where: { label: schoolYearLabel(new Date()) }, create: { label: schoolYearLabel(new Date()), startsOn: new Date(), endsOn: new Date() }, update: {} });
  const fam = `ARRAY[${FAMILY.map((f) => `'${f.replace(/'/g, "''")}'`).join(',')}]`;
  const first = `ARRAY[${FIRST.map((f) => `'${f}'`).join(',')}]`;
  const ids = `ARRAY[${establishments.map((e) => `'${e.id}'::uuid`).join(',')}]`;
  // Row n: the first 2,000 go to establishment 0, the rest round-robin over the 299 others.
  await p.$executeRawUnsafe(`
    INSERT INTO pupil (id, establishment_id, ine, siecle_id, family_name, first_name, birth_date, division, exit_date, search_text, created_at, updated_at)
    SELECT gen_random_uuid(),
           (${ids})[CASE WHEN n <= ${BIG} THEN 1 ELSE 2 + (n % ${ESTABLISHMENTS - 1}) END],
           lpad(n::text, 9, '0') || 'BE', n::text,
           upper((${fam})[1 + n % ${FAMILY.length}]), (${first})[1 + (n / 7) % ${FIRST.length}],
           date '2008-01-01' + (n % 700), '2NDE PRO ' || chr(65 + n % 6), date '2026-06-30',
           '', now(), now()
    FROM generate_series(1, ${TOTAL_CASES}) AS n`);
  await p.$executeRawUnsafe(`
    UPDATE pupil SET search_text = lower(translate(family_name || ' ' || first_name || ' ' || ine,
      'ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿ-', 'AAACEEEEIIOOUUUYaaaceeeeiioouuuy '))`);
  await p.$executeRawUnsafe(`
    INSERT INTO case_file (id, pupil_id, establishment_id, school_year_id, source, status, version, sort_name, search_text, division, created_at, updated_at)
    SELECT gen_random_uuid(), id, establishment_id, '${year.id}',
           (ARRAY['PREVIOUS_YEAR','PREVIOUS_YEAR','CURRENT_YEAR','AT_RISK']::"CaseSource"[])[1 + (siecle_id::int % 4)],
           (ARRAY['IDENTIFIED','NOT_FOLLOWED','FOLLOW_UP','FOLLOW_UP','SOLUTION','TRANSFERRED','STOPPED']::"CaseStatus"[])[1 + (siecle_id::int / 3 % 7)],
           0, lower(family_name) || ' ' || lower(first_name), search_text, division, now(), now() - (siecle_id::int || ' seconds')::interval
    FROM pupil WHERE establishment_id = ANY(${ids})`);
  // History (one event per case, as creation writes) and interviews on some follow-ups: what the
  // district overview reads to tell overdue follow-ups.
  await p.$executeRawUnsafe(`
    INSERT INTO case_event (case_id, at, kind, to_status, details)
    SELECT id, now() - ((n % 90) || ' days')::interval, 'CREATED', status, '{}'
    FROM (SELECT id, status, row_number() OVER () AS n FROM case_file) c`);
  await p.$executeRawUnsafe(`
    UPDATE case_file SET last_interview_on = current_date - (abs(hashtext(id::text)) % 60)
    WHERE status = 'FOLLOW_UP' AND abs(hashtext(id::text)) % 2 = 0`);
  await p.$executeRawUnsafe('ANALYZE');
  const user = await p.user.create({ data: { email: 'bench@bench.invalid', displayName: 'Bench', role: 'ADMIN', academyId: academy.id, passwordHash: 'x' } });
  const secret = newSecret();
  await p.session.create({ data: { tokenHash: hashSecret(secret), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) } });
  return { big: establishments[0]!, small: establishments[1]!, district: districts[0]!, cookie: `jasmin_session=${secret}`, seconds: (Date.now() - started) / 1000 };
}

async function main() {
  const target = await openBenchDatabase('cases');
  try {
    const seeded = await seed(target.db);
    const logger = createLogger('silent');
    const now = () => new Date();
    const imports = new ImportRunner({ db: target.db, logger, now, importers });
    const env = { nodeEnv: 'production' as const, bodyLimit: '100kb', webDist: undefined, dataDir: tmpdir(), uploadLimitBytes: 1 << 20, censusDate: undefined };
    const app = createApp({ db: target.db, env, logger, now, imports });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: seeded.cookie } });
      if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
      await res.arrayBuffer();
    };
    const baseline = await measure(() => target.db.prisma.$queryRaw`SELECT 1`, 50);
    console.log(`\nbench/cases — ${target.label}, ${TOTAL_CASES.toLocaleString('fr-FR')} suivis, ${ESTABLISHMENTS} établissements (seeded in ${seeded.seconds.toFixed(1)} s)`);
    console.log(`baseline: SELECT 1 round trip              median ${fmt(baseline.median)}   p95 ${fmt(baseline.p95)}`);
    const health = await measure(() => get('/api/health'));
    console.log(`baseline: GET /api/health (HTTP + SELECT 1) median ${fmt(health.median)}   p95 ${fmt(health.p95)}`);
    for (const e of [seeded.big, seeded.small]) {
      const count = await target.db.prisma.case.count({ where: { establishmentId: e.id } });
      console.log(`\n${e.uai} (${count} suivis) — first page of 50, through HTTP`);
      for (const tab of caseTabs) {
        const m = await measure(() => get(`/api/cases?establishment=${e.uai}&tab=${tab}&limit=50`));
        console.log(`  tab ${tab.padEnd(28)} median ${fmt(m.median)}   p95 ${fmt(m.p95)}`);
      }
      const s = await measure(() => get(`/api/cases?establishment=${e.uai}&tab=reperage-annee-precedente&q=eloise%20dupont`));
      console.log(`  search « eloise dupont »             median ${fmt(s.median)}   p95 ${fmt(s.p95)}`);
      const deep = await measure(() => get(`/api/cases?establishment=${e.uai}&tab=suivi&sort=-updated&limit=100`));
      console.log(`  tab suivi sorted by -updated (100)   median ${fmt(deep.median)}   p95 ${fmt(deep.p95)}`);
    }
    const inDistrict = await target.db.prisma.case.count({ where: { establishment: { districtId: seeded.district.id } } });
    const overview = await measure(() => get(`/api/districts/${seeded.district.id}/overview`));
    console.log(`\nGET /api/districts/:id/overview (${inDistrict} suivis, 30 établissements)   median ${fmt(overview.median)}   p95 ${fmt(overview.p95)}`);
    server.close();
  } finally {
    await target.cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
