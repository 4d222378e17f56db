import { caseDetailSchema, type createAtRiskCaseSchema } from '@jasmin/shared/cases/schemas';
import { pupilSearchResultSchema } from '@jasmin/shared/pupils/schemas';
import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type CreateAtRiskCase = z.input<typeof createAtRiskCaseSchema>;

/** Fewer characters than this are not sent (the API refuses them). */
export const MIN_SEARCH_LENGTH = 2;

export const pupilSearchQueryOptions = (establishment: string, q: string) =>
  queryOptions({
    queryKey: ['pupils', establishment, q] as const,
    queryFn: () =>
      apiRequest(
        `/pupils?${new URLSearchParams({ establishment, q }).toString()}`,
        pupilSearchResultSchema,
      ),
  });

/** The establishment's pupils matching a name or an INE; nothing asked under 2 characters. */
export function usePupilSearch(establishment: string, q: string) {
  return useQuery({
    ...pupilSearchQueryOptions(establishment, q),
    enabled: q.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
  });
}

export function createAtRiskCase(body: CreateAtRiskCase) {
  return apiRequest('/cases', caseDetailSchema, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function useCreateAtRiskCase() {
  return useMutation({ mutationFn: createAtRiskCase });
}
