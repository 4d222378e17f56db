import { defaultMessageOf, statusOf, type ErrorBody, type ErrorCode } from '@jasmin/shared/errors';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { AppError } from './app-error';
import { isDatabaseUnavailable } from './db-errors';
import type { Logger } from './logger';
import { requestIdOf } from './request-id';

export function sendError(
  res: Response,
  code: ErrorCode,
  options: { message?: string; fieldErrors?: Record<string, string[]> } = {},
): void {
  const body: ErrorBody = {
    error: {
      code,
      message: options.message ?? defaultMessageOf(code),
      ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}),
      requestId: requestIdOf(res),
    },
  };
  res.status(statusOf(code)).json(body);
}

/** Zod issues → `{ "field.path": ["message", …] }` (root-level issues under "_"). */
export function fieldErrorsOf(error: ZodError, prefix?: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Body-parser errors carry a `type`; map them to our codes without ever echoing the body. */
const bodyParserCodes: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.aborted': 'VALIDATION_FAILED',
};

/**
 * Replaces Express's default handler: one place maps every error to its code and status.
 * Responses never contain a stack trace or the request body; logs never contain the body.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof AppError) {
      if (err.headers) res.set(err.headers);
      sendError(res, err.code, { message: err.message, fieldErrors: err.fieldErrors });
      return;
    }
    const type = (err as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && bodyParserCodes[type]) {
      sendError(res, bodyParserCodes[type]);
      return;
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn({ requestId: requestIdOf(res), method: req.method, route: req.route?.path }, 'database unavailable');
      sendError(res, 'DATABASE_UNAVAILABLE');
      return;
    }
    const safe =
      err instanceof ZodError
        ? { name: 'ZodError', issues: err.issues.map((i) => ({ path: i.path, code: i.code })) }
        : err instanceof Error
          ? { name: err.name, message: err.message, stack: err.stack }
          : { value: typeof err };
    logger.error({ requestId: requestIdOf(res), method: req.method, route: req.route?.path, err: safe }, 'unhandled error');
    sendError(res, 'INTERNAL_ERROR');
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  sendError(res, 'ROUTE_NOT_FOUND');
};
