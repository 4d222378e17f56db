import type { Importer, Rejection } from '../import-types';
import { num, stagedRelation } from '../bulk';
import { GUARDIAN_COLUMNS } from '../stage/guardians';
import { stageInWorker } from '../stage/stage-pool';
import { wireSelect } from '../staging';
import { establishmentOfFile } from './siecle-eleves.importer';

const STAGE = 'import_guardian_set';

/**
 * SIECLE guardians (BEE_RESPONSABLES): persons, their links to pupils and addresses, joined per
 * pupil (stage/guardians.ts). A pupil's guardians are replaced only when they changed (fingerprint
 * of the set, kept on each guardian).
 */
export const siecleResponsablesImporter: Importer = {
  stage: (ctx) => stageInWorker('SIECLE_RESPONSABLES', ctx),

  async apply(ctx, staged) {
    const { tx } = ctx;
    const establishment = await establishmentOfFile(ctx, staged);
    // A row a pupil (stage/guardians.ts) as the relation `staged`; its guardians as jsonb, parsed once.
    const staging = await stagedRelation(tx, {
      name: 'staged',
      table: STAGE,
      columns: [['siecle_id', 'text'], ['hash', 'text'], ['guardians', 'jsonb'], ['missing', 'json']],
      stagePath: ctx.stagePath,
      staged,
      param: 2,
    });
    // One statement (its parts all see the data as it was before it). Each staged pupil with the
    // fingerprint its guardians were last imported with (kept on each of them); changed: the former
    // guardians out, the new ones in with the new fingerprint — a pupil with none before and none in
    // the file is unchanged. Counts; and the pupils unknown here or linked to persons absent from
    // the file, in file order.
    const [result] = await tx.$queryRawUnsafe<{ created: unknown; updated: unknown; unchanged: unknown; problems: string | null }[]>(
      `WITH ${staging.cte},
       k AS MATERIALIZED (
         SELECT s.seq, s.siecle_id, s.hash, s.missing, jsonb_array_length(s.guardians) AS n, p.id AS pupil_id, cur.present, cur.hash AS old_hash
         FROM staged s
         LEFT JOIN pupil p ON p.establishment_id = $1::uuid AND p.siecle_id = s.siecle_id
         LEFT JOIN LATERAL (SELECT true AS present, g.import_set_hash AS hash FROM guardian g WHERE g.pupil_id = p.id LIMIT 1) cur ON true),
       x AS MATERIALIZED (
         SELECT k.seq, k.pupil_id, k.hash, k.present FROM k
         WHERE k.pupil_id IS NOT NULL AND k.old_hash IS DISTINCT FROM k.hash AND (k.present OR k.n > 0)),
       del AS (DELETE FROM guardian g USING x WHERE x.present AND g.pupil_id = x.pupil_id),
       ins AS (
         INSERT INTO guardian (id, pupil_id, rank, ${GUARDIAN_COLUMNS.join(', ')}, import_set_hash)
         SELECT r.id, x.pupil_id, (r.ord - 1)::int, ${GUARDIAN_COLUMNS.map((c) => `r.${c}`).join(', ')}, x.hash
         FROM x JOIN staged s ON s.seq = x.seq,
           LATERAL (${wireSelect([...GUARDIAN_COLUMNS.map((c) => (c === 'is_legal_guardian' ? 'boolean' : 'text')), 'uuid'], 's.guardians', { ordinality: true })})
           AS r(${GUARDIAN_COLUMNS.join(', ')}, id, ord))
       SELECT (SELECT count(*) FROM x WHERE x.present IS NULL) AS created,
              (SELECT count(*) FROM x WHERE x.present) AS updated,
              (SELECT count(*) FROM k WHERE k.pupil_id IS NOT NULL) - (SELECT count(*) FROM x) AS unchanged,
              (SELECT json_agg(json_build_array(k.siecle_id, k.pupil_id IS NOT NULL, k.missing) ORDER BY k.seq)
               FROM k WHERE k.pupil_id IS NULL OR json_array_length(k.missing) > 0)::text AS problems`,
      establishment.id,
      ...staging.params,
    );
    const rejected: Rejection[] = [];
    for (const [eleveId, known, missing] of JSON.parse(result?.problems ?? '[]') as [string, boolean, string[]][]) {
      if (!known) {
        rejected.push({ ref: `ELEVE_ID ${eleveId}`, reason: "Élève inconnu dans cet établissement : importez d'abord le fichier des élèves." });
        continue;
      }
      for (const personneId of missing) {
        rejected.push({ ref: `PERSONNE_ID ${personneId}`, reason: `Responsable absent du fichier (lien avec l'élève ${eleveId}).` });
      }
    }
    // Guardians change no one's situation: no cross-referencing (no establishment named).
    return { created: num(result?.created), updated: num(result?.updated), unchanged: num(result?.unchanged), rejected, establishmentIds: [] };
  },
};
