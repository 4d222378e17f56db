import type { CaseStatus } from '@jasmin/shared/cases/transitions';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

export interface OverviewRow {
  id: string;
  uai: string;
  name: string;
  /** NULL for an establishment with no case this year (one row, n = 0). */
  status: CaseStatus | null;
  n: number;
  overdue: number;
}

export const overviewRepository = {
  /**
   * One set-based query: every establishment of the district × status, with the number of
   * cases of the school year and, among those in FOLLOW_UP, the overdue ones. The start of
   * follow-up is the last event that moved the case into FOLLOW_UP (creation time when the
   * history has none); only events of the district's FOLLOW_UP cases are read.
   */
  countCasesByEstablishment(db: Db, args: { districtId: string; schoolYearId: string | null; overdueBefore: Date }) {
    return db.$queryRaw<OverviewRow[]>`
      WITH scoped AS (
        SELECT c.id, c.establishment_id, c.status, c.last_interview_on, c.created_at
        FROM case_file c
        JOIN establishment e ON e.id = c.establishment_id
        WHERE e.district_id = ${args.districtId}::uuid AND c.school_year_id = ${args.schoolYearId}::uuid
      ),
      follow_up_start AS (
        SELECT ev.case_id, max(ev.at) AS started_at
        FROM case_event ev
        JOIN scoped s ON s.id = ev.case_id AND s.status = 'FOLLOW_UP'
        WHERE ev.to_status = 'FOLLOW_UP'
        GROUP BY ev.case_id
      )
      SELECT e.id::text AS id, e.uai, e.name, s.status::text AS status,
        count(s.id)::int AS n,
        (count(s.id) FILTER (
          WHERE s.status = 'FOLLOW_UP'
            AND COALESCE(GREATEST((s.last_interview_on::timestamp AT TIME ZONE 'UTC'), f.started_at), s.created_at) < ${args.overdueBefore}
        ))::int AS overdue
      FROM establishment e
      LEFT JOIN scoped s ON s.establishment_id = e.id
      LEFT JOIN follow_up_start f ON f.case_id = s.id
      WHERE e.district_id = ${args.districtId}::uuid
      GROUP BY e.id, e.uai, e.name, s.status
      ORDER BY e.name, e.id`;
  },
};
