import { z } from 'zod';
import { caseStatuses, type CaseStatus } from '../cases/transitions';

/**
 * A follow-up is overdue (« suivi en retard ») when the case is in FOLLOW_UP and nothing has
 * happened for more than this many days: its last interview, or — when it has none, or when
 * the case (re-)entered follow-up after it — the day follow-up started. See docs/glossary.md.
 */
export const OVERDUE_FOLLOW_UP_DAYS = 30;

const countsShape = Object.fromEntries(caseStatuses.map((s) => [s, z.number().int().min(0)])) as Record<
  CaseStatus,
  z.ZodNumber
>;
/** Cases of the current school year, per status. */
export const caseCountsSchema = z.object(countsShape);
export type CaseCounts = z.infer<typeof caseCountsSchema>;

export const establishmentOverviewSchema = z.object({
  id: z.uuid(),
  uai: z.string(),
  name: z.string(),
  counts: caseCountsSchema,
  total: z.number().int().min(0),
  /** Cases in FOLLOW_UP with no news for more than `overdueAfterDays` days. */
  overdue: z.number().int().min(0),
});
export type EstablishmentOverview = z.infer<typeof establishmentOverviewSchema>;

/** GET /api/districts/:id/overview: counts only, no personal data. */
export const districtOverviewSchema = z.object({
  district: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  schoolYear: z.string(),
  overdueAfterDays: z.number().int(),
  establishments: z.array(establishmentOverviewSchema),
});
export type DistrictOverview = z.infer<typeof districtOverviewSchema>;
