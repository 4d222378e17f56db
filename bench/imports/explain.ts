// bench/imports/explain.ts: the plan of the cross-referencing statement on a loaded database
// (kept by `JASMIN_BENCH_KEEP_DB=1 pnpm bench imports -- --pg …`), as after an import of exam
// results or enrolments: EXPLAIN (ANALYZE, BUFFERS) in a transaction rolled back.
//   pnpm --filter @jasmin/bench exec tsx imports/explain.ts <database URL> [exam_result|training_enrolment|pupils]
// Cases, reviews and known solutions are cleared first (inside the transaction) so the plan is
// that of a first import.
import { openPostgresDatabase } from '@jasmin/api/src/db/database';
import { crossReference } from '@jasmin/api/src/modules/imports/cross-reference';
import { CENSUS_DATE } from './dataset';

const [url, source = 'exam_result'] = process.argv.slice(2);
if (!url)
  throw new Error('usage: explain.ts <database URL> [exam_result|training_enrolment|pupils]');
const db = openPostgresDatabase(url);
const ROLLBACK = new Error('rollback');

async function main() {
  try {
    await db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL jit = off`); // as the import runner (import-runner.ts)
        await tx.$executeRawUnsafe(`DELETE FROM case_event`);
        await tx.$executeRawUnsafe(`DELETE FROM case_file`);
        await tx.$executeRawUnsafe(`DELETE FROM match_review`);
        await tx.$executeRawUnsafe(
          `UPDATE pupil SET known_solution = NULL WHERE known_solution IS NOT NULL`,
        );
        const academy = await tx.$queryRawUnsafe<{ id: string }[]>(
          `SELECT id FROM academy LIMIT 1`,
        );
        const academyId = academy[0]!.id;
        let identitiesTable: string | undefined;
        let establishmentIds: string[] | undefined;
        if (source === 'pupils') {
          const e = await tx.$queryRawUnsafe<{ id: string }[]>(
            `SELECT establishment_id AS id FROM pupil GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
          );
          establishmentIds = [e[0]!.id];
        } else {
          identitiesTable = 'import_academy_row';
          await tx.$executeRawUnsafe(
            `CREATE TEMP TABLE ${identitiesTable} ON COMMIT DROP AS SELECT ine, identity_key FROM ${source}`,
          );
          await tx.$executeRawUnsafe(`ANALYZE ${identitiesTable}`);
        }
        const explaining = new Proxy(tx, {
          get(target, prop, receiver) {
            if (prop === '$queryRawUnsafe')
              return async (sql: string, ...params: unknown[]) => {
                const started = Date.now();
                const plan = await target.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
                  `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
                  ...params,
                );
                console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
                console.log(`-- ${Date.now() - started} ms`);
                return [{ reviews: 0, solutions: 0, suggestions: 0, new_cases: [] }];
              };
            if (prop === '$executeRawUnsafe')
              // The steps before it (académie-wide data): their plans too, when EXPLAIN takes them.
              return async (sql: string, ...params: unknown[]) => {
                if (!/^\s*(CREATE TEMP TABLE \S+ ON COMMIT DROP AS|DELETE)\b/.test(sql))
                  return target.$executeRawUnsafe(sql, ...params);
                const started = Date.now();
                const plan = await target.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
                  `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
                  ...params,
                );
                console.log(`-- ${sql.slice(0, 80).replace(/\s+/g, ' ')}…`);
                console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
                console.log(`-- ${Date.now() - started} ms`);
                return 0;
              };
            return Reflect.get(target, prop, receiver) as unknown;
          },
        });
        await crossReference(explaining, {
          academyId,
          ...(establishmentIds ? { establishmentIds } : {}),
          ...(identitiesTable ? { identitiesTable } : {}),
          censusDate: new Date(`${CENSUS_DATE}T00:00:00Z`),
          now: new Date(),
        });
        throw ROLLBACK;
      },
      { timeout: 60 * 60 * 1000 },
    );
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
