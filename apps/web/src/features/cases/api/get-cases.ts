import { caseListSchema, type listCasesQuerySchema } from '@jasmin/shared/cases/schemas';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type ListCasesParams = z.input<typeof listCasesQuerySchema>;

/** One page of an establishment's tab, with search, filters, sort and the page cursor. */
export function getCases(params: ListCasesParams) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return apiRequest(`/cases?${search.toString()}`, caseListSchema);
}

export const casesQueryOptions = (params: ListCasesParams) =>
  queryOptions({ queryKey: ['cases', params] as const, queryFn: () => getCases(params) });

/**
 * While a new search or filter loads, the previous rows of the same establishment and tab
 * stay on screen (marked busy) instead of blinking away.
 */
export function useCases(params: ListCasesParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    ...casesQueryOptions(params),
    enabled,
    placeholderData: (previous, previousQuery) => {
      const before = previousQuery?.queryKey[1];
      return before?.establishment === params.establishment && before.tab === params.tab
        ? keepPreviousData(previous)
        : undefined;
    },
  });
}
