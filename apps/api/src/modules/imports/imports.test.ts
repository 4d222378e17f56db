import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createEstablishment, createSessionCookie, createUser, createWorld, type World } from '../../../test/factories';
import { buildElevesXml, buildResponsablesXml, type BuiltPupil } from '../../../test/support/siecle-builder';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { openPostgresDatabase } from '../../db/database';
import { createLogger } from '../../lib/logger';
import { BULK_ROWS } from './bulk';
import { ImportRunner } from './import-runner';
import { importers } from './importers';

// Census date 15/11/2026: school year 2026-2027; « année précédente » = left in 2025-2026.
const CENSUS = '2026-11-15';
let t: TestApp;
let w: World;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ censusDate: CENSUS });
  w = await createWorld(t.db);
  admin = await createSessionCookie(t.db, w.admin.id);
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
const ine = () => `${String(900_000_000 + (seq += 1)).padStart(9, '0')}XY`;

async function upload(cookie: string, kind: string, content: Buffer, name: string) {
  const res = await request(t.app).post('/api/imports').set('Cookie', cookie).field('kind', kind).attach('file', content, name);
  expect(res.status).toBe(202);
  await t.imports.idle();
  const run = await request(t.app).get(`/api/imports/${res.body.id}`).set('Cookie', cookie);
  expect(run.status).toBe(200);
  return run.body;
}

/** A fresh establishment with its head, so each test sees only its own pupils. */
async function school() {
  const e = await createEstablishment(t.db, w.d1.id);
  const head = await createSessionCookie(t.db, (await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: e.id })).id);
  return { e, head };
}

async function casesOf(establishmentId: string) {
  const cases = await t.db.prisma.case.findMany({ where: { establishmentId }, include: { pupil: true } });
  return Object.fromEntries(cases.map((c) => [c.pupil.siecleId, { source: c.source, status: c.status, suggestion: c.suggestion, id: c.id }]));
}

const leaver = (id: string, over: Partial<BuiltPupil> = {}): BuiltPupil => ({
  id, ine: ine(), family: `Élève-${id}`, first: 'Loïc', birth: '14/03/2008', exit: '30/06/2026', ...over,
});

describe('SIECLE pupils import and cross-referencing', () => {
  it('when an export is imported, then leavers aged 16+ become cases by school year, and re-importing changes nothing', async () => {
    const { e, head } = await school();
    const pupils = [
      leaver('1001'), // left in June 2026 → previous year
      leaver('1002', { exit: '10/10/2026' }), // resigned this year → current year
      leaver('1003', { birth: '01/01/2011' }), // under 16 at the census date → not listed
      leaver('1004', { exit: null }), // still enrolled → not listed
      leaver('1005', { exit: '30/06/2024' }), // left two years ago → not this census
      leaver('1006', { family: 'CŒUR', first: 'Bénédicte', ine: null }), // no INE: imported, flagged
    ];
    const xml = buildElevesXml({ uai: e.uai, year: 2026, pupils });
    const run = await upload(head, 'siecle-eleves', xml, 'ElevesSansAdresses.xml');
    expect(run).toMatchObject({ status: 'succeeded', kind: 'siecle-eleves', report: { created: 6, updated: 0, unchanged: 0 } });
    expect(run.progress.read).toBe(run.progress.total);
    const cases = await casesOf(e.id);
    expect(Object.keys(cases).sort()).toEqual(['1001', '1002', '1006']);
    expect(cases['1001']).toMatchObject({ source: 'PREVIOUS_YEAR', status: 'IDENTIFIED' });
    expect(cases['1002']).toMatchObject({ source: 'CURRENT_YEAR', status: 'IDENTIFIED' });
    const coeur = await t.db.prisma.pupil.findFirstOrThrow({ where: { establishmentId: e.id, siecleId: '1006' } });
    expect(coeur).toMatchObject({ familyName: 'CŒUR', firstName: 'Bénédicte', division: '1CAP1', ine: null });

    // The head decides on one case; re-importing the same file changes nothing, and never a decision.
    const decided = await request(t.app).post(`/api/cases/${cases['1001']?.id}/transitions`).set('Cookie', head).send({ to: 'FOLLOW_UP', version: 0 });
    expect(decided.status).toBe(200);
    const again = await upload(head, 'siecle-eleves', xml, 'ElevesSansAdresses.xml');
    expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    const after = await casesOf(e.id);
    expect(Object.keys(after).sort()).toEqual(['1001', '1002', '1006']);
    expect(after['1001']?.status).toBe('FOLLOW_UP');

    const list = await request(t.app).get(`/api/cases?establishment=${e.uai}&tab=reperage-annee-en-cours`).set('Cookie', head);
    expect(list.body.items.map((i: { pupil: { firstName: string } }) => i.pupil.firstName)).toEqual(['Loïc']);
    expect(await t.db.prisma.auditEvent.count({ where: { targetId: run.id, action: 'import.run' } })).toBe(1);
  });

  it('when the guardians file is imported, then each pupil gets its legal guardian with phone and address', async () => {
    const { e, head } = await school();
    await upload(head, 'siecle-eleves', buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver('2001')] }), 'e.xml');
    const resp = buildResponsablesXml({ uai: e.uai, year: 2026, links: [{ eleveId: '2001', family: 'LEFÈVRE', first: 'Anaïs', mobile: '0611223344' }, { eleveId: '9999', family: 'X', first: 'Y', mobile: '0600000000' }] });
    const run = await upload(head, 'siecle-responsables', resp, 'ResponsablesAvecAdresses.xml');
    expect(run.status).toBe('succeeded');
    expect(run.report.created).toBe(1);
    expect(run.report.rejected).toEqual([{ ref: 'ELEVE_ID 9999', reason: "Élève inconnu dans cet établissement : importez d'abord le fichier des élèves." }]);
    const c = (await casesOf(e.id))['2001'];
    const file = await request(t.app).get(`/api/cases/${c?.id}`).set('Cookie', head);
    expect(file.body.guardians).toEqual([
      expect.objectContaining({ familyName: 'LEFÈVRE', firstName: 'Anaïs', phoneMobile: '0611223344', relationship: 'Mère', isLegalGuardian: true, address: expect.stringContaining("rue de l'Église") }),
    ]);
    expect((await upload(head, 'siecle-responsables', resp, 'r.xml')).report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    // A link to a person the file does not hold: reported with the pupil, who keeps the others.
    const withMissing = Buffer.from(
      resp.toString('latin1').replace('</RESPONSABLES>', '<RESPONSABLE_ELEVE><ELEVE_ID>2001</ELEVE_ID><PERSONNE_ID>P99</PERSONNE_ID><RESP_LEGAL>2</RESP_LEGAL></RESPONSABLE_ELEVE>\n</RESPONSABLES>'),
      'latin1',
    );
    const missing = await upload(head, 'siecle-responsables', withMissing, 'r2.xml');
    expect(missing.report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(missing.report.rejected).toEqual([
      { ref: 'PERSONNE_ID P99', reason: "Responsable absent du fichier (lien avec l'élève 2001)." },
      { ref: 'ELEVE_ID 9999', reason: "Élève inconnu dans cet établissement : importez d'abord le fichier des élèves." },
    ]);
    // Changed guardians replace the former ones (counted as updated); the same file again changes nothing.
    const changed = buildResponsablesXml({ uai: e.uai, year: 2026, links: [{ eleveId: '2001', family: 'LEFÈVRE', first: 'Anaïs', mobile: '0699887766' }] });
    expect((await upload(head, 'siecle-responsables', changed, 'r3.xml')).report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const replaced = await request(t.app).get(`/api/cases/${c?.id}`).set('Cookie', head);
    expect(replaced.body.guardians).toEqual([expect.objectContaining({ familyName: 'LEFÈVRE', phoneMobile: '0699887766' })]);
    expect((await upload(head, 'siecle-responsables', changed, 'r4.xml')).report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    // A pupil whose only linked person is absent from the file: none before, none now — unchanged, reported.
    await upload(head, 'siecle-eleves', buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver('2001'), leaver('2002')] }), 'e2.xml');
    const onlyMissing = Buffer.from(
      changed.toString('latin1').replace('</RESPONSABLES>', '<RESPONSABLE_ELEVE><ELEVE_ID>2002</ELEVE_ID><PERSONNE_ID>P98</PERSONNE_ID><RESP_LEGAL>1</RESP_LEGAL></RESPONSABLE_ELEVE>\n</RESPONSABLES>'),
      'latin1',
    );
    const none = await upload(head, 'siecle-responsables', onlyMissing, 'r5.xml');
    expect(none.report).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(none.report.rejected).toEqual([{ ref: 'PERSONNE_ID P98', reason: "Responsable absent du fichier (lien avec l'élève 2002)." }]);
    expect(await t.db.prisma.guardian.count({ where: { pupil: { establishmentId: e.id } } })).toBe(1);
    // References are checked again after an import (the embedded database skips the checks during its writes only).
    await expect(t.db.prisma.guardian.create({ data: { pupilId: randomUUID(), familyName: 'ORPHELIN' } })).rejects.toThrow(/foreign key/i);
  });

  it('when a file holds more rows than one batch, then it goes through a temporary table with the same result', async () => {
    const { e, head } = await school();
    // More pupils than a batch (BULK_ROWS, 2,000) and guardians for more pupils than theirs (1,000): two batches each.
    const ids = Array.from({ length: BULK_ROWS + 1 }, (_, i) => String(30000 + i));
    const eleves = buildElevesXml({ uai: e.uai, year: 2026, pupils: ids.map((id, i) => leaver(id, { exit: i === 0 ? '30/06/2026' : null })) });
    expect((await upload(head, 'siecle-eleves', eleves, 'big.xml')).report).toMatchObject({ created: BULK_ROWS + 1, updated: 0, unchanged: 0 });
    const links = ids.slice(0, 1001).map((id) => ({ eleveId: id, family: `PARENT-${id}`, first: 'Anaïs', mobile: '0611223344' }));
    const resp = buildResponsablesXml({ uai: e.uai, year: 2026, links });
    expect((await upload(head, 'siecle-responsables', resp, 'big-r.xml')).report).toMatchObject({ created: 1001, updated: 0, unchanged: 0, rejected: [] });
    expect(await t.db.prisma.guardian.count({ where: { pupil: { establishmentId: e.id } } })).toBe(1001);
    expect(Object.keys(await casesOf(e.id))).toEqual([ids[0]]);
    expect((await upload(head, 'siecle-eleves', eleves, 'big2.xml')).report).toMatchObject({ created: 0, updated: 0, unchanged: BULK_ROWS + 1 });
    expect((await upload(head, 'siecle-responsables', resp, 'big-r2.xml')).report).toMatchObject({ created: 0, updated: 0, unchanged: 1001 });
  });

  it('when the file names an establishment outside the importer’s scope, then the run fails in French and nothing is imported', async () => {
    const { head } = await school();
    const run = await upload(head, 'siecle-eleves', buildElevesXml({ uai: w.e3.uai, year: 2026, pupils: [leaver('3001')] }), 'e.xml');
    expect(run.status).toBe('failed');
    expect(run.error).toBe(`L'établissement ${w.e3.uai} du fichier est inconnu ou hors de votre périmètre : rien n'a été importé.`);
    expect(await t.db.prisma.pupil.count({ where: { establishmentId: w.e3.id, siecleId: '3001' } })).toBe(0);
  });

  it('when the XML is truncated, then the run fails with the place of the fault and nothing is imported', async () => {
    const { e, head } = await school();
    const xml = buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver('4001'), leaver('4002')] });
    const run = await upload(head, 'siecle-eleves', xml.subarray(0, xml.length - 200), 'tronque.xml');
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/ligne \d+/);
    expect(await t.db.prisma.pupil.count({ where: { establishmentId: e.id } })).toBe(0);
  });
});

describe('solutions from other sources', () => {
  it('when a leaver obtained a diploma, enrolled in a CFA or re-enrolled elsewhere, then no case is opened and the solution is recorded', async () => {
    const { e, head } = await school();
    const other = await createEstablishment(t.db, w.d2.id);
    const graduate = leaver('5001', { family: 'Dupont-Lefèvre', first: 'Éloïse', ine: null, birth: '02/05/2008' });
    const apprentice = leaver('5002');
    const moved = leaver('5003');
    const plain = leaver('5004');
    const exam = ['INE;Nom;Prénom;Date de naissance;Diplôme;Session;Résultat', `;DUPONT LEFEVRE;Eloise;02/05/2008;CAP Cuisine;2026;Admis`].join('\n');
    expect((await upload(admin, 'exam-results', Buffer.from(exam, 'latin1'), 'resultats.csv')).status).toBe('succeeded');
    const cfa = ['ine,nom,prenom,date_naissance,uai,siret,etablissement,type,date_debut,date_fin', `${apprentice.ine},${apprentice.family},Loïc,14/03/2008,,12345678900011,CFA du Bâtiment,CFA,01/09/2026,`].join('\n');
    expect((await upload(admin, 'training-enrolments', Buffer.from(cfa, 'utf8'), 'cfa.csv')).status).toBe('succeeded');
    const otherHead = await createSessionCookie(t.db, (await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: other.id })).id);
    await upload(otherHead, 'siecle-eleves', buildElevesXml({ uai: other.uai, year: 2026, pupils: [{ ...moved, id: '9003', exit: null, entry: '01/09/2026' }] }), 'o.xml');

    await upload(head, 'siecle-eleves', buildElevesXml({ uai: e.uai, year: 2026, pupils: [graduate, apprentice, moved, plain] }), 'e.xml');
    expect(Object.keys(await casesOf(e.id))).toEqual(['5004']);
    const solutions = await t.db.prisma.pupil.findMany({ where: { establishmentId: e.id }, orderBy: { siecleId: 'asc' }, select: { knownSolution: true } });
    expect(solutions.map((s) => s.knownSolution)).toEqual([
      'diplôme obtenu — CAP Cuisine (session 2026)',
      'inscrit en formation — CFA du Bâtiment (CFA, depuis le 01/09/2026)',
      `réinscrit — ${other.name} (${other.uai})`,
      null,
    ]);
  });

  it('when a solution appears after a case was opened, then it is suggested on the case, whose status does not change', async () => {
    const { e, head } = await school();
    const p = leaver('6001');
    await upload(head, 'siecle-eleves', buildElevesXml({ uai: e.uai, year: 2026, pupils: [p] }), 'e.xml');
    expect((await casesOf(e.id))['6001']).toMatchObject({ status: 'IDENTIFIED', suggestion: null });
    const cfa = ['ine;nom;prenom;date_naissance;uai;etablissement;type;date_debut', `${p.ine};${p.family};Loïc;14/03/2008;0990005T;Lycée agricole de Montclair;LYCEE_AGRICOLE;05/11/2026`].join('\n');
    expect((await upload(admin, 'training-enrolments', Buffer.from(cfa, 'utf8'), 'cfa.csv')).status).toBe('succeeded');
    const c = (await casesOf(e.id))['6001'];
    expect(c?.status).toBe('IDENTIFIED');
    expect(c?.suggestion).toBe('Solution détectée : inscrit en formation — Lycée agricole de Montclair (lycée agricole, depuis le 05/11/2026)');
  });

  it('when two results share the name and birth date of a pupil without INE, then nothing is merged until a person decides', async () => {
    const { e, head } = await school();
    const p = leaver('7001', { ine: null, family: 'Martin', first: 'Zoé', birth: '09/09/2008' });
    const exam = ['ine;nom;prenom;date_naissance;diplome;session;resultat', `111111111AA;MARTIN;Zoé;09/09/2008;CAP Vente;2026;ADMIS`, `222222222BB;Martin;Zoe;09/09/2008;BAC PRO Commerce;2026;Admis`].join('\n');
    await upload(admin, 'exam-results', Buffer.from(exam, 'utf8'), 'r.csv');
    await upload(head, 'siecle-eleves', buildElevesXml({ uai: e.uai, year: 2026, pupils: [p] }), 'e.xml');
    expect((await casesOf(e.id))['7001']?.status).toBe('IDENTIFIED');
    const reviews = await request(t.app).get('/api/match-reviews').set('Cookie', head);
    const mine = reviews.body.items.filter((r: { pupil: { firstName: string } }) => r.pupil.firstName === 'Zoé');
    expect(mine).toHaveLength(2);
    expect(mine[0].reason).toBe('Plusieurs correspondances possibles par nom, prénom et date de naissance.');
    const cap = mine.find((r: { candidate: { diploma: string } }) => r.candidate.diploma === 'CAP Vente');
    const decided = await request(t.app).post(`/api/match-reviews/${cap.id}/decide`).set('Cookie', head).send({ decision: 'MERGED' });
    expect(decided.status).toBe(200);
    const c = (await casesOf(e.id))['7001'];
    expect(c?.suggestion).toBe('Solution détectée : diplôme obtenu — CAP Vente (session 2026)');
    expect((await request(t.app).post(`/api/match-reviews/${cap.id}/decide`).set('Cookie', head).send({ decision: 'DISTINCT' })).status).toBe(409);
  });
});

describe('uploads', () => {
  it('when the upload is malformed, then a clear French error and no run', async () => {
    const { head } = await school();
    const before = await t.db.prisma.importRun.count();
    const noFile = await request(t.app).post('/api/imports').set('Cookie', head).field('kind', 'siecle-eleves');
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.fieldErrors.file).toEqual(['Joignez le fichier à importer (champ « file »).']);
    const badKind = await request(t.app).post('/api/imports').set('Cookie', head).field('kind', 'sconet').attach('file', Buffer.from('x'), 'x.xml');
    expect(badKind.status).toBe(400);
    expect(Object.keys(badKind.body.error.fieldErrors)).toEqual(['kind']);
    const json = await request(t.app).post('/api/imports').set('Cookie', head).send({ kind: 'siecle-eleves' });
    expect(json.status).toBe(415);
    const referentOnAcademyFile = await request(t.app).post('/api/imports').set('Cookie', head).field('kind', 'exam-results').attach('file', Buffer.from('a;b'), 'r.csv');
    expect(referentOnAcademyFile.status).toBe(403);
    expect(await t.db.prisma.importRun.count()).toBe(before);
  });

  it('when the file exceeds the upload limit, then 413 and nothing is kept', async () => {
    const small = await createTestApp({ uploadLimitBytes: 1024 });
    try {
      const cookie = await createSessionCookie(small.db, w.head.id);
      const res = await request(small.app).post('/api/imports').set('Cookie', cookie).field('kind', 'siecle-eleves').attach('file', Buffer.alloc(4096, 'a'), 'gros.xml');
      expect(res.status).toBe(413);
      expect(res.body.error.message).toMatch(/Fichier trop volumineux/);
    } finally {
      await small.close();
    }
  });
});

describe('diploma holders', () => {
  it('when a leaver holds a diploma, then they are not listed but can still be found and flagged by hand', async () => {
    const { e, head } = await school();
    const p = leaver('8001', { family: 'Diplômée', first: 'Inès' });
    const exam = ['ine;nom;prenom;date_naissance;diplome;session;resultat', `${p.ine};Diplômée;Inès;14/03/2008;BAC PRO;2026;Admis`].join('\n');
    await upload(admin, 'exam-results', Buffer.from(exam, 'utf8'), 'r.csv');
    await upload(head, 'siecle-eleves', buildElevesXml({ uai: e.uai, year: 2026, pupils: [p] }), 'e.xml');
    expect(await casesOf(e.id)).toEqual({});
    const found = await request(t.app).get(`/api/pupils?establishment=${e.uai}&q=diplomee`).set('Cookie', head);
    expect(found.body.items).toHaveLength(1);
    const wrong = await request(t.app).post('/api/cases').set('Cookie', head).send({ pupilId: found.body.items[0].id, source: 'AT_RISK', reason: 'x' });
    expect(wrong.status).toBe(409);
    const flagged = await request(t.app).post('/api/cases').set('Cookie', head).send({ pupilId: found.body.items[0].id, source: 'PREVIOUS_YEAR', reason: 'Diplômée mais sans emploi, à accompagner' });
    expect(flagged.status).toBe(201);
    expect(flagged.body).toMatchObject({ source: 'PREVIOUS_YEAR', status: 'IDENTIFIED' });
  });
});

describe('the runner pipeline (next files parsed while the current one is written)', () => {
  /** The importers, reporting stage and apply in order, each apply first awaiting `applyHold`. */
  function observedImporters(applyHold?: (runFile: string) => Promise<void>) {
    const events: string[] = [];
    const name = (p: string) => basename(p).replace(/\.upload.*$/, '');
    const wrapped = Object.fromEntries(
      Object.entries(importers).map(([kind, imp]) => [
        kind,
        {
          stage: async (ctx: Parameters<typeof imp.stage>[0]) => {
            events.push(`stage ${name(ctx.filePath)}`);
            try {
              return await imp.stage(ctx);
            } finally {
              events.push(`staged ${name(ctx.filePath)}`);
            }
          },
          apply: async (ctx: Parameters<typeof imp.apply>[0], staged: Parameters<typeof imp.apply>[1]) => {
            events.push(`apply ${name(ctx.stagePath)}`);
            await applyHold?.(name(ctx.stagePath));
            const counts = await imp.apply(ctx, staged);
            events.push(`applied ${name(ctx.stagePath)}`);
            return counts;
          },
        },
      ]),
    ) as typeof importers;
    return { importers: wrapped, events };
  }

  /** A runner on the test database whose importers report stage and apply, in order. */
  function pipelinedRunner(applyHold?: (runFile: string) => Promise<void>) {
    const { importers: wrapped, events } = observedImporters(applyHold);
    const runner = new ImportRunner({ db: t.db, logger: createLogger('silent'), now: () => new Date(), censusDate: CENSUS, importers: wrapped });
    return { runner, events };
  }

  const dir = mkdtempSync(join(tmpdir(), 'jasmin-pipeline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function queuedRun(kind: 'SIECLE_ELEVES' | 'SIECLE_RESPONSABLES', file: string, content: Buffer) {
    const path = join(dir, `${file}.upload`);
    writeFileSync(path, content);
    return t.db.prisma.importRun.create({ data: { kind, academyId: w.academy.id, fileName: file, fileSize: BigInt(content.length), storedPath: path } });
  }

  it('when several runs are queued, then each applies in submission order, one transaction at a time, all or nothing each', async () => {
    const { e } = await school();
    const other = await createEstablishment(t.db, w.d2.id);
    const first = leaver('9101');
    const second = leaver('9102');
    const v1 = buildElevesXml({ uai: e.uai, year: 2026, pupils: [first, second] });
    const guardians = buildResponsablesXml({ uai: e.uai, year: 2026, links: [{ eleveId: '9101', family: 'LEFÈVRE', first: 'Anaïs', mobile: '0611223344' }] });
    const v2 = buildElevesXml({ uai: e.uai, year: 2026, pupils: [{ ...first, first: 'Loïc-Marie' }, second] });
    const runs = [
      await queuedRun('SIECLE_ELEVES', 'a-eleves', v1),
      await queuedRun('SIECLE_RESPONSABLES', 'b-responsables', guardians),
      await queuedRun('SIECLE_ELEVES', 'c-eleves-v2', v2),
      await queuedRun('SIECLE_ELEVES', 'd-autre', buildElevesXml({ uai: other.uai, year: 2026, pupils: [leaver('9201')] })),
    ];
    const { runner, events } = pipelinedRunner();
    const ended = runs.map((r) => runner.enqueue(r.id));
    expect(await t.db.prisma.importRun.count({ where: { id: { in: runs.map((r) => r.id) }, status: 'QUEUED' } })).toBeGreaterThanOrEqual(1);
    await Promise.all(ended);
    await runner.idle();

    const done = await t.db.prisma.importRun.findMany({ where: { id: { in: runs.map((r) => r.id) } } });
    const byId = new Map(done.map((r) => [r.id, r]));
    expect(runs.map((r) => byId.get(r.id)?.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(runs.map((r) => byId.get(r.id)).map((r) => [r?.created, r?.updated, r?.unchanged])).toEqual([[2, 0, 0], [1, 0, 0], [0, 1, 1], [1, 0, 0]]);
    // Applied in queue order, never two at once; staged in queue order too.
    const applies = events.filter((x) => x.startsWith('apply'));
    expect(applies).toEqual(['apply a-eleves', 'apply b-responsables', 'apply c-eleves-v2', 'apply d-autre']);
    for (const n of ['a-eleves', 'b-responsables', 'c-eleves-v2']) {
      expect(events.indexOf(`applied ${n}`)).toBeLessThan(events.findIndex((x, i) => i > events.indexOf(`apply ${n}`) && x.startsWith('apply ') && x !== `apply ${n}`));
    }
    expect(events.filter((x) => x.startsWith('stage ')).map((x) => x.slice(6))).toEqual(['a-eleves', 'b-responsables', 'c-eleves-v2', 'd-autre']);
    const finished = runs.map((r) => byId.get(r.id)?.finishedAt?.getTime() ?? 0);
    expect([...finished].sort((a, b) => a - b)).toEqual(finished);
    const pupil = await t.db.prisma.pupil.findFirstOrThrow({ where: { establishmentId: e.id, siecleId: '9101' }, include: { guardians: true } });
    expect(pupil.firstName).toBe('Loïc-Marie');
    expect(pupil.guardians.map((g) => g.familyName)).toEqual(['LEFÈVRE']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when a file staged ahead is malformed, then only its run fails; the run in its transaction and the next ones succeed', async () => {
    const { e } = await school();
    const other = await createEstablishment(t.db, w.d2.id);
    const good = buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver('9301'), leaver('9302')] });
    const bad = buildElevesXml({ uai: other.uai, year: 2026, pupils: [leaver('9401'), leaver('9402')] });
    const runs = [
      await queuedRun('SIECLE_ELEVES', 'a-bon', good),
      await queuedRun('SIECLE_ELEVES', 'b-tronque', bad.subarray(0, bad.length - 200)),
      await queuedRun('SIECLE_ELEVES', 'c-bon', buildElevesXml({ uai: other.uai, year: 2026, pupils: [leaver('9501')] })),
    ];
    // The first run's transaction waits (a while at most) for the malformed file to have been read.
    let badRead: () => void = () => undefined;
    const badReadPromise = new Promise<void>((resolve) => {
      badRead = resolve;
    });
    const { runner, events } = pipelinedRunner(async (file) => {
      if (file !== 'a-bon') return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([badReadPromise, new Promise((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
    });
    const watcher = setInterval(() => {
      if (events.includes('staged b-tronque')) badRead();
    }, 5);
    try {
      // As the upload route and the CLI do: the runs' rows, so their files are parsed without waiting for the database.
      for (const r of runs) void runner.enqueue(r);
      await runner.idle();
    } finally {
      clearInterval(watcher);
    }
    const done = new Map((await t.db.prisma.importRun.findMany({ where: { id: { in: runs.map((r) => r.id) } } })).map((r) => [r.id, r]));
    expect(runs.map((r) => done.get(r.id)?.status)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);
    expect(done.get(runs[1]?.id ?? '')?.error).toMatch(/ligne \d+/);
    expect(done.get(runs[1]?.id ?? '')?.storedPath).toBeNull();
    expect(await t.db.prisma.pupil.count({ where: { establishmentId: e.id } })).toBe(2);
    expect(await t.db.prisma.pupil.findMany({ where: { establishmentId: other.id }, select: { siecleId: true } })).toEqual([{ siecleId: '9501' }]);
    expect(events).not.toContain('apply b-tronque');
    // The malformed file was read while the first run was in its transaction, on the embedded
    // database too (one session: the run's own queries wait for that transaction, its parsing does not).
    expect(events.indexOf('staged b-tronque')).toBeLessThan(events.indexOf('applied a-bon'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when the process stops right after an import has committed, then its run is already marked succeeded (not failed at the next start)', async () => {
    const { e } = await school();
    const run = await queuedRun('SIECLE_ELEVES', 'commit-then-stop', buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver('9601')] }));
    // The database as the runner sees it: once a transaction has committed, the process is gone
    // (every further call fails), as if it had been killed at that point.
    let stopped = false;
    const prisma = new Proxy(t.db.prisma, {
      get(target, prop) {
        if (stopped) throw new Error('process stopped');
        const value: unknown = Reflect.get(target, prop);
        if (prop === '$transaction') {
          return async (...args: Parameters<typeof target.$transaction>) => {
            const result = await (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
            stopped = true;
            return result;
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const runner = new ImportRunner({ db: { ...t.db, prisma }, logger: createLogger('silent'), now: () => new Date(), censusDate: CENSUS, importers });
    await runner.enqueue(run);
    await runner.idle();
    expect(stopped).toBe(true);
    expect(await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'SUCCEEDED', created: 1, storedPath: null, finishedAt: expect.any(Date) });
    expect(await t.db.prisma.pupil.count({ where: { establishmentId: e.id, siecleId: '9601' } })).toBe(1);
    // The next start finds nothing of it to fail.
    const restarted = new ImportRunner({ db: t.db, logger: createLogger('silent'), now: () => new Date(), censusDate: CENSUS, importers });
    await restarted.recoverInterrupted();
    expect((await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('SUCCEEDED');
  });

  it('when a stopped process left runs behind, then start-up marks them failed and deletes their uploads and staging files', async () => {
    const upload = join(dir, 'interrupted.upload');
    writeFileSync(upload, 'x');
    writeFileSync(`${upload}.staged.ndjson`, '{}\n');
    const run = await t.db.prisma.importRun.create({
      data: { kind: 'SIECLE_ELEVES', academyId: w.academy.id, fileName: 'e.xml', fileSize: 1n, storedPath: upload, status: 'RUNNING' },
    });
    const { runner } = pipelinedRunner();
    expect(await runner.recoverInterrupted()).toBeGreaterThanOrEqual(1);
    expect(await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'FAILED', storedPath: null, error: expect.stringMatching(/interrompu/) });
    expect(readdirSync(dir)).toEqual([]);
  });

  // Several processes share a server's database (the embedded one is one process's: its folder is locked).
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer('when another process starts while this one has runs queued or running, then it leaves them alone, and fails them once this process is gone', async () => {
    const { e } = await school();
    // "This process": a database handle of its own (its own connections, as another process has).
    const mine = openPostgresDatabase(process.env.DATABASE_URL as string, { max: 2 });
    const other = new ImportRunner({ db: t.db, logger: createLogger('silent'), now: () => new Date(), censusDate: CENSUS, importers });
    try {
      const runner = new ImportRunner({ db: mine, logger: createLogger('silent'), now: () => new Date(), censusDate: CENSUS, importers });
      const claimedRun = async (file: string, status: 'QUEUED' | 'RUNNING') => {
        const path = join(dir, `${file}.upload`);
        const content = buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver(file.slice(-4))] });
        writeFileSync(path, content);
        const id = randomUUID();
        await runner.claim(id);
        return mine.prisma.importRun.create({ data: { id, kind: 'SIECLE_ELEVES', academyId: w.academy.id, fileName: file, fileSize: BigInt(content.length), storedPath: path, status } });
      };
      const queued = await claimedRun('live-queued-9701', 'QUEUED');
      const running = await claimedRun('live-running-9702', 'RUNNING');
      // A run left by a process that is gone: nobody holds its lock.
      const orphan = await t.db.prisma.importRun.create({ data: { kind: 'SIECLE_ELEVES', academyId: w.academy.id, fileName: 'gone', fileSize: 1n, status: 'RUNNING' } });

      expect(await other.recoverInterrupted()).toBeGreaterThanOrEqual(1);
      const statusOf = async (id: string) => (await t.db.prisma.importRun.findUniqueOrThrow({ where: { id } })).status;
      expect([await statusOf(queued.id), await statusOf(running.id), await statusOf(orphan.id)]).toEqual(['QUEUED', 'RUNNING', 'FAILED']);
      // Nor does this process's own sweep (server.ts, every minute) fail its runs.
      await runner.recoverInterrupted();
      expect([await statusOf(queued.id), await statusOf(running.id)]).toEqual(['QUEUED', 'RUNNING']);
      expect(readdirSync(dir).sort()).toEqual(['live-queued-9701.upload', 'live-running-9702.upload']);

      // This process goes on with its queued run; the other process cannot run it.
      await other.enqueue(queued.id);
      expect(await statusOf(queued.id)).toBe('QUEUED');
      await runner.enqueue(queued);
      expect(await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: 'SUCCEEDED', created: 1 });

      // This process is gone (its connections closed, as when it is killed): its unfinished run is failed at the next start.
      await mine.close();
      expect(await other.recoverInterrupted()).toBeGreaterThanOrEqual(1);
      expect(await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ status: 'FAILED', storedPath: null, error: expect.stringMatching(/interrompu/) });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await mine.close();
    }
  });

  /** Importers whose apply waits for `open()` (once `entered` has resolved: the run is in its transaction). */
  function heldImporters() {
    let open: () => void = () => undefined;
    let enter: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const entered = new Promise<void>((resolve) => (enter = resolve));
    const { importers: held } = observedImporters(() => {
      enter();
      return gate;
    });
    return { held, entered, open };
  }

  onServer('when another process starts while a file uploaded to this one is being imported, then it leaves the run alone, and the run succeeds', async () => {
    const { e } = await school();
    const { held, entered, open } = heldImporters();
    const mine = await createTestApp({ db: openPostgresDatabase(process.env.DATABASE_URL as string, { max: 4 }), censusDate: CENSUS, importers: held });
    try {
      const head = await createSessionCookie(t.db, (await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: e.id })).id);
      const res = await request(mine.app).post('/api/imports').set('Cookie', head).field('kind', 'siecle-eleves').attach('file', buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver('9801')] }), 'e.xml');
      expect(res.status).toBe(202);
      await entered;
      const other = new ImportRunner({ db: t.db, logger: createLogger('silent'), now: () => new Date(), censusDate: CENSUS, importers });
      await other.recoverInterrupted();
      expect((await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: res.body.id } })).status).toBe('RUNNING');
      open();
      await mine.imports.idle();
      expect(await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: res.body.id } })).toMatchObject({ status: 'SUCCEEDED', created: 1 });
    } finally {
      open();
      await mine.close();
    }
  });

  onServer('when a run is failed by another process while in its transaction (its lock lost), then the transaction is rolled back and the run stays failed', async () => {
    const { e } = await school();
    const { held, entered, open } = heldImporters();
    const runner = new ImportRunner({ db: t.db, logger: createLogger('silent'), now: () => new Date(), censusDate: CENSUS, importers: held });
    const run = await queuedRun('SIECLE_ELEVES', 'lost-lock', buildElevesXml({ uai: e.uai, year: 2026, pupils: [leaver('9802')] }));
    const ended = runner.enqueue(run);
    await entered;
    // What another process's start-up does with a run whose lock it could take.
    await t.db.prisma.importRun.update({ where: { id: run.id }, data: { status: 'FAILED', error: 'échoué ailleurs', storedPath: null } });
    open();
    await ended;
    expect(await t.db.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'FAILED', error: 'échoué ailleurs' });
    expect(await t.db.prisma.pupil.count({ where: { establishmentId: e.id, siecleId: '9802' } })).toBe(0);
  });
});
