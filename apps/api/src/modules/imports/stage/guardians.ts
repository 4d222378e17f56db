import { hash as digest } from 'node:crypto';
import { uuidv7 } from '../../../lib/uuid';
import type { StageContext, StagedImport } from '../import-types';
import { parseSiecleResponsablesBatches, type SiecleGuardianLinkEvent, type SiecleGuardianRecord } from '../parsers/siecle-responsables';
import { BatchWriter, type WireRow } from '../staging';
import { readEvents } from './read-events';

/** SIECLE's CODE_PARENTE (the most frequent codes; others are shown with their code). */
const RELATIONSHIPS: Record<string, string> = {
  '10': 'Mère',
  '20': 'Père',
  '30': 'Autre membre de la famille',
  '50': 'Tuteur',
  '51': 'Aide sociale à l’enfance',
  '70': 'Élève lui-même',
  '90': 'Autre lien',
};
const relationshipOf = (code: string | null) => (code ? (RELATIONSHIPS[code] ?? `Lien (code ${code})`) : null);

/** The guardian columns an import writes (besides id, pupil_id and rank), in the order of a staged guardian's values. */
export const GUARDIAN_COLUMNS = [
  'siecle_id',
  'civility',
  'family_name',
  'first_name',
  'relationship',
  'is_legal_guardian',
  'phone_home',
  'phone_mobile',
  'phone_work',
  'email',
  'address',
];

/**
 * A guardian as its staged row: GUARDIAN_COLUMNS in order, then its id if written (made here,
 * time-ordered: lib/uuid.ts; gen_random_uuid() cost about 5 µs a row on PGlite). The fingerprint is taken on
 * the former shape, without the id, so stored fingerprints stay valid.
 */
const toColumns = (g: {
  siecleId: string;
  civility: string | null;
  familyName: string;
  firstName: string | null;
  relationship: string | null;
  isLegalGuardian: boolean;
  phoneHome: string | null;
  phoneMobile: string | null;
  phoneWork: string | null;
  email: string | null;
  address: string | null;
}): WireRow => [g.siecleId, g.civility, g.familyName, g.firstName, g.relationship, g.isLegalGuardian, g.phoneHome, g.phoneMobile, g.phoneWork, g.email, g.address, uuidv7()];

/** Pupils a batch (each carries its guardians). */
const PUPILS_A_BATCH = 1000;

/**
 * SIECLE guardians (BEE_RESPONSABLES): persons, their links to pupils and addresses, joined per
 * pupil into one row a pupil: seq, siecle_id, hash, guardians [...], missing [PERSONNE_ID…] (wire rows, staging.ts)
 * (legal guardians first, then other contacts; `missing`: linked persons absent from the file).
 * Whether the pupil is known, and whether its guardians changed, is the apply step's business.
 */
export async function stageGuardians(ctx: StageContext): Promise<StagedImport> {
  const persons = new Map<string, SiecleGuardianRecord>();
  const addresses = new Map<string, string>();
  const links = new Map<string, SiecleGuardianLinkEvent[]>();
  const read = await readEvents(ctx, 'xml', parseSiecleResponsablesBatches, (e) => {
    if (e.type === 'person') persons.set(e.record.personneId, e.record);
    else if (e.type === 'address') addresses.set(e.adresseId, e.text);
    else if (e.type === 'link') {
      const list = links.get(e.eleveId);
      if (list) list.push(e);
      else links.set(e.eleveId, [e]);
    }
    return undefined;
  });
  const out = new BatchWriter(ctx.stagePath, PUPILS_A_BATCH);
  try {
    let seq = 0;
    for (const [eleveId, pupilLinks] of links) {
      // Legal guardians first, then other contacts (a stable sort: file order otherwise).
      const ordered = [...pupilLinks].sort((a, b) => Number(b.legal) - Number(a.legal));
      const guardians = [];
      const missing: string[] = [];
      for (const link of ordered) {
        const person = persons.get(link.personneId);
        if (!person) {
          missing.push(link.personneId);
          continue;
        }
        guardians.push({
          siecleId: person.personneId,
          civility: person.civility,
          familyName: person.familyName,
          firstName: person.firstName,
          relationship: relationshipOf(link.relationshipCode),
          isLegalGuardian: link.legal,
          phoneHome: person.phone,
          phoneMobile: person.mobile,
          phoneWork: person.workPhone,
          email: person.email,
          address: person.adresseId ? (addresses.get(person.adresseId) ?? null) : null,
        });
      }
      const hash = digest('sha256', JSON.stringify(guardians), 'hex').slice(0, 32);
      const full = out.add([seq++, eleveId, hash, guardians.map(toColumns), missing]);
      if (full) await full;
    }
    return { ...read, records: out.count, ...(await out.finish()) };
  } catch (error) {
    out.abort();
    throw error;
  }
}
