import { meResponseSchema } from '@jasmin/shared/auth/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in person, their role and scope; 401 when there is no valid session. */
export function getMe() {
  return apiRequest('/auth/me', meResponseSchema);
}

export const meQueryOptions = () =>
  // Checked again when the window gets the focus back: an expired session shows up at once.
  queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}
