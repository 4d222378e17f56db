import type { Importer } from '../import-types';
import { EXAM_RESULT_COLUMNS } from '../stage/academy-records';
import { stageInWorker } from '../stage/stage-pool';
import { upsertAcademyRecords } from './academy-records';

/** Exam results (OCEAN / CYCLADES side), académie-wide; format in docs/formats.md. */
export const examResultsImporter: Importer = {
  stage: (ctx) => stageInWorker('EXAM_RESULTS', ctx),

  async apply(ctx, staged) {
    const counts = await upsertAcademyRecords(ctx.tx, staged, {
      stagePath: ctx.stagePath,
      academyId: ctx.academyId,
      now: ctx.now,
      table: 'exam_result',
      columns: EXAM_RESULT_COLUMNS,
      keyColumns: ['diploma', 'session'],
    });
    return { ...counts, rejected: [] };
  },
};
