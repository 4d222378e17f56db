// SIECLE BEE exports as SIECLE writes them (structure: docs/formats.md), for the e2e specs.
// Each spec says what its pupils are; the XML around them is written here once.

export interface SieclePupil {
  eleveId: string;
  ine?: string;
  family: string;
  first: string;
  /** dd/mm/yyyy; empty for a record SIECLE would export without it. */
  birth: string;
  division: string;
  /** dd/mm/yyyy; absent: still enrolled. */
  exit?: string;
}

export interface SiecleGuardian {
  eleveId: string;
  civility: string;
  family: string;
  first: string;
  mobile: string;
  email: string;
}

type Encoding = 'UTF-8' | 'ISO-8859-15';

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

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'UTF-8') return Buffer.from(text, 'utf8');
  return Buffer.from(
    [...text].map((ch) => {
      const code = LATIN9[ch] ?? ch.codePointAt(0) ?? 0x3f;
      if (code > 0xff) throw new Error(`not in Latin-9: ${ch}`);
      return code;
    }),
  );
}

const parametres = (uai: string, year: number) =>
  `<PARAMETRES><UAJ>${uai}</UAJ><ANNEE_SCOLAIRE>${year}</ANNEE_SCOLAIRE><DATE_EXPORT>20/11/${year}</DATE_EXPORT></PARAMETRES>`;

/** ElevesSansAdresses.xml (root BEE_ELEVES). */
export function elevesXml(
  uai: string,
  year: number,
  pupils: SieclePupil[],
  encoding: Encoding = 'UTF-8',
): Buffer {
  const eleves = pupils
    .map((p) =>
      [
        `    <ELEVE ELEVE_ID="${p.eleveId}" ELENOET="${p.eleveId}">`,
        p.ine ? `      <ID_NATIONAL>${p.ine}</ID_NATIONAL>` : '',
        `      <NOM_DE_FAMILLE>${esc(p.family)}</NOM_DE_FAMILLE>`,
        `      <PRENOM>${esc(p.first)}</PRENOM>`,
        `      <DATE_NAISS>${p.birth}</DATE_NAISS>`,
        '      <CODE_SEXE>2</CODE_SEXE>',
        '      <DATE_ENTREE>02/09/2024</DATE_ENTREE>',
        p.exit
          ? `      <DATE_SORTIE>${p.exit}</DATE_SORTIE>\n      <CODE_MOTIF_SORTIE>04</CODE_MOTIF_SORTIE>`
          : '',
        '      <CODE_MEF>24020012310</CODE_MEF>',
        '    </ELEVE>',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
  const structures = pupils
    .map(
      (p) =>
        `    <STRUCTURES_ELEVE ELEVE_ID="${p.eleveId}"><STRUCTURE><CODE_STRUCTURE>${esc(p.division)}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>`,
    )
    .join('\n');
  return encode(
    `<?xml version="1.0" encoding="${encoding}"?>
<BEE_ELEVES VERSION="3.1">
  ${parametres(uai, year)}
  <DONNEES>
   <ELEVES>
${eleves}
   </ELEVES>
   <STRUCTURES>
${structures}
   </STRUCTURES>
  </DONNEES>
</BEE_ELEVES>
`,
    encoding,
  );
}

/** ResponsablesAvecAdresses.xml (root BEE_RESPONSABLES): one legal guardian per link. */
export function responsablesXml(
  uai: string,
  year: number,
  guardians: SiecleGuardian[],
  encoding: Encoding = 'UTF-8',
): Buffer {
  const personnes = guardians
    .map(
      (g, i) =>
        `   <PERSONNE PERSONNE_ID="PG${i}"><LC_CIVILITE>${g.civility}</LC_CIVILITE><NOM_DE_FAMILLE>${esc(g.family)}</NOM_DE_FAMILLE><PRENOM>${esc(g.first)}</PRENOM><TEL_PORTABLE>${g.mobile}</TEL_PORTABLE><MEL>${g.email}</MEL><ADRESSE_ID>AG${i}</ADRESSE_ID></PERSONNE>`,
    )
    .join('\n');
  const responsables = guardians
    .map(
      (g, i) =>
        `   <RESPONSABLE_ELEVE><ELEVE_ID>${g.eleveId}</ELEVE_ID><PERSONNE_ID>PG${i}</PERSONNE_ID><RESP_LEGAL>1</RESP_LEGAL><CODE_PARENTE>10</CODE_PARENTE><PERS_CONTACT>1</PERS_CONTACT></RESPONSABLE_ELEVE>`,
    )
    .join('\n');
  const adresses = guardians
    .map(
      (_g, i) =>
        `   <ADRESSE ADRESSE_ID="AG${i}"><LIGNE1_ADRESSE>${12 + i} rue de l'Église</LIGNE1_ADRESSE><CODE_POSTAL>99100</CODE_POSTAL><LIBELLE_POSTAL>MONTCLAIR</LIBELLE_POSTAL><LL_PAYS>FRANCE</LL_PAYS></ADRESSE>`,
    )
    .join('\n');
  return encode(
    `<?xml version="1.0" encoding="${encoding}"?>
<BEE_RESPONSABLES VERSION="3.1">
  ${parametres(uai, year)}
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
`,
    encoding,
  );
}
