import { createHash } from 'node:crypto';
import type { Importer, Rejection } from '../import-types';
import { parseSiecleResponsables, type SiecleGuardianRecord } from '../parsers/siecle-responsables';
import { BULK_ROWS, execWithRows } from '../bulk';
import { readStaged } from '../staging';
import { establishmentOfFile, stageEvents } from './siecle-eleves.importer';

type Staged =
  | { t: 'person'; r: SiecleGuardianRecord }
  | { t: 'link'; eleveId: string; personneId: string; legal: boolean; code: string | null; contact: boolean }
  | { t: 'address'; id: string; text: string };

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
/** The guardian columns an import writes (besides id, pupil_id and rank). */
const GUARDIAN_COLUMNS = [
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

/** A guardian as its row (the fingerprint is taken on the former shape, so stored fingerprints stay valid). */
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
}) => ({
  siecle_id: g.siecleId,
  civility: g.civility,
  family_name: g.familyName,
  first_name: g.firstName,
  relationship: g.relationship,
  is_legal_guardian: g.isLegalGuardian,
  phone_home: g.phoneHome,
  phone_mobile: g.phoneMobile,
  phone_work: g.phoneWork,
  email: g.email,
  address: g.address,
});

const relationshipOf = (code: string | null) => (code ? (RELATIONSHIPS[code] ?? `Lien (code ${code})`) : null);

/**
 * SIECLE guardians (BEE_RESPONSABLES): persons, their links to pupils and addresses, joined
 * per pupil. A pupil's guardians are replaced only when they changed (fingerprint).
 */
export const siecleResponsablesImporter: Importer = {
  stage: (ctx) =>
    stageEvents(ctx, 'xml', parseSiecleResponsables, (e) =>
      e.type === 'person'
        ? { t: 'person', r: e.record }
        : e.type === 'link'
          ? { t: 'link', eleveId: e.eleveId, personneId: e.personneId, legal: e.legal, code: e.relationshipCode, contact: e.contact }
          : e.type === 'address'
            ? { t: 'address', id: e.adresseId, text: e.text }
            : null,
    ),

  async apply(ctx, staged) {
    const establishment = await establishmentOfFile(ctx, staged);
    const persons = new Map<string, SiecleGuardianRecord>();
    const addresses = new Map<string, string>();
    const links = new Map<string, Extract<Staged, { t: 'link' }>[]>();
    for await (const s of readStaged<Staged>(ctx.stagePath)) {
      if (s.t === 'person') persons.set(s.r.personneId, s.r);
      else if (s.t === 'address') addresses.set(s.id, s.text);
      else links.set(s.eleveId, [...(links.get(s.eleveId) ?? []), s]);
    }
    const pupils = await ctx.tx.pupil.findMany({
      where: { establishmentId: establishment.id, siecleId: { in: [...links.keys()] } },
      select: { id: true, siecleId: true, guardiansHash: true },
    });
    const bySiecleId = new Map(pupils.map((p) => [p.siecleId as string, p]));
    const rejected: Rejection[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    // Changed pupils are written in batches, set-based: one delete, one insert, one update a batch.
    let pending: { pupilId: string; hash: string; guardians: Record<string, unknown>[] }[] = [];
    const now = ctx.now.toISOString();
    const flush = async () => {
      // One statement: the batch's former guardians out, the new ones in, the fingerprints kept
      // (the delete does not see the rows the same statement inserts).
      await execWithRows(
        ctx.tx,
        `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(pupil_id uuid, hash text, guardians json)),
         del AS (DELETE FROM guardian g USING x WHERE g.pupil_id = x.pupil_id),
         ins AS (
           INSERT INTO guardian (id, pupil_id, rank, ${GUARDIAN_COLUMNS.join(', ')})
           SELECT gen_random_uuid(), x.pupil_id, (r.ord - 1)::int, ${GUARDIAN_COLUMNS.map((c) => `r.${c}`).join(', ')}
           FROM x, ROWS FROM (json_to_recordset(x.guardians)
             AS (${GUARDIAN_COLUMNS.map((c) => `${c} ${c === 'is_legal_guardian' ? 'boolean' : 'text'}`).join(', ')})) WITH ORDINALITY
             AS r(${GUARDIAN_COLUMNS.join(', ')}, ord))
         UPDATE pupil p SET guardians_hash = x.hash, updated_at = $2::timestamptz FROM x WHERE p.id = x.pupil_id`,
        pending.map((p) => ({ pupil_id: p.pupilId, hash: p.hash, guardians: p.guardians })),
        now,
      );
      pending = [];
    };
    for (const [eleveId, pupilLinks] of links) {
      const pupil = bySiecleId.get(eleveId);
      if (!pupil) {
        rejected.push({ ref: `ELEVE_ID ${eleveId}`, reason: "Élève inconnu dans cet établissement : importez d'abord le fichier des élèves." });
        continue;
      }
      // Legal guardians first, then other contacts; each person once.
      const ordered = [...pupilLinks].sort((a, b) => Number(b.legal) - Number(a.legal));
      const guardians = [];
      for (const link of ordered) {
        const person = persons.get(link.personneId);
        if (!person) {
          rejected.push({ ref: `PERSONNE_ID ${link.personneId}`, reason: `Responsable absent du fichier (lien avec l'élève ${eleveId}).` });
          continue;
        }
        guardians.push({
          siecleId: person.personneId,
          civility: person.civility,
          familyName: person.familyName,
          firstName: person.firstName,
          relationship: relationshipOf(link.code),
          isLegalGuardian: link.legal,
          phoneHome: person.phone,
          phoneMobile: person.mobile,
          phoneWork: person.workPhone,
          email: person.email,
          address: person.adresseId ? (addresses.get(person.adresseId) ?? null) : null,
        });
      }
      const hash = createHash('sha256').update(JSON.stringify(guardians)).digest('hex').slice(0, 32);
      if (pupil.guardiansHash === hash) {
        unchanged += 1;
        continue;
      }
      if (pupil.guardiansHash === null) created += 1;
      else updated += 1;
      pending.push({ pupilId: pupil.id, hash, guardians: guardians.map(toColumns) });
      if (pending.length >= BULK_ROWS / 2) await flush();
    }
    await flush();
    // Guardians change no one's situation: no cross-referencing needed beyond this establishment.
    return { created, updated, unchanged, rejected, establishmentIds: [establishment.id] };
  },
};
