import type { Role } from '@jasmin/shared/auth/schemas';
import type { ErrorCode } from '@jasmin/shared/errors';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../app-context';
import type { RequestMeta } from './actor';
import type { ServiceDeps } from './service-deps';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route. Which rows they may touch is the repositories' business (scope
 * filters in lib/scope.ts): out of scope answers 404, never 403.
 * - public: anyone;
 * - session: any signed-in person (not a token);
 * - roles: signed-in people with one of these roles, and reporting tokens when `tokens`
 *   (only on GET routes: tokens are read-only).
 */
export type Policy =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'roles'; roles: readonly Role[]; tokens?: boolean };

export interface HandlerContext {
  app: AppContext;
  requestId: string;
  /** Who asks, with the request id and IP: what services receive. */
  meta: RequestMeta;
  /** Database and clock, as services take them. */
  deps: ServiceDeps;
  /** Sets a status other than the route's declared success status (e.g. 503 for health). */
  setStatus(status: number): void;
  /** Only for the HTTP layer (cookies, headers); never passed into services. */
  req: Request;
  res: Response;
}

export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** Express-style path under /api, e.g. `/cases/:id`. */
  path: string;
  summary: string;
  tags: string[];
  policy: Policy;
  request?: { params?: P; query?: Q; body?: B };
  /**
   * The success answer. `contentType` (e.g. `application/pdf`): the handler writes a file to
   * `ctx.res` itself and returns undefined; OpenAPI documents a binary body of that type.
   */
  response: { status: number; schema: R; description: string; contentType?: string };
  /** Error codes this route can answer with (documented in OpenAPI). */
  errors: ErrorCode[];
  handler(
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
    ctx: HandlerContext,
  ): Promise<z.input<R>>;
}

/** Declares a route with full type inference; the table in `routes.ts` collects them. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  route: RouteDefinition<P, Q, B, R>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}
