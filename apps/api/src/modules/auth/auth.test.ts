import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApiToken, createSessionCookie, createUser, createWorld, randomTestIp, TEST_PASSWORD, unique, type World } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

const MIN = 60_000;
const clock = { now: new Date('2026-12-01T08:00:00Z').getTime() };
let t: TestApp;
let w: World;
const secretsSeen: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(clock.now) });
  w = await createWorld(t.db);
});
afterAll(async () => {
  await t.close();
});

async function login(email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) {
  // Each login from its own address unless a test says otherwise (per-IP throttling).
  return request(t.app).post('/api/auth/login').set({ 'X-Forwarded-For': randomTestIp(), ...headers }).send({ email, password });
}

function sessionCookieOf(res: request.Response): string {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = raw.find((c) => c.includes('jasmin_session='));
  if (!cookie) throw new Error('no session cookie');
  const pair = cookie.split(';')[0] ?? '';
  secretsSeen.push(pair.split('=')[1] ?? '');
  return pair;
}

async function auditActions(where: { targetId?: string; actorUserId?: string }) {
  const rows = await t.db.prisma.auditEvent.findMany({ where, orderBy: { id: 'asc' } });
  return rows.map((r) => r.action);
}

describe('login', () => {
  it('when the password is right, then a session cookie (HttpOnly, SameSite=Strict) is set, me answers, and the login is audited', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: w.e1.id });
    const res = await login(user.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: user.id, email: user.email, displayName: user.displayName, role: 'HEAD' });
    expect(res.body.scope).toEqual({ kind: 'establishment', establishmentId: w.e1.id, uai: w.e1.uai, name: w.e1.name });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^jasmin_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    expect(JSON.stringify(res.body)).not.toContain('argon2');

    const cookie = sessionCookieOf(res);
    const stored = await t.db.prisma.session.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(cookie.split('=')[1] ?? 'x'); // only a hash is kept
    const me = await request(t.app).get('/api/auth/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.session.idleTimeoutSeconds).toBe(1800);
    expect(await auditActions({ actorUserId: user.id })).toEqual(['auth.login']);
  });

  it('when served over HTTPS, then the cookie is Secure with the __Host- prefix', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'REFERENT', establishmentId: w.e1.id });
    const res = await login(user.email, TEST_PASSWORD, { 'X-Forwarded-Proto': 'https' });
    expect(res.status).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-jasmin_session=/);
    expect(setCookie).toContain('Secure');
  });

  it('when the password is wrong, the e-mail unknown or the account disabled, then the same 401 in French, audited', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'REFERENT', establishmentId: w.e1.id });
    const disabled = await createUser(t.db, { academyId: w.academy.id, role: 'REFERENT', establishmentId: w.e1.id, disabled: true });
    const bodies = [];
    for (const [email, password] of [
      [user.email, 'pas le bon mot de passe'],
      [`${unique('inconnu')}@test.invalid`, TEST_PASSWORD],
      [disabled.email, TEST_PASSWORD],
    ] as const) {
      const res = await login(email, password);
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      bodies.push({ code: res.body.error.code, message: res.body.error.message });
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Adresse électronique ou mot de passe incorrect.' });
    expect(await auditActions({ targetId: user.id })).toEqual(['auth.login_failed']);
    expect(await auditActions({ targetId: disabled.id })).toEqual(['auth.login_failed']);
  });

  it('when fields are missing, then 400 with French field errors', async () => {
    const res = await request(t.app).post('/api/auth/login').send({ email: 'pas-une-adresse' });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors['body.email']).toEqual(['Adresse électronique invalide.']);
    expect(res.body.error.fieldErrors['body.password']).toBeDefined();
  });
});

describe('sessions', () => {
  it('when the person logs out, then the session ends at once and is audited', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: w.e1.id });
    const cookie = sessionCookieOf(await login(user.email));
    const out = await request(t.app).post('/api/auth/logout').set('Cookie', cookie);
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/jasmin_session=;/);
    const me = await request(t.app).get('/api/auth/me').set('Cookie', cookie);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('SESSION_EXPIRED');
    expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await auditActions({ actorUserId: user.id })).toEqual(['auth.login', 'auth.logout']);
  });

  it('when idle for more than 30 minutes, then the session has expired; activity keeps it alive', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: w.e1.id });
    const cookie = sessionCookieOf(await login(user.email));
    clock.now += 25 * MIN;
    expect((await request(t.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    clock.now += 25 * MIN; // 50 min after login, 25 after the last request
    expect((await request(t.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    clock.now += 31 * MIN;
    const res = await request(t.app).get('/api/auth/me').set('Cookie', cookie);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_EXPIRED');
    expect(res.body.error.message).toBe('Votre session a expiré. Reconnectez-vous.');
  });

  it('when 12 hours have passed since login, then the session ends even if it was used all along', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: w.e1.id });
    const cookie = sessionCookieOf(await login(user.email));
    const start = clock.now;
    while (clock.now < start + 12 * 60 * MIN - 20 * MIN) {
      clock.now += 20 * MIN;
      expect((await request(t.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    }
    clock.now = start + 12 * 60 * MIN;
    expect((await request(t.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it.each([
    ['disabled', (id: string) => ({ path: `/api/users/${id}/disable`, body: undefined, method: 'post' as const })],
    ['given another role', (id: string) => ({ path: `/api/users/${id}/role`, body: { role: 'COORDINATOR', districtId: w.d1.id }, method: 'put' as const })],
    ['given a new password', (id: string) => ({ path: `/api/users/${id}/reset-password`, body: { password: 'une toute nouvelle phrase' }, method: 'post' as const })],
  ])('when an account is %s by an administrator, then all its sessions end at once', async (_what, call) => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'REFERENT', establishmentId: w.e1.id });
    const c1 = sessionCookieOf(await login(user.email));
    const c2 = await createSessionCookie(t.db, user.id, new Date(clock.now));
    const admin = await createSessionCookie(t.db, w.admin.id, new Date(clock.now));
    const { path, body, method } = call(user.id);
    const res = await request(t.app)[method](path).set('Cookie', admin).send(body);
    expect(res.status).toBe(200);
    for (const c of [c1, c2]) expect((await request(t.app).get('/api/auth/me').set('Cookie', c)).status).toBe(401);
    expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('login rate limit', () => {
  it('when an account has 5 failures in 15 minutes, then 429 with Retry-After (even with the right password), and it recovers', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: w.e1.id });
    const ip = { 'X-Forwarded-For': '203.0.113.7' };
    for (let i = 0; i < 5; i += 1) expect((await login(user.email, 'mauvais mot de passe', ip)).status).toBe(401);
    const blocked = await login(user.email, TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(blocked.body.error.message).toMatch(/^Trop de tentatives de connexion\. Réessayez dans \d+ minutes?\.$/);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    clock.now += retryAfter * 1000 + 1000;
    expect((await login(user.email, TEST_PASSWORD, ip)).status).toBe(200);
  });

  it('when one IP fails on many accounts, then that IP is slowed down too, not the other IPs', async () => {
    const ip = { 'X-Forwarded-For': '198.51.100.23' };
    for (let i = 0; i < 30; i += 1) await login(`${unique('x')}@test.invalid`, 'mauvais mot de passe', ip);
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: w.e1.id });
    expect((await login(user.email, TEST_PASSWORD, ip)).status).toBe(429);
    expect((await login(user.email, TEST_PASSWORD, { 'X-Forwarded-For': '198.51.100.24' })).status).toBe(200);
    clock.now += 16 * MIN;
  });
});

describe('CSRF', () => {
  it('when a write comes from another site, then 403 CSRF_REJECTED; from the app itself, it goes through', async () => {
    const user = await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: w.e1.id });
    const cookie = await createSessionCookie(t.db, user.id, new Date(clock.now));
    const evil = await request(t.app).post('/api/auth/logout').set('Cookie', cookie).set('Origin', 'https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('CSRF_REJECTED');
    const crossSite = await request(t.app).post('/api/auth/login').set('Sec-Fetch-Site', 'cross-site').send({ email: user.email, password: TEST_PASSWORD });
    expect(crossSite.status).toBe(403);
    expect((await request(t.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    const same = request(t.app).post('/api/auth/logout').set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin');
    expect((await same).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('when an admin creates a district token, then its secret is shown once and it reads only its district', async () => {
    const admin = await createSessionCookie(t.db, w.admin.id, new Date(clock.now));
    const created = await request(t.app).post('/api/tokens').set('Cookie', admin).send({ name: 'Tableau de bord', districtId: w.d1.id, expiresInDays: 30 });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    secretsSeen.push(secret);
    const list = await request(t.app).get('/api/tokens').set('Cookie', admin);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.body.token.id);

    const bearer = { Authorization: `Bearer ${secret}` };
    const est = await request(t.app).get('/api/establishments').set(bearer);
    expect(est.status).toBe(200);
    expect(est.body.items.map((e: { id: string }) => e.id).sort()).toEqual([w.e1.id, w.e2.id].sort());
    expect((await request(t.app).get(`/api/establishments/${w.e3.id}`).set(bearer)).status).toBe(404);
    const write = await request(t.app).post('/api/districts').set(bearer).send({ code: 'X1', name: 'Non' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('READ_ONLY_TOKEN');
    const uses = await t.db.prisma.auditEvent.findMany({ where: { actorTokenId: created.body.token.id, action: 'token.use' } });
    expect(uses.length).toBe(3);

    const revoked = await request(t.app).post(`/api/tokens/${created.body.token.id}/revoke`).set('Cookie', admin);
    expect(revoked.status).toBe(200);
    const after = await request(t.app).get('/api/establishments').set(bearer);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('INVALID_TOKEN');
  });

  it('when a token has expired or is malformed, then 401 INVALID_TOKEN', async () => {
    const token = await createApiToken(t.db, { academyId: w.academy.id, createdById: w.admin.id, expiresAt: new Date(clock.now + 60_000) });
    expect((await request(t.app).get('/api/districts').set('Authorization', `Bearer ${token.secret}`)).status).toBe(200);
    clock.now += 2 * MIN;
    expect((await request(t.app).get('/api/districts').set('Authorization', `Bearer ${token.secret}`)).body.error.code).toBe('INVALID_TOKEN');
    expect((await request(t.app).get('/api/districts').set('Authorization', 'Basic abc')).status).toBe(401);
  });
});

describe('passwords and accounts', () => {
  it('when an admin sets a short or common password, then 400 with a French reason', async () => {
    const admin = await createSessionCookie(t.db, w.admin.id, new Date(clock.now));
    const base = { email: `${unique('p')}@test.invalid`, displayName: 'Test', role: 'REFERENT', establishmentId: w.e1.id };
    const short = await request(t.app).post('/api/users').set('Cookie', admin).send({ ...base, password: 'court' });
    expect(short.status).toBe(400);
    expect(short.body.error.fieldErrors['body.password']).toEqual(['Le mot de passe doit contenir au moins 12 caractères.']);
    for (const common of ['1qaz2wsx3edc', 'MotDePasse123', '111111111111']) {
      const res = await request(t.app).post('/api/users').set('Cookie', admin).send({ ...base, password: common });
      expect(res.status).toBe(400);
      expect(res.body.error.fieldErrors.password[0]).toMatch(/courants|facile/);
    }
    const ok = await request(t.app).post('/api/users').set('Cookie', admin).send({ ...base, password: 'le jasmin fleurit en hiver' });
    expect(ok.status).toBe(201);
    const dup = await request(t.app).post('/api/users').set('Cookie', admin).send({ ...base, password: 'le jasmin fleurit en hiver' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fieldErrors.email).toEqual(['Un compte utilise déjà cette adresse.']);
    const stored = await t.db.prisma.user.findUniqueOrThrow({ where: { email: base.email } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('when an administrator tries to disable or demote their own account, then 409', async () => {
    const admin = await createSessionCookie(t.db, w.admin.id, new Date(clock.now));
    expect((await request(t.app).post(`/api/users/${w.admin.id}/disable`).set('Cookie', admin)).status).toBe(409);
    expect((await request(t.app).put(`/api/users/${w.admin.id}/role`).set('Cookie', admin).send({ role: 'REFERENT', establishmentId: w.e1.id })).status).toBe(409);
  });
});

describe('audit', () => {
  it('when a change fails, then no audit row is left; audit rows can be neither updated nor deleted', async () => {
    const admin = await createSessionCookie(t.db, w.admin.id, new Date(clock.now));
    const before = await t.db.prisma.auditEvent.count({ where: { action: 'establishment.create', actorUserId: w.admin.id } });
    const dup = await request(t.app).post('/api/establishments').set('Cookie', admin).send({ uai: w.e1.uai, name: 'Doublon', kind: 'COLLEGE', districtId: w.d1.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fieldErrors.uai).toEqual(['Un établissement porte déjà cet UAI.']);
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'establishment.create', actorUserId: w.admin.id } })).toBe(before);

    const row = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { actorUserId: w.admin.id } });
    await expect(t.db.prisma.$executeRawUnsafe(`UPDATE audit_event SET action = 'x' WHERE id = ${row.id}`)).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.$executeRawUnsafe(`DELETE FROM audit_event WHERE id = ${row.id}`)).rejects.toThrow(/append-only/);
    expect((await t.db.prisma.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe(row.action);
  });

  it('when everything above ran, then no password, session secret, token secret or hash appeared in a log line', () => {
    const logs = t.rawLogs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(TEST_PASSWORD);
    expect(logs).not.toContain('$argon2');
    for (const s of secretsSeen) expect(logs).not.toContain(s);
  });
});
