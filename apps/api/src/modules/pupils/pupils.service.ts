import type { z } from 'zod';
import { normalizeForSearch, type searchPupilsQuerySchema } from '@jasmin/shared/pupils/schemas';
import { schoolYearLabel, isoDayOrNull } from '../../lib/school-year';
import type { AuthedMeta, ServiceDeps } from '../../lib/service-deps';
import { toPupilSummary } from '../cases/case-views';
import { establishmentByUai } from '../cases/cases.service';

/** Finds pupils of an establishment by name or INE (accents, case and hyphens ignored). */
export async function searchPupils(deps: ServiceDeps, meta: AuthedMeta, query: z.output<typeof searchPupilsQuerySchema>) {
  const establishment = await establishmentByUai(deps, meta, query.establishment);
  const words = normalizeForSearch(query.q).split(' ').filter(Boolean).slice(0, 6);
  const label = schoolYearLabel(deps.now());
  const rows = await deps.db.prisma.pupil.findMany({
    where: { AND: [{ establishmentId: establishment.id }, ...words.map((w) => ({ searchText: { contains: w } }))] },
    orderBy: [{ familyName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
    take: query.limit,
    include: { cases: { where: { schoolYear: { label } }, select: { id: true } } },
  });
  return {
    items: rows.map((p) => ({
      ...toPupilSummary(p),
      division: p.division,
      exitDate: isoDayOrNull(p.exitDate),
      currentCaseId: p.cases[0]?.id ?? null,
    })),
  };
}
