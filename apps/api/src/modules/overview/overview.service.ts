import { caseStatuses } from '@jasmin/shared/cases/transitions';
import { OVERDUE_FOLLOW_UP_DAYS, type CaseCounts, type DistrictOverview, type EstablishmentOverview } from '@jasmin/shared/overview/schemas';
import { AppError } from '../../lib/app-error';
import { schoolYearLabel } from '../../lib/school-year';
import { districtScope } from '../../lib/scope';
import type { AuthedMeta, ServiceDeps } from '../../lib/service-deps';
import { establishmentsRepository } from '../establishments/establishments.repository';
import { overviewRepository, type OverviewRow } from './overview.repository';

const DAY_MS = 24 * 3600 * 1000;

const zeroCounts = (): CaseCounts => Object.fromEntries(caseStatuses.map((s) => [s, 0])) as CaseCounts;

/** Rows (establishment × status) folded into one line per establishment, in the query's order. */
function foldRows(rows: OverviewRow[]): EstablishmentOverview[] {
  const byId = new Map<string, EstablishmentOverview>();
  for (const row of rows) {
    let line = byId.get(row.id);
    if (!line) {
      line = { id: row.id, uai: row.uai, name: row.name, counts: zeroCounts(), total: 0, overdue: 0 };
      byId.set(row.id, line);
    }
    if (row.status) {
      line.counts[row.status] = row.n;
      line.total += row.n;
      line.overdue += row.overdue;
    }
  }
  return [...byId.values()];
}

/**
 * A district's establishments with their cases of the current school year per status and
 * their overdue follow-ups. Counts only: nothing personal, so nothing to audit.
 * A district out of the actor's scope is not found.
 */
export async function getDistrictOverview(deps: ServiceDeps, meta: AuthedMeta, districtId: string): Promise<DistrictOverview> {
  const district = await establishmentsRepository.findDistrict(deps.db.prisma, { AND: [{ id: districtId }, districtScope(meta.actor)] });
  if (!district) throw new AppError('NOT_FOUND', { message: 'District introuvable.' });
  const now = deps.now();
  const label = schoolYearLabel(now);
  const year = await deps.db.prisma.schoolYear.findUnique({ where: { label } });
  const rows = await overviewRepository.countCasesByEstablishment(deps.db.prisma, {
    districtId: district.id,
    schoolYearId: year?.id ?? null,
    overdueBefore: new Date(now.getTime() - OVERDUE_FOLLOW_UP_DAYS * DAY_MS),
  });
  return {
    district: { id: district.id, code: district.code, name: district.name },
    schoolYear: label,
    overdueAfterDays: OVERDUE_FOLLOW_UP_DAYS,
    establishments: foldRows(rows),
  };
}
