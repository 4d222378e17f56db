import {
  importAcceptedSchema,
  importRunListSchema,
  importRunSchema,
  type ImportKind,
  type ImportRunView,
} from '@jasmin/shared/imports/schemas';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiRequest } from '../../../lib/api-client';

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 500;

/**
 * Sends the file as multipart (`kind` first, then `file`): the browser writes the
 * multipart Content-Type with its boundary, so none is set here.
 */
export function startImport({ kind, file }: { kind: ImportKind; file: File }) {
  const body = new FormData();
  body.append('kind', kind);
  body.append('file', file, file.name);
  return apiRequest('/imports', importAcceptedSchema, { method: 'POST', body });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startImport,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] }),
  });
}

export const isImportRunning = (run: ImportRunView | undefined) =>
  run !== undefined && (run.status === 'queued' || run.status === 'running');

export const importRunQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['imports', 'run', id] as const,
    queryFn: () => apiRequest(`/imports/${encodeURIComponent(id)}`, importRunSchema),
  });

/**
 * One import, asked again every 500 ms while it is queued or running; once it has finished,
 * the list of past imports is asked again to show its outcome.
 */
export function useImportRun(id: string | undefined) {
  const queryClient = useQueryClient();
  const run = useQuery({
    ...importRunQueryOptions(id ?? ''),
    enabled: id !== undefined,
    refetchInterval: (query) => (isImportRunning(query.state.data) ? IMPORT_POLL_MS : false),
  });
  const finished = run.data !== undefined && !isImportRunning(run.data);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [finished, queryClient]);
  return run;
}

export const importRunsQueryOptions = () =>
  queryOptions({
    queryKey: ['imports', 'list'] as const,
    queryFn: () => apiRequest('/imports', importRunListSchema),
  });

export function useImportRuns() {
  return useQuery(importRunsQueryOptions());
}
