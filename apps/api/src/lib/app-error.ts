import { defaultMessageOf, type ErrorCode } from '@jasmin/shared/errors';

/** The only error services throw on purpose: a stable code, a French message, optional field errors. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    options: { message?: string; fieldErrors?: Record<string, string[]>; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? defaultMessageOf(code));
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.headers = options.headers;
  }
}
