import type { Importer } from '../import-types';
import { parseExamResultsCsv, type ExamResultRecord } from '../parsers/csv';
import { upsertAcademyRecords } from './academy-records';
import { stageEvents } from './siecle-eleves.importer';

/** Exam results (OCEAN / CYCLADES side), académie-wide; format in docs/formats.md. */
export const examResultsImporter: Importer = {
  stage: (ctx) => stageEvents(ctx, 'csv', parseExamResultsCsv, (e) => (e.type === 'row' ? e.record : null)),

  async apply(ctx) {
    const counts = await upsertAcademyRecords<ExamResultRecord>(ctx.tx, {
      stagePath: ctx.stagePath,
      academyId: ctx.academyId,
      now: ctx.now,
      table: 'exam_result',
      columns: [
        ['diploma', 'text'],
        ['session', 'text'],
        ['result', '"ExamResultValue"'],
      ],
      keyColumns: ['diploma', 'session'],
      toRow: (r) => ({ diploma: r.diploma, session: r.session, result: r.result }),
    });
    return { ...counts, rejected: [] };
  },
};
