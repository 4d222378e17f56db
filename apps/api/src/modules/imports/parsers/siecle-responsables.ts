import { eachOf } from './batches';
import { decodeXml } from './decode';
import {
  toAddressEvent,
  siecleEventBatches,
  type SiecleAddressEvent,
  type SiecleHeaderEvent,
  type SiecleRejectedEvent,
} from './siecle-common';
import { cleanText } from './values';
import { attributeOrChild, childValue, type XmlNode } from './xml-records';

/** One `PERSONNE` of a BEE_RESPONSABLES export (a guardian or another contact of a pupil). */
export interface SiecleGuardianRecord {
  personneId: string;
  /** `NOM_DE_FAMILLE` (older exports: `NOM`), trimmed, accents and case as written. */
  familyName: string;
  firstName: string | null;
  /** `LC_CIVILITE`, e.g. "M." or "MME". */
  civility: string | null;
  /** `TEL_PERSONNEL`. */
  phone: string | null;
  /** `TEL_PORTABLE`. */
  mobile: string | null;
  /** `TEL_PROFESSIONNEL`. */
  workPhone: string | null;
  /** `MEL`. */
  email: string | null;
  /** `ADRESSE_ID`, pointing to an `address` event of the same file. */
  adresseId: string | null;
}

export interface SiecleGuardianEvent {
  type: 'person';
  record: SiecleGuardianRecord;
}

/** `RESPONSABLE_ELEVE`: who is responsible for which pupil. */
export interface SiecleGuardianLinkEvent {
  type: 'link';
  eleveId: string;
  personneId: string;
  /** `RESP_LEGAL` 1 or 2: a legal guardian; 0: another person. */
  legal: boolean;
  /** `CODE_PARENTE` (SIECLE nomenclature, e.g. 10 mother, 20 father). */
  relationshipCode: string | null;
  /** `PERS_CONTACT` 1: to be contacted. */
  contact: boolean;
}

export type SiecleResponsableEvent =
  | SiecleHeaderEvent
  | SiecleGuardianEvent
  | SiecleGuardianLinkEvent
  | SiecleAddressEvent
  | SiecleRejectedEvent;

const RESPONSABLES_FILE = {
  root: 'BEE_RESPONSABLES',
  fileLabel: 'un export SIECLE des responsables (ResponsablesAvecAdresses)',
  recordPaths: [
    'BEE_RESPONSABLES/PARAMETRES',
    'BEE_RESPONSABLES/DONNEES/PERSONNES/PERSONNE',
    'BEE_RESPONSABLES/DONNEES/RESPONSABLES/RESPONSABLE_ELEVE',
    'BEE_RESPONSABLES/DONNEES/ADRESSES/ADRESSE',
  ],
};

/**
 * Streams a SIECLE BEE_RESPONSABLES export into events, in document order: the header, then
 * persons, links and addresses as the file lists them (SIECLE writes them in this order; join
 * them by PERSONNE_ID and ADRESSE_ID). Throws `ImportFileError` when the whole file must be refused.
 */
export async function* parseSiecleResponsablesBatches(
  input: AsyncIterable<Uint8Array>,
): AsyncGenerator<SiecleResponsableEvent[]> {
  yield* siecleEventBatches(await decodeXml(input, { deferCorrections: true }), RESPONSABLES_FILE, (node) => {
    const event = dataEvent(node);
    return event === null ? [] : [event];
  });
}

/** parseSiecleResponsablesBatches one event at a time. */
export const parseSiecleResponsables = (input: AsyncIterable<Uint8Array>): AsyncGenerator<SiecleResponsableEvent> =>
  eachOf(parseSiecleResponsablesBatches(input));

function dataEvent(node: XmlNode): SiecleResponsableEvent | null {
  if (node.name === 'PERSONNE') return toGuardianEvent(node);
  if (node.name === 'RESPONSABLE_ELEVE') return toLinkEvent(node);
  return toAddressEvent(node);
}

function toGuardianEvent(node: XmlNode): SiecleGuardianEvent | SiecleRejectedEvent {
  const personneId = cleanText(attributeOrChild(node, 'PERSONNE_ID'));
  const familyName = childValue(node, 'NOM_DE_FAMILLE') ?? childValue(node, 'NOM');
  if (personneId === null || familyName === null) {
    const reason = personneId === null ? 'PERSONNE_ID manquant' : 'Nom de famille manquant';
    const ref = personneId === null ? `ligne ${node.line}` : `PERSONNE_ID ${personneId}`;
    return { type: 'rejected', ref, reason, line: node.line };
  }
  return {
    type: 'person',
    record: {
      personneId,
      familyName,
      firstName: childValue(node, 'PRENOM'),
      civility: childValue(node, 'LC_CIVILITE'),
      phone: childValue(node, 'TEL_PERSONNEL'),
      mobile: childValue(node, 'TEL_PORTABLE'),
      workPhone: childValue(node, 'TEL_PROFESSIONNEL'),
      email: childValue(node, 'MEL'),
      adresseId: childValue(node, 'ADRESSE_ID'),
    },
  };
}

function toLinkEvent(node: XmlNode): SiecleGuardianLinkEvent | SiecleRejectedEvent {
  const eleveId = childValue(node, 'ELEVE_ID');
  const personneId = childValue(node, 'PERSONNE_ID');
  if (eleveId === null || personneId === null) {
    const reason = 'Lien responsable–élève incomplet (ELEVE_ID ou PERSONNE_ID manquant)';
    return { type: 'rejected', ref: `ligne ${node.line}`, reason, line: node.line };
  }
  const legal = childValue(node, 'RESP_LEGAL');
  return {
    type: 'link',
    eleveId,
    personneId,
    legal: legal === '1' || legal === '2',
    relationshipCode: childValue(node, 'CODE_PARENTE'),
    contact: childValue(node, 'PERS_CONTACT') === '1',
  };
}
