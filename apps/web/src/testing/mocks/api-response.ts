import type { ErrorBody, ErrorCode } from '@jasmin/shared/errors';
import { defaultMessageOf, statusOf } from '@jasmin/shared/errors';
import { HttpResponse } from 'msw';
import type { z } from 'zod';

/** A success body checked against the shared schema, so mocks cannot drift from the contract. */
export function okJson<S extends z.ZodType>(schema: S, body: z.input<S>, status = 200) {
  return HttpResponse.json(schema.parse(body) as Record<string, unknown>, { status });
}

/** An error body exactly as the API sends it. */
export function errorJson(
  code: ErrorCode,
  message = defaultMessageOf(code),
  fieldErrors?: Record<string, string[]>,
) {
  const body: ErrorBody = {
    error: { code, message, requestId: 'test-request-id', ...(fieldErrors && { fieldErrors }) },
  };
  return HttpResponse.json(body, { status: statusOf(code) });
}
