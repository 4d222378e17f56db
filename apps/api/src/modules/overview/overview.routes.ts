import { idParamsSchema } from '@jasmin/shared/establishments/schemas';
import { districtOverviewSchema } from '@jasmin/shared/overview/schemas';
import { defineRoute } from '../../lib/route-table';
import { authed } from '../../lib/service-deps';
import { getDistrictOverview } from './overview.service';

export const overviewRoutes = [
  defineRoute({
    operationId: 'getDistrictOverview',
    method: 'get',
    path: '/districts/:id/overview',
    summary: "Vue du district : suivis de l'année par état et suivis en retard, par établissement",
    tags: ['Établissements'],
    // Coordinators read their district, administrators any district of their académie,
    // reporting tokens their district or académie: counts only, no personal data.
    policy: { kind: 'roles', roles: ['ADMIN', 'COORDINATOR'], tokens: true },
    request: { params: idParamsSchema },
    response: { status: 200, schema: districtOverviewSchema, description: 'Comptes par établissement du district.' },
    errors: ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'INVALID_TOKEN', 'FORBIDDEN', 'VALIDATION_FAILED', 'NOT_FOUND'],
    handler: ({ params }, ctx) => getDistrictOverview(ctx.deps, authed(ctx.meta), params.id),
  }),
];
