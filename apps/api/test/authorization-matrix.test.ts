import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { routeTable } from '../src/routes';
import type { RouteDefinition } from '../src/lib/route-table';
import { createApiToken, createCase, createPupil, createSessionCookie, createUser, createWorld, randomTestIp, TEST_PASSWORD, unique, type World } from './factories';
import { closeRenderPool } from '../src/modules/pdf/render-pool';
import { createTestApp, type TestApp } from './test-app';

// Every route of the table × every kind of caller × a target in the caller's own
// establishment, in another establishment of the same district, and in another district.
// The expected answer follows from the route's policy and the scope rules; a list must never
// hold a row out of scope. A route added to the table without a line here fails.

type TargetName = 'own' | 'sameDistrict' | 'otherDistrict';
const targets: TargetName[] = ['own', 'sameDistrict', 'otherDistrict'];
const actors = ['anonymous', 'admin', 'coordinator', 'head', 'referent', 'tokenAcademy', 'tokenDistrict', 'tokenExpired', 'tokenRevoked'] as const;
type ActorName = (typeof actors)[number];

interface Target {
  establishmentId: string;
  districtId: string;
  uai: string;
}
interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** multipart/form-data: fields then one file. */
  multipart?: { fields: Record<string, string>; file: { name: string; content: Buffer } };
}
interface MatrixEntry {
  /** What the call touches: an establishment, a district, or nothing scoped (own account, académie-wide). */
  scope: 'establishment' | 'district' | 'none';
  build(w: World, t: Target): Promise<Call>;
  /** Public routes: the status every caller gets. */
  publicStatus?: number;
  /** For callers the policy lets in: their status when it does not follow from the scope alone. */
  statusFor?: (actor: ActorName) => number | undefined;
  /** When out of scope, if not the default (404 for reads and paths with an id, 400 otherwise). */
  outOfScopeStatus?: number;
  /** Lists: the ids of (establishment, district) of each item, to check for leaks. */
  listScope?: (item: Record<string, unknown>) => { establishmentId?: string; districtId?: string };
}

let t: TestApp;
let w: World;

const strongPassword = () => `${unique('Phrase de passe')} solide`;

const matrix: Record<string, MatrixEntry> = {
  getHealth: { scope: 'none', publicStatus: 200, build: async () => ({ path: '/api/health' }) },
  getOpenApiDocument: { scope: 'none', publicStatus: 200, build: async () => ({ path: '/api/openapi.json' }) },
  login: {
    scope: 'none',
    publicStatus: 401,
    // From an address of its own, so these failures do not throttle other tests' logins.
    build: async () => ({
      path: '/api/auth/login',
      body: { email: `${unique('nobody')}@test.invalid`, password: 'pas le bon mot de passe' },
      headers: { 'X-Forwarded-For': randomTestIp() },
    }),
  },
  logout: { scope: 'none', build: async () => ({ path: '/api/auth/logout' }) },
  getMe: { scope: 'none', build: async () => ({ path: '/api/auth/me' }) },
  listEstablishments: {
    scope: 'none',
    build: async () => ({ path: '/api/establishments' }),
    listScope: (item) => ({ establishmentId: String(item.id), districtId: String(item.districtId) }),
  },
  getEstablishment: { scope: 'establishment', build: async (_w, tg) => ({ path: `/api/establishments/${tg.establishmentId}` }) },
  createEstablishment: {
    scope: 'district',
    build: async (_w, tg) => {
      const { randomUai } = await import('./factories');
      return { path: '/api/establishments', body: { uai: randomUai(), name: 'Nouveau lycée', kind: 'COLLEGE', districtId: tg.districtId } };
    },
  },
  updateEstablishment: {
    scope: 'establishment',
    build: async (_w, tg) => ({ path: `/api/establishments/${tg.establishmentId}`, body: { city: 'Ville modifiée' } }),
  },
  listDistricts: {
    scope: 'none',
    build: async () => ({ path: '/api/districts' }),
    listScope: (item) => ({ districtId: String(item.id) }),
  },
  getDistrict: { scope: 'district', build: async (_w, tg) => ({ path: `/api/districts/${tg.districtId}` }) },
  getDistrictOverview: { scope: 'district', build: async (_w, tg) => ({ path: `/api/districts/${tg.districtId}/overview` }) },
  createDistrict: {
    scope: 'none',
    build: async () => ({ path: '/api/districts', body: { code: unique('NEW').toUpperCase(), name: 'Nouveau district' } }),
  },
  updateDistrict: { scope: 'district', build: async (_w, tg) => ({ path: `/api/districts/${tg.districtId}`, body: { name: 'Renommé' } }) },
  listUsers: {
    scope: 'none',
    build: async () => ({ path: '/api/users' }),
    listScope: (item) => ({
      ...(item.establishmentId ? { establishmentId: String(item.establishmentId) } : {}),
      ...(item.districtId ? { districtId: String(item.districtId) } : {}),
    }),
  },
  getUser: {
    scope: 'establishment',
    build: async (wd, tg) => {
      const u = await createUser(t.db, { academyId: wd.academy.id, role: 'REFERENT', establishmentId: tg.establishmentId });
      return { path: `/api/users/${u.id}` };
    },
  },
  createUser: {
    scope: 'establishment',
    build: async (_w, tg) => ({
      path: '/api/users',
      body: { email: `${unique('new')}@test.invalid`, displayName: 'Nouvelle personne', password: strongPassword(), role: 'REFERENT', establishmentId: tg.establishmentId },
    }),
  },
  disableUser: {
    scope: 'establishment',
    build: async (wd, tg) => {
      const u = await createUser(t.db, { academyId: wd.academy.id, role: 'REFERENT', establishmentId: tg.establishmentId });
      return { path: `/api/users/${u.id}/disable` };
    },
  },
  enableUser: {
    scope: 'establishment',
    build: async (wd, tg) => {
      const u = await createUser(t.db, { academyId: wd.academy.id, role: 'REFERENT', establishmentId: tg.establishmentId, disabled: true });
      return { path: `/api/users/${u.id}/enable` };
    },
  },
  resetUserPassword: {
    scope: 'establishment',
    build: async (wd, tg) => {
      const u = await createUser(t.db, { academyId: wd.academy.id, role: 'REFERENT', establishmentId: tg.establishmentId });
      return { path: `/api/users/${u.id}/reset-password`, body: { password: strongPassword() } };
    },
  },
  changeUserRole: {
    scope: 'establishment',
    build: async (wd, tg) => {
      const u = await createUser(t.db, { academyId: wd.academy.id, role: 'REFERENT', establishmentId: tg.establishmentId });
      return { path: `/api/users/${u.id}/role`, body: { role: 'HEAD', establishmentId: tg.establishmentId } };
    },
  },
  listApiTokens: { scope: 'none', build: async () => ({ path: '/api/tokens' }) },
  createApiToken: {
    scope: 'district',
    build: async (_w, tg) => ({ path: '/api/tokens', body: { name: 'Tableau de bord', districtId: tg.districtId, expiresInDays: 30 } }),
  },
  revokeApiToken: {
    scope: 'district',
    build: async (wd, tg) => {
      const token = await createApiToken(t.db, { academyId: wd.academy.id, createdById: wd.admin.id, districtId: tg.districtId });
      return { path: `/api/tokens/${token.id}/revoke` };
    },
  },
  listCases: {
    scope: 'establishment',
    build: async (_w, tg) => {
      await createCase(t.db, { establishmentId: tg.establishmentId });
      return { path: `/api/cases?establishment=${tg.uai}&tab=reperage-annee-precedente` };
    },
  },
  getCase: {
    scope: 'establishment',
    build: async (_w, tg) => ({ path: `/api/cases/${(await createCase(t.db, { establishmentId: tg.establishmentId })).id}` }),
  },
  getFicheEntretienPdf: {
    scope: 'establishment',
    build: async (_w, tg) => ({
      path: `/api/cases/${(await createCase(t.db, { establishmentId: tg.establishmentId })).id}/fiche-entretien.pdf`,
    }),
  },
  getFichesEntretienPdf: {
    scope: 'establishment',
    // One case of its own class, so that the batch renders one fiche, not the whole tab.
    build: async (_w, tg) => {
      const division = unique('M').slice(0, 20);
      const pupil = await createPupil(t.db, tg.establishmentId, { division });
      await createCase(t.db, { establishmentId: tg.establishmentId, status: 'FOLLOW_UP', pupil });
      return { path: `/api/cases/fiches-entretien.pdf?establishment=${tg.uai}&tab=sans-solution&class=${encodeURIComponent(division)}` };
    },
  },
  transitionCase: {
    scope: 'establishment',
    build: async (_w, tg) => {
      const c = await createCase(t.db, { establishmentId: tg.establishmentId });
      return { path: `/api/cases/${c.id}/transitions`, body: { to: 'FOLLOW_UP', version: 0 } };
    },
  },
  createInterview: {
    scope: 'establishment',
    build: async (_w, tg) => {
      const c = await createCase(t.db, { establishmentId: tg.establishmentId, status: 'FOLLOW_UP' });
      return { path: `/api/cases/${c.id}/interviews`, body: { date: '2026-11-20', channel: 'PHONE', reached: 'PUPIL' } };
    },
  },
  updateInterview: {
    scope: 'establishment',
    build: async (wd, tg) => {
      const c = await createCase(t.db, { establishmentId: tg.establishmentId, status: 'FOLLOW_UP' });
      const i = await t.db.prisma.interview.create({
        data: { caseId: c.id, date: new Date('2026-11-20T00:00:00Z'), channel: 'PHONE', reached: 'PUPIL', authorId: wd.head.id, authorName: 'Test' },
      });
      return { path: `/api/cases/${c.id}/interviews/${i.id}`, body: { version: 0, observations: 'Rappeler lundi' } };
    },
  },
  createAtRiskCase: {
    scope: 'establishment',
    outOfScopeStatus: 404,
    build: async (_w, tg) => {
      const p = await createPupil(t.db, tg.establishmentId, { exitDate: null });
      return { path: '/api/cases', body: { pupilId: p.id, source: 'AT_RISK', reason: 'Absences répétées depuis novembre' } };
    },
  },
  searchPupils: {
    scope: 'establishment',
    build: async (_w, tg) => {
      await createPupil(t.db, tg.establishmentId, { familyName: 'Matrice' });
      return { path: `/api/pupils?establishment=${tg.uai}&q=matrice` };
    },
  },
  listTransfers: {
    scope: 'none',
    build: async (wd, tg) => {
      await pendingTransfer(wd, tg);
      return { path: '/api/transfers' };
    },
    listScope: (item) => ({ establishmentId: String(item.establishmentId) }),
  },
  acceptTransfer: {
    scope: 'establishment',
    build: async (wd, tg) => ({ path: `/api/transfers/${await pendingTransfer(wd, tg)}/accept` }),
  },
  startImport: {
    scope: 'none',
    build: async () => ({
      path: '/api/imports',
      multipart: { fields: { kind: 'siecle-eleves' }, file: { name: 'ElevesSansAdresses.xml', content: Buffer.from('<BEE_ELEVES/>') } },
    }),
  },
  listImports: { scope: 'none', build: async () => ({ path: '/api/imports' }) },
  getImport: {
    scope: 'none',
    // Administrators see the académie's runs; others only the runs they started (here: the head's).
    statusFor: (actor) => (actor === 'referent' ? 404 : undefined),
    build: async (wd) => ({ path: `/api/imports/${await importRunBy(wd)}` }),
  },
  listMatchReviews: {
    scope: 'none',
    build: async (wd, tg) => {
      await openReview(wd, tg);
      return { path: '/api/match-reviews' };
    },
    listScope: (item) => ({ establishmentId: String(item.establishmentId) }),
  },
  decideMatchReview: {
    scope: 'establishment',
    build: async (wd, tg) => ({ path: `/api/match-reviews/${await openReview(wd, tg)}/decide`, body: { decision: 'DISTINCT' } }),
  },
  returnTransfer: {
    scope: 'establishment',
    build: async (wd, tg) => ({ path: `/api/transfers/${await pendingTransfer(wd, tg)}/return`, body: { reason: 'Coordonnées erronées' } }),
  },
};

async function importRunBy(wd: World): Promise<string> {
  const run = await t.db.prisma.importRun.create({
    data: { kind: 'SIECLE_ELEVES', status: 'SUCCEEDED', academyId: wd.academy.id, uploadedById: wd.head.id, fileName: 'ElevesSansAdresses.xml', fileSize: 10n },
  });
  return run.id;
}

async function openReview(wd: World, tg: Target): Promise<string> {
  const p = await createPupil(t.db, tg.establishmentId);
  const other = await createPupil(t.db, tg.establishmentId);
  const review = await t.db.prisma.matchReview.create({
    data: { academyId: wd.academy.id, establishmentId: tg.establishmentId, pupilId: p.id, sourceKind: 'REENROLMENT', sourceId: other.id, reason: 'Test' },
  });
  return review.id;
}

async function pendingTransfer(wd: World, tg: Target): Promise<string> {
  const c = await createCase(t.db, { establishmentId: tg.establishmentId, status: 'TRANSFERRED' });
  const tr = await t.db.prisma.transfer.create({
    data: { caseId: c.id, establishmentId: tg.establishmentId, districtId: tg.districtId, platform: 'PSAD', message: 'À suivre', createdById: wd.head.id },
  });
  return tr.id;
}

function targetOf(name: TargetName): Target {
  const e = name === 'own' ? w.e1 : name === 'sameDistrict' ? w.e2 : w.e3;
  return { establishmentId: e.id, districtId: e.districtId, uai: e.uai };
}

/** The scope rules, restated independently of lib/scope.ts. */
function sees(actor: ActorName, where: { establishmentId?: string; districtId?: string }): boolean {
  const districtOfE1 = w.d1.id;
  switch (actor) {
    case 'admin':
    case 'tokenAcademy':
      return true;
    case 'coordinator':
    case 'tokenDistrict':
      return where.districtId === districtOfE1 || (where.establishmentId !== undefined && [w.e1.id, w.e2.id].includes(where.establishmentId));
    case 'head':
    case 'referent':
      return where.establishmentId !== undefined ? where.establishmentId === w.e1.id : where.districtId === districtOfE1;
    default:
      return false;
  }
}

async function authHeaders(actor: ActorName): Promise<Record<string, string>> {
  switch (actor) {
    case 'anonymous':
      return {};
    case 'admin':
    case 'coordinator':
    case 'head':
    case 'referent':
      return { Cookie: await createSessionCookie(t.db, w[actor].id) };
    default:
      return { Authorization: `Bearer ${w[actor].secret}` };
  }
}

function expectedStatus(route: RouteDefinition, entry: MatrixEntry, actor: ActorName, target: Target): number | 'list' {
  if (route.policy.kind === 'public') return entry.publicStatus ?? 200;
  if (actor === 'anonymous' || actor === 'tokenExpired' || actor === 'tokenRevoked') return 401;
  const isToken = actor.startsWith('token');
  if (isToken) {
    if (!(route.policy.kind === 'roles' && route.policy.tokens && route.method === 'get')) return 403;
  } else if (route.policy.kind === 'roles') {
    const role = { admin: 'ADMIN', coordinator: 'COORDINATOR', head: 'HEAD', referent: 'REFERENT' }[actor as 'admin'];
    if (!route.policy.roles.includes(role as never)) return 403;
  }
  const special = entry.statusFor?.(actor);
  if (special !== undefined) return special;
  if (entry.listScope) return 'list';
  const inScope =
    entry.scope === 'none' ||
    (entry.scope === 'establishment' ? sees(actor, { establishmentId: target.establishmentId }) : sees(actor, { districtId: target.districtId }));
  if (inScope) return route.response.status;
  // Out of scope: a read answers 404; a write that names an out-of-scope place is refused as
  // invalid input (400) without saying more, or 404 when the place is in the path.
  return entry.outOfScopeStatus ?? (route.method === 'get' || route.path.includes(':id') ? 404 : 400);
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.db);
});
afterAll(async () => {
  await closeRenderPool();
  await t.close();
});

describe('authorization matrix', () => {
  it('when a route is in the table, then it is in the matrix (and the matrix names no other route)', () => {
    expect(Object.keys(matrix).sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    expect(TEST_PASSWORD.length).toBeGreaterThan(11);
  });

  describe.each(routeTable.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_name, route) => {
    it.each(actors.flatMap((a) => targets.map((tg) => [a, tg] as const)))(
      'when %s calls it on a target in %s, then access follows policy and scope',
      async (actor, targetName) => {
        const entry = matrix[route.operationId];
        if (!entry) throw new Error(`no matrix entry for ${route.operationId}`);
        const target = targetOf(targetName);
        const call = await entry.build(w, target);
        const headers = await authHeaders(actor);
        let req = request(t.app)[route.method](call.path).set({ ...headers, ...call.headers });
        if (call.body !== undefined) req = req.send(call.body as object);
        if (call.multipart) {
          for (const [k, v] of Object.entries(call.multipart.fields)) req = req.field(k, v);
          req = req.attach('file', call.multipart.file.content, call.multipart.file.name);
        }
        const res = await req;
        const expected = expectedStatus(route, entry, actor, target);
        if (expected === 'list') {
          expect(res.status).toBe(200);
          const items = (res.body as { items: Record<string, unknown>[] }).items;
          for (const item of items) {
            const where = entry.listScope?.(item) ?? {};
            // Rows with no establishment or district (e.g. administrators) belong to the académie.
            const visible = where.establishmentId || where.districtId ? sees(actor, where) : actor === 'admin' || actor === 'tokenAcademy';
            expect({ item: item.id, visible }).toEqual({ item: item.id, visible: true });
          }
          if (route.operationId === 'listEstablishments') {
            const ids = items.map((i) => i.id);
            expect(ids.includes(target.establishmentId)).toBe(sees(actor, { establishmentId: target.establishmentId }));
          }
        } else {
          expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({ status: expected });
        }
        if (res.status === 404) {
          // Never a hint: the same body as for an id that does not exist.
          expect(res.body.error.code).toBe('NOT_FOUND');
          expect(JSON.stringify(res.body)).not.toContain(target.establishmentId);
        }
        if (res.status === 403) expect(['FORBIDDEN', 'READ_ONLY_TOKEN']).toContain(res.body.error.code);
      },
    );
  });
});
