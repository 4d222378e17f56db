import type { Importer } from '../import-types';
import { parseTrainingEnrolmentsCsv, type TrainingEnrolmentRecord } from '../parsers/csv';
import { upsertAcademyRecords } from './academy-records';
import { stageEvents } from './siecle-eleves.importer';

/** Training and apprenticeship enrolments (CFA data), académie-wide; format in docs/formats.md. */
export const trainingEnrolmentsImporter: Importer = {
  stage: (ctx) => stageEvents(ctx, 'csv', parseTrainingEnrolmentsCsv, (e) => (e.type === 'row' ? e.record : null)),

  async apply(ctx) {
    const counts = await upsertAcademyRecords<TrainingEnrolmentRecord>(ctx.tx, {
      stagePath: ctx.stagePath,
      academyId: ctx.academyId,
      now: ctx.now,
      table: 'training_enrolment',
      columns: [
        ['training_uai', 'text'],
        ['siret', 'text'],
        ['training_name', 'text'],
        ['kind', '"TrainingKind"'],
        ['start_date', 'date'],
        ['end_date', 'date'],
      ],
      keyColumns: ['training_name', 'start_date'],
      toRow: (r) => ({
        training_uai: r.uai,
        siret: r.siret,
        training_name: r.establishmentName,
        kind: r.kind,
        start_date: r.startDate,
        // A contract broken before its end counts as ended then.
        end_date: r.breakDate ?? r.endDate ?? null,
      }),
    });
    return { ...counts, rejected: [] };
  },
};
