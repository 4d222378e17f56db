import type { Prisma } from '../../generated/prisma/client';
import { ensureSchoolYear, isoDay, schoolYearBounds, schoolYearLabel } from '../../lib/school-year';
import { pupilSortName } from '@jasmin/shared/pupils/schemas';
import { BULK_ROWS, execWithRows, num } from './bulk';
import { wireSelect } from './staging';

type Tx = Prisma.TransactionClient;

export interface CrossReferenceReport {
  casesCreated: number;
  solutionsFound: number;
  suggestions: number;
  reviews: number;
}

/** An académie-wide record (exam result, enrolment) named by a leaver's INE: its identity is 'ine:' + INE (identity.ts). */
const BY_IDENTITY = `x.identity = 'ine:' || l.ine`;

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
 * Set-based: one statement does it all whatever the number of leavers (for académie-wide data,
 * leavers, candidates and solutions first go to analyzed temporary tables), but the new cases:
 * the names of the leavers getting one come back to JavaScript (their sort name is computed like
 * everywhere else) and the cases are inserted by batches.
 */
export async function crossReference(
  tx: Tx,
  opts: {
    academyId: string;
    establishmentIds?: string[];
    /**
     * Only the leavers who may be the people named by académie-wide data: a (temporary, analyzed)
     * table with columns `ine` and `identity_key` (leavers matching either).
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

  // Statements are written with named parameters (:academy…), numbered by `bind` for each one.
  const values: Record<string, unknown> = {
    academy: opts.academyId,
    year: year.id,
    previousStart: isoDay(previousStart),
    census,
    session: lastSession,
    now,
    contradicted: REASON_CONTRADICTED,
    several: REASON_SEVERAL,
    establishments: opts.establishmentIds ? JSON.stringify(opts.establishmentIds) : null,
  };
  const bind = (sql: string): [string, ...unknown[]] => {
    const names: string[] = [];
    const text = sql.replace(/(?<!:):([a-zA-Z]+)\b/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`unknown parameter :${name}`);
      if (!names.includes(name)) names.push(name);
      return `$${names.indexOf(name) + 1}`;
    });
    return [text, ...names.map((n) => values[n])];
  };
  const exec = (sql: string) => tx.$executeRawUnsafe(...bind(sql));
  const scope: string[] = [];
  if (opts.establishmentIds) scope.push(`AND p.establishment_id IN (SELECT json_array_elements_text(:establishments::json)::uuid)`);
  // Leavers in scope, aged 16 or more at the census date, with their case of this school year if any.
  const leavers = `SELECT p.id, p.establishment_id, p.ine, NULLIF(p.identity_key, '') AS key, p.exit_date,
              p.family_name, p.usage_name, p.first_name, c.id AS case_id
       FROM pupil p
       JOIN establishment e ON e.id = p.establishment_id
       JOIN district d ON d.id = e.district_id
       LEFT JOIN case_file c ON c.pupil_id = p.id AND c.school_year_id = :year::uuid
       WHERE d.academy_id = :academy::uuid AND p.exit_date >= :previousStart::date AND p.exit_date <= :census::date
         AND p.birth_date + interval '16 years' <= :census::date
         ${scope.join(' ')}`;
  // Who a leaver may be in other data, by INE and by name + birth date (with what the next steps need
  // of the leaver: no join back to the leavers); pos: the rows' physical order. `byIne`: how the
  // source is matched by INE — académie-wide records by their identity ('ine:' + INE, identity.ts),
  // which their natural key's index serves. Each leaver's candidates are looked up in the source's
  // indexes (LATERAL … OFFSET 0: not flattened into a join). A join let the planner hash whole
  // sources instead — all the académie's pupils for re-enrolments, twice, as the estimate of the
  // académie's pupils (through establishment and district) was a few hundred times too low.
  const candidates = (kind: number, name: string, text: string, from: string, where: string, byIne = `l.ine = x.ine`) =>
    [byIne, `l.key = x.identity_key`]
      .map(
        (on) => `SELECT l.id AS leaver_id, l.ine AS leaver_ine, l.establishment_id AS leaver_establishment_id, ${kind} AS kind, '${name}' AS kind_name, x.source_id, x.source_ine, x.pos, x.text
                 FROM l CROSS JOIN LATERAL (
                   SELECT x.id AS source_id, x.ine AS source_ine, x.ctid AS pos, ${text} AS text
                   FROM ${from} WHERE ${on} AND ${where} OFFSET 0) x`,
      )
      .join(' UNION ALL ');
  const raw = `raw AS (
       -- 1. A diploma obtained at the last session: not a « sortant sans diplôme ».
       ${candidates(1, 'EXAM_RESULT', `'diplôme obtenu — ' || x.diploma || ' (session ' || x.session || ')'`, 'exam_result x', `x.academy_id = :academy::uuid AND x.session = :session AND x.result = 'ADMITTED'`, BY_IDENTITY)}
       UNION ALL
       -- 2. Enrolled in training (CFA, lycée agricole, other) and not ended before the census date.
       ${candidates(
         2,
         'ENROLMENT',
         `'inscrit en formation — ' || x.training_name || ' (' ||
            CASE x.kind WHEN 'CFA' THEN 'CFA' WHEN 'AGRICULTURAL_HIGH_SCHOOL' THEN 'lycée agricole' ELSE 'autre formation' END ||
            ', depuis le ' || to_char(x.start_date, 'DD/MM/YYYY') || ')'`,
         'training_enrolment x',
         `x.academy_id = :academy::uuid AND (x.end_date IS NULL OR x.end_date >= :census::date)`,
         BY_IDENTITY,
       )}
       UNION ALL
       -- 3. Re-enrolled in another establishment of the académie (seen in its own SIECLE export).
       ${candidates(
         3,
         'REENROLMENT',
         `'réinscrit — ' || xe.name || ' (' || xe.uai || ')'`,
         '(pupil x JOIN establishment xe ON xe.id = x.establishment_id JOIN district xd ON xd.id = xe.district_id)',
         `xd.academy_id = :academy::uuid AND x.establishment_id <> l.establishment_id
            AND (x.exit_date IS NULL OR x.exit_date > l.exit_date) AND (x.entry_date IS NULL OR x.entry_date >= l.exit_date)`,
       )}
     )`;
  // Each candidate once, with what a person decided about it.
  const cand = `SELECT DISTINCT ON (r.leaver_id, r.kind, r.source_id) r.*, mr.status::text AS review_status,
         coalesce(r.leaver_ine IS NOT NULL AND r.source_ine = r.leaver_ine, false) AS by_ine,
         coalesce(r.leaver_ine IS NOT NULL AND r.source_ine IS NOT NULL AND r.source_ine <> r.leaver_ine, false) AS contradicted
       FROM raw r
       LEFT JOIN match_review mr ON mr.pupil_id = r.leaver_id AND mr.source_kind = r.kind_name AND mr.source_id = r.source_id
       ORDER BY r.leaver_id, r.kind, r.source_id`;
  // For each source in turn: a match by INE is certain; else one a person merged; else the only
  // candidate (by name + birth date), unreviewed and not contradicted by an INE. The first source with one wins.
  const sol = `SELECT DISTINCT ON (leaver_id) leaver_id, kind, text FROM (
         SELECT c.*,
           count(*) OVER g AS n,
           count(*) FILTER (WHERE c.review_status IS NULL) OVER g AS n_open,
           bool_or(c.by_ine) OVER g AS any_ine,
           coalesce(bool_or(c.review_status = 'MERGED') OVER g, false) AS any_merged
         FROM cand c WINDOW g AS (PARTITION BY c.leaver_id, c.kind)
       ) z
       WHERE CASE WHEN any_ine THEN by_ine
                  WHEN any_merged THEN review_status = 'MERGED'
                  ELSE n = 1 AND n_open = 1 AND NOT contradicted END
       ORDER BY leaver_id, kind, pos`;

  let inputs: string;
  if (opts.identitiesTable) {
    // Académie-wide data (thousands of leavers): the leavers, their candidates and solutions go to
    // analyzed temporary tables first, so that every join is planned on true sizes (CTEs have no
    // statistics, and a table just written in this transaction may look empty to the planner:
    // nested loops over them made this quadratic). Only the leavers the file may name are kept.
    const t = opts.identitiesTable;
    const LEAVERS = 'import_xref_leaver';
    const CAND = 'import_xref_cand';
    const SOL = 'import_xref_sol';
    await exec(`CREATE TEMP TABLE ${LEAVERS} ON COMMIT DROP AS ${leavers}`);
    await exec(
      `DELETE FROM ${LEAVERS} l
       WHERE NOT EXISTS (SELECT 1 FROM ${t} x WHERE x.ine = l.ine) AND NOT EXISTS (SELECT 1 FROM ${t} x WHERE x.identity_key = l.key)`,
    );
    await exec(`ALTER TABLE ${LEAVERS} ADD PRIMARY KEY (id)`);
    await exec(`CREATE INDEX ON ${LEAVERS} (ine)`);
    await exec(`CREATE INDEX ON ${LEAVERS} (key)`);
    await exec(`ANALYZE ${LEAVERS}`);
    const l = `l AS NOT MATERIALIZED (SELECT * FROM ${LEAVERS})`;
    await exec(`CREATE TEMP TABLE ${CAND} ON COMMIT DROP AS WITH ${l}, ${raw} ${cand}`);
    await exec(`CREATE INDEX ON ${CAND} (leaver_id)`);
    await exec(`ANALYZE ${CAND}`);
    await exec(`CREATE TEMP TABLE ${SOL} ON COMMIT DROP AS ${sol.replace('FROM cand c', `FROM ${CAND} c`)}`);
    await exec(`ALTER TABLE ${SOL} ADD PRIMARY KEY (leaver_id)`);
    await exec(`ANALYZE ${SOL}`);
    inputs = `${l}, cand AS NOT MATERIALIZED (SELECT * FROM ${CAND}), sol AS NOT MATERIALIZED (SELECT * FROM ${SOL})`;
  } else {
    // One establishment (a few dozen leavers): all in the statement.
    inputs = `l AS MATERIALIZED (${leavers}), ${raw}, cand AS MATERIALIZED (${cand}), sol AS MATERIALIZED (${sol})`;
  }

  // One statement: the reviews, the solutions recorded, the suggestions on open cases; it returns
  // the counts and the leavers that need a new case (its parts all see the data as it was before it).
  const [result] = await tx.$queryRawUnsafe<{ reviews: unknown; solutions: unknown; suggestions: unknown; new_cases: { id: string; f: string; u: string | null; n: string }[] | string | null }[]>(
    ...bind(`WITH ${inputs}, rev AS (
       -- Sources looked at before a solution was found (or all, without one) with ambiguous
       -- candidates: every candidate not reviewed yet goes to a person.
       INSERT INTO match_review (id, academy_id, establishment_id, pupil_id, source_kind, source_id, reason)
       SELECT gen_random_uuid(), :academy::uuid, c.leaver_establishment_id, c.leaver_id, c.kind_name, c.source_id,
         CASE WHEN c.contradicted THEN :contradicted ELSE :several END
       FROM cand c
       LEFT JOIN sol s ON s.leaver_id = c.leaver_id
       WHERE c.review_status IS NULL AND (s.kind IS NULL OR c.kind < s.kind)
       ORDER BY c.leaver_id, c.kind, c.pos
       RETURNING 1
     ), known AS (
       -- Solutions: recorded on the pupil…
       UPDATE pupil p SET known_solution = s.text, updated_at = :now::timestamptz
       FROM sol s WHERE p.id = s.leaver_id AND p.known_solution IS DISTINCT FROM s.text
       RETURNING 1
     ), sugg AS (
       -- … and suggested on an open case (IDENTIFIED or FOLLOW_UP), with an event.
       UPDATE case_file c SET suggestion = 'Solution détectée : ' || s.text, updated_at = :now::timestamptz
       FROM l JOIN sol s ON s.leaver_id = l.id
       WHERE c.id = l.case_id AND c.status IN ('IDENTIFIED', 'FOLLOW_UP')
         AND c.suggestion IS DISTINCT FROM 'Solution détectée : ' || s.text
       RETURNING c.id, s.text
     ), sugg_event AS (
       INSERT INTO case_event (case_id, at, kind, details)
       SELECT id, :now::timestamptz, 'SOLUTION_DETECTED', jsonb_build_object('text', text) FROM sugg
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM rev) AS reviews,
            (SELECT count(*) FROM known) AS solutions,
            (SELECT count(*) FROM sugg_event) AS suggestions,
            -- Leavers without a solution nor a case this year (a case, decided or not, is never changed by an import).
            (SELECT json_agg(json_build_object('id', l.id, 'f', l.family_name, 'u', l.usage_name, 'n', l.first_name) ORDER BY l.id)
             FROM l LEFT JOIN sol s ON s.leaver_id = l.id WHERE l.case_id IS NULL AND s.leaver_id IS NULL) AS new_cases`),
  );
  const newCases = typeof result?.new_cases === 'string' ? (JSON.parse(result.new_cases) as { id: string; f: string; u: string | null; n: string }[]) : (result?.new_cases ?? []);

  // New IDENTIFIED cases, by batches (their sort name is computed like everywhere else).
  let casesCreated = 0;
  for (let i = 0; i < newCases.length; i += BULK_ROWS) {
    casesCreated += await execWithRows(
      tx,
      `WITH x(id, sort_name) AS (${wireSelect(['uuid', 'text'], '$1::jsonb')}),
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
      newCases.slice(i, i + BULK_ROWS).map((r) => [r.id, pupilSortName({ familyName: r.f, usageName: r.u, firstName: r.n })]),
      year.id,
      isoDay(current.startsOn),
      now,
    );
  }
  const reviews = num(result?.reviews);
  const solutionsFound = num(result?.solutions);
  const suggestions = num(result?.suggestions);
  return { casesCreated, solutionsFound, suggestions, reviews };
}
