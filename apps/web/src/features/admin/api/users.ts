import {
  userListSchema,
  userSchema,
  type RoleAssignment,
  type createUserSchema,
} from '@jasmin/shared/users/schemas';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { adminMutationMeta, sendJson } from './admin-request';

export const adminUsersQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'users'] as const,
    queryFn: () => apiRequest('/users', userListSchema),
  });

export function useAdminUsers() {
  return useQuery(adminUsersQueryOptions());
}

const userPath = (id: string, action: string) => `/users/${encodeURIComponent(id)}/${action}`;

/** The account writes the API offers; each reads the list again once done. */
export function useUserMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
  const common = { meta: adminMutationMeta, onSuccess };
  return {
    create: useMutation({
      ...common,
      mutationFn: (body: z.input<typeof createUserSchema>) =>
        sendJson('POST', '/users', userSchema, body),
    }),
    changeRole: useMutation({
      ...common,
      mutationFn: ({ id, body }: { id: string; body: RoleAssignment }) =>
        sendJson('PUT', userPath(id, 'role'), userSchema, body),
    }),
    setDisabled: useMutation({
      ...common,
      mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
        sendJson('POST', userPath(id, disabled ? 'disable' : 'enable'), userSchema),
    }),
    resetPassword: useMutation({
      ...common,
      mutationFn: ({ id, password }: { id: string; password: string }) =>
        sendJson('POST', userPath(id, 'reset-password'), userSchema, { password }),
    }),
  };
}
