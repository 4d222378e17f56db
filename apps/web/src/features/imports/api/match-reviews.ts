import {
  matchReviewListSchema,
  matchReviewSchema,
  type decideReviewSchema,
} from '@jasmin/shared/imports/schemas';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type ReviewDecision = z.input<typeof decideReviewSchema>['decision'];

export const openReviewsQueryOptions = () =>
  queryOptions({
    queryKey: ['match-reviews', 'OPEN'] as const,
    queryFn: () => apiRequest('/match-reviews?status=OPEN', matchReviewListSchema),
  });

/** The ambiguous matches nobody has decided yet. */
export function useOpenReviews() {
  return useQuery(openReviewsQueryOptions());
}

export function decideReview({ id, decision }: { id: string; decision: ReviewDecision }) {
  const body: z.input<typeof decideReviewSchema> = { decision };
  return apiRequest(
    `/match-reviews/${encodeURIComponent(id)}/decide`,
    matchReviewSchema.nullable(),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    },
  );
}

export function useDecideReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideReview,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['match-reviews'] }),
  });
}
