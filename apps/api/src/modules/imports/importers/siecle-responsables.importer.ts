import { createHash } from 'node:crypto';
import type { Importer, Rejection } from '../import-types';
import { parseSiecleResponsables, type SiecleGuardianRecord } from '../parsers/siecle-responsables';
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
    // Changed pupils are written in batches: one delete and one insert per batch.
    let pending: { pupilId: string; hash: string; guardians: Record<string, unknown>[] }[] = [];
    const flush = async () => {
      if (!pending.length) return;
      await ctx.tx.guardian.deleteMany({ where: { pupilId: { in: pending.map((p) => p.pupilId) } } });
      await ctx.tx.guardian.createMany({
        data: pending.flatMap((p) => p.guardians.map((g, rank) => ({ ...g, rank, pupilId: p.pupilId }))) as never,
      });
      for (const p of pending) await ctx.tx.pupil.update({ where: { id: p.pupilId }, data: { guardiansHash: p.hash } });
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
      pending.push({ pupilId: pupil.id, hash, guardians });
      if (pending.length >= 500) await flush();
    }
    await flush();
    // Guardians change no one's situation: no cross-referencing needed beyond this establishment.
    return { created, updated, unchanged, rejected, establishmentIds: [establishment.id] };
  },
};
