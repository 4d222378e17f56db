import type { Prisma } from '../../generated/prisma/client';
import { ensureSchoolYear, isoDay, schoolYearBounds, schoolYearLabel } from '../../lib/school-year';
import { pupilSortName } from '../cases/cases.service';
import { ageAt } from './identity';

type Tx = Prisma.TransactionClient;

export interface CrossReferenceReport {
  casesCreated: number;
  solutionsFound: number;
  suggestions: number;
  reviews: number;
}

interface Solution {
  text: string;
}

/**
 * « Croisement »: for the school year of the census date, each leaver aged 16 or more becomes
 * an IDENTIFIED case (PREVIOUS_YEAR or CURRENT_YEAR by exit date) unless the data shows a
 * solution: a diploma obtained at the last session, an enrolment in training, a re-enrolment
 * in another establishment of the académie. Matching: INE first, else name + birth date;
 * an ambiguous match goes to a person (MatchReview), never merged. Cases already decided by
 * people are never changed; a solution found later for an open case becomes a suggestion.
 * Idempotent: running it twice changes nothing.
 */
export async function crossReference(
  tx: Tx,
  opts: {
    academyId: string;
    establishmentIds?: string[];
    /** Only the leavers who may be these people (by INE or name + birth date). */
    identities?: { ines: string[]; keys: string[] };
    censusDate: Date;
    now: Date;
  },
): Promise<CrossReferenceReport> {
  const report: CrossReferenceReport = { casesCreated: 0, solutionsFound: 0, suggestions: 0, reviews: 0 };
  const currentLabel = schoolYearLabel(opts.censusDate);
  const current = schoolYearBounds(currentLabel);
  const previousStart = new Date(Date.UTC(current.startsOn.getUTCFullYear() - 1, 8, 1));
  const lastSession = String(current.startsOn.getUTCFullYear()); // June of the previous school year
  const year = await ensureSchoolYear(tx, currentLabel);

  const baseWhere = {
    exitDate: { gte: previousStart, lte: opts.censusDate },
    establishment: { district: { academyId: opts.academyId } },
    ...(opts.establishmentIds ? { establishmentId: { in: opts.establishmentIds } } : {}),
  };
  const findLeavers = (extra: Prisma.PupilWhereInput = {}) =>
    tx.pupil.findMany({ where: { ...baseWhere, ...extra }, include: { cases: { where: { schoolYearId: year.id } } } });
  // Académie-wide files name their people: look only at leavers who may be one of them,
  // in slices that keep each query's parameter list small.
  const leavers = [];
  if (opts.identities) {
    const seen = new Set<string>();
    const SLICE = 2000;
    for (const [field, values] of [['ine', opts.identities.ines], ['identityKey', opts.identities.keys]] as const) {
      for (let i = 0; i < values.length; i += SLICE) {
        for (const p of await findLeavers({ [field]: { in: values.slice(i, i + SLICE) } })) {
          if (!seen.has(p.id)) {
            seen.add(p.id);
            leavers.push(p);
          }
        }
      }
    }
  } else {
    leavers.push(...(await findLeavers()));
  }

  for (const pupil of leavers) {
    if (ageAt(pupil.birthDate, opts.censusDate) < 16) continue;
    const exitDate = pupil.exitDate as Date;
    const solution = await findSolution(tx, opts.academyId, pupil, exitDate, lastSession, opts.censusDate, report);
    const existing = pupil.cases[0];
    if (solution) {
      if (pupil.knownSolution !== solution.text) {
        await tx.pupil.update({ where: { id: pupil.id }, data: { knownSolution: solution.text } });
        report.solutionsFound += 1;
      }
      const suggestion = `Solution détectée : ${solution.text}`;
      if (existing && (existing.status === 'IDENTIFIED' || existing.status === 'FOLLOW_UP') && existing.suggestion !== suggestion) {
        await tx.case.update({ where: { id: existing.id }, data: { suggestion } });
        await tx.caseEvent.create({ data: { caseId: existing.id, at: opts.now, kind: 'SOLUTION_DETECTED', details: { text: solution.text } } });
        report.suggestions += 1;
      }
      continue;
    }
    if (existing) continue; // decided or not, a case is never changed by an import
    const source = exitDate >= current.startsOn ? 'CURRENT_YEAR' : 'PREVIOUS_YEAR';
    const created = await tx.case.create({
      data: {
        pupilId: pupil.id,
        establishmentId: pupil.establishmentId,
        schoolYearId: year.id,
        source,
        status: 'IDENTIFIED',
        sortName: pupilSortName(pupil),
        searchText: pupil.searchText,
        division: pupil.division,
      },
    });
    await tx.caseEvent.create({
      data: { caseId: created.id, at: opts.now, kind: 'CREATED', toStatus: 'IDENTIFIED', details: { source, by: 'croisement', exitDate: isoDay(exitDate) } },
    });
    report.casesCreated += 1;
  }
  return report;
}

type PupilRow = Prisma.PupilGetPayload<object>;

async function findSolution(
  tx: Tx,
  academyId: string,
  pupil: PupilRow,
  exitDate: Date,
  lastSession: string,
  censusDate: Date,
  report: CrossReferenceReport,
): Promise<Solution | null> {
  const key = pupil.identityKey;
  // Who this pupil may be in other data: by INE, and by name + birth date when known.
  const byIdentity = () => [...(pupil.ine ? [{ ine: pupil.ine }] : []), ...(key ? [{ identityKey: key }] : [])];
  if (byIdentity().length === 0) return null;

  // 1. A diploma obtained at the last session: not a « sortant sans diplôme ».
  const diplomas = await tx.examResult.findMany({
    where: {
      academyId,
      session: lastSession,
      result: 'ADMITTED',
      OR: byIdentity(),
    },
  });
  const diploma = await pickUnambiguous(tx, pupil, diplomas, 'EXAM_RESULT', academyId, report);
  if (diploma) return { text: `diplôme obtenu — ${diploma.diploma} (session ${diploma.session})` };

  // 2. Enrolled in training (CFA, lycée agricole, other) and not ended before the census date.
  const enrolments = await tx.trainingEnrolment.findMany({
    where: {
      academyId,
      OR: byIdentity(),
      AND: [{ OR: [{ endDate: null }, { endDate: { gte: censusDate } }] }],
    },
  });
  const enrolment = await pickUnambiguous(tx, pupil, enrolments, 'ENROLMENT', academyId, report);
  if (enrolment) {
    return { text: `inscrit en formation — ${enrolment.trainingName} (${labelOfKind(enrolment.kind)}, depuis le ${frDate(enrolment.startDate)})` };
  }

  // 3. Re-enrolled in another establishment of the académie (seen in its own SIECLE export).
  const elsewhere = await tx.pupil.findMany({
    where: {
      establishmentId: { not: pupil.establishmentId },
      establishment: { district: { academyId } },
      OR: byIdentity(),
      AND: [{ OR: [{ exitDate: null }, { exitDate: { gt: exitDate } }] }, { OR: [{ entryDate: null }, { entryDate: { gte: exitDate } }] }],
    },
    include: { establishment: true },
  });
  const reenrolled = await pickUnambiguous(tx, pupil, elsewhere, 'REENROLMENT', academyId, report);
  if (reenrolled) return { text: `réinscrit — ${reenrolled.establishment.name} (${reenrolled.establishment.uai})` };
  return null;
}

/**
 * A match by INE is certain. A match by name + birth date only is certain when it is the only
 * candidate and no INE contradicts it; otherwise a person decides (MatchReview), and until
 * then it counts as no solution.
 */
async function pickUnambiguous<T extends { id: string; ine: string | null }>(
  tx: Tx,
  pupil: PupilRow,
  candidates: T[],
  sourceKind: string,
  academyId: string,
  report: CrossReferenceReport,
): Promise<T | null> {
  if (candidates.length === 0) return null;
  const byIne = pupil.ine ? candidates.filter((c) => c.ine === pupil.ine) : [];
  if (byIne.length > 0) return byIne[0] ?? null;
  const reviewed = await tx.matchReview.findMany({ where: { pupilId: pupil.id, sourceKind, sourceId: { in: candidates.map((c) => c.id) } } });
  const decided = new Map(reviewed.map((r) => [r.sourceId, r.status]));
  const merged = candidates.find((c) => decided.get(c.id) === 'MERGED');
  if (merged) return merged;
  const open = candidates.filter((c) => !decided.has(c.id));
  const contradicted = (c: T) => pupil.ine !== null && c.ine !== null && c.ine !== pupil.ine;
  if (open.length === 1 && candidates.length === 1 && !contradicted(open[0] as T)) return open[0] ?? null;
  for (const c of open) {
    const reason = contradicted(c)
      ? 'Même nom, prénom et date de naissance, mais INE différents.'
      : 'Plusieurs correspondances possibles par nom, prénom et date de naissance.';
    await tx.matchReview.create({
      data: { academyId, establishmentId: pupil.establishmentId, pupilId: pupil.id, sourceKind, sourceId: c.id, reason },
    });
    report.reviews += 1;
  }
  return null;
}

const frDate = (d: Date) => isoDay(d).split('-').reverse().join('/');
function labelOfKind(kind: string): string {
  return kind === 'CFA' ? 'CFA' : kind === 'AGRICULTURAL_HIGH_SCHOOL' ? 'lycée agricole' : 'autre formation';
}

