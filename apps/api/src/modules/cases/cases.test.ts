import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseStatuses, transitionKind, type CaseStatus, type TransitionKind } from '@jasmin/shared/cases/transitions';
import request from 'supertest';
import { createCase, createPupil, createSessionCookie, createWorld, type World } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
let w: World;
let head: string;
let coordinator: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.db);
  head = await createSessionCookie(t.db, w.head.id);
  coordinator = await createSessionCookie(t.db, w.coordinator.id);
});
afterAll(async () => {
  await t.close();
});

const validPayload: Record<TransitionKind, Record<string, string>> = {
  NOT_FOLLOW: { comment: 'Inscrit en CAP au lycée voisin' },
  START_FOLLOW_UP: {},
  CLOSE_WITH_SOLUTION: { solutionKind: 'FURTHER_STUDIES', details: 'BTS en alternance' },
  TRANSFER: { platform: 'PSAD', message: 'Jeune injoignable, à reprendre par la PSAD' },
  STOP: { stopReason: 'UNREACHABLE', text: 'Trois appels et un courrier sans réponse' },
  REOPEN: { reason: 'La famille rappelle : pas de solution finalement' },
};
const mandatory: Partial<Record<TransitionKind, string[]>> = {
  CLOSE_WITH_SOLUTION: ['solutionKind', 'details'],
  TRANSFER: ['platform', 'message'],
  STOP: ['stopReason', 'text'],
  REOPEN: ['reason'],
};

const transition = (id: string, body: Record<string, unknown>, cookie = head) =>
  request(t.app).post(`/api/cases/${id}/transitions`).set('Cookie', cookie).send(body);

async function auditCount(targetId: string, action?: string) {
  return t.db.prisma.auditEvent.count({ where: { targetId, ...(action ? { action } : {}) } });
}

describe('transitions', () => {
  const pairs = caseStatuses.flatMap((from) => caseStatuses.map((to) => [from, to] as const));

  it.each(pairs)('when a case in %s is asked to move to %s, then the table decides', async (from: CaseStatus, to: CaseStatus) => {
    const c = await createCase(t.db, { establishmentId: w.e1.id, status: from });
    const kind = transitionKind(from, to);
    const res = await transition(c.id, { to, version: 0, ...(kind ? validPayload[kind] : validPayload.REOPEN) });
    const events = await t.db.prisma.caseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } });
    if (kind) {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(to);
      expect(res.body.version).toBe(1);
      expect(events.map((e) => e.kind)).toEqual(['CREATED', kind]);
      expect(events[1]).toMatchObject({ fromStatus: from, toStatus: to, actorUserId: w.head.id });
      expect(await auditCount(c.id, 'case.transition')).toBe(1);
    } else {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_TRANSITION');
      expect(events).toHaveLength(1);
      expect(await auditCount(c.id)).toBe(0);
      expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe(from);
    }
  });

  it.each(Object.entries(mandatory))('when a %s lacks a mandatory field, then 400 names it and nothing is written', async (kind, fields) => {
    const edge = caseStatuses.flatMap((f) => caseStatuses.map((to) => [f, to] as const)).find(([f, to]) => transitionKind(f, to) === kind);
    if (!edge) throw new Error(kind);
    for (const field of fields ?? []) {
      const c = await createCase(t.db, { establishmentId: w.e1.id, status: edge[0] });
      const body: Record<string, unknown> = { to: edge[1], version: 0, ...validPayload[kind as TransitionKind] };
      delete body[field];
      const res = await transition(c.id, body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fieldErrors)).toContain(`body.${field}`);
      expect(await auditCount(c.id)).toBe(0);
      expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(0);
    }
  });

  it('when the version sent is stale, then 409 VERSION_CONFLICT and nothing changes', async () => {
    const c = await createCase(t.db, { establishmentId: w.e1.id });
    expect((await transition(c.id, { to: 'FOLLOW_UP', version: 0 })).status).toBe(200);
    const stale = await transition(c.id, { to: 'STOPPED', version: 0, ...validPayload.STOP });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.message).toMatch(/Quelqu'un d'autre/);
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('FOLLOW_UP');
  });

  it('when 100 people move the same case at once, then exactly one wins and the history has one transition', async () => {
    const c = await createCase(t.db, { establishmentId: w.e1.id });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => transition(c.id, i % 2 ? { to: 'FOLLOW_UP', version: 0 } : { to: 'NOT_FOLLOWED', version: 0 })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const events = await t.db.prisma.caseEvent.count({ where: { caseId: c.id, kind: { not: 'CREATED' } } });
    expect(events).toBe(1);
    expect(await auditCount(c.id, 'case.transition')).toBe(1);
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(1);
  }, 60_000);

  it('when a coordinator tries to move a case of their district, then 403: they read, the establishment decides', async () => {
    const c = await createCase(t.db, { establishmentId: w.e1.id });
    expect((await transition(c.id, { to: 'FOLLOW_UP', version: 0 }, coordinator)).status).toBe(403);
    expect((await request(t.app).get(`/api/cases/${c.id}`).set('Cookie', coordinator)).status).toBe(200);
  });
});

describe('the pupil file', () => {
  it('when it is read, then pupil, guardians, allowed actions and timeline come back, and the read is audited', async () => {
    const c = await createCase(t.db, { establishmentId: w.e1.id });
    const res = await request(t.app).get(`/api/cases/${c.id}`).set('Cookie', head);
    expect(res.status).toBe(200);
    expect(res.body.allowedTransitions.sort()).toEqual(['FOLLOW_UP', 'NOT_FOLLOWED']);
    expect(res.body.guardians[0]).toMatchObject({ relationship: 'Mère', phoneMobile: '0698765432', isLegalGuardian: true });
    expect(res.body.pupil).toMatchObject({ mobile: '0612345678', division: '2NDE PRO A', exitDate: '2026-06-30' });
    expect(res.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['CREATED']);
    expect(res.body.displayState).toBe('NOTHING_DONE');
    const reads = await t.db.prisma.auditEvent.findMany({ where: { targetId: c.id, action: 'case.read' } });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorUserId: w.head.id, actorKind: 'USER' });
    expect(reads[0]?.requestId).toBe(res.headers['x-request-id']);
  });

  it('when the case belongs to another establishment, then 404 exactly as for an unknown id', async () => {
    const other = await createCase(t.db, { establishmentId: w.e3.id });
    const a = await request(t.app).get(`/api/cases/${other.id}`).set('Cookie', head);
    const b = await request(t.app).get('/api/cases/00000000-0000-4000-8000-000000000000').set('Cookie', head);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect({ ...a.body.error, requestId: '' }).toEqual({ ...b.body.error, requestId: '' });
    expect(await auditCount(other.id)).toBe(0);
  });
});

describe('lists', () => {
  it('when cases are in every state and source, then each tab holds exactly its cases', async () => {
    const e = await (await import('../../../test/factories')).createEstablishment(t.db, w.d1.id);
    const cookie = await createSessionCookie(t.db, (await (await import('../../../test/factories')).createUser(t.db, { academyId: w.academy.id, role: 'REFERENT', establishmentId: e.id })).id);
    const made: Record<string, string> = {};
    for (const status of caseStatuses) made[`prev-${status}`] = (await createCase(t.db, { establishmentId: e.id, status, source: 'PREVIOUS_YEAR' })).id;
    made.current = (await createCase(t.db, { establishmentId: e.id, source: 'CURRENT_YEAR' })).id;
    made.atRisk = (await createCase(t.db, { establishmentId: e.id, source: 'AT_RISK', status: 'FOLLOW_UP' })).id;
    const tab = async (name: string) => {
      const res = await request(t.app).get(`/api/cases?establishment=${e.uai}&tab=${name}&limit=100`).set('Cookie', cookie);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((i) => i.id).sort();
    };
    const ids = (...keys: string[]) => keys.map((k) => made[k]).sort();
    expect(await tab('suivi')).toEqual(ids('prev-FOLLOW_UP', 'prev-SOLUTION', 'prev-TRANSFERRED', 'prev-STOPPED', 'atRisk'));
    expect(await tab('sans-solution')).toEqual(ids('prev-FOLLOW_UP', 'atRisk'));
    expect(await tab('solutions-trouvees')).toEqual(ids('prev-SOLUTION'));
    expect(await tab('reperage-annee-precedente')).toEqual(ids(...caseStatuses.map((s) => `prev-${s}`)));
    expect(await tab('reperage-annee-en-cours')).toEqual(ids('current'));
    expect(await tab('en-cours-de-decrochage')).toEqual(ids('atRisk'));
    const res = await request(t.app).get(`/api/cases?establishment=${e.uai}&tab=reperage-annee-precedente`).set('Cookie', cookie);
    const byStatus = Object.fromEntries(res.body.items.map((i: { status: string; displayState: string }) => [i.status, i.displayState]));
    expect(byStatus).toEqual({ IDENTIFIED: 'NOTHING_DONE', NOT_FOLLOWED: 'NOT_FOLLOWED', FOLLOW_UP: 'FOLLOWED', SOLUTION: 'CLOSED', TRANSFERRED: 'CLOSED', STOPPED: 'CLOSED' });
  });

  it('when searching « eloise », « dupont lefevre » or the INE, then Éloïse Dupont-Lefèvre is found', async () => {
    const pupil = await createPupil(t.db, w.e2.id, { familyName: 'DUPONT-LEFÈVRE', firstName: 'Éloïse', ine: '123456789ZZ' });
    const other = await createPupil(t.db, w.e2.id, { familyName: 'MARTIN', firstName: 'Eloi' });
    await createCase(t.db, { establishmentId: w.e2.id, pupil });
    await createCase(t.db, { establishmentId: w.e2.id, pupil: other });
    for (const q of ['eloise', 'ÉLOÏSE', 'dupont lefevre', 'Dupont-Lefèvre éloïse', '123456789zz']) {
      const res = await request(t.app).get(`/api/cases?establishment=${w.e2.uai}&tab=reperage-annee-precedente&q=${encodeURIComponent(q)}`).set('Cookie', coordinator);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { pupil: { firstName: string } }) => i.pupil.firstName)).toEqual(['Éloïse']);
    }
  });

  it('when a tab has more rows than a page, then cursors walk it in order without repeats', async () => {
    const e = await (await import('../../../test/factories')).createEstablishment(t.db, w.d1.id);
    for (const name of ['Zola', 'Abel', 'Mbappé', 'Éluard', 'Curie', 'Hugo', 'Sand']) {
      await createCase(t.db, { establishmentId: e.id, pupil: await createPupil(t.db, e.id, { familyName: name }) });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/cases?establishment=${e.uai}&tab=reperage-annee-precedente&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await request(t.app).get(url).set('Cookie', coordinator);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { pupil: { familyName: string } }) => i.pupil.familyName));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Abel', 'Curie', 'Éluard', 'Hugo', 'Mbappé', 'Sand', 'Zola']);
    expect((await request(t.app).get(`/api/cases?establishment=${e.uai}&limit=101`).set('Cookie', coordinator)).status).toBe(400);
    expect((await request(t.app).get(`/api/cases?establishment=${e.uai}&cursor=nope`).set('Cookie', coordinator)).status).toBe(400);
  });
});

describe('interviews', () => {
  it('when an interview is entered then corrected, then « Suivi établissement » shows it and the previous text is kept', async () => {
    const c = await createCase(t.db, { establishmentId: w.e1.id, status: 'FOLLOW_UP' });
    const created = await request(t.app).post(`/api/cases/${c.id}/interviews`).set('Cookie', head).send({
      date: '2026-11-20', channel: 'PHONE', reached: 'GUARDIAN', observations: 'Mère jointe, rappeler le jeune', trainingWish: 'CAP cuisine',
    });
    expect(created.status).toBe(201);
    const interview = created.body.interviews[0];
    expect(interview).toMatchObject({ version: 0, channel: 'PHONE', observations: 'Mère jointe, rappeler le jeune', revisions: [] });

    const list = await request(t.app).get(`/api/cases?establishment=${w.e1.uai}&tab=sans-solution&limit=100`).set('Cookie', head);
    const row = list.body.items.find((i: { id: string }) => i.id === c.id);
    expect(row.establishmentFollowUp).toEqual({ lastActionType: 'INTERVIEW_PHONE', lastInterviewDate: '2026-11-20' });

    const edited = await request(t.app).patch(`/api/cases/${c.id}/interviews/${interview.id}`).set('Cookie', head).send({ version: 0, observations: 'Jeune joint le 21, RDV au CIO' });
    expect(edited.status).toBe(200);
    const after = edited.body.interviews[0];
    expect(after).toMatchObject({ version: 1, observations: 'Jeune joint le 21, RDV au CIO', trainingWish: 'CAP cuisine' });
    expect(after.revisions).toHaveLength(1);
    expect(after.revisions[0].data.observations).toBe('Mère jointe, rappeler le jeune');

    const stale = await request(t.app).patch(`/api/cases/${c.id}/interviews/${interview.id}`).set('Cookie', head).send({ version: 0, observations: 'écrasement' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(await auditCount(interview.id, 'interview.create')).toBe(1);
    expect(await auditCount(interview.id, 'interview.update')).toBe(1);
  });

  it('when the case is not under follow-up, or a field is wrong, then the interview is refused', async () => {
    const c = await createCase(t.db, { establishmentId: w.e1.id });
    const res = await request(t.app).post(`/api/cases/${c.id}/interviews`).set('Cookie', head).send({ date: '2026-11-20', channel: 'PHONE', reached: 'PUPIL' });
    expect(res.status).toBe(409);
    const bad = await request(t.app).post(`/api/cases/${c.id}/interviews`).set('Cookie', head).send({ date: '20/11/2026', channel: 'PIGEON', reached: 'PUPIL' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fieldErrors).sort()).toEqual(['body.channel', 'body.date']);
  });
});

describe('transfers', () => {
  async function transferred() {
    const c = await createCase(t.db, { establishmentId: w.e1.id, status: 'FOLLOW_UP' });
    const res = await transition(c.id, { to: 'TRANSFERRED', version: 0, ...validPayload.TRANSFER });
    expect(res.status).toBe(200);
    return { caseId: c.id, transferId: res.body.transfers[0].id as string };
  }

  it('when the coordinator returns a transfer with a reason, then the case is back in follow-up with the reason on its timeline', async () => {
    const { caseId, transferId } = await transferred();
    const inbox = await request(t.app).get('/api/transfers?status=PENDING').set('Cookie', coordinator);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(transferId);
    const res = await request(t.app).post(`/api/transfers/${transferId}/return`).set('Cookie', coordinator).send({ reason: 'Le jeune a déménagé hors du district' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('RETURNED');
    const file = await request(t.app).get(`/api/cases/${caseId}`).set('Cookie', head);
    expect(file.body.status).toBe('FOLLOW_UP');
    const last = file.body.timeline.at(-1);
    expect(last).toMatchObject({ kind: 'TRANSFER_RETURNED', fromStatus: 'TRANSFERRED', toStatus: 'FOLLOW_UP', details: { reason: 'Le jeune a déménagé hors du district' } });
    expect((await request(t.app).post(`/api/transfers/${transferId}/accept`).set('Cookie', coordinator)).status).toBe(409);
    expect(await auditCount(transferId, 'transfer.return')).toBe(1);
  });

  it('when the coordinator accepts a transfer, then it is accepted and the case stays transferred', async () => {
    const { caseId, transferId } = await transferred();
    const res = await request(t.app).post(`/api/transfers/${transferId}/accept`).set('Cookie', coordinator);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ACCEPTED');
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('TRANSFERRED');
    const empty = await request(t.app).post(`/api/transfers/${transferId}/return`).set('Cookie', coordinator).send({ reason: '' });
    expect(empty.status).toBe(400);
  });
});

describe('repérage by hand', () => {
  it('when staff flag an enrolled pupil, then an AT_RISK case appears in « En cours de décrochage »; twice or for a leaver is refused', async () => {
    const pupil = await createPupil(t.db, w.e1.id, { familyName: 'Signalé', exitDate: null });
    const found = await request(t.app).get(`/api/pupils?establishment=${w.e1.uai}&q=signale`).set('Cookie', head);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([pupil.id]);
    const res = await request(t.app).post('/api/cases').set('Cookie', head).send({ pupilId: pupil.id, source: 'AT_RISK', reason: 'Absentéisme depuis la Toussaint' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'AT_RISK', status: 'IDENTIFIED', atRiskReason: 'Absentéisme depuis la Toussaint' });
    expect((await request(t.app).post('/api/cases').set('Cookie', head).send({ pupilId: pupil.id, source: 'AT_RISK', reason: 'x' })).status).toBe(409);
    const leaver = await createPupil(t.db, w.e1.id);
    expect((await request(t.app).post('/api/cases').set('Cookie', head).send({ pupilId: leaver.id, source: 'AT_RISK', reason: 'x' })).status).toBe(409);
    const tab = await request(t.app).get(`/api/cases?establishment=${w.e1.uai}&tab=en-cours-de-decrochage&q=signale`).set('Cookie', head);
    expect(tab.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
    expect(await auditCount(res.body.id, 'case.create')).toBe(1);
  });
});
