import { healthResponseSchema } from '@jasmin/shared/health/schemas';
import { defineRoute } from '../../lib/route-table';

export const healthRoutes = [
  defineRoute({
    operationId: 'getHealth',
    method: 'get',
    path: '/health',
    summary: "État de l'API et de sa base de données",
    tags: ['Santé'],
    policy: { kind: 'public' },
    response: {
      status: 200,
      schema: healthResponseSchema,
      description: 'API et base de données disponibles (503 et `database: "unavailable"` sinon).',
    },
    errors: [],
    async handler(_input, ctx) {
      const databaseOk = await ctx.app.db.ping();
      if (!databaseOk) ctx.setStatus(503);
      return databaseOk
        ? ({ status: 'ok', database: 'ok' } as const)
        : ({ status: 'degraded', database: 'unavailable' } as const);
    },
  }),
];
