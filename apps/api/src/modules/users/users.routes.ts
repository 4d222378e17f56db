import { idParamsSchema } from '@jasmin/shared/establishments/schemas';
import {
  createUserSchema,
  resetPasswordSchema,
  roleAssignmentSchema,
  userListSchema,
  userSchema,
} from '@jasmin/shared/users/schemas';
import { z } from 'zod';
import { defineRoute } from '../../lib/route-table';
import { authed } from '../../lib/service-deps';
import * as service from './users.service';

const ADMIN_ONLY = { kind: 'roles', roles: ['ADMIN'] } as const;
const ERRORS = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'INVALID_TOKEN', 'FORBIDDEN', 'READ_ONLY_TOKEN', 'VALIDATION_FAILED', 'CSRF_REJECTED'] as const;

export const userRoutes = [
  defineRoute({
    operationId: 'listUsers',
    method: 'get',
    path: '/users',
    summary: "Les comptes de l'académie (administrateur)",
    tags: ['Comptes'],
    policy: ADMIN_ONLY,
    request: { query: z.object({ establishment: z.uuid().optional(), district: z.uuid().optional() }) },
    response: { status: 200, schema: userListSchema, description: 'Comptes.' },
    errors: [...ERRORS],
    handler: ({ query }, ctx) =>
      service.listUsers(ctx.deps, authed(ctx.meta), { establishmentId: query.establishment, districtId: query.district }),
  }),
  defineRoute({
    operationId: 'getUser',
    method: 'get',
    path: '/users/:id',
    summary: 'Un compte (administrateur)',
    tags: ['Comptes'],
    policy: ADMIN_ONLY,
    request: { params: idParamsSchema },
    response: { status: 200, schema: userSchema, description: 'Compte.' },
    errors: [...ERRORS, 'NOT_FOUND'],
    handler: ({ params }, ctx) => service.getUser(ctx.deps, authed(ctx.meta), params.id),
  }),
  defineRoute({
    operationId: 'createUser',
    method: 'post',
    path: '/users',
    summary: 'Créer un compte (administrateur)',
    tags: ['Comptes'],
    policy: ADMIN_ONLY,
    request: { body: createUserSchema },
    response: { status: 201, schema: userSchema, description: 'Compte créé.' },
    errors: [...ERRORS, 'CONFLICT'],
    handler: ({ body }, ctx) => service.createUser(ctx.deps, authed(ctx.meta), body),
  }),
  defineRoute({
    operationId: 'disableUser',
    method: 'post',
    path: '/users/:id/disable',
    summary: 'Désactiver un compte (ses sessions prennent fin)',
    tags: ['Comptes'],
    policy: ADMIN_ONLY,
    request: { params: idParamsSchema },
    response: { status: 200, schema: userSchema, description: 'Compte désactivé.' },
    errors: [...ERRORS, 'NOT_FOUND', 'CONFLICT'],
    handler: ({ params }, ctx) => service.setUserDisabled(ctx.deps, authed(ctx.meta), params.id, true),
  }),
  defineRoute({
    operationId: 'enableUser',
    method: 'post',
    path: '/users/:id/enable',
    summary: 'Réactiver un compte',
    tags: ['Comptes'],
    policy: ADMIN_ONLY,
    request: { params: idParamsSchema },
    response: { status: 200, schema: userSchema, description: 'Compte réactivé.' },
    errors: [...ERRORS, 'NOT_FOUND'],
    handler: ({ params }, ctx) => service.setUserDisabled(ctx.deps, authed(ctx.meta), params.id, false),
  }),
  defineRoute({
    operationId: 'resetUserPassword',
    method: 'post',
    path: '/users/:id/reset-password',
    summary: 'Définir un nouveau mot de passe (ses sessions prennent fin)',
    tags: ['Comptes'],
    policy: ADMIN_ONLY,
    request: { params: idParamsSchema, body: resetPasswordSchema },
    response: { status: 200, schema: userSchema, description: 'Mot de passe remplacé.' },
    errors: [...ERRORS, 'NOT_FOUND'],
    handler: ({ params, body }, ctx) => service.resetPassword(ctx.deps, authed(ctx.meta), params.id, body.password),
  }),
  defineRoute({
    operationId: 'changeUserRole',
    method: 'put',
    path: '/users/:id/role',
    summary: 'Changer le rôle et le périmètre (ses sessions prennent fin)',
    tags: ['Comptes'],
    policy: ADMIN_ONLY,
    request: { params: idParamsSchema, body: roleAssignmentSchema },
    response: { status: 200, schema: userSchema, description: 'Rôle changé.' },
    errors: [...ERRORS, 'NOT_FOUND', 'CONFLICT'],
    handler: ({ params, body }, ctx) => service.changeRole(ctx.deps, authed(ctx.meta), params.id, body),
  }),
];
