// The files of the guide walk (guide.spec.ts): what an establishment and the académie really
// hold, built here so each value the walk checks is in plain sight. SIECLE exports are written
// in ISO-8859-15 (Latin-9), as SIECLE writes them, with œ and accents.

export const UAI = '0990001N';
export const YEAR = 2026;

export interface GuidePupil {
  eleveId: string;
  ine: string;
  family: string;
  first: string;
  birth: string;
  division: string;
  /** Absent: still enrolled. */
  exit?: string;
  guardian?: { civility: string; family: string; first: string; mobile: string; email: string };
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

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** ISO-8859-15: Latin-1, except the eight places where Latin-9 puts œ, Œ, € and others. */
const LATIN9: Record<string, number> = {
  '€': 0xa4,
  Š: 0xa6,
  š: 0xa8,
  Ž: 0xb4,
  ž: 0xb8,
  Œ: 0xbc,
  œ: 0xbd,
  Ÿ: 0xbe,
};
function latin9(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = LATIN9[ch] ?? ch.codePointAt(0) ?? 0x3f;
      if (code > 0xff) throw new Error(`not in Latin-9: ${ch}`);
      return code;
    }),
  );
}

/** ElevesSansAdresses.xml, as SIECLE exports it (structure: docs/formats.md). */
export function elevesXml(): Buffer {
  const eleves = all
    .map(
      (p) => `    <ELEVE ELEVE_ID="${p.eleveId}" ELENOET="${p.eleveId}">
      <ID_NATIONAL>${p.ine}</ID_NATIONAL>
      <NOM_DE_FAMILLE>${esc(p.family)}</NOM_DE_FAMILLE>
      <PRENOM>${esc(p.first)}</PRENOM>
      <DATE_NAISS>${p.birth}</DATE_NAISS>
      <CODE_SEXE>2</CODE_SEXE>
      <DATE_ENTREE>02/09/2024</DATE_ENTREE>${p.exit ? `\n      <DATE_SORTIE>${p.exit}</DATE_SORTIE>\n      <CODE_MOTIF_SORTIE>04</CODE_MOTIF_SORTIE>` : ''}
      <CODE_MEF>24020012310</CODE_MEF>
    </ELEVE>`,
    )
    .join('\n');
  const structures = all
    .map(
      (p) =>
        `    <STRUCTURES_ELEVE ELEVE_ID="${p.eleveId}"><STRUCTURE><CODE_STRUCTURE>${esc(p.division)}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>`,
    )
    .join('\n');
  return latin9(`<?xml version="1.0" encoding="ISO-8859-15"?>
<BEE_ELEVES VERSION="3.1">
  <PARAMETRES>
    <UAJ>${UAI}</UAJ>
    <ANNEE_SCOLAIRE>${YEAR}</ANNEE_SCOLAIRE>
    <DATE_EXPORT>20/11/${YEAR}</DATE_EXPORT>
  </PARAMETRES>
  <DONNEES>
   <ELEVES>
${eleves}
   </ELEVES>
   <STRUCTURES>
${structures}
   </STRUCTURES>
  </DONNEES>
</BEE_ELEVES>
`);
}

/** ResponsablesAvecAdresses.xml: one legal guardian for the pupils who have one here. */
export function responsablesXml(): Buffer {
  const linked = all.filter((p) => p.guardian);
  const personnes = linked
    .map((p, i) => {
      const g = p.guardian!;
      return `   <PERSONNE PERSONNE_ID="PG${i}"><LC_CIVILITE>${g.civility}</LC_CIVILITE><NOM_DE_FAMILLE>${esc(g.family)}</NOM_DE_FAMILLE><PRENOM>${esc(g.first)}</PRENOM><TEL_PORTABLE>${g.mobile}</TEL_PORTABLE><MEL>${g.email}</MEL><ADRESSE_ID>AG${i}</ADRESSE_ID></PERSONNE>`;
    })
    .join('\n');
  const responsables = linked
    .map(
      (p, i) =>
        `   <RESPONSABLE_ELEVE><ELEVE_ID>${p.eleveId}</ELEVE_ID><PERSONNE_ID>PG${i}</PERSONNE_ID><RESP_LEGAL>1</RESP_LEGAL><CODE_PARENTE>10</CODE_PARENTE><PERS_CONTACT>1</PERS_CONTACT></RESPONSABLE_ELEVE>`,
    )
    .join('\n');
  const adresses = linked
    .map(
      (_p, i) =>
        `   <ADRESSE ADRESSE_ID="AG${i}"><LIGNE1_ADRESSE>${12 + i} rue de l'Église</LIGNE1_ADRESSE><CODE_POSTAL>99100</CODE_POSTAL><LIBELLE_POSTAL>MONTCLAIR</LIBELLE_POSTAL><LL_PAYS>FRANCE</LL_PAYS></ADRESSE>`,
    )
    .join('\n');
  return latin9(`<?xml version="1.0" encoding="ISO-8859-15"?>
<BEE_RESPONSABLES VERSION="3.1">
  <PARAMETRES><UAJ>${UAI}</UAJ><ANNEE_SCOLAIRE>${YEAR}</ANNEE_SCOLAIRE><DATE_EXPORT>20/11/${YEAR}</DATE_EXPORT></PARAMETRES>
  <DONNEES>
  <PERSONNES>
${personnes}
  </PERSONNES>
  <RESPONSABLES>
${responsables}
  </RESPONSABLES>
  <ADRESSES>
${adresses}
  </ADRESSES>
  </DONNEES>
</BEE_RESPONSABLES>
`);
}

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
