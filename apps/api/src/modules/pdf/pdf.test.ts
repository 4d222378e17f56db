import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseTabLabels } from '@jasmin/shared/cases/schemas';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  createCase,
  createPupil,
  createSessionCookie,
  createUser,
  createWorld,
  type World,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { buildOpenApiDocument } from '../../lib/openapi';
import type { RouteDefinition } from '../../lib/route-table';
import { schoolYearLabel } from '../../lib/school-year';
import { routeTable } from '../../routes';
import { SECTION_TITLES } from './fiche-entretien';
import { checkPdfStructure } from './pdf-concat';
import { binaryParser, extractPdf, mediaBoxes } from './pdf-test-support';
import { parisIsoDay } from './pdf-text';
import { pdfRoutes } from './pdf.routes';
import { BATCH_CHUNK } from './batch-parts';
import { closeRenderPool } from './render-pool';

/** The application's table, with the PDF routes before /cases/:id if routes.ts does not list them yet. */
const wired = routeTable.some((r) => r.operationId === 'getFichesEntretienPdf');
const table: readonly RouteDefinition[] = wired ? routeTable : [...pdfRoutes, ...routeTable];

let t: TestApp;
let w: World;
let head: string;
let referent: string;
let coordinator: string;

beforeAll(async () => {
  t = await createTestApp({ routes: table });
  w = await createWorld(t.db);
  head = await createSessionCookie(t.db, w.head.id);
  referent = await createSessionCookie(t.db, w.referent.id);
  coordinator = await createSessionCookie(t.db, w.coordinator.id);
});
afterAll(async () => {
  await closeRenderPool();
  await t.close();
});

const getPdf = (path: string, cookie: string) =>
  request(t.app).get(path).set('Cookie', cookie).buffer(true).parse(binaryParser);

const audits = (targetId: string, action: string) =>
  t.db.prisma.auditEvent.findMany({ where: { targetId, action }, orderBy: { id: 'asc' } });

/** A pupil as SIECLE has them: accents, a usage name, two legal guardians and another contact. */
async function eloise(establishmentId: string, overrides: { birthDate?: Date } = {}) {
  const pupil = await createPupil(t.db, establishmentId, {
    familyName: 'DUPONT-LEFÈVRE',
    firstName: 'Éloïse',
    birthDate: overrides.birthDate ?? new Date('2010-05-02T00:00:00Z'),
    division: '1RE PRO MÉLEC',
  });
  await t.db.prisma.pupil.update({
    where: { id: pupil.id },
    data: {
      firstName2: 'Cécile',
      phone: '01 43 55 12 34',
      mobile: '06 11 22 33 44',
      email: 'eloise.dupont@example.invalid',
      address: '12 rue de l’Église, 75011 Paris',
    },
  });
  await t.db.prisma.guardian.createMany({
    data: [
      {
        pupilId: pupil.id,
        rank: 1,
        civility: 'M.',
        familyName: 'DUPONT',
        firstName: 'Jérôme',
        relationship: 'Père',
        isLegalGuardian: true,
        phoneHome: '01 48 00 00 01',
        phoneWork: '01 40 00 00 02',
        email: 'jerome@example.invalid',
        address: '3 allée des Cèdres, 93100 Montreuil',
      },
      {
        pupilId: pupil.id,
        rank: 2,
        civility: 'Mme',
        familyName: 'LEFÈVRE',
        firstName: 'Françoise',
        relationship: 'Grand-mère',
        isLegalGuardian: false,
        phoneMobile: '07 00 00 00 03',
      },
    ],
  });
  return pupil;
}

describe('the fiche entretien of one pupil', () => {
  it('when a head prints it, then the PDF carries the SIECLE contact details, the six sections with accents intact, and is audited', async () => {
    const pupil = await eloise(w.e1.id);
    const c = await createCase(t.db, { establishmentId: w.e1.id, status: 'FOLLOW_UP', pupil });
    const res = await getPdf(`/api/cases/${c.id}/fiche-entretien.pdf`, head);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const day = parisIsoDay(new Date());
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="fiche-entretien_DUPONT-LEFEVRE_Eloise_${day}.pdf"; ` +
        `filename*=UTF-8''fiche-entretien_DUPONT-LEF%C3%88VRE_%C3%89lo%C3%AFse_${day}.pdf`,
    );
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Number(res.headers['content-length'])).toBe(body.length);
    for (const box of mediaBoxes(body)) expect(box.map(Math.round)).toEqual([0, 0, 595, 842]); // A4

    const pdf = await extractPdf(body);
    expect(pdf.info).toMatchObject({
      Title: 'Fiche entretien - DUPONT-LEFÈVRE Éloïse',
      Language: 'fr-FR',
    });
    const text = pdf.text;
    // Header: establishment, UAI, school year, date printed, who printed, confidentiality.
    for (const expected of [
      w.e1.name,
      `UAI ${w.e1.uai}`,
      `Année scolaire ${schoolYearLabel(new Date())}`,
      'Imprimée le',
      'Personne de test',
      "Document confidentiel : données personnelles d'un mineur.",
    ]) {
      expect(text).toContain(expected);
    }
    // The pupil.
    for (const expected of [
      'DUPONT-LEFÈVRE',
      'Éloïse, Cécile',
      '02/05/2010',
      pupil.ine as string,
      '1RE PRO MÉLEC',
      '02/09/2024',
      '30/06/2026',
      'code SIECLE 01',
      '01 43 55 12 34',
      '06 11 22 33 44',
      'eloise.dupont@example.invalid',
      '12 rue de l’Église, 75011 Paris',
    ]) {
      expect(text).toContain(expected);
    }
    // Each legal guardian (civility, names, link, phones, e-mail, address), then the other contact.
    for (const expected of [
      'Mme DUPONT-LEFÈVRE Nadia (Mère)',
      '0698765432',
      'parent@example.invalid',
      'M. DUPONT Jérôme (Père)',
      '01 48 00 00 01',
      '01 40 00 00 02',
      'jerome@example.invalid',
      '3 allée des Cèdres, 93100 Montreuil',
      'Autres personnes à contacter',
      'Mme LEFÈVRE Françoise (Grand-mère)',
      '07 00 00 00 03',
    ]) {
      expect(text).toContain(expected);
    }
    // The six sections to fill by hand, with their choices.
    for (const title of SECTION_TITLES) expect(text).toContain(title);
    for (const choice of [
      'Téléphone',
      'Entretien physique',
      'Courriel',
      'Un responsable légal',
      "Poursuite d'études",
      'Mission locale',
      'Injoignable après plusieurs tentatives',
      'Déménagement',
    ]) {
      expect(text).toContain(choice);
    }
    // Every page says whose fiche it is; the last one ends it.
    expect(pdf.numPages).toBe(2);
    for (const page of pdf.pages)
      expect(page).toContain(
        `Fiche entretien · DUPONT-LEFÈVRE Éloïse · ${w.e1.uai} · Confidentiel`,
      );
    expect(pdf.pages[pdf.numPages - 1]).toContain(
      'Fin de la fiche entretien de DUPONT-LEFÈVRE Éloïse.',
    );

    const rows = await audits(c.id, 'case.pdf');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorKind: 'USER',
      actorUserId: w.head.id,
      targetType: 'case',
      details: { filled: false },
    });
    expect(t.logs.filter((l) => Number(l.level) >= 40)).toEqual([]);
  });

  it('when the pupil is of age, then the notice does not call them a minor', async () => {
    const c = await createCase(t.db, {
      establishmentId: w.e1.id,
      pupil: await eloise(w.e1.id, { birthDate: new Date('2006-01-10T00:00:00Z') }),
    });
    const pdf = await extractPdf(
      (await getPdf(`/api/cases/${c.id}/fiche-entretien.pdf`, referent)).body as Buffer,
    );
    expect(pdf.text).toContain('Document confidentiel : données personnelles.');
    expect(pdf.text).not.toContain('mineur');
  });

  it('when names hold characters the PDF fonts lack, then they print readably instead of as wrong glyphs', async () => {
    const pupil = await createPupil(t.db, w.e1.id, {
      familyName: 'WOŁOSZYN-NGUYỄN',
      firstName: 'Łucja',
    });
    await t.db.prisma.pupil.update({
      where: { id: pupil.id },
      data: { address: '5 chemin des Érables → bâtiment B 🏠' },
    });
    const c = await createCase(t.db, { establishmentId: w.e1.id, pupil });
    const res = await getPdf(`/api/cases/${c.id}/fiche-entretien.pdf`, head);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      'filename="fiche-entretien_WOLOSZYN-NGUYEN_Lucja_',
    );
    expect(res.headers['content-disposition']).toContain(
      "filename*=UTF-8''fiche-entretien_WO%C5%81OSZYN-NGUY%E1%BB%84N_%C5%81ucja_",
    );
    const text = (await extractPdf(res.body as Buffer)).text;
    expect(text).toContain('WOLOSZYN-NGUYEN');
    expect(text).toContain('Lucja');
    expect(text).toContain('5 chemin des Érables -> bâtiment B ?');
  });

  it('when filled=1, then the same layout carries the recorded interviews, decisions and history', async () => {
    const c = await createCase(t.db, {
      establishmentId: w.e1.id,
      status: 'FOLLOW_UP',
      pupil: await eloise(w.e1.id),
    });
    const interview = await request(t.app)
      .post(`/api/cases/${c.id}/interviews`)
      .set('Cookie', head)
      .send({
        date: '2026-11-20',
        channel: 'PHONE',
        reached: 'GUARDIAN',
        observations:
          'La mère dit qu’Éloïse « veut reprendre » ; cœur de métier : l’électricité (12 € de bus par semaine).',
        trainingWish: 'CAP électricien',
        trainingEstablishment: 'CFA du bâtiment',
        jobSought: 'Apprentie électricienne',
        nextStep: 'Rappeler après les vacances',
      });
    expect(interview.status).toBe(201);
    const transfer = await request(t.app)
      .post(`/api/cases/${c.id}/transitions`)
      .set('Cookie', head)
      .send({
        to: 'TRANSFERRED',
        version: 0,
        platform: 'MISSION_LOCALE',
        message: 'Jeune à accompagner vers l’apprentissage.',
      });
    expect(transfer.status).toBe(200);

    const res = await getPdf(`/api/cases/${c.id}/fiche-entretien.pdf?filled=1`, head);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      `filename="dossier-suivi_DUPONT-LEFEVRE_Eloise_${parisIsoDay(new Date())}.pdf"`,
    );
    const pdf = await extractPdf(res.body as Buffer);
    expect(pdf.info).toMatchObject({
      Title: 'Dossier de suivi - DUPONT-LEFÈVRE Éloïse',
      Language: 'fr-FR',
    });
    pdf.pages.forEach((page, i) => expect(page).toContain(`page ${i + 1}/${pdf.numPages}`));
    expect(pdf.pages[pdf.numPages - 1]).toContain(
      'Fin du dossier de suivi de DUPONT-LEFÈVRE Éloïse.',
    );
    const text = pdf.text;
    for (const title of SECTION_TITLES) expect(text).toContain(title);
    for (const expected of [
      'Dossier de suivi',
      '20/11/2026',
      'Téléphone',
      'Un responsable légal',
      'La mère dit qu’Éloïse « veut reprendre » ; cœur de métier : l’électricité (12 € de bus par semaine).',
      'Rappeler après les vacances',
      'CAP électricien',
      'CFA du bâtiment',
      'Apprentie électricienne',
      'X Mission locale', // its box is ticked
      'Jeune à accompagner vers l’apprentissage.',
      'en attente',
      'Décisions et historique',
      'Entretien saisi',
      'Transfert',
      'Personne de test',
      // The pupil's and guardians' contact details are there too.
      '06 11 22 33 44',
      '0698765432',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await audits(c.id, 'case.pdf')).toEqual([
      expect.objectContaining({ details: { filled: true } }),
    ]);
  });

  it('when the case is out of the caller’s scope, then 404 as for a case that does not exist, and nothing is audited', async () => {
    const sameDistrict = await createCase(t.db, { establishmentId: w.e2.id });
    const otherDistrict = await createCase(t.db, { establishmentId: w.e3.id });
    for (const [c, cookie] of [
      [sameDistrict, head],
      [otherDistrict, head],
      [otherDistrict, referent],
      [otherDistrict, coordinator],
    ] as const) {
      const res = await request(t.app)
        .get(`/api/cases/${c.id}/fiche-entretien.pdf`)
        .set('Cookie', cookie);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(await audits(c.id, 'case.pdf')).toHaveLength(0);
    }
    const missing = await request(t.app)
      .get('/api/cases/00000000-0000-4000-8000-000000000000/fiche-entretien.pdf')
      .set('Cookie', head);
    expect(missing.status).toBe(404);
    // A coordinator reads the establishments of their district.
    expect(
      (await getPdf(`/api/cases/${sameDistrict.id}/fiche-entretien.pdf`, coordinator)).status,
    ).toBe(200);
  });

  it('when nobody is signed in, or the id or the flag is malformed, then 401 or 400 and no PDF', async () => {
    const c = await createCase(t.db, { establishmentId: w.e1.id });
    expect((await request(t.app).get(`/api/cases/${c.id}/fiche-entretien.pdf`)).status).toBe(401);
    expect(
      (await request(t.app).get('/api/cases/pas-un-id/fiche-entretien.pdf').set('Cookie', head))
        .status,
    ).toBe(400);
    const badFlag = await request(t.app)
      .get(`/api/cases/${c.id}/fiche-entretien.pdf?filled=oui`)
      .set('Cookie', head);
    expect(badFlag.status).toBe(400);
    expect(Object.keys(badFlag.body.error.fieldErrors)).toEqual(['query.filled']);
    expect(await audits(c.id, 'case.pdf')).toHaveLength(0);
  });
});

describe('the fiches of a whole list', () => {
  it('when a referent prints the « Sans solution » tab, then one streamed PDF holds a fiche per pupil of the tab, in its order, with a bookmark each, and one audit row names them', async () => {
    const e = await (await import('../../../test/factories')).createEstablishment(t.db, w.d1.id);
    const cookie = await createSessionCookie(
      t.db,
      (await createUser(t.db, { academyId: w.academy.id, role: 'REFERENT', establishmentId: e.id }))
        .id,
    );
    const names = [
      'ZOLA',
      'ÉMERY',
      'BÉRANGER',
      'LŒWY',
      'CÔTÉ',
      'ANDRÉ',
      'MÜLLER',
      'GUÉRIN',
      'FAURE',
      'ÇELIK',
      'HÉBERT',
    ];
    const phones: string[] = [];
    const followed = [];
    for (const [i, familyName] of names.entries()) {
      const pupil = await createPupil(t.db, e.id, { familyName, firstName: 'Inès' });
      const mobile = `06 00 00 ${String(10 + i)} ${String(50 + i)}`;
      phones.push(mobile);
      await t.db.prisma.pupil.update({ where: { id: pupil.id }, data: { mobile } });
      followed.push(await createCase(t.db, { establishmentId: e.id, status: 'FOLLOW_UP', pupil }));
    }
    const notInTab = await createCase(t.db, {
      establishmentId: e.id,
      status: 'IDENTIFIED',
      pupil: await createPupil(t.db, e.id, { familyName: 'HORS-ONGLET' }),
    });

    const res = await getPdf(
      `/api/cases/fiches-entretien.pdf?establishment=${e.uai}&tab=sans-solution`,
      cookie,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['transfer-encoding']).toBe('chunked'); // streamed: no length known in advance
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="fiches-entretien_${e.uai}_sans-solution_${parisIsoDay(new Date())}.pdf"; ` +
        `filename*=UTF-8''fiches-entretien_${e.uai}_sans-solution_${parisIsoDay(new Date())}.pdf`,
    );
    const body = res.body as Buffer;
    expect(names.length).toBeGreaterThan(BATCH_CHUNK); // several parts were concatenated
    const structure = checkPdfStructure(body);
    const pdf = await extractPdf(body);
    expect(structure.pages).toBe(pdf.numPages);
    expect(pdf.info).toMatchObject({
      Title: `Fiches entretien - ${caseTabLabels['sans-solution']} - ${e.uai}`,
      Language: 'fr-FR',
    });
    for (const box of mediaBoxes(body)) expect(box.map(Math.round)).toEqual([0, 0, 595, 842]);

    // In the list's order (by name), one whole fiche each.
    const list = await request(t.app)
      .get(`/api/cases?establishment=${e.uai}&tab=sans-solution`)
      .set('Cookie', cookie);
    const sorted = (list.body.items as { pupil: { familyName: string } }[]).map(
      (i) => i.pupil.familyName,
    );
    expect([...sorted].sort()).toEqual([...names].sort());
    expect(pdf.outline.map((o) => o.title)).toEqual(sorted.map((n) => `${n} Inès`));
    const firstPages = pdf.pages.filter((p) => p.includes('Élève (données SIECLE)'));
    expect(firstPages).toHaveLength(names.length);
    firstPages.forEach((page, i) => {
      expect(page).toContain(`Fiche entretien · ${sorted[i]} Inès`);
      for (const title of SECTION_TITLES.slice(0, 2)) expect(page).toContain(title);
    });
    const ends = [...pdf.text.matchAll(/Fin de la fiche entretien de (.+) Inès\./g)].map(
      (m) => m[1],
    );
    expect(ends).toEqual(sorted);
    for (const phone of phones) expect(pdf.text).toContain(phone);
    for (const title of SECTION_TITLES) expect(pdf.text.split(title).length - 1).toBe(names.length);
    expect(pdf.text).toContain('0698765432'); // guardians
    expect(pdf.text).not.toContain('HORS-ONGLET');

    const rows = await audits(e.id, 'cases.pdf_batch');
    expect(rows).toHaveLength(1);
    const details = rows[0]?.details as {
      caseIds: string[];
      count: number;
      tab: string;
      filled: boolean;
    };
    expect(details).toMatchObject({ tab: 'sans-solution', filled: false, count: names.length });
    expect(new Set(details.caseIds)).toEqual(new Set(followed.map((c) => c.id)));
    expect(details.caseIds).not.toContain(notInTab.id);
  });

  it('when filled=1 and a class filter are given, then only that class is printed, filled', async () => {
    const e = await (await import('../../../test/factories')).createEstablishment(t.db, w.d1.id);
    const cookie = await createSessionCookie(
      t.db,
      (await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: e.id })).id,
    );
    await createCase(t.db, {
      establishmentId: e.id,
      status: 'SOLUTION',
      pupil: await createPupil(t.db, e.id, { familyName: 'PREMIÈRE', division: 'TERM CAP A' }),
    });
    await createCase(t.db, {
      establishmentId: e.id,
      status: 'SOLUTION',
      pupil: await createPupil(t.db, e.id, { familyName: 'AUTRE-CLASSE', division: '2NDE PRO B' }),
    });
    const res = await getPdf(
      `/api/cases/fiches-entretien.pdf?establishment=${e.uai}&tab=solutions-trouvees&class=term%20cap%20a&filled=1`,
      cookie,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      `filename="dossiers-suivi_${e.uai}_solutions-trouvees_`,
    );
    const pdf = await extractPdf(res.body as Buffer);
    expect(pdf.text).toContain('Dossier de suivi · PREMIÈRE');
    expect(pdf.text).toContain('Décisions et historique');
    expect(pdf.text).not.toContain('AUTRE-CLASSE');
  });

  it('when the reader hangs up in the middle, then the download is dropped and logged as an interruption, not as an error', async () => {
    const e = await (await import('../../../test/factories')).createEstablishment(t.db, w.d1.id);
    const cookie = await createSessionCookie(
      t.db,
      (await createUser(t.db, { academyId: w.academy.id, role: 'HEAD', establishmentId: e.id })).id,
    );
    for (let i = 0; i < BATCH_CHUNK * 4; i += 1)
      await createCase(t.db, { establishmentId: e.id, status: 'FOLLOW_UP' });
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const received = await new Promise<number>((resolve, reject) => {
        const req = httpGet(
          {
            host: '127.0.0.1',
            port,
            path: `/api/cases/fiches-entretien.pdf?establishment=${e.uai}&tab=sans-solution`,
            headers: { Cookie: cookie },
          },
          (res) => {
            res.once('data', (chunk: Buffer) => {
              req.destroy(); // the person closed the tab after the first bytes
              resolve(chunk.length);
            });
          },
        );
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      });
      expect(received).toBeGreaterThan(0);
      for (
        let i = 0;
        i < 50 && !t.logs.some((l) => l.msg === 'pdf batch: download interrupted by the client');
        i += 1
      )
        await new Promise((r) => setTimeout(r, 100));
      expect(t.logs.filter((l) => String(l.msg).startsWith('pdf batch'))).toEqual([
        expect.objectContaining({
          level: 30,
          msg: 'pdf batch: download interrupted by the client',
        }),
      ]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('when the establishment is out of scope, the tab is missing or the list is empty, then a JSON error and nothing is audited', async () => {
    await createCase(t.db, { establishmentId: w.e3.id, status: 'FOLLOW_UP' });
    const out = await request(t.app)
      .get(`/api/cases/fiches-entretien.pdf?establishment=${w.e3.uai}&tab=sans-solution`)
      .set('Cookie', head);
    expect(out.status).toBe(404);
    expect(out.body.error.code).toBe('NOT_FOUND');
    const noTab = await request(t.app)
      .get(`/api/cases/fiches-entretien.pdf?establishment=${w.e1.uai}`)
      .set('Cookie', head);
    expect(noTab.status).toBe(400);
    expect(Object.keys(noTab.body.error.fieldErrors)).toEqual(['query.tab']);
    const e = await (await import('../../../test/factories')).createEstablishment(t.db, w.d1.id);
    const empty = await request(t.app)
      .get(`/api/cases/fiches-entretien.pdf?establishment=${e.uai}&tab=sans-solution`)
      .set('Cookie', coordinator);
    expect(empty.status).toBe(404);
    expect(empty.body.error.message).toBe('Aucun suivi à imprimer dans cette liste.');
    for (const id of [w.e3.id, w.e1.id, e.id])
      expect(await audits(id, 'cases.pdf_batch')).toHaveLength(0);
  });
});

describe('the routes', () => {
  it('when they are documented, then OpenAPI lists both paths, and the batch path comes before /cases/:id in the table', () => {
    const doc = buildOpenApiDocument(table);
    expect(doc.paths['/cases/{id}/fiche-entretien.pdf']?.get?.operationId).toBe(
      'getFicheEntretienPdf',
    );
    expect(doc.paths['/cases/fiches-entretien.pdf']?.get?.operationId).toBe(
      'getFichesEntretienPdf',
    );
    const index = (id: string) => table.findIndex((r) => r.operationId === id);
    expect(index('getFichesEntretienPdf')).toBeLessThan(index('getCase'));
  });
});
