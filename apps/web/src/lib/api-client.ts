import { errorBodySchema, type ErrorCode } from '@jasmin/shared/errors';
import type { z } from 'zod';

/** An API error as the UI sees it: the stable code and the French message from the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE',
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The session is gone (never opened, expired or closed elsewhere): the user must sign in again. */
export function isSessionLost(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');
}

const NETWORK_MESSAGE = "Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.";

/**
 * Calls the API and parses the answer with the shared schema. An error status whose body is
 * the API's error model becomes an ApiError with its code; anything else is reported plainly.
 */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit & { acceptStatuses?: number[] } = {},
): Promise<z.output<S>> {
  const { acceptStatuses = [], ...requestInit } = init;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      credentials: 'same-origin',
      ...requestInit,
      headers: { Accept: 'application/json', ...requestInit.headers },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_MESSAGE);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok || acceptStatuses.includes(response.status)) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
  }
  const error = errorBodySchema.safeParse(body);
  if (error.success) {
    throw new ApiError(response.status, error.data.error.code, error.data.error.message, error.data.error.fieldErrors);
  }
  throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', `Réponse inattendue du serveur (${response.status}).`);
}
