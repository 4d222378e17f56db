import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../app-context';
import { AppError } from './app-error';
import { fieldErrorsOf } from './error-handler';
import { requestIdOf } from './request-id';
import type { Actor } from './actor';
import { resolveActor } from './authenticate';
import type { Policy, RouteDefinition } from './route-table';

/** Applies a route's policy to the actor: 401 for nobody, 403 for a role or token that may never call it. */
function authorize(policy: Policy, actor: Actor, method: string): void {
  if (policy.kind === 'public') return;
  if (actor.kind === 'anonymous') throw new AppError(actor.reason ?? 'UNAUTHENTICATED');
  if (actor.kind === 'system') return;
  if (actor.kind === 'token') {
    if (policy.kind === 'roles' && policy.tokens && method === 'get') return;
    throw new AppError(method === 'get' ? 'FORBIDDEN' : 'READ_ONLY_TOKEN');
  }
  if (policy.kind === 'roles' && !policy.roles.includes(actor.role)) throw new AppError('FORBIDDEN');
}

/** Routes are checked once at start-up: tokens are only ever allowed on reads. */
export function assertRouteTable(table: readonly RouteDefinition[]): void {
  const seen = new Set<string>();
  for (const r of table) {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key) || seen.has(r.operationId)) throw new Error(`route declared twice: ${key} (${r.operationId})`);
    seen.add(key).add(r.operationId);
    if (r.policy.kind === 'roles' && r.policy.tokens && r.method !== 'get') {
      throw new Error(`route ${key} lets tokens write: tokens are read-only`);
    }
  }
}

type Part = 'params' | 'query' | 'body';

/** Parses every declared part of the request; reports the faults of all parts at once. */
function parseRequest(route: RouteDefinition, req: Request): Record<Part, unknown> {
  const parsed: Record<Part, unknown> = { params: undefined, query: undefined, body: undefined };
  let fieldErrors: Record<string, string[]> | undefined;
  for (const part of ['params', 'query', 'body'] as const) {
    const schema: z.ZodType | undefined = route.request?.[part];
    if (!schema) continue;
    const result = schema.safeParse(req[part]);
    if (result.success) parsed[part] = result.data;
    else fieldErrors = { ...fieldErrors, ...fieldErrorsOf(result.error, part) };
  }
  if (fieldErrors) throw new AppError('VALIDATION_FAILED', { fieldErrors });
  return parsed;
}

/**
 * Registers every route of the table on one router. Inputs are parsed with the route's
 * schemas (the handler only sees parsed values); outputs are parsed with the response
 * schema, which also strips any field the contract does not name.
 */
export function buildRouter(table: readonly RouteDefinition[], app: AppContext): Router {
  assertRouteTable(table);
  const router = Router();
  for (const route of table) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      // Public routes (health, login) never touch the session store.
      const actor: Actor = route.policy.kind === 'public' ? { kind: 'anonymous' } : await resolveActor(app, req, res);
      authorize(route.policy, actor, route.method);
      const input = parseRequest(route, req);
      let status = route.response.status;
      const output = await route.handler(input as never, {
        app,
        requestId: requestIdOf(res),
        meta: { actor, requestId: requestIdOf(res), ip: req.ip },
        deps: { db: app.db, now: app.now },
        setStatus: (s) => {
          status = s;
        },
        req,
        res,
      });
      // A file route has answered (or is streaming) through ctx.res itself.
      if (route.response.contentType) return;
      const body = route.response.schema.parse(output);
      res.status(status).json(body);
    });
  }
  return router;
}
