import iconv from 'iconv-lite';

export interface BuiltPupil {
  id: string;
  ine?: string | null;
  family: string;
  first: string;
  birth: string; // dd/mm/yyyy
  entry?: string;
  exit?: string | null;
  division?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A BEE_ELEVES export as SIECLE writes it (ISO-8859-15 by default). */
export function buildElevesXml(opts: { uai: string; year: number; pupils: BuiltPupil[]; encoding?: 'ISO-8859-15' | 'UTF-8' }): Buffer {
  const encoding = opts.encoding ?? 'ISO-8859-15';
  const eleves = opts.pupils
    .map(
      (p) => `    <ELEVE ELEVE_ID="${p.id}" ELENOET="${p.id}">
      ${p.ine ? `<ID_NATIONAL>${p.ine}</ID_NATIONAL>` : ''}
      <NOM_DE_FAMILLE>${esc(p.family)}</NOM_DE_FAMILLE>
      <PRENOM>${esc(p.first)}</PRENOM>
      <DATE_NAISS>${p.birth}</DATE_NAISS>
      <CODE_SEXE>2</CODE_SEXE>
      <DATE_ENTREE>${p.entry ?? '02/09/2024'}</DATE_ENTREE>
      ${p.exit ? `<DATE_SORTIE>${p.exit}</DATE_SORTIE><CODE_MOTIF_SORTIE>04</CODE_MOTIF_SORTIE>` : ''}
      <CODE_MEF>24020012310</CODE_MEF>
    </ELEVE>`,
    )
    .join('\n');
  const structures = opts.pupils
    .map((p) => `    <STRUCTURES_ELEVE ELEVE_ID="${p.id}"><STRUCTURE><CODE_STRUCTURE>${p.division ?? '1CAP1'}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>`)
    .join('\n');
  const xml = `<?xml version="1.0" encoding="${encoding}"?>
<BEE_ELEVES VERSION="3.1">
  <PARAMETRES>
    <UAJ>${opts.uai}</UAJ>
    <ANNEE_SCOLAIRE>${opts.year}</ANNEE_SCOLAIRE>
    <DATE_EXPORT>15/11/${opts.year}</DATE_EXPORT>
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
`;
  return encoding === 'UTF-8' ? Buffer.from(xml, 'utf8') : iconv.encode(xml, 'iso-8859-15');
}

/** BEE_RESPONSABLES for pupils: one legal guardian each (the mother), with a mobile phone. */
export function buildResponsablesXml(opts: { uai: string; year: number; links: { eleveId: string; family: string; first: string; mobile: string }[] }): Buffer {
  const personnes = opts.links
    .map(
      (l, i) => `   <PERSONNE PERSONNE_ID="P${i}"><LC_CIVILITE>MME</LC_CIVILITE><NOM_DE_FAMILLE>${esc(l.family)}</NOM_DE_FAMILLE><PRENOM>${esc(l.first)}</PRENOM><TEL_PORTABLE>${l.mobile}</TEL_PORTABLE><MEL>parent${i}@exemple.invalid</MEL><ADRESSE_ID>A${i}</ADRESSE_ID></PERSONNE>`,
    )
    .join('\n');
  const responsables = opts.links
    .map((l, i) => `   <RESPONSABLE_ELEVE><ELEVE_ID>${l.eleveId}</ELEVE_ID><PERSONNE_ID>P${i}</PERSONNE_ID><RESP_LEGAL>1</RESP_LEGAL><CODE_PARENTE>10</CODE_PARENTE><PERS_CONTACT>1</PERS_CONTACT></RESPONSABLE_ELEVE>`)
    .join('\n');
  const adresses = opts.links
    .map((_l, i) => `   <ADRESSE ADRESSE_ID="A${i}"><LIGNE1_ADRESSE>${i} rue de l'Église</LIGNE1_ADRESSE><CODE_POSTAL>99000</CODE_POSTAL><LIBELLE_POSTAL>MONTCLAIR</LIBELLE_POSTAL><LL_PAYS>FRANCE</LL_PAYS></ADRESSE>`)
    .join('\n');
  const xml = `<?xml version="1.0" encoding="ISO-8859-15"?>
<BEE_RESPONSABLES VERSION="3.1">
  <PARAMETRES><UAJ>${opts.uai}</UAJ><ANNEE_SCOLAIRE>${opts.year}</ANNEE_SCOLAIRE><DATE_EXPORT>15/11/${opts.year}</DATE_EXPORT></PARAMETRES>
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
`;
  return iconv.encode(xml, 'iso-8859-15');
}
