import { ImportFileError } from './import-file-error';
import { cleanText, foldKey, parseDay } from './values';
import type { DecodedText } from './decode';
import { childText, childValue, readXmlRecords, type XmlNode, type XmlRecordOptions } from './xml-records';

/** `PARAMETRES` of a BEE export: whose data and which school year. */
export interface SiecleHeaderEvent {
  type: 'header';
  /** UAI of the establishment (`UAJ`), upper case. */
  uai: string;
  /** "2025-2026" for `ANNEE_SCOLAIRE` 2025 (SIECLE writes the starting year). */
  schoolYear: string;
  /** `DATE_EXPORT` as yyyy-mm-dd, null when absent or unreadable. */
  exportDate: string | null;
}

/** A record left out of the import, with the French reason shown in the report. */
export interface SiecleRejectedEvent {
  type: 'rejected';
  /** « ELEVE_ID 1234 », « PERSONNE_ID 5678 », or « ligne N » when the record has no identifier. */
  ref: string;
  reason: string;
  /** Line of the record in the file. */
  line: number;
}

/** An `ADRESSES/ADRESSE` block as one line of text. */
export interface SiecleAddressEvent {
  type: 'address';
  adresseId: string;
  text: string;
}

const UAI_PATTERN = /^[0-9]{7}[A-Z]$/;

/** Reads `PARAMETRES`; a missing or unreadable UAJ or ANNEE_SCOLAIRE fails the whole file. */
export function toHeaderEvent(parameters: XmlNode): SiecleHeaderEvent {
  const uai = childValue(parameters, 'UAJ')?.toUpperCase() ?? null;
  const year = childValue(parameters, 'ANNEE_SCOLAIRE');
  const missing = [uai === null ? 'UAJ' : null, year === null ? 'ANNEE_SCOLAIRE' : null].filter(
    (tag) => tag !== null,
  );
  if (uai === null || year === null)
    throw missingParameters(`${missing.join(' et ')} absent(s) de PARAMETRES`);
  if (!UAI_PATTERN.test(uai))
    throw missingParameters(`UAJ « ${uai} » n'est pas un code UAI (7 chiffres et une lettre)`);
  const schoolYear = schoolYearLabel(year);
  if (schoolYear === null)
    throw missingParameters(
      `ANNEE_SCOLAIRE « ${year} » illisible (attendu : une année, par exemple 2025)`,
    );
  const exportDate = parseDay(childValue(parameters, 'DATE_EXPORT') ?? '');
  return { type: 'header', uai, schoolYear, exportDate };
}

export function missingParameters(detail: string): ImportFileError {
  return new ImportFileError('MISSING_PARAMETERS', `En-tête SIECLE incomplet : ${detail}.`);
}

/** 2025 → "2025-2026"; an already written "2025-2026" is kept. */
function schoolYearLabel(year: string): string | null {
  const single = /^(\d{4})$/.exec(year);
  if (single) return `${single[1]}-${Number(single[1]) + 1}`;
  const span = /^(\d{4})\s*[-/]\s*(\d{4})$/.exec(year);
  if (span && Number(span[2]) === Number(span[1]) + 1) return `${span[1]}-${span[2]}`;
  return null;
}

/**
 * An address block (LIGNE1_ADRESSE…LIGNE4_ADRESSE, CODE_POSTAL, LIBELLE_POSTAL or
 * COMMUNE_ETRANGERE, LL_PAYS) as one line: the lines joined with ', ', then postal code and
 * town, then the country unless it is France. Null when the block is empty.
 */
export function addressText(block: XmlNode): string | null {
  const lines = ['LIGNE1_ADRESSE', 'LIGNE2_ADRESSE', 'LIGNE3_ADRESSE', 'LIGNE4_ADRESSE'].map(
    (tag) => childValue(block, tag),
  );
  const town =
    childValue(block, 'LIBELLE_POSTAL') ??
    childValue(block, 'COMMUNE_ETRANGERE');
  const postalTown = cleanText(
    [childValue(block, 'CODE_POSTAL'), town].filter(Boolean).join(' '),
  );
  const country = childValue(block, 'LL_PAYS');
  const parts = [
    ...lines,
    postalTown,
    country !== null && foldKey(country) !== 'france' ? country : null,
  ];
  return cleanText(parts.filter((part) => part !== null).join(', '));
}

export function toAddressEvent(block: XmlNode): SiecleAddressEvent | SiecleRejectedEvent | null {
  const adresseId = cleanText(block.attributes.ADRESSE_ID ?? childText(block, 'ADRESSE_ID'));
  const text = addressText(block);
  if (adresseId === null)
    return {
      type: 'rejected',
      ref: `ligne ${block.line}`,
      reason: 'Adresse sans ADRESSE_ID',
      line: block.line,
    };
  return text === null ? null : { type: 'address', adresseId, text };
}

/**
 * A SIECLE export's events by batches (those of a slice of the file): the PARAMETRES header
 * first — required before the data, else the whole file is refused — then each record's events.
 */
export async function* siecleEventBatches<E>(
  decoded: DecodedText,
  file: XmlRecordOptions,
  dataEvents: (node: XmlNode) => readonly E[],
): AsyncGenerator<(E | SiecleHeaderEvent)[]> {
  let headerSeen = false;
  for await (const nodes of readXmlRecords(decoded.text, file, decoded.correct)) {
    const events: (E | SiecleHeaderEvent)[] = [];
    for (const node of nodes) {
      if (node.name === 'PARAMETRES') {
        if (!headerSeen) events.push(toHeaderEvent(node));
        headerSeen = true;
      } else if (!headerSeen) {
        throw missingParameters('le bloc PARAMETRES manque avant les données');
      } else {
        events.push(...dataEvents(node));
      }
    }
    yield events;
  }
  if (!headerSeen) throw missingParameters('le bloc PARAMETRES manque');
}
