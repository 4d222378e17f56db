import type { Importer, Rejection } from '../import-types';
import { createTempTable, fillTempTable, num } from '../bulk';
import { GUARDIAN_COLUMNS } from '../stage/guardians';
import { stageInWorker } from '../stage/stage-pool';
import { stagedBatches, wireColumns } from '../staging';
import { establishmentOfFile } from './siecle-eleves.importer';

const STAGE = 'import_guardian_set';

/**
 * SIECLE guardians (BEE_RESPONSABLES): persons, their links to pupils and addresses, joined per
 * pupil (stage/guardians.ts). A pupil's guardians are replaced only when they changed (fingerprint).
 */
export const siecleResponsablesImporter: Importer = {
  stage: (ctx) => stageInWorker('SIECLE_RESPONSABLES', ctx),

  async apply(ctx, staged) {
    const { tx } = ctx;
    const establishment = await establishmentOfFile(ctx, staged);
    await createTempTable(tx, STAGE, 'seq int PRIMARY KEY, siecle_id text, hash text, guardians json, missing json');
    await fillTempTable(
      tx,
      `INSERT INTO ${STAGE} SELECT * FROM json_to_recordset($1::json) AS x(${wireColumns(['int', 'text', 'text', 'json', 'json'])})`,
      stagedBatches(ctx.stagePath, staged),
    );
    const match = 'p.establishment_id = $1::uuid AND p.siecle_id = s.siecle_id';
    // One statement (its parts all see the data as it was before it): the changed pupils' former
    // guardians out, the new ones in, their fingerprints kept; counts; and the pupils unknown here
    // or linked to persons absent from the file, in file order.
    const [result] = await tx.$queryRawUnsafe<{ created: unknown; updated: unknown; unchanged: unknown; problems: string | null }[]>(
      `WITH x AS (
         SELECT s.*, p.id AS pupil_id, p.guardians_hash AS old_hash
         FROM ${STAGE} s JOIN pupil p ON ${match}
         WHERE p.guardians_hash IS DISTINCT FROM s.hash),
       del AS (DELETE FROM guardian g USING x WHERE g.pupil_id = x.pupil_id),
       ins AS (
         INSERT INTO guardian (id, pupil_id, rank, ${GUARDIAN_COLUMNS.join(', ')})
         SELECT gen_random_uuid(), x.pupil_id, (r.ord - 1)::int, ${GUARDIAN_COLUMNS.map((c) => `r.${c}`).join(', ')}
         FROM x, ROWS FROM (json_to_recordset(x.guardians)
           AS (${wireColumns(GUARDIAN_COLUMNS.map((c) => (c === 'is_legal_guardian' ? 'boolean' : 'text')))})) WITH ORDINALITY
           AS r(${GUARDIAN_COLUMNS.join(', ')}, ord)),
       upd AS (UPDATE pupil p SET guardians_hash = x.hash, updated_at = $2::timestamptz FROM x WHERE p.id = x.pupil_id)
       SELECT (SELECT count(*) FROM x WHERE x.old_hash IS NULL) AS created,
              (SELECT count(*) FROM x WHERE x.old_hash IS NOT NULL) AS updated,
              (SELECT count(*) FROM ${STAGE} s JOIN pupil p ON ${match} WHERE p.guardians_hash = s.hash) AS unchanged,
              (SELECT json_agg(json_build_array(s.siecle_id, p.id IS NOT NULL, s.missing) ORDER BY s.seq)
               FROM ${STAGE} s LEFT JOIN pupil p ON ${match}
               WHERE p.id IS NULL OR json_array_length(s.missing) > 0)::text AS problems`,
      establishment.id,
      ctx.now.toISOString(),
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
