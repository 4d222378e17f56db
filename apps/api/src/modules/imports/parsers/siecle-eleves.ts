import { eachOf } from './batches';
import { decodeXml } from './decode';
import {
  addressText,
  toAddressEvent,
  siecleEventBatches,
  type SiecleAddressEvent,
  type SiecleHeaderEvent,
  type SiecleRejectedEvent,
} from './siecle-common';
import { cleanText, isValidIne, normalizeIne, parseDay } from './values';
import {
  attributeOrChild,
  childValue,
  childrenNamed,
  type XmlNode,
} from './xml-records';

/** One `ELEVE` of a BEE_ELEVES export (ElevesSansAdresses or ElevesAvecAdresses). */
export interface SieclePupilRecord {
  eleveId: string;
  /** `ID_NATIONAL`, upper case; null when the export has none (the pupil is matched later by name + birth date). */
  ine: string | null;
  elenoet: string | null;
  /** `NOM_DE_FAMILLE` (older exports: `NOM`), trimmed, accents and case as written. */
  familyName: string;
  usageName: string | null;
  firstName: string;
  firstName2: string | null;
  firstName3: string | null;
  /** yyyy-mm-dd. */
  birthDate: string;
  /** 'M' for CODE_SEXE 1, 'F' for 2. */
  sex: 'M' | 'F' | null;
  mefCode: string | null;
  entryDate: string | null;
  /** `DATE_SORTIE`: set when the pupil has left. */
  exitDate: string | null;
  exitReasonCode: string | null;
  /** ElevesAvecAdresses only: `TEL_PERSONNEL`. */
  phone: string | null;
  /** ElevesAvecAdresses only: `TEL_PORTABLE`. */
  mobile: string | null;
  /** ElevesAvecAdresses only: `MEL`. */
  email: string | null;
  /** ElevesAvecAdresses only: `ADRESSE_ID`, pointing to an `address` event of the same file. */
  addressId: string | null;
  /** ElevesAvecAdresses only: an `ADRESSE` block inside the `ELEVE`, as one line. */
  address: string | null;
  /** Faults that do not prevent the import (« INE absent »…), in French. */
  warnings: string[];
}

export interface SieclePupilEvent {
  type: 'pupil';
  record: SieclePupilRecord;
}

/** A class (`STRUCTURE` with `TYPE_STRUCTURE` D) of a pupil. */
export interface SiecleDivisionEvent {
  type: 'division';
  eleveId: string;
  division: string;
}

export type SiecleEvent =
  | SiecleHeaderEvent
  | SieclePupilEvent
  | SiecleRejectedEvent
  | SiecleDivisionEvent
  | SiecleAddressEvent;

const ELEVES_FILE = {
  root: 'BEE_ELEVES',
  fileLabel: 'un export SIECLE des élèves (ElevesSansAdresses ou ElevesAvecAdresses)',
  recordPaths: [
    'BEE_ELEVES/PARAMETRES',
    'BEE_ELEVES/DONNEES/ELEVES/ELEVE',
    'BEE_ELEVES/DONNEES/STRUCTURES/STRUCTURES_ELEVE',
    'BEE_ELEVES/DONNEES/ADRESSES/ADRESSE',
  ],
};

/**
 * Streams a SIECLE BEE_ELEVES export (bytes of the XML file) into events, in document order:
 * the header first, then pupils (or rejections), divisions and addresses. Throws
 * `ImportFileError` when the whole file must be refused; the caller then keeps nothing of it.
 */
export async function* parseSiecleElevesBatches(
  input: AsyncIterable<Uint8Array>,
): AsyncGenerator<SiecleEvent[]> {
  const decoded = await decodeXml(input, { deferCorrections: true });
  const ineOwners = new Map<string, string>();
  yield* siecleEventBatches(decoded, ELEVES_FILE, (node) => dataEvents(node, ineOwners));
}

/** parseSiecleElevesBatches one event at a time. */
export const parseSiecleEleves = (input: AsyncIterable<Uint8Array>): AsyncGenerator<SiecleEvent> => eachOf(parseSiecleElevesBatches(input));

function dataEvents(node: XmlNode, ineOwners: Map<string, string>): SiecleEvent[] {
  if (node.name === 'ELEVE') return [toPupilEvent(node, ineOwners)];
  if (node.name === 'STRUCTURES_ELEVE') return toDivisionEvents(node);
  const address = toAddressEvent(node);
  return address === null ? [] : [address];
}

/** Reads one ELEVE; `ineOwners` (INE → ELEVE_ID of the pupils kept so far) spots an INE given twice. */
function toPupilEvent(
  node: XmlNode,
  ineOwners: Map<string, string>,
): SieclePupilEvent | SiecleRejectedEvent {
  const eleveId = cleanText(attributeOrChild(node, 'ELEVE_ID'));
  const familyName = childValue(node, 'NOM_DE_FAMILLE') ?? childValue(node, 'NOM');
  const firstName = childValue(node, 'PRENOM');
  const birth = readBirthDate(childValue(node, 'DATE_NAISS'));
  const ine = readIne(childValue(node, 'ID_NATIONAL'));
  const exit = readOptionalDay(childValue(node, 'DATE_SORTIE'), 'Date de sortie');
  const entry = readOptionalDay(childValue(node, 'DATE_ENTREE'), "Date d'entrée");
  const reasons = [
    eleveId === null ? 'ELEVE_ID manquant' : null,
    familyName === null || firstName === null ? 'Nom ou prénom manquant' : null,
    birth.fault,
    ine.fault,
    exit.fault,
  ].filter((reason) => reason !== null);
  const ref = eleveId === null ? `ligne ${node.line}` : `ELEVE_ID ${eleveId}`;
  if (
    eleveId === null ||
    familyName === null ||
    firstName === null ||
    birth.day === null ||
    reasons.length > 0
  ) {
    return rejected(ref, reasons, node.line);
  }
  const owner = ine.value === null ? undefined : ineOwners.get(ine.value);
  if (ine.value !== null && owner !== undefined) {
    return rejected(
      ref,
      [`INE ${ine.value} présent deux fois (élèves ${owner} et ${eleveId})`],
      node.line,
    );
  }
  if (ine.value !== null) ineOwners.set(ine.value, eleveId);
  const warnings = [ine.value === null ? 'INE absent' : null, entry.fault].filter(
    (warning) => warning !== null,
  );
  const adresse = childrenNamed(node, 'ADRESSE')[0];
  return {
    type: 'pupil',
    record: {
      eleveId,
      ine: ine.value,
      elenoet: cleanText(attributeOrChild(node, 'ELENOET')),
      familyName,
      usageName: childValue(node, 'NOM_USAGE'),
      firstName,
      firstName2: childValue(node, 'PRENOM2'),
      firstName3: childValue(node, 'PRENOM3'),
      birthDate: birth.day,
      sex: sexOf(childValue(node, 'CODE_SEXE')),
      mefCode: childValue(node, 'CODE_MEF'),
      entryDate: entry.day,
      exitDate: exit.day,
      exitReasonCode: childValue(node, 'CODE_MOTIF_SORTIE'),
      phone: childValue(node, 'TEL_PERSONNEL'),
      mobile: childValue(node, 'TEL_PORTABLE'),
      email: childValue(node, 'MEL'),
      addressId: childValue(node, 'ADRESSE_ID') ?? cleanText(adresse?.attributes.ADRESSE_ID),
      address: adresse === undefined ? null : addressText(adresse),
      warnings,
    },
  };
}

function rejected(ref: string, reasons: string[], line: number): SiecleRejectedEvent {
  return { type: 'rejected', ref, reason: reasons.join(' ; '), line };
}

function readBirthDate(raw: string | null): { day: string | null; fault: string | null } {
  if (raw === null) return { day: null, fault: 'Date de naissance manquante' };
  const day = parseDay(raw);
  return { day, fault: day === null ? `Date de naissance impossible : « ${raw} »` : null };
}

function readOptionalDay(
  raw: string | null,
  label: string,
): { day: string | null; fault: string | null } {
  if (raw === null) return { day: null, fault: null };
  const day = parseDay(raw);
  return { day, fault: day === null ? `${label} impossible : « ${raw} »` : null };
}

function readIne(raw: string | null): { value: string | null; fault: string | null } {
  if (raw === null) return { value: null, fault: null };
  const ine = normalizeIne(raw);
  if (isValidIne(ine)) return { value: ine, fault: null };
  return {
    value: null,
    fault: `INE « ${raw} » invalide (attendu : 9 chiffres et 2 lettres, ou 10 caractères et 1 lettre)`,
  };
}

function sexOf(code: string | null): 'M' | 'F' | null {
  if (code === '1') return 'M';
  if (code === '2') return 'F';
  return null;
}

function toDivisionEvents(node: XmlNode): SiecleDivisionEvent[] {
  const eleveId = cleanText(attributeOrChild(node, 'ELEVE_ID'));
  if (eleveId === null) return [];
  return childrenNamed(node, 'STRUCTURE')
    .filter((structure) => childValue(structure, 'TYPE_STRUCTURE')?.toUpperCase() === 'D')
    .map((structure) => childValue(structure, 'CODE_STRUCTURE'))
    .filter((division) => division !== null)
    .map((division) => ({ type: 'division', eleveId, division }));
}
