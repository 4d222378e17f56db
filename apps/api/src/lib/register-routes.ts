import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../app-context';
import { AppError } from './app-error';
import { fieldErrorsOf } from './error-handler';
import { requestIdOf } from './request-id';
import type { RouteDefinition } from './route-table';

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
  const router = Router();
  for (const route of table) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const input = parseRequest(route, req);
      let status = route.response.status;
      const output = await route.handler(input as never, {
        app,
        requestId: requestIdOf(res),
        setStatus: (s) => {
          status = s;
        },
        req,
        res,
      });
      const body = route.response.schema.parse(output);
      res.status(status).json(body);
    });
  }
  return router;
}
