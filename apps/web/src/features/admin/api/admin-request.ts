import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** A JSON write to the API (POST, PATCH, PUT), parsed with the shared response schema. */
export function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  schema: S,
  body?: unknown,
) {
  return apiRequest(path, schema, {
    method,
    ...(body !== undefined && {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
}

/** Every write of the administration screens: a lost session sends back to the login page. */
export const adminMutationMeta = { sessionLostGoesToLogin: true } as const;
