import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { meQueryKey } from '../features/auth/api/get-me';
import { ApiError, isSessionLost } from '../lib/api-client';

export function createQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // Any query told "no session" (expired, closed elsewhere): check the session again; the
      // session layout then sends the user to the login page, and back here afterwards.
      onError: (error, query) => {
        if (isSessionLost(error) && query.queryKey[0] !== meQueryKey[0]) {
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
        }
      },
    }),
    mutationCache: new MutationCache({
      // Writes that declare it (meta.sessionLostGoesToLogin) do the same when the session is
      // gone. Others (logout, the pupil's file that keeps typed text) handle it themselves.
      onError: (error, _variables, _context, mutation) => {
        if (isSessionLost(error) && mutation.meta?.sessionLostGoesToLogin === true) {
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Client errors (4xx) will not change by retrying.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  return queryClient;
}

export function AppProviders({
  children,
  queryClient,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
