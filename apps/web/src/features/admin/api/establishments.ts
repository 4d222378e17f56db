import {
  districtListSchema,
  districtSchema,
  establishmentListSchema,
  establishmentSchema,
  type createDistrictSchema,
  type createEstablishmentSchema,
  type updateDistrictSchema,
  type updateEstablishmentSchema,
} from '@jasmin/shared/establishments/schemas';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { adminMutationMeta, sendJson } from './admin-request';

export const adminEstablishmentsQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'establishments'] as const,
    queryFn: () => apiRequest('/establishments', establishmentListSchema),
  });

export const adminDistrictsQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'districts'] as const,
    queryFn: () => apiRequest('/districts', districtListSchema),
  });

export function useAdminEstablishments() {
  return useQuery(adminEstablishmentsQueryOptions());
}

export function useAdminDistricts() {
  return useQuery(adminDistrictsQueryOptions());
}

type CreateEstablishment = z.input<typeof createEstablishmentSchema>;
type UpdateEstablishment = z.input<typeof updateEstablishmentSchema>;
type CreateDistrict = z.input<typeof createDistrictSchema>;
type UpdateDistrict = z.input<typeof updateDistrictSchema>;

/** Creates (no id) or edits an establishment; the lists are read again afterwards. */
export function useSaveEstablishment() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: adminMutationMeta,
    mutationFn: (input: { id?: string; body: CreateEstablishment | UpdateEstablishment }) =>
      input.id
        ? sendJson(
            'PATCH',
            `/establishments/${encodeURIComponent(input.id)}`,
            establishmentSchema,
            input.body,
          )
        : sendJson('POST', '/establishments', establishmentSchema, input.body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin', 'establishments'] });
      // The establishment switcher of the banner shows them too.
      void queryClient.invalidateQueries({ queryKey: ['establishments'] });
    },
  });
}

export function useSaveDistrict() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: adminMutationMeta,
    mutationFn: (input: { id?: string; body: CreateDistrict | UpdateDistrict }) =>
      input.id
        ? sendJson(
            'PATCH',
            `/districts/${encodeURIComponent(input.id)}`,
            districtSchema,
            input.body,
          )
        : sendJson('POST', '/districts', districtSchema, input.body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'districts'] }),
  });
}
