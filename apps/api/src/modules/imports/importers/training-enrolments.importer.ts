import type { Importer } from '../import-types';
import { TRAINING_ENROLMENT_COLUMNS } from '../stage/academy-records';
import { stageInWorker } from '../stage/stage-pool';
import { upsertAcademyRecords } from './academy-records';

/** Training and apprenticeship enrolments (CFA data), académie-wide; format in docs/formats.md. */
export const trainingEnrolmentsImporter: Importer = {
  stage: (ctx) => stageInWorker('TRAINING_ENROLMENTS', ctx),

  async apply(ctx, staged) {
    const counts = await upsertAcademyRecords(ctx.tx, staged, {
      stagePath: ctx.stagePath,
      academyId: ctx.academyId,
      now: ctx.now,
      table: 'training_enrolment',
      columns: TRAINING_ENROLMENT_COLUMNS,
      keyColumns: ['training_name', 'start_date'],
    });
    return { ...counts, rejected: [] };
  },
};
