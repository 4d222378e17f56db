import type { Prisma } from '../../generated/prisma/client';
import { ensureSchoolYear, isoDay, schoolYearBounds, schoolYearLabel } from '../../lib/school-year';
import { pupilSortName } from '../cases/cases.service';
import { BULK_ROWS, createTempTable, execWithRows, num } from './bulk';

type Tx = Prisma.TransactionClient;

export interface CrossReferenceReport {
  casesCreated: number;
  solutionsFound: number;
  suggestions: number;
  reviews: number;
}

const REASON_CONTRADICTED = 'Même nom, prénom et date de naissance, mais INE différents.';
const REASON_SEVERAL = 'Plusieurs correspondances possibles par nom, prénom et date de naissance.';

/**
 * « Croisement »: for the school year of the census date, each leaver aged 16 or more becomes
 * an IDENTIFIED case (PREVIOUS_YEAR or CURRENT_YEAR by exit date) unless the data shows a
 * solution: a diploma obtained at the last session, an enrolment in training, a re-enrolment
 * in another establishment of the académie. Matching: INE first, else name + birth date;
 * an ambiguous match goes to a person (MatchReview), never merged. Cases already decided by
 * people are never changed; a solution found later for an open case becomes a suggestion.
 * Idempotent: running it twice changes nothing.
 *
 * Set-based: a few statements over temporary tables (leavers in scope, their candidates, the
 * solutions picked), whatever the number of leavers; only the names of leavers getting a new
 * case come to JavaScript (their sort name is computed like everywhere else), by batches.
 */
export async function crossReference(
  tx: Tx,
  opts: {
    academyId: string;
    establishmentIds?: string[];
    /**
     * Only the leavers who may be the people named by académie-wide data: a temporary table of
     * this transaction with columns `ine` and `identity_key` (leavers matching either).
     */
    identitiesTable?: string;
    censusDate: Date;
    now: Date;
  },
): Promise<CrossReferenceReport> {
  const currentLabel = schoolYearLabel(opts.censusDate);
  const current = schoolYearBounds(currentLabel);
  const previousStart = new Date(Date.UTC(current.startsOn.getUTCFullYear() - 1, 8, 1));
  const lastSession = String(current.startsOn.getUTCFullYear()); // June of the previous school year
  const year = await ensureSchoolYear(tx, currentLabel);
  const census = isoDay(opts.censusDate);
  const now = opts.now.toISOString();

  // 1. Leavers in scope, aged 16 or more at the census date, with their case of this school year if any.
  await createTempTable(tx, 'xr_leaver', 'id uuid PRIMARY KEY, establishment_id uuid NOT NULL, ine text, key text, exit_date date NOT NULL, case_id uuid');
  const scope: string[] = [];
  const params: unknown[] = [opts.academyId, year.id, isoDay(previousStart), census];
  if (opts.establishmentIds) {
    params.push(JSON.stringify(opts.establishmentIds));
    scope.push(`AND p.establishment_id IN (SELECT jsonb_array_elements_text($${params.length}::jsonb)::uuid)`);
  }
  if (opts.identitiesTable) {
    const t = opts.identitiesTable;
    scope.push(`AND (p.ine IN (SELECT ine FROM ${t} WHERE ine IS NOT NULL) OR p.identity_key IN (SELECT identity_key FROM ${t}))`);
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO xr_leaver (id, establishment_id, ine, key, exit_date, case_id)
     SELECT p.id, p.establishment_id, p.ine, NULLIF(p.identity_key, ''), p.exit_date, c.id
     FROM pupil p
     JOIN establishment e ON e.id = p.establishment_id
     JOIN district d ON d.id = e.district_id
     LEFT JOIN case_file c ON c.pupil_id = p.id AND c.school_year_id = $2::uuid
     WHERE d.academy_id = $1::uuid AND p.exit_date >= $3::date AND p.exit_date <= $4::date
       AND p.birth_date + interval '16 years' <= $4::date
       ${scope.join(' ')}`,
    ...params,
  );
  await tx.$executeRawUnsafe('ANALYZE xr_leaver');

  // 2. Who each leaver may be in other data, by INE and by name + birth date (pos: the rows' physical order).
  await createTempTable(
    tx,
    'xr_cand',
    'leaver_id uuid NOT NULL, kind int NOT NULL, kind_name text NOT NULL, source_id uuid NOT NULL, source_ine text, pos tid NOT NULL, text text NOT NULL, review_status text',
  );
  const candidates = (kind: number, name: string, select: string, from: string, where: string, params: unknown[]) =>
    tx.$executeRawUnsafe(
      `INSERT INTO xr_cand (leaver_id, kind, kind_name, source_id, source_ine, pos, text)
       SELECT DISTINCT ON (leaver_id, source_id) leaver_id, ${kind}, '${name}', source_id, source_ine, pos, text FROM (
         SELECT l.id AS leaver_id, x.id AS source_id, x.ine AS source_ine, x.ctid AS pos, ${select} AS text
         FROM xr_leaver l JOIN ${from} ON x.ine = l.ine WHERE ${where}
         UNION ALL
         SELECT l.id, x.id, x.ine, x.ctid, ${select}
         FROM xr_leaver l JOIN ${from} ON x.identity_key = l.key WHERE ${where}
       ) u ORDER BY leaver_id, source_id`,
      ...params,
    );
  // A diploma obtained at the last session: not a « sortant sans diplôme ».
  await candidates(
    1,
    'EXAM_RESULT',
    `'diplôme obtenu — ' || x.diploma || ' (session ' || x.session || ')'`,
    'exam_result x',
    `x.academy_id = $1::uuid AND x.session = $2 AND x.result = 'ADMITTED'`,
    [opts.academyId, lastSession],
  );
  // Enrolled in training (CFA, lycée agricole, other) and not ended before the census date.
  await candidates(
    2,
    'ENROLMENT',
    `'inscrit en formation — ' || x.training_name || ' (' ||
       CASE x.kind WHEN 'CFA' THEN 'CFA' WHEN 'AGRICULTURAL_HIGH_SCHOOL' THEN 'lycée agricole' ELSE 'autre formation' END ||
       ', depuis le ' || to_char(x.start_date, 'DD/MM/YYYY') || ')'`,
    'training_enrolment x',
    `x.academy_id = $1::uuid AND (x.end_date IS NULL OR x.end_date >= $2::date)`,
    [opts.academyId, census],
  );
  // Re-enrolled in another establishment of the académie (seen in its own SIECLE export).
  await candidates(
    3,
    'REENROLMENT',
    `'réinscrit — ' || xe.name || ' (' || xe.uai || ')'`,
    '(pupil x JOIN establishment xe ON xe.id = x.establishment_id JOIN district xd ON xd.id = xe.district_id)',
    `xd.academy_id = $1::uuid AND x.establishment_id <> l.establishment_id
       AND (x.exit_date IS NULL OR x.exit_date > l.exit_date) AND (x.entry_date IS NULL OR x.entry_date >= l.exit_date)`,
    [opts.academyId],
  );
  await tx.$executeRawUnsafe(
    `UPDATE xr_cand c SET review_status = r.status::text
     FROM match_review r WHERE r.pupil_id = c.leaver_id AND r.source_kind = c.kind_name AND r.source_id = c.source_id`,
  );
  await tx.$executeRawUnsafe('ANALYZE xr_cand');

  // 3. The solution of each leaver: for each source in turn, a match by INE is certain; else one a
  //    person merged; else the only candidate (by name + birth date), unreviewed and not contradicted
  //    by an INE. The first source with one wins.
  await createTempTable(tx, 'xr_solution', 'leaver_id uuid PRIMARY KEY, kind int NOT NULL, text text NOT NULL');
  await tx.$executeRawUnsafe(
    `INSERT INTO xr_solution (leaver_id, kind, text)
     SELECT DISTINCT ON (leaver_id) leaver_id, kind, text FROM (
       SELECT c.leaver_id, c.kind, c.pos, c.text, c.review_status,
         coalesce(l.ine IS NOT NULL AND c.source_ine = l.ine, false) AS by_ine,
         coalesce(l.ine IS NOT NULL AND c.source_ine IS NOT NULL AND c.source_ine <> l.ine, false) AS contradicted,
         count(*) OVER g AS n,
         count(*) FILTER (WHERE c.review_status IS NULL) OVER g AS n_open,
         coalesce(bool_or(l.ine IS NOT NULL AND c.source_ine = l.ine) OVER g, false) AS any_ine,
         coalesce(bool_or(c.review_status = 'MERGED') OVER g, false) AS any_merged
       FROM xr_cand c JOIN xr_leaver l ON l.id = c.leaver_id
       WINDOW g AS (PARTITION BY c.leaver_id, c.kind)
     ) z
     WHERE CASE WHEN any_ine THEN by_ine
                WHEN any_merged THEN review_status = 'MERGED'
                ELSE n = 1 AND n_open = 1 AND NOT contradicted END
     ORDER BY leaver_id, kind, pos`,
  );

  // 4. Sources looked at before a solution was found (or all, without one) whose candidates were
  //    ambiguous: every candidate not yet reviewed goes to a person.
  const reviews = await tx.$executeRawUnsafe(
    `INSERT INTO match_review (id, academy_id, establishment_id, pupil_id, source_kind, source_id, reason)
     SELECT gen_random_uuid(), $1::uuid, l.establishment_id, c.leaver_id, c.kind_name, c.source_id,
       CASE WHEN l.ine IS NOT NULL AND c.source_ine IS NOT NULL AND c.source_ine <> l.ine THEN $2 ELSE $3 END
     FROM xr_cand c JOIN xr_leaver l ON l.id = c.leaver_id
     LEFT JOIN xr_solution s ON s.leaver_id = c.leaver_id
     WHERE c.review_status IS NULL AND (s.kind IS NULL OR c.kind < s.kind)
     ORDER BY c.leaver_id, c.kind, c.pos`,
    opts.academyId,
    REASON_CONTRADICTED,
    REASON_SEVERAL,
  );

  // 5. Solutions: recorded on the pupil; suggested on an open case (IDENTIFIED or FOLLOW_UP), with an event.
  const solutionsFound = await tx.$executeRawUnsafe(
    `UPDATE pupil p SET known_solution = s.text, updated_at = $1::timestamptz
     FROM xr_solution s WHERE p.id = s.leaver_id AND p.known_solution IS DISTINCT FROM s.text`,
    now,
  );
  const suggestions = await tx.$executeRawUnsafe(
    `WITH upd AS (
       UPDATE case_file c SET suggestion = 'Solution détectée : ' || s.text, updated_at = $1::timestamptz
       FROM xr_leaver l JOIN xr_solution s ON s.leaver_id = l.id
       WHERE c.id = l.case_id AND c.status IN ('IDENTIFIED', 'FOLLOW_UP')
         AND c.suggestion IS DISTINCT FROM 'Solution détectée : ' || s.text
       RETURNING c.id, s.text)
     INSERT INTO case_event (case_id, at, kind, details)
     SELECT id, $1::timestamptz, 'SOLUTION_DETECTED', jsonb_build_object('text', text) FROM upd`,
    now,
  );

  // 6. Leavers without a solution nor a case this year: a new IDENTIFIED case each (a case, decided
  //    or not, is never changed by an import).
  let casesCreated = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = await tx.$queryRawUnsafe<{ id: string; family_name: string; usage_name: string | null; first_name: string }[]>(
      `SELECT p.id, p.family_name, p.usage_name, p.first_name
       FROM xr_leaver l JOIN pupil p ON p.id = l.id
       WHERE l.case_id IS NULL AND l.id > $1::uuid AND NOT EXISTS (SELECT 1 FROM xr_solution s WHERE s.leaver_id = l.id)
       ORDER BY l.id LIMIT ${BULK_ROWS}`,
      after,
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    casesCreated += await execWithRows(
      tx,
      `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, sort_name text)),
       ins AS (
         INSERT INTO case_file (id, pupil_id, establishment_id, school_year_id, source, status, sort_name, search_text, division, updated_at)
         SELECT gen_random_uuid(), p.id, p.establishment_id, $2::uuid,
           (CASE WHEN p.exit_date >= $3::date THEN 'CURRENT_YEAR' ELSE 'PREVIOUS_YEAR' END)::"CaseSource",
           'IDENTIFIED', x.sort_name, p.search_text, p.division, $4::timestamptz
         FROM x JOIN pupil p ON p.id = x.id
         RETURNING id, pupil_id, source)
       INSERT INTO case_event (case_id, at, kind, to_status, details)
       SELECT ins.id, $4::timestamptz, 'CREATED', 'IDENTIFIED',
         jsonb_build_object('source', ins.source, 'by', 'croisement', 'exitDate', to_char(p.exit_date, 'YYYY-MM-DD'))
       FROM ins JOIN pupil p ON p.id = ins.pupil_id`,
      rows.map((r) => ({ id: r.id, sort_name: pupilSortName({ familyName: r.family_name, usageName: r.usage_name, firstName: r.first_name }) })),
      year.id,
      isoDay(current.startsOn),
      now,
    );
  }

  await tx.$executeRawUnsafe('DROP TABLE xr_solution, xr_cand, xr_leaver');
  return { casesCreated, solutionsFound, suggestions, reviews };
}
