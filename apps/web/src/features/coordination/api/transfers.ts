import {
  transferListSchema,
  transferSchema,
  type returnTransferSchema,
} from '@jasmin/shared/cases/schemas';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export const pendingTransfersQueryOptions = () =>
  queryOptions({
    queryKey: ['transfers', 'PENDING'] as const,
    queryFn: () => apiRequest('/transfers?status=PENDING', transferListSchema),
  });

/** The transfers the district has received and not decided yet. */
export function usePendingTransfers() {
  return useQuery(pendingTransfersQueryOptions());
}

export function acceptTransfer(id: string) {
  return apiRequest(`/transfers/${encodeURIComponent(id)}/accept`, transferSchema, {
    method: 'POST',
  });
}

export function returnTransfer({ id, reason }: { id: string; reason: string }) {
  const body: z.input<typeof returnTransferSchema> = { reason };
  return apiRequest(`/transfers/${encodeURIComponent(id)}/return`, transferSchema, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** After a decision (or a 409: someone else decided), the inbox is asked again. */
export function useTransferDecision() {
  const queryClient = useQueryClient();
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: ['transfers'] });
  return {
    accept: useMutation({ mutationFn: acceptTransfer, onSettled }),
    giveBack: useMutation({ mutationFn: returnTransfer, onSettled }),
  };
}
