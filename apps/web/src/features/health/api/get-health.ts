import { healthResponseSchema } from '@jasmin/shared/health/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export function getHealth() {
  // 503 still carries a health body: the API is up, its database is not.
  return apiRequest('/health', healthResponseSchema, { acceptStatuses: [503] });
}

export const healthQueryOptions = () =>
  queryOptions({ queryKey: ['health'], queryFn: getHealth, refetchInterval: 30_000 });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
