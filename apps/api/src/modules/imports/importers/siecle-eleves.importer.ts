import { establishmentScope } from '../../../lib/scope';
import { ImportFailure, type ApplyContext, type Importer, type StagedImport } from '../import-types';
import { num, stagedRelation } from '../bulk';
import { PUPIL_COLUMNS } from '../stage/pupils';
import { stageInWorker } from '../stage/stage-pool';

/** The establishment named by the file (PARAMETRES/UAJ) must be in the importing person's scope. */
export async function establishmentOfFile(ctx: ApplyContext, staged: StagedImport) {
  const uai = staged.header.uai;
  const establishment = uai
    ? await ctx.tx.establishment.findFirst({ where: { AND: [{ uai }, establishmentScope(ctx.actor)] } })
    : null;
  if (!establishment) {
    throw new ImportFailure(`L'établissement ${uai ?? '(sans UAI)'} du fichier est inconnu ou hors de votre périmètre : rien n'a été importé.`);
  }
  return establishment;
}

const STAGE = 'import_pupil';

/**
 * SIECLE pupils (BEE_ELEVES). Re-importing the same file changes nothing (a fingerprint of each
 * record is kept); a changed record updates the pupil and the copies kept on their cases.
 */
export const siecleElevesImporter: Importer = {
  stage: (ctx) => stageInWorker('SIECLE_ELEVES', ctx),

  async apply(ctx, staged) {
    const { tx } = ctx;
    const establishment = await establishmentOfFile(ctx, staged);
    // The file's pupils (staged rows: stage/pupils.ts) as the relation `staged`; then one statement writes them all.
    const staging = await stagedRelation(tx, { name: 'staged', table: STAGE, columns: [...PUPIL_COLUMNS, ['sort_name', 'text'], ['new_id', 'uuid']], stagePath: ctx.stagePath, staged, param: 3 });
    const match = `p.establishment_id = $1::uuid AND p.siecle_id = s.siecle_id`;
    // One statement (its parts all see the pupils as they were before it): each record against the
    // stored pupil — new, same fingerprint, or changed; changed pupils updated (the last changed
    // record of a pupil wins) with the copies kept on their cases; new pupils inserted.
    const [counts] = await tx.$queryRawUnsafe<{ created: unknown; updated: unknown; unchanged: unknown }[]>(
      `WITH ${staging.cte},
       src AS (
         SELECT DISTINCT ON (s.siecle_id) p.id AS pupil_id, s.*
         FROM staged s JOIN pupil p ON ${match}
         WHERE p.import_hash IS DISTINCT FROM s.import_hash
         ORDER BY s.siecle_id, s.seq DESC),
       upd AS (
         UPDATE pupil p SET ${PUPIL_COLUMNS.map(([n]) => `${n} = src.${n}`).join(', ')}, updated_at = $2::timestamptz
         FROM src WHERE p.id = src.pupil_id),
       cases AS (
         UPDATE case_file c SET sort_name = src.sort_name, search_text = src.search_text, division = src.division, updated_at = $2::timestamptz
         FROM src WHERE c.pupil_id = src.pupil_id),
       ins AS (
         INSERT INTO pupil (id, establishment_id, ${PUPIL_COLUMNS.map(([n]) => n).join(', ')}, updated_at)
         SELECT s.new_id, $1::uuid, ${PUPIL_COLUMNS.map(([n]) => `s.${n}`).join(', ')}, $2::timestamptz
         FROM staged s WHERE NOT EXISTS (SELECT 1 FROM pupil p WHERE ${match})
         ORDER BY s.seq)
       SELECT count(*) FILTER (WHERE p.id IS NULL) AS created,
              count(*) FILTER (WHERE p.id IS NOT NULL AND p.import_hash IS DISTINCT FROM s.import_hash) AS updated,
              count(*) FILTER (WHERE p.import_hash = s.import_hash) AS unchanged
       FROM staged s LEFT JOIN pupil p ON ${match}`,
      establishment.id,
      ctx.now.toISOString(),
      ...staging.params,
    );
    return {
      created: num(counts?.created),
      updated: num(counts?.updated),
      unchanged: num(counts?.unchanged),
      rejected: [],
      establishmentIds: [establishment.id],
    };
  },
};
