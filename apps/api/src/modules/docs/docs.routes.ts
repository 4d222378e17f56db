import { Router } from 'express';
import { z } from 'zod';
import { buildOpenApiDocument } from '../../lib/openapi';
import { defineRoute, type RouteDefinition } from '../../lib/route-table';
import { docsCss, docsPage } from './docs-page';

/**
 * The table this module documents: the application's (routes.ts), with these routes in it.
 * routes.ts hands it over (`documentRoutes`) once built: it lists these routes, so importing it
 * here would be an import cycle (and a lazy `import()` of a TypeScript file is not resolved the
 * same way by every loader the API runs under).
 */
let documentedTable: readonly RouteDefinition[] = [];
export function documentRoutes(table: readonly RouteDefinition[]): void {
  documentedTable = table;
}
function getDocumentedTable(): readonly RouteDefinition[] {
  const table = documentedTable;
  return docsRoutes.every((r) => table.includes(r)) ? table : [...table, ...docsRoutes];
}

export const docsRoutes = [
  defineRoute({
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    summary: "Description OpenAPI 3.1 de l'API (référence lisible : /api/docs)",
    tags: ['Documentation'],
    policy: { kind: 'public' },
    response: {
      status: 200,
      // Permissive on purpose: a record of unknown values is returned as it is, nothing stripped.
      schema: z.record(z.string(), z.unknown()),
      description: 'Le document OpenAPI 3.1 (JSON), produit à partir de la table des routes.',
    },
    errors: [],
    async handler() {
      return buildOpenApiDocument(getDocumentedTable()) as unknown as Record<string, unknown>;
    },
  }),
];

/**
 * The readable reference, as HTML: `GET /docs` and its stylesheet `GET /docs/docs.css`. Not in
 * the route table (whose routes answer JSON); mount it on the API router, before its 404 handler.
 */
export function docsPageRouter(table: readonly RouteDefinition[]): Router {
  const router = Router();
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsPage(table));
  });
  router.get('/docs/docs.css', (_req, res) => {
    res.type('css').send(docsCss());
  });
  return router;
}
