import { caseDetailSchema } from '@jasmin/shared/cases/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The pupil's file: SIECLE data, guardians, allowed actions, interviews and timeline. */
export function getCase(id: string) {
  return apiRequest(`/cases/${encodeURIComponent(id)}`, caseDetailSchema);
}

export const caseQueryKey = (id: string) => ['case', id] as const;

export const caseQueryOptions = (id: string) =>
  queryOptions({ queryKey: caseQueryKey(id), queryFn: () => getCase(id) });

export function useCase(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...caseQueryOptions(id), enabled });
}
