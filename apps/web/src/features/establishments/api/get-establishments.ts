import { establishmentListSchema } from '@jasmin/shared/establishments/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The establishments of the signed-in person's scope (district or académie). */
export function getEstablishments() {
  return apiRequest('/establishments', establishmentListSchema);
}

export const establishmentsQueryOptions = () =>
  queryOptions({ queryKey: ['establishments'], queryFn: getEstablishments, staleTime: 5 * 60_000 });

export function useEstablishments({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...establishmentsQueryOptions(), enabled });
}
