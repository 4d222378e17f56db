import { logoutResponseSchema } from '@jasmin/shared/auth/schemas';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Ends the session on the server, which also clears its cookie. */
export function logout() {
  return apiRequest('/auth/logout', logoutResponseSchema, { method: 'POST' });
}

/** The caller leaves the protected pages first, then clears the cache (see the session layout). */
export function useLogout() {
  return useMutation({ mutationFn: logout });
}
