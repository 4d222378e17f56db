import {
  apiTokenListSchema,
  apiTokenSchema,
  createdApiTokenSchema,
  type createApiTokenSchema,
} from '@jasmin/shared/tokens/schemas';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { adminMutationMeta, sendJson } from './admin-request';

export const adminTokensQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'tokens'] as const,
    queryFn: () => apiRequest('/tokens', apiTokenListSchema),
  });

export function useAdminTokens() {
  return useQuery(adminTokensQueryOptions());
}

export function useTokenMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'tokens'] });
  return {
    /** The answer holds the secret: shown once, never stored in the cache. */
    create: useMutation({
      meta: adminMutationMeta,
      onSuccess,
      mutationFn: (body: z.input<typeof createApiTokenSchema>) =>
        sendJson('POST', '/tokens', createdApiTokenSchema, body),
    }),
    revoke: useMutation({
      meta: adminMutationMeta,
      onSuccess,
      mutationFn: (id: string) =>
        sendJson('POST', `/tokens/${encodeURIComponent(id)}/revoke`, apiTokenSchema),
    }),
  };
}
