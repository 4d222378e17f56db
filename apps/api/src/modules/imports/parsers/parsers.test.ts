import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import {
  examResultOf,
  parseExamResultsCsv,
  parseTrainingEnrolmentsCsv,
  type ExamResultEvent,
} from './csv';
import { decodeCsv, decodeXml } from './decode';
import { ImportFileError } from './import-file-error';
import { readXmlRecords } from './xml-records';
import { openInput } from './open-input';
import { parseSiecleEleves, type SiecleEvent, type SieclePupilRecord } from './siecle-eleves';
import { parseSiecleResponsables, type SiecleResponsableEvent } from './siecle-responsables';

const fixtures = join(__dirname, '../../../../test/fixtures/imports');
const fixture = (name: string) => join(fixtures, name);
const fileBytes = (name: string) => createReadStream(fixture(name));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The bytes cut in chunks of `size`, to cross every chunk boundary a stream may have. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

const bytesOf = (text: string, encoding: 'utf8' | 'windows1252' | 'iso885915' = 'utf8') =>
  Readable.from([iconv.encode(text, encoding)]);

async function failureOf(run: () => Promise<unknown>): Promise<ImportFileError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

const pupils = (events: SiecleEvent[]) =>
  new Map(
    events.flatMap((e) => (e.type === 'pupil' ? [[e.record.eleveId, e.record] as const] : [])),
  );
const rejections = <E extends { type: string }>(events: E[]) =>
  events.filter((e): e is Extract<E, { type: 'rejected' }> => e.type === 'rejected');
const pupil = (events: SiecleEvent[], eleveId: string): SieclePupilRecord => {
  const record = pupils(events).get(eleveId);
  if (record === undefined) throw new Error(`no pupil ${eleveId}`);
  return record;
};

const beeEleves = (
  body: string,
  parameters = '<UAJ>0990001N</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>',
) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<BEE_ELEVES VERSION="3.7">\n<PARAMETRES>${parameters}</PARAMETRES>\n<DONNEES><ELEVES>\n${body}\n</ELEVES></DONNEES>\n</BEE_ELEVES>\n`;

describe('decoding', () => {
  it('when an XML file declares ISO-8859-15, then € œ Œ Š š Ž ž Ÿ come out as written', async () => {
    const text = '<?xml version="1.0" encoding="ISO-8859-15"?><A>€ œ Œ Š š Ž ž Ÿ é</A>';
    const decoded = await decodeXml(Readable.from([iconv.encode(text, 'iso885915')]));
    expect(decoded.encoding).toBe('iso-8859-15');
    expect((await collect(decoded.text)).join('')).toBe(text);
  });

  it.each([
    ['ISO-8859-15', 'iso885915', '€ œ Œ Š š Ž ž Ÿ é'],
    ['windows-1252', 'windows1252', '€ œ Œ Š š Ž ž Ÿ ’ … é'],
    ['ISO-8859-1', 'windows1252', '’ é ½'],
  ])('when a %s file is read as Latin-1 and its records corrected, then names, text, CDATA and attribute values come out as written, and character references as they say', async (label, charset, chars) => {
    // (&#189; is ½ and &#8364; €, whatever the bytes 0xBD and 0xA4 are in the file's charset.)
    const xml = `<?xml version="1.0" encoding="${label}"?><R><V a="${chars}">${chars} &#189;&#8364;<![CDATA[${chars}]]></V><Vœ>x</Vœ></R>`;
    const decoded = await decodeXml(chunked(iconv.encode(xml, charset), 7), { deferCorrections: true });
    expect(decoded.correct).toBeDefined();
    const records = (await collect(readXmlRecords(decoded.text, { root: 'R', fileLabel: 'test', recordPaths: ['R/V', 'R/Vœ'] }, decoded.correct))).flat();
    expect(records.map((r) => [r.name, r.attributes, r.text])).toEqual([
      ['V', { a: chars }, `${chars} ½€${chars}`],
      ['Vœ', {}, 'x'],
    ]);
  });

  it('when an XML file starts with a UTF-8 BOM, then it is read as UTF-8 without the BOM, even byte by byte', async () => {
    const text = '<?xml version="1.0" encoding="ISO-8859-15"?><A>Cœur</A>';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const decoded = await decodeXml(chunked(bytes, 1));
    expect(decoded.encoding).toBe('utf-8');
    expect((await collect(decoded.text)).join('')).toBe(text);
  });

  it('when an XML file has no declaration, then it is read as UTF-8', async () => {
    const decoded = await decodeXml(bytesOf('<A>Zoé</A>'));
    expect(decoded.encoding).toBe('utf-8');
    expect((await collect(decoded.text)).join('')).toBe('<A>Zoé</A>');
  });

  it('when the declared encoding is unknown, then the file is refused in French before anything is parsed', async () => {
    const error = await failureOf(() => decodeXml(fileBytes('ElevesSansAdresses-koi8r.xml')));
    expect(error.code).toBe('UNSUPPORTED_ENCODING');
    expect(error.message).toMatch(/^Encodage « KOI8-R » non pris en charge : /);
  });

  it('when a file declared UTF-8 holds Latin-1 bytes, then it is refused naming the line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<A>\n'),
      iconv.encode('<B>Zoé</B></A>', 'latin1'),
    ]);
    const decoded = await decodeXml(Readable.from([bytes]));
    const error = await failureOf(() => collect(decoded.text));
    expect(error.code).toBe('INVALID_ENCODING');
    expect(error.message).toContain('ligne 3');
  });

  it.each([
    ['UTF-8', Buffer.from('nom;prénom\nCŒUR;Loïc\n', 'utf8')],
    [
      'UTF-8 with a BOM',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('nom;prénom\nCŒUR;Loïc\n', 'utf8'),
      ]),
    ],
    ['Latin-1', iconv.encode('nom;prénom\nCŒUR;Loïc\n', 'windows1252')],
  ])(
    'when a CSV file is %s, then its text is read right even byte by byte',
    async (_label, bytes) => {
      expect((await collect(decodeCsv(chunked(bytes, 1)))).join('')).toBe(
        'nom;prénom\nCŒUR;Loïc\n',
      );
      expect((await collect(decodeCsv(Readable.from([bytes])))).join('')).toBe(
        'nom;prénom\nCŒUR;Loïc\n',
      );
    },
  );
});

describe('opening a file', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'jasmin-parsers-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('when the file is plain XML, then its bytes come as they are and progress reaches its size', async () => {
    const input = await openInput(fixture('ElevesSansAdresses-latin9.xml'), 'xml');
    const bytes = Buffer.concat(await collect<Buffer>(input.bytes));
    expect(bytes.equals(readFileSync(fixture('ElevesSansAdresses-latin9.xml')))).toBe(true);
    expect(input.entryName).toBeNull();
    expect(input.totalBytes).toBe(bytes.length);
    expect(input.bytesRead()).toBe(bytes.length);
  });

  it('when the file is a zip, then its first .xml entry is read (macOS metadata skipped) with its uncompressed size', async () => {
    const input = await openInput(fixture('export-eleves.zip'), 'xml');
    const bytes = Buffer.concat(await collect<Buffer>(input.bytes));
    expect(input.entryName).toBe('ElevesSansAdresses.xml');
    expect(bytes.equals(readFileSync(fixture('ElevesSansAdresses-latin9.xml')))).toBe(true);
    expect(input.totalBytes).toBe(bytes.length);
    expect(input.bytesRead()).toBe(bytes.length);
  });

  it('when the zip holds no file of the expected kind, then it is refused in French', async () => {
    const noXml = await failureOf(() => openInput(fixture('export-sans-xml.zip'), 'xml'));
    expect(noXml.code).toBe('NO_ENTRY_IN_ARCHIVE');
    expect(noXml.message).toBe("L'archive zip ne contient aucun fichier .xml.");
    const noCsv = await failureOf(() => openInput(fixture('export-eleves.zip'), 'csv'));
    expect(noCsv.message).toBe("L'archive zip ne contient aucun fichier .csv.");
  });

  it('when the zip is damaged, then it is refused in French', async () => {
    const path = join(scratch, 'abime.zip');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]));
    const error = await failureOf(() => openInput(path, 'xml'));
    expect(error.code).toBe('INVALID_ARCHIVE');
    expect(error.message).toMatch(/^Archive zip illisible/);
  });
});

describe('SIECLE pupils (BEE_ELEVES)', () => {
  const parseFixture = (name: string) => collect(parseSiecleEleves(fileBytes(name)));

  it('when the Latin-9 export is read, then the header comes first with the UAI, the school year and the export date', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(events[0]).toEqual({
      type: 'header',
      uai: '0990001N',
      schoolYear: '2025-2026',
      exportDate: '2026-01-06',
    });
    expect(events.filter((e) => e.type === 'header')).toHaveLength(1);
  });

  it('when names hold accents, œ and stray spaces in Latin-9 bytes, then they are trimmed with accents and case kept', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(pupil(events, '100001')).toMatchObject({
      familyName: 'LEFÈVRE',
      firstName: 'Bénédicte',
      firstName2: 'Zoé',
    });
    expect(pupil(events, '100002')).toMatchObject({
      familyName: 'CŒUR',
      usageName: 'Cœur de Lion',
      firstName: 'Loïc',
    });
    expect(pupil(events, '100009')).toMatchObject({
      familyName: "DE L'HAŸ",
      firstName: 'Noël',
      firstName2: 'Œlian',
    });
  });

  it('when a pupil record is complete, then every field is read, dates as yyyy-mm-dd', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(pupil(events, '100001')).toEqual({
      eleveId: '100001',
      ine: '123456789AB',
      elenoet: '2301',
      familyName: 'LEFÈVRE',
      usageName: null,
      firstName: 'Bénédicte',
      firstName2: 'Zoé',
      firstName3: null,
      birthDate: '2008-03-14',
      sex: 'F',
      mefCode: '24020006310',
      entryDate: '2023-09-04',
      exitDate: '2025-07-04',
      exitReasonCode: '2',
      phone: null,
      mobile: null,
      email: null,
      addressId: null,
      address: null,
      warnings: [],
    });
  });

  it('when pupils left last year or this year, or are under 16, then they are all imported with their dates', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(pupil(events, '100001').exitDate).toBe('2025-07-04');
    expect(pupil(events, '100002')).toMatchObject({
      exitDate: '2025-11-17',
      exitReasonCode: '19',
      sex: 'M',
    });
    expect(pupil(events, '100003')).toMatchObject({ birthDate: '2011-05-02', exitDate: null });
  });

  it('when a pupil has last year’s schooling, then its CODE_MEF does not pass for the current one', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(pupil(events, '100002').mefCode).toBe('50023305210');
    expect(pupil(events, '100003').mefCode).toBeNull();
  });

  it('when INEs have the current or the older format, then both are accepted', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(pupil(events, '100002').ine).toBe('0990012345K');
    expect(pupil(events, '100009').ine).toBe('09900_1234B');
  });

  it('when a pupil has no INE, then it is imported without one and flagged « INE absent »', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(pupil(events, '100004')).toMatchObject({ ine: null, warnings: ['INE absent'] });
  });

  it('when records are faulty, then each is rejected with its ELEVE_ID and a French reason, and the rest is imported', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(rejections(events)).toEqual([
      {
        type: 'rejected',
        ref: 'ELEVE_ID 100005',
        reason:
          'INE « 12345ABC » invalide (attendu : 9 chiffres et 2 lettres, ou 10 caractères et 1 lettre)',
        line: expect.any(Number),
      },
      {
        type: 'rejected',
        ref: 'ELEVE_ID 100006',
        reason: 'INE 123456789AB présent deux fois (élèves 100001 et 100006)',
        line: expect.any(Number),
      },
      {
        type: 'rejected',
        ref: 'ELEVE_ID 100007',
        reason: 'Date de naissance impossible : « 31/02/2008 »',
        line: expect.any(Number),
      },
      {
        type: 'rejected',
        ref: 'ELEVE_ID 100008',
        reason: 'Nom ou prénom manquant',
        line: expect.any(Number),
      },
    ]);
    expect([...pupils(events).keys()]).toEqual(['100001', '100002', '100003', '100004', '100009']);
  });

  it('when a birth date is missing, then the record is rejected', async () => {
    const xml = beeEleves(
      '<ELEVE ELEVE_ID="9"><NOM_DE_FAMILLE>X</NOM_DE_FAMILLE><PRENOM>Y</PRENOM></ELEVE>',
    );
    expect(rejections(await collect(parseSiecleEleves(bytesOf(xml))))).toEqual([
      { type: 'rejected', ref: 'ELEVE_ID 9', reason: 'Date de naissance manquante', line: 5 },
    ]);
  });

  it('when pupils are placed in structures, then only classes (TYPE_STRUCTURE D) come out, after the pupils', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin9.xml');
    expect(events.filter((e) => e.type === 'division')).toEqual([
      { type: 'division', eleveId: '100001', division: 'TSTMG2' },
      { type: 'division', eleveId: '100002', division: '1CAP-CUI' },
      { type: 'division', eleveId: '100003', division: '2NDE3' },
      { type: 'division', eleveId: '100009', division: 'TCAP-CUI' },
    ]);
    const lastPupil = events.findLastIndex((e) => e.type === 'pupil');
    expect(events.findIndex((e) => e.type === 'division')).toBeGreaterThan(lastPupil);
  });

  it('when the file arrives in tiny chunks, then the events are the same', async () => {
    const whole = await parseFixture('ElevesSansAdresses-latin9.xml');
    const bytes = readFileSync(fixture('ElevesSansAdresses-latin9.xml'));
    expect(await collect(parseSiecleEleves(chunked(bytes, 7)))).toEqual(whole);
  });

  it('when the export is zipped, then the events are those of the XML file', async () => {
    const input = await openInput(fixture('export-eleves.zip'), 'xml');
    expect(await collect(parseSiecleEleves(input.bytes))).toEqual(
      await parseFixture('ElevesSansAdresses-latin9.xml'),
    );
  });

  it('when the export is UTF-8 with a BOM and has addresses, then the pupil’s phones, e-mail and address are read', async () => {
    const bytes = readFileSync(fixture('ElevesAvecAdresses-utf8-bom.xml'));
    const events = await collect(parseSiecleEleves(chunked(bytes, 1)));
    expect(events[0]).toMatchObject({ type: 'header', uai: '0990001N' });
    expect(pupil(events, '100001')).toMatchObject({
      familyName: 'LEFÈVRE',
      phone: '01 99 00 12 34',
      mobile: '06 39 98 00 01',
      email: 'benedicte.lefevre@exemple.invalid',
      addressId: '700001',
      address: null,
    });
    expect(pupil(events, '100002')).toMatchObject({
      familyName: 'CŒUR',
      addressId: '700002',
      address: "Résidence Les Mûriers, 12 rue de l'Œillet, 99100 VILLEFICTIVE",
    });
    expect(events.filter((e) => e.type === 'address')).toEqual([
      {
        type: 'address',
        adresseId: '700001',
        text: "4 place de l'Église, Bâtiment B, 99100 VILLEFICTIVE",
      },
    ]);
  });

  it('when the export is declared ISO-8859-1, then its accents are read', async () => {
    const events = await parseFixture('ElevesSansAdresses-latin1.xml');
    expect(pupil(events, '200001')).toMatchObject({
      familyName: 'DELAÎTRE',
      firstName: 'Anaïs',
      firstName2: 'Hélène',
    });
    expect(pupil(events, '200002')).toMatchObject({ familyName: 'MÜLLER', firstName: 'François' });
  });

  it('when the file is truncated, then the run fails with a French error naming the line and column', async () => {
    const error = await failureOf(() => parseFixture('ElevesSansAdresses-tronque.xml'));
    expect(error.code).toBe('MALFORMED_XML');
    expect(error.message).toMatch(
      /^XML mal formé, ligne 66 colonne \d+ : la balise <\w+> n'est pas fermée \(fichier tronqué \?\)\.$/,
    );
  });

  it('when a closing tag does not match, then the error names its line and column', async () => {
    const xml = beeEleves('<ELEVE ELEVE_ID="1">\n<NOM_DE_FAMILLE>X</PRENOM>\n</ELEVE>');
    const error = await failureOf(() => collect(parseSiecleEleves(bytesOf(xml))));
    expect(error.message).toBe(
      "XML mal formé, ligne 6 colonne 26 : la balise <NOM_DE_FAMILLE> est fermée par une balise fermante d'un autre nom.",
    );
  });

  it('when the file is empty, then the run fails as malformed XML', async () => {
    const error = await failureOf(() =>
      collect(parseSiecleEleves(Readable.from([Buffer.alloc(0)]))),
    );
    expect(error.message).toBe(
      'XML mal formé, ligne 1 colonne 1 : le document ne contient aucun élément (fichier vide ?).',
    );
  });

  it('when the declared encoding is unknown, then the run fails in French', async () => {
    const error = await failureOf(() => parseFixture('ElevesSansAdresses-koi8r.xml'));
    expect(error.code).toBe('UNSUPPORTED_ENCODING');
    expect(error.message).toContain('« KOI8-R »');
  });

  it('when the file is not a pupils export, then the run fails naming the root found', async () => {
    const error = await failureOf(() => parseFixture('ResponsablesAvecAdresses.xml'));
    expect(error.code).toBe('UNEXPECTED_ROOT');
    expect(error.message).toContain('« BEE_RESPONSABLES » au lieu de « BEE_ELEVES »');
  });

  it.each([
    ['UAJ is missing', '<ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>', 'UAJ absent(s) de PARAMETRES'],
    ['ANNEE_SCOLAIRE is missing', '<UAJ>0990001N</UAJ>', 'ANNEE_SCOLAIRE absent(s) de PARAMETRES'],
    [
      'ANNEE_SCOLAIRE is unreadable',
      '<UAJ>0990001N</UAJ><ANNEE_SCOLAIRE>25</ANNEE_SCOLAIRE>',
      'ANNEE_SCOLAIRE « 25 » illisible',
    ],
  ])('when %s, then the run fails in French', async (_case, parameters, detail) => {
    const error = await failureOf(() =>
      collect(parseSiecleEleves(bytesOf(beeEleves('', parameters)))),
    );
    expect(error.code).toBe('MISSING_PARAMETERS');
    expect(error.message).toContain(detail);
  });

  it('when PARAMETRES is missing, then the run fails before any pupil', async () => {
    const xml =
      '<BEE_ELEVES><DONNEES><ELEVES><ELEVE ELEVE_ID="1"/></ELEVES></DONNEES></BEE_ELEVES>';
    const error = await failureOf(() => collect(parseSiecleEleves(bytesOf(xml))));
    expect(error.message).toBe(
      'En-tête SIECLE incomplet : le bloc PARAMETRES manque avant les données.',
    );
  });
});

describe('SIECLE guardians (BEE_RESPONSABLES)', () => {
  const parse = () => collect(parseSiecleResponsables(fileBytes('ResponsablesAvecAdresses.xml')));

  it('when the export is read, then the header, persons, links and addresses come out', async () => {
    const events = await parse();
    expect(events[0]).toEqual({
      type: 'header',
      uai: '0990001N',
      schoolYear: '2025-2026',
      exportDate: '2026-01-06',
    });
    expect(events.filter((e) => e.type === 'person')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'link')).toHaveLength(5);
    expect(events.filter((e) => e.type === 'address')).toHaveLength(4);
  });

  it('when a person has no name, then it is rejected with its PERSONNE_ID', async () => {
    expect(rejections(await parse())).toEqual([
      {
        type: 'rejected',
        ref: 'PERSONNE_ID 500005',
        reason: 'Nom de famille manquant',
        line: expect.any(Number),
      },
    ]);
  });

  it('when links, persons and addresses are joined, then a pupil’s legal guardians come with their phones and address', async () => {
    const events = await parse();
    const persons = new Map(
      events.flatMap((e) =>
        e.type === 'person' ? [[e.record.personneId, e.record] as const] : [],
      ),
    );
    const addresses = new Map(
      events.flatMap((e) => (e.type === 'address' ? [[e.adresseId, e.text] as const] : [])),
    );
    const guardiansOf = (eleveId: string) =>
      events
        .filter(
          (e): e is Extract<SiecleResponsableEvent, { type: 'link' }> =>
            e.type === 'link' && e.eleveId === eleveId,
        )
        .map((link) => {
          const person = persons.get(link.personneId);
          return { ...link, person, address: addresses.get(person?.adresseId ?? '') };
        });
    expect(guardiansOf('100001')).toEqual([
      {
        type: 'link',
        eleveId: '100001',
        personneId: '500001',
        legal: true,
        relationshipCode: '20',
        contact: true,
        person: {
          personneId: '500001',
          familyName: 'LEFÈVRE',
          firstName: 'Sébastien',
          civility: 'M.',
          phone: '01 99 00 56 78',
          mobile: '06 39 98 10 01',
          workPhone: '01 99 00 90 00',
          email: 's.lefevre@exemple.invalid',
          adresseId: '600001',
        },
        address: "4 place de l'Église, Bâtiment B, 99100 VILLEFICTIVE",
      },
      expect.objectContaining({
        personneId: '500002',
        legal: true,
        relationshipCode: '10',
        person: expect.objectContaining({
          familyName: 'DUVAL',
          firstName: 'Hélène',
          mobile: '06 39 98 10 02',
        }),
        address: '18 chemin des Œillets, 99110 SAINT-EXEMPLE',
      }),
    ]);
    expect(
      guardiansOf('100002').map((g) => [g.personneId, g.legal, g.contact, g.person?.familyName]),
    ).toEqual([
      ['500003', true, true, 'CŒUR'],
      ['500004', false, false, 'MARTIN'],
    ]);
    expect(addresses.get('600004')).toBe('7 rue du Lac, 1201 Genève, SUISSE');
  });
});

describe('CSV exam results', () => {
  const rows = (events: ExamResultEvent[]) =>
    events.filter((e): e is Extract<ExamResultEvent, { type: 'row' }> => e.type === 'row');

  it('when the Latin-1 `;` file is read, then good rows come out with normalised results and bad rows are rejected by line', async () => {
    const events = await collect(parseExamResultsCsv(fileBytes('resultats-examens.csv')));
    expect(rows(events).map((r) => [r.line, r.record.familyName, r.record.result])).toEqual([
      [2, 'LEFÈVRE', 'ADMITTED'],
      [3, 'CŒUR', 'FAILED'],
      [4, 'BÉRANGER', 'ABSENT'],
      [9, "DE L'HAŸ", 'ADMITTED'],
    ]);
    expect(rows(events)[1]?.record).toEqual({
      ine: '0990012345K',
      familyName: 'CŒUR',
      firstName: 'Loïc',
      birthDate: '2008-11-02',
      diploma: 'CAP Cuisine; option restaurant',
      session: '2025',
      result: 'FAILED',
      resultLabel: 'AJOURNÉ',
    });
    expect(rows(events)[2]?.record.ine).toBeNull();
    expect(rejections(events)).toEqual([
      { type: 'rejected', ref: 'ligne 5', reason: 'INE « 12345ABC » invalide', line: 5 },
      {
        type: 'rejected',
        ref: 'ligne 6',
        reason: 'Date de naissance impossible : « 31/02/2008 »',
        line: 6,
      },
      { type: 'rejected', ref: 'ligne 7', reason: 'Nom ou prénom manquant', line: 7 },
    ]);
  });

  it('when the file is UTF-8 with a BOM, `,`-separated, with other header spellings, then it is read the same', async () => {
    const csv =
      '\uFEFFID_NATIONAL,NOM_DE_FAMILLE,PRÉNOM,date_naissance,DIPLÔME,Session,RESULTAT\r\n' +
      '123456789AB,Lefèvre,Bénédicte,14/03/2008,"BAC STMG, mention",2025,admise\r\n';
    const events = await collect(parseExamResultsCsv(bytesOf(csv)));
    expect(events).toEqual([
      {
        type: 'row',
        line: 2,
        record: {
          ine: '123456789AB',
          familyName: 'Lefèvre',
          firstName: 'Bénédicte',
          birthDate: '2008-03-14',
          diploma: 'BAC STMG, mention',
          session: '2025',
          result: 'ADMITTED',
          resultLabel: 'admise',
        },
      },
    ]);
  });

  it('when the file is Latin-1 and `,`-separated, then accents survive', async () => {
    const csv =
      'nom,prenom,date de naissance,diplome,session,resultat\nŒUVRARD,Zoé,2009-01-31,CAP,2025,AJOURNEE\n';
    const events = await collect(parseExamResultsCsv(bytesOf(csv, 'windows1252')));
    expect(rows(events)[0]?.record).toMatchObject({
      familyName: 'ŒUVRARD',
      firstName: 'Zoé',
      result: 'FAILED',
      ine: null,
    });
  });

  it('when mandatory columns are missing from the header, then the file is refused naming them', async () => {
    const error = await failureOf(() =>
      collect(parseExamResultsCsv(bytesOf('INE;Nom;Prénom;Date de naissance;Session\n'))),
    );
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.message).toBe(
      "Colonnes obligatoires absentes de l'en-tête : diplome, resultat. En-tête lu : « INE | Nom | Prénom | Date de naissance | Session ».",
    );
  });

  it('when a row has empty mandatory values, then it is rejected naming them', async () => {
    const csv =
      'nom;prenom;date_naissance;diplome;session;resultat\nDUPONT;Léa;01/02/2008;;2025;\n';
    expect(rejections(await collect(parseExamResultsCsv(bytesOf(csv))))).toEqual([
      { type: 'rejected', ref: 'ligne 2', reason: 'Valeur manquante : diplome, resultat', line: 2 },
    ]);
  });

  it('when a quote is never closed, then the file is refused naming the line', async () => {
    const csv =
      'nom;prenom;date_naissance;diplome;session;resultat\nDUPONT;"Léa;01/02/2008;CAP;2025;ADMIS\n';
    const error = await failureOf(() => collect(parseExamResultsCsv(bytesOf(csv))));
    expect(error.code).toBe('MALFORMED_CSV');
    expect(error.message).toMatch(
      /^CSV mal formé, ligne \d+ : un guillemet ouvert n'est jamais fermé\.$/,
    );
  });

  it('when the file is empty, then it is refused', async () => {
    const error = await failureOf(() => collect(parseExamResultsCsv(bytesOf(''))));
    expect(error.code).toBe('EMPTY_FILE');
  });

  it.each([
    ['ADMIS', 'ADMITTED'],
    ['Admis(e)', 'ADMITTED'],
    ['REÇU', 'ADMITTED'],
    ['Admis mention Très bien', 'ADMITTED'],
    ['AJOURNÉ', 'FAILED'],
    ['Non admis', 'FAILED'],
    ['REFUSE', 'FAILED'],
    ['ABSENT', 'ABSENT'],
    ['abs', 'ABSENT'],
    ['ADMISSIBLE', 'OTHER'],
    ['En attente', 'OTHER'],
  ])('when the result reads « %s », then it is %s', (label, result) => {
    expect(examResultOf(label)).toBe(result);
  });
});

describe('CSV training enrolments', () => {
  it('when the UTF-8 `,` file is read, then kinds, UAI/SIRET and dates come out and bad rows are rejected', async () => {
    const events = await collect(
      parseTrainingEnrolmentsCsv(fileBytes('inscriptions-formation.csv')),
    );
    expect(events.filter((e) => e.type === 'row')).toEqual([
      {
        type: 'row',
        line: 2,
        record: {
          ine: '0990012345K',
          familyName: 'CŒUR',
          firstName: 'Loïc',
          birthDate: '2008-11-02',
          uai: null,
          siret: '99912345600017',
          establishmentName: 'CFA des Métiers, site Nord',
          kind: 'CFA',
          startDate: '2026-01-05',
          endDate: '2028-01-04',
          breakDate: null,
        },
      },
      {
        type: 'row',
        line: 3,
        record: expect.objectContaining({
          ine: null,
          uai: '0990003R',
          siret: null,
          kind: 'AGRICULTURAL_HIGH_SCHOOL',
        }),
      },
      {
        type: 'row',
        line: 7,
        record: expect.objectContaining({
          familyName: 'DELAÎTRE',
          kind: 'OTHER',
          breakDate: '2026-01-05',
          endDate: null,
        }),
      },
    ]);
    expect(rejections(events)).toEqual([
      {
        type: 'rejected',
        ref: 'ligne 4',
        reason: "UAI ou SIRET de l'établissement de formation manquant",
        line: 4,
      },
      {
        type: 'rejected',
        ref: 'ligne 5',
        reason: 'Type « école » inconnu (attendu : CFA, LYCEE_AGRICOLE ou AUTRE)',
        line: 5,
      },
      {
        type: 'rejected',
        ref: 'ligne 6',
        reason: 'La date de rupture précède la date de début',
        line: 6,
      },
    ]);
  });

  it('when neither a UAI nor a SIRET column exists, then the file is refused naming them', async () => {
    const csv = 'nom;prenom;date_naissance;etablissement;type;date_debut\n';
    const error = await failureOf(() => collect(parseTrainingEnrolmentsCsv(bytesOf(csv))));
    expect(error.message).toContain("absentes de l'en-tête : uai ou siret.");
  });

  it('when a UAI, a SIRET or a start date is malformed, then the row is rejected with every reason', async () => {
    const csv =
      'Nom;Prénom;Date_Naissance;UAI;SIRET;Nom établissement;Type;Date début\n' +
      'DUPONT;Léa;01/02/2008;12AB;123;CFA X;CFA;32/01/2026\n';
    expect(rejections(await collect(parseTrainingEnrolmentsCsv(bytesOf(csv))))[0]?.reason).toBe(
      'UAI « 12AB » invalide (7 chiffres et une lettre) ; SIRET « 123 » invalide (14 chiffres) ; Date de début impossible : « 32/01/2026 »',
    );
  });
});

describe('memory and throughput', () => {
  const PUPILS = 60_000;

  /** A BEE_ELEVES export of ~50 MB, made on the fly as Latin-9 bytes: never held whole. */
  async function* syntheticExport(): AsyncGenerator<Buffer> {
    yield iconv.encode(
      '<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="3.7">\n<PARAMETRES><UAJ>0990001N</UAJ>' +
        '<ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE><DATE_EXPORT>06/01/2026</DATE_EXPORT></PARAMETRES>\n<DONNEES>\n<ELEVES>\n',
      'iso885915',
    );
    for (let from = 0; from < PUPILS; from += 500) {
      let batch = '';
      for (let i = from; i < from + 500; i++) batch += syntheticPupil(i);
      yield iconv.encode(batch, 'iso885915');
    }
    yield iconv.encode('</ELEVES>\n<STRUCTURES>\n', 'iso885915');
    for (let from = 0; from < PUPILS; from += 500) {
      let batch = '';
      for (let i = from; i < from + 500; i++) batch += syntheticStructures(i);
      yield iconv.encode(batch, 'iso885915');
    }
    yield iconv.encode('</STRUCTURES>\n</DONNEES>\n</BEE_ELEVES>\n', 'iso885915');
  }

  function syntheticPupil(i: number): string {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `<ELEVE ELEVE_ID="${700000 + i}" ELENOET="${i}">
  <ID_NATIONAL>${String(i).padStart(9, '0')}AB</ID_NATIONAL>
  <ELENOET>${i}</ELENOET>
  <NOM_DE_FAMILLE>CŒUR-LEFÈVRE ${i}</NOM_DE_FAMILLE>
  <PRENOM>Bénédicte</PRENOM>
  <PRENOM2>Zoé</PRENOM2>
  <DATE_NAISS>${day}/03/2008</DATE_NAISS>
  <CODE_SEXE>2</CODE_SEXE>
  <DOUBLEMENT>0</DOUBLEMENT>
  <CODE_REGIME>2</CODE_REGIME>
  <DATE_ENTREE>04/09/2023</DATE_ENTREE>
  <DATE_SORTIE>04/07/2025</DATE_SORTIE>
  <CODE_MOTIF_SORTIE>2</CODE_MOTIF_SORTIE>
  <CODE_MEF>24020006310</CODE_MEF>
  <CODE_STATUT>ST</CODE_STATUT>
  <SCOLARITE_AN_DERNIER>
    <CODE_RNE>0990002P</CODE_RNE>
    <DENOM_PRINC>LYCEE POLYVALENT</DENOM_PRINC>
    <LL_COMMUNE_INSEE>VILLEFICTIVE</LL_COMMUNE_INSEE>
  </SCOLARITE_AN_DERNIER>
</ELEVE>
`;
  }

  const syntheticStructures = (i: number) =>
    `<STRUCTURES_ELEVE ELEVE_ID="${700000 + i}" ELENOET="${i}"><STRUCTURE><CODE_STRUCTURE>2NDE${i % 9}</CODE_STRUCTURE>` +
    '<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>\n';

  /** A full collection, whether or not node runs with --expose-gc. */
  function garbageCollector(): () => void {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) return exposed;
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  }

  it('when a 50 MB export is parsed, then the heap stays flat', async () => {
    const gc = garbageCollector();
    const clock = () => Number(process.hrtime.bigint()) / 1e9;
    let bytes = 0;
    let sideSeconds = 0; // making the synthetic file and forcing collections: not parsing
    const exportChunks = syntheticExport();
    const source = (async function* () {
      for (;;) {
        const asked = clock();
        const next = await exportChunks.next();
        sideSeconds += clock() - asked;
        if (next.done === true) return;
        bytes += next.value.length;
        yield next.value;
      }
    })();
    const liveHeap = () => {
      const asked = clock();
      gc();
      sideSeconds += clock() - asked;
      return process.memoryUsage().heapUsed;
    };
    const before = liveHeap();
    let peak = before;
    let events = 0;
    const counts = { pupil: 0, division: 0 };
    const started = clock();
    for await (const event of parseSiecleEleves(source)) {
      if (event.type === 'pupil' || event.type === 'division') counts[event.type]++;
      if (++events % 10_000 === 0) peak = Math.max(peak, liveHeap());
    }
    const parseSeconds = clock() - started - sideSeconds;
    const after = liveHeap();
    const megabytes = (n: number) => n / 1024 / 1024;
    // eslint-disable-next-line no-console -- the one figure this test reports
    console.log(
      `BEE_ELEVES synthétique : ${megabytes(bytes).toFixed(1)} Mo analysés en ${parseSeconds.toFixed(2)} s ` +
        `(${(megabytes(bytes) / parseSeconds).toFixed(1)} Mo/s) ; tas vivant +${megabytes(peak - before).toFixed(1)} Mo au plus haut, ` +
        `${megabytes(after - before).toFixed(1)} Mo à la fin`,
    );
    expect(bytes).toBeGreaterThan(45 * 1024 * 1024);
    expect(counts).toEqual({ pupil: PUPILS, division: PUPILS });
    expect(peak - before).toBeLessThan(60 * 1024 * 1024);
    expect(after - before).toBeLessThan(5 * 1024 * 1024);
  }, 180_000);
});
