import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseStatuses } from '@jasmin/shared/cases/transitions';
import { OVERDUE_FOLLOW_UP_DAYS, districtOverviewSchema } from '@jasmin/shared/overview/schemas';
import request from 'supertest';
import { createCase, createDistrict, createEstablishment, createSessionCookie, createUser, createWorld, type World } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

// The clock is fixed in the 2025-2026 school year; cases are made in that year.
const NOW = new Date('2026-03-15T12:00:00Z');
const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY_MS);

let t: TestApp;
let w: World;
let admin: string;
let coordinator: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  w = await createWorld(t.db);
  admin = await createSessionCookie(t.db, w.admin.id, NOW);
  coordinator = await createSessionCookie(t.db, w.coordinator.id, NOW);
});
afterAll(async () => {
  await t.close();
});

const overview = (districtId: string, auth: Record<string, string>) =>
  request(t.app).get(`/api/districts/${districtId}/overview`).set(auth);

/** A FOLLOW_UP case whose follow-up started `startedDaysAgo` days ago, with its last interview `interviewDaysAgo` days ago. */
async function followUp(establishmentId: string, opts: { startedDaysAgo: number; interviewDaysAgo?: number }) {
  const c = await createCase(t.db, { establishmentId, status: 'FOLLOW_UP', now: NOW });
  await t.db.prisma.caseEvent.updateMany({ where: { caseId: c.id }, data: { at: daysAgo(opts.startedDaysAgo) } });
  await t.db.prisma.case.update({
    where: { id: c.id },
    data: {
      createdAt: daysAgo(opts.startedDaysAgo),
      lastInterviewOn: opts.interviewDaysAgo === undefined ? null : new Date(`${daysAgo(opts.interviewDaysAgo).toISOString().slice(0, 10)}T00:00:00Z`),
    },
  });
  return c;
}

describe('district overview', () => {
  it('when a district has cases, then each establishment shows its cases of the year per status, and other districts and years are not counted', async () => {
    const district = await createDistrict(t.db, w.academy.id);
    const a = await createEstablishment(t.db, district.id);
    const b = await createEstablishment(t.db, district.id);
    const empty = await createEstablishment(t.db, district.id);
    const elsewhere = await createEstablishment(t.db, w.d2.id);
    for (const status of ['IDENTIFIED', 'IDENTIFIED', 'NOT_FOLLOWED', 'SOLUTION', 'TRANSFERRED', 'STOPPED'] as const) {
      await createCase(t.db, { establishmentId: a.id, status, now: NOW });
    }
    await createCase(t.db, { establishmentId: b.id, status: 'SOLUTION', now: NOW });
    await createCase(t.db, { establishmentId: b.id, status: 'IDENTIFIED', now: new Date('2024-11-01T00:00:00Z') });
    await createCase(t.db, { establishmentId: elsewhere.id, status: 'IDENTIFIED', now: NOW });
    const res = await overview(district.id, { Cookie: admin });

    expect(res.status).toBe(200);
    const body = districtOverviewSchema.parse(res.body);
    expect(body.district).toEqual({ id: district.id, code: district.code, name: district.name });
    expect(body.schoolYear).toBe('2025-2026');
    expect(body.overdueAfterDays).toBe(OVERDUE_FOLLOW_UP_DAYS);
    const zero = Object.fromEntries(caseStatuses.map((s) => [s, 0]));
    const line = (id: string) => body.establishments.find((e) => e.id === id);
    expect(body.establishments.map((e) => e.id).sort()).toEqual([a.id, b.id, empty.id].sort());
    expect(line(a.id)).toEqual({
      id: a.id,
      uai: a.uai,
      name: a.name,
      counts: { ...zero, IDENTIFIED: 2, NOT_FOLLOWED: 1, SOLUTION: 1, TRANSFERRED: 1, STOPPED: 1 },
      total: 6,
      overdue: 0,
    });
    expect(line(b.id)).toMatchObject({ counts: { ...zero, SOLUTION: 1 }, total: 1 });
    expect(line(empty.id)).toMatchObject({ counts: zero, total: 0, overdue: 0 });
    // Counts only: reading them leaves no audit row (this request's; other test files write
    // theirs in the same database meanwhile).
    const requestId = res.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    expect(await t.db.prisma.auditEvent.count({ where: { requestId } })).toBe(0);
  });

  it(`when follow-ups have had no news for more than ${OVERDUE_FOLLOW_UP_DAYS} days, then they are counted as overdue`, async () => {
    const district = await createDistrict(t.db, w.academy.id);
    const e = await createEstablishment(t.db, district.id);
    await followUp(e.id, { startedDaysAgo: 90, interviewDaysAgo: 40 }); // overdue: last interview too old
    await followUp(e.id, { startedDaysAgo: 90, interviewDaysAgo: 10 }); // recent interview
    await followUp(e.id, { startedDaysAgo: 45 }); // overdue: no interview since follow-up started
    await followUp(e.id, { startedDaysAgo: 5 }); // just started
    const reopened = await followUp(e.id, { startedDaysAgo: 90, interviewDaysAgo: 60 });
    await t.db.prisma.caseEvent.create({ data: { caseId: reopened.id, kind: 'REOPEN', fromStatus: 'SOLUTION', toStatus: 'FOLLOW_UP', at: daysAgo(3) } });
    const closed = await createCase(t.db, { establishmentId: e.id, status: 'SOLUTION', now: NOW });
    await t.db.prisma.case.update({ where: { id: closed.id }, data: { lastInterviewOn: daysAgo(100) } });

    const res = await overview(district.id, { Cookie: admin });

    expect(res.status).toBe(200);
    expect(res.body.establishments).toEqual([expect.objectContaining({ id: e.id, total: 6, overdue: 2 })]);
    expect(res.body.establishments[0].counts).toMatchObject({ FOLLOW_UP: 5, SOLUTION: 1 });
  });

  it('when a coordinator asks, then only their district answers; another district is not found', async () => {
    await createCase(t.db, { establishmentId: w.e1.id, status: 'IDENTIFIED', now: NOW });
    const own = await overview(w.d1.id, { Cookie: coordinator });
    expect(own.status).toBe(200);
    expect(own.body.establishments.map((e: { id: string }) => e.id).sort()).toEqual([w.e1.id, w.e2.id].sort());

    const other = await overview(w.d2.id, { Cookie: coordinator });
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'District introuvable.' });
  });

  it('when an administrator of another académie, a head or a referent asks, then they are refused', async () => {
    const foreign = await createWorld(t.db);
    const res = await overview(w.d1.id, { Cookie: await createSessionCookie(t.db, foreign.admin.id, NOW) });
    expect(res.status).toBe(404);
    for (const role of ['HEAD', 'REFERENT'] as const) {
      const u = await createUser(t.db, { academyId: w.academy.id, role, establishmentId: w.e1.id });
      const refused = await overview(w.d1.id, { Cookie: await createSessionCookie(t.db, u.id, NOW) });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('when a district token reads its district, then it gets the counts; another district is not found', async () => {
    const auth = { Authorization: `Bearer ${w.tokenDistrict.secret}` };
    expect((await overview(w.d1.id, auth)).status).toBe(200);
    expect((await overview(w.d2.id, auth)).status).toBe(404);
  });

  it('when the id is not a UUID, then the request is refused as invalid', async () => {
    const res = await overview('pas-un-id', { Cookie: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toHaveProperty(['params.id']);
  });
});
