import { idParamsSchema } from '@jasmin/shared/establishments/schemas';
import { apiTokenListSchema, apiTokenSchema, createApiTokenSchema, createdApiTokenSchema } from '@jasmin/shared/tokens/schemas';
import { defineRoute } from '../../lib/route-table';
import { authed } from '../../lib/service-deps';
import * as service from './tokens.service';

const ADMIN_ONLY = { kind: 'roles', roles: ['ADMIN'] } as const;
const ERRORS = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'INVALID_TOKEN', 'FORBIDDEN', 'READ_ONLY_TOKEN', 'CSRF_REJECTED'] as const;

export const tokenRoutes = [
  defineRoute({
    operationId: 'listApiTokens',
    method: 'get',
    path: '/tokens',
    summary: "Les jetons d'accès de l'académie (administrateur)",
    tags: ["Jetons d'accès"],
    policy: ADMIN_ONLY,
    response: { status: 200, schema: apiTokenListSchema, description: 'Jetons (sans leur secret).' },
    errors: [...ERRORS],
    handler: (_input, ctx) => service.listTokens(ctx.deps, authed(ctx.meta)),
  }),
  defineRoute({
    operationId: 'createApiToken',
    method: 'post',
    path: '/tokens',
    summary: "Créer un jeton d'accès en lecture (le secret n'est montré qu'une fois)",
    tags: ["Jetons d'accès"],
    policy: ADMIN_ONLY,
    request: { body: createApiTokenSchema },
    response: { status: 201, schema: createdApiTokenSchema, description: 'Jeton créé, avec son secret.' },
    errors: [...ERRORS, 'VALIDATION_FAILED'],
    handler: ({ body }, ctx) => service.createToken(ctx.deps, authed(ctx.meta), body),
  }),
  defineRoute({
    operationId: 'revokeApiToken',
    method: 'post',
    path: '/tokens/:id/revoke',
    summary: "Révoquer un jeton d'accès",
    tags: ["Jetons d'accès"],
    policy: ADMIN_ONLY,
    request: { params: idParamsSchema },
    response: { status: 200, schema: apiTokenSchema, description: 'Jeton révoqué.' },
    errors: [...ERRORS, 'NOT_FOUND', 'VALIDATION_FAILED'],
    handler: ({ params }, ctx) => service.revokeToken(ctx.deps, authed(ctx.meta), params.id),
  }),
];
