import {
  districtListSchema,
  districtSchema,
  establishmentListSchema,
  establishmentSchema,
  type EstablishmentView,
} from '@jasmin/shared/establishments/schemas';
import {
  apiTokenListSchema,
  apiTokenSchema,
  createdApiTokenSchema,
} from '@jasmin/shared/tokens/schemas';
import { userListSchema, userSchema, type UserView } from '@jasmin/shared/users/schemas';
import { http } from 'msw';
import type { z } from 'zod';
import { errorJson, okJson } from './api-response';
import { establishments as baseEstablishments, uuid } from './data';

type District = z.input<typeof districtSchema>;
type Token = z.input<typeof apiTokenSchema>;

export const districts: District[] = [
  { id: uuid(201), code: 'BASSIN-NORD', name: 'Bassin Nord', academyId: uuid(301) },
  { id: uuid(202), code: 'BASSIN-SUD', name: 'Bassin Sud', academyId: uuid(301) },
];

export const users: UserView[] = [
  {
    id: uuid(1),
    email: 'chef@demo.invalid',
    displayName: 'Claire Martin',
    role: 'HEAD',
    districtId: null,
    establishmentId: uuid(101),
    disabled: false,
    createdAt: '2025-09-01T08:00:00.000Z',
  },
  {
    id: uuid(2),
    email: 'coordination@demo.invalid',
    displayName: 'Coordination Bassin Nord',
    role: 'COORDINATOR',
    districtId: uuid(201),
    establishmentId: null,
    disabled: false,
    createdAt: '2025-09-01T08:00:00.000Z',
  },
  {
    id: uuid(3),
    email: 'admin@demo.invalid',
    displayName: 'Administration académique',
    role: 'ADMIN',
    districtId: null,
    establishmentId: null,
    disabled: false,
    createdAt: '2025-09-01T08:00:00.000Z',
  },
];

export const tokens: Token[] = [
  {
    id: uuid(601),
    name: 'Tableau de bord du rectorat',
    prefix: 'abcd1234',
    districtId: null,
    createdAt: '2026-01-05T09:00:00.000Z',
    expiresAt: '2099-04-05T09:00:00.000Z',
    revokedAt: null,
    lastUsedAt: '2026-02-01T09:00:00.000Z',
  },
];

export type Call = { method: string; path: string; body?: unknown };

/**
 * An in-memory administration API over the shared schemas: what is created or changed is
 * listed again. `calls` records every write.
 */
export function adminApi() {
  const state = {
    // Copies: a test's changes never leak into the next one.
    establishments: structuredClone(baseEstablishments) as EstablishmentView[],
    districts: structuredClone(districts),
    users: structuredClone(users),
    tokens: structuredClone(tokens),
  };
  const calls: Call[] = [];
  let next = 900;
  const record = async (request: Request, body = true) => {
    const parsed: unknown = body ? await request.json() : undefined;
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      ...(body && { body: parsed }),
    });
    return parsed as Record<string, unknown>;
  };
  const handlers = [
    http.get('/api/establishments', () =>
      okJson(establishmentListSchema, { items: state.establishments }),
    ),
    http.get('/api/districts', () => okJson(districtListSchema, { items: state.districts })),
    http.get('/api/users', () => okJson(userListSchema, { items: state.users })),
    http.get('/api/tokens', () => okJson(apiTokenListSchema, { items: state.tokens })),
    http.post('/api/establishments', async ({ request }) => {
      const body = await record(request);
      if (state.establishments.some((e) => e.uai === body.uai)) {
        return errorJson('CONFLICT', undefined, { uai: ['Un établissement porte déjà cet UAI.'] });
      }
      const created = establishmentSchema.parse({ id: uuid(next++), city: null, ...body });
      state.establishments.push(created);
      return okJson(establishmentSchema, created, 201);
    }),
    http.patch('/api/establishments/:id', async ({ request, params }) => {
      const body = await record(request);
      const found = state.establishments.find((e) => e.id === params.id);
      if (!found) return errorJson('NOT_FOUND', 'Établissement introuvable.');
      Object.assign(found, body);
      return okJson(establishmentSchema, found);
    }),
    http.post('/api/districts', async ({ request }) => {
      const body = await record(request);
      if (state.districts.some((d) => d.code === body.code)) {
        return errorJson('CONFLICT', undefined, { code: ['Un district porte déjà ce code.'] });
      }
      const created = districtSchema.parse({ id: uuid(next++), academyId: uuid(301), ...body });
      state.districts.push(created);
      return okJson(districtSchema, created, 201);
    }),
    http.patch('/api/districts/:id', async ({ request, params }) => {
      const body = await record(request);
      const found = state.districts.find((d) => d.id === params.id);
      if (!found) return errorJson('NOT_FOUND', 'District introuvable.');
      Object.assign(found, body);
      return okJson(districtSchema, found);
    }),
    http.post('/api/users', async ({ request }) => {
      const body = await record(request);
      if (state.users.some((u) => u.email === body.email)) {
        return errorJson('CONFLICT', undefined, {
          email: ['Un compte utilise déjà cette adresse.'],
        });
      }
      const created = userSchema.parse({
        id: uuid(next++),
        email: body.email,
        displayName: body.displayName,
        role: body.role,
        districtId: body.districtId ?? null,
        establishmentId: body.establishmentId ?? null,
        disabled: false,
        createdAt: '2026-03-01T10:00:00.000Z',
      });
      state.users.push(created);
      return okJson(userSchema, created, 201);
    }),
    http.put('/api/users/:id/role', async ({ request, params }) => {
      const body = await record(request);
      const found = state.users.find((u) => u.id === params.id);
      if (!found) return errorJson('NOT_FOUND', 'Compte introuvable.');
      Object.assign(found, {
        role: body.role,
        districtId: body.districtId ?? null,
        establishmentId: body.establishmentId ?? null,
      });
      return okJson(userSchema, found);
    }),
    http.post('/api/users/:id/:action', async ({ request, params }) => {
      await record(request, params.action === 'reset-password');
      const found = state.users.find((u) => u.id === params.id);
      if (!found) return errorJson('NOT_FOUND', 'Compte introuvable.');
      if (params.action === 'disable' && found.id === uuid(3)) {
        return errorJson('CONFLICT', 'Vous ne pouvez pas désactiver votre propre compte.');
      }
      if (params.action === 'disable' || params.action === 'enable')
        found.disabled = params.action === 'disable';
      return okJson(userSchema, found);
    }),
    http.post('/api/tokens', async ({ request }) => {
      const body = await record(request);
      const token = apiTokenSchema.parse({
        id: uuid(next++),
        name: body.name,
        prefix: 'SeCrEt01',
        districtId: body.districtId ?? null,
        createdAt: '2026-03-01T10:00:00.000Z',
        expiresAt: '2099-05-30T10:00:00.000Z',
        revokedAt: null,
        lastUsedAt: null,
      });
      state.tokens.unshift(token);
      return okJson(
        createdApiTokenSchema,
        { token, secret: 'SeCrEt01-le-secret-complet-du-jeton' },
        201,
      );
    }),
    http.post('/api/tokens/:id/revoke', async ({ request, params }) => {
      await record(request, false);
      const found = state.tokens.find((t) => t.id === params.id);
      if (!found) return errorJson('NOT_FOUND', "Jeton d'accès introuvable.");
      found.revokedAt = '2026-03-01T11:00:00.000Z';
      return okJson(apiTokenSchema, found);
    }),
  ];
  return { handlers, calls, state };
}
