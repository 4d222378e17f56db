import { caseDetailSchema, type CaseDetail } from '@jasmin/shared/cases/schemas';
import type { TransitionRequest } from '@jasmin/shared/cases/transitions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { caseQueryKey } from './get-case';

/** POST /cases/:id/transitions: the target state, the version that was read, and the payload. */
export function transitionCase(id: string, body: TransitionRequest) {
  return apiRequest(`/cases/${encodeURIComponent(id)}/transitions`, caseDetailSchema, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** On success the answer is the updated case; on any error the case is read again. */
export function useTransitionCase(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionRequest) => transitionCase(id, body),
    onSuccess: (updated: CaseDetail) => queryClient.setQueryData(caseQueryKey(id), updated),
    onError: () => queryClient.invalidateQueries({ queryKey: caseQueryKey(id) }),
  });
}
