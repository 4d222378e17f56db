import { meResponseSchema, type LoginRequest, type MeResponse } from '@jasmin/shared/auth/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { meQueryKey } from './get-me';

/** Opens a session (cookie set by the API) and answers with the same body as GET /auth/me. */
export function login(body: LoginRequest) {
  return apiRequest('/auth/login', meResponseSchema, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me: MeResponse) => {
      // Someone else may have used this tab before: nothing cached survives a new session.
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
