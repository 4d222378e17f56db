// The files of the guide walk (guide.spec.ts): what an establishment and the académie really
// hold, built here so each value the walk checks is in plain sight. SIECLE exports are written
// in ISO-8859-15 (Latin-9), as SIECLE writes them, with œ and accents.

import {
  elevesXml as siecleEleves,
  responsablesXml as siecleResponsables,
  type SiecleGuardian,
  type SieclePupil,
} from './siecle-files';

export const UAI = '0990001N';
export const YEAR = 2026;

export interface GuidePupil extends SieclePupil {
  ine: string;
  guardian?: Omit<SiecleGuardian, 'eleveId'>;
}

/** How lists and headings write a pupil: family name in capitals, then the first name. */
export const listName = (p: GuidePupil) => `${p.family.toUpperCase()} ${p.first}`;

export const pupils = {
  // Left last school year, 16+: « Repérage année précédente ».
  notFollowed: {
    eleveId: '880001',
    ine: '080000001AB',
    family: 'Lefèvre',
    first: 'Jérôme',
    birth: '14/03/2008',
    division: '2NDE PRO',
    exit: '30/06/2026',
  },
  followed: {
    eleveId: '880002',
    ine: '080000002AB',
    family: 'Cœurdevey',
    first: 'Anaïs',
    birth: '02/05/2008',
    division: '1PRO2',
    exit: '03/07/2026',
    guardian: {
      civility: 'MME',
      family: 'Cœurdevey',
      first: 'Hélène',
      mobile: '06 12 34 56 78',
      email: 'helene.coeurdevey@exemple.invalid',
    },
  },
  transferred: {
    eleveId: '880003',
    ine: '090000003AB',
    family: 'Ménard',
    first: 'Noé',
    birth: '21/01/2009',
    division: '1PRO2',
    exit: '30/06/2026',
    guardian: {
      civility: 'M.',
      family: 'Ménard',
      first: 'François',
      mobile: '07 98 76 54 32',
      email: 'f.menard@exemple.invalid',
    },
  },
  // Left last year but 15 at the census date: not to be followed under the 16–18 obligation.
  underSixteen: {
    eleveId: '880004',
    ine: '110000004AB',
    family: 'François',
    first: 'Lou',
    birth: '10/05/2011',
    division: '3PREPA',
    exit: '30/06/2026',
  },
  // Left last year with a diploma (the exam results say « Admis »): not a « sortant sans diplôme ».
  diplomaHolder: {
    eleveId: '880005',
    ine: '070000005AB',
    family: 'Béranger',
    first: 'Maëlys',
    birth: '11/11/2007',
    division: 'TCAP',
    exit: '05/07/2026',
  },
  // Resigned this school year: « Repérage année en cours ».
  resigned: {
    eleveId: '880006',
    ine: '080000006AB',
    family: 'Dupré',
    first: 'Chloé',
    birth: '08/08/2008',
    division: '1PRO2',
    exit: '16/10/2026',
  },
  // Still enrolled: flagged « en cours de décrochage » by hand.
  enrolled: {
    eleveId: '880007',
    ine: '090000007AB',
    family: 'Gautier',
    first: 'Éloïse',
    birth: '19/09/2009',
    division: '1PRO2',
  },
} satisfies Record<string, GuidePupil>;

const all: GuidePupil[] = Object.values(pupils);

/** ElevesSansAdresses.xml of the establishment, in Latin-9 as SIECLE writes it. */
export const elevesXml = () => siecleEleves(UAI, YEAR, all, 'ISO-8859-15');

/** ResponsablesAvecAdresses.xml: one legal guardian for the pupils who have one here. */
export const responsablesXml = () =>
  siecleResponsables(
    UAI,
    YEAR,
    all.flatMap((p) => (p.guardian ? [{ eleveId: p.eleveId, ...p.guardian }] : [])),
    'ISO-8859-15',
  );

/** The académie's exam results (docs/formats.md): the diploma holder passed her CAP in June. */
export function examResultsCsv(): Buffer {
  const d = pupils.diplomaHolder;
  const failed = pupils.notFollowed;
  return Buffer.from(
    [
      'INE;Nom;Prénom;Date de naissance;Diplôme;Session;Résultat',
      `${d.ine};${d.family};${d.first};${d.birth};CAP Cuisine;2026;Admise`,
      `${failed.ine};${failed.family};${failed.first};${failed.birth};BAC PRO Commerce;2026;Ajourné`,
      '',
    ].join('\r\n'),
    'utf8',
  );
}
