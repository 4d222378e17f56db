import {
  caseDetailSchema,
  type CaseDetail,
  type createInterviewSchema,
  type updateInterviewSchema,
} from '@jasmin/shared/cases/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { caseQueryKey } from './get-case';

export type CreateInterviewBody = z.output<typeof createInterviewSchema>;
export type UpdateInterviewBody = z.output<typeof updateInterviewSchema>;

/** POST /cases/:id/interviews: a new fiche « suivi » (201, the case). */
export function createInterview(caseId: string, body: CreateInterviewBody) {
  return apiRequest(`/cases/${encodeURIComponent(caseId)}/interviews`, caseDetailSchema, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** PATCH /cases/:id/interviews/:interviewId: the changed fields and the version that was read. */
export function updateInterview(caseId: string, interviewId: string, body: UpdateInterviewBody) {
  return apiRequest(
    `/cases/${encodeURIComponent(caseId)}/interviews/${encodeURIComponent(interviewId)}`,
    caseDetailSchema,
    {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    },
  );
}

export function useCreateInterview(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInterviewBody) => createInterview(caseId, body),
    onSuccess: (updated: CaseDetail) => queryClient.setQueryData(caseQueryKey(caseId), updated),
    onError: () => queryClient.invalidateQueries({ queryKey: caseQueryKey(caseId) }),
  });
}

export function useUpdateInterview(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ interviewId, body }: { interviewId: string; body: UpdateInterviewBody }) =>
      updateInterview(caseId, interviewId, body),
    onSuccess: (updated: CaseDetail) => queryClient.setQueryData(caseQueryKey(caseId), updated),
    onError: () => queryClient.invalidateQueries({ queryKey: caseQueryKey(caseId) }),
  });
}
