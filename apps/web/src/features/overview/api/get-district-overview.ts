import { districtListSchema } from '@jasmin/shared/establishments/schemas';
import { districtOverviewSchema } from '@jasmin/shared/overview/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const districtOverviewQueryOptions = (districtId: string) =>
  queryOptions({
    queryKey: ['district-overview', districtId] as const,
    queryFn: () =>
      apiRequest(`/districts/${encodeURIComponent(districtId)}/overview`, districtOverviewSchema),
  });

/** Per establishment of the district: cases of the year per state, overdue follow-ups. */
export function useDistrictOverview(districtId: string | undefined) {
  return useQuery({
    ...districtOverviewQueryOptions(districtId ?? ''),
    enabled: districtId !== undefined,
  });
}

export const overviewDistrictsQueryOptions = () =>
  queryOptions({
    queryKey: ['district-overview', 'districts'] as const,
    queryFn: () => apiRequest('/districts', districtListSchema),
    staleTime: 5 * 60_000,
  });

/** The districts an administrator may choose from. */
export function useOverviewDistricts({ enabled }: { enabled: boolean }) {
  return useQuery({ ...overviewDistrictsQueryOptions(), enabled });
}
