import type { Importer } from '../import-types';
import { parseExamResultsCsv, type ExamResultRecord } from '../parsers/csv';
import { upsertAcademyRecords } from './academy-records';
import { stageEvents } from './siecle-eleves.importer';

/** Exam results (OCEAN / CYCLADES side), académie-wide; format in docs/formats.md. */
export const examResultsImporter: Importer = {
  stage: (ctx) => stageEvents(ctx, 'csv', parseExamResultsCsv, (e) => (e.type === 'row' ? e.record : null)),

  async apply(ctx) {
    const { tx, academyId } = ctx;
    const counts = await upsertAcademyRecords<ExamResultRecord, { id: string }>({
      stagePath: ctx.stagePath,
      naturalKey: (r, identity) => `${identity}|${r.diploma}|${r.session}`,
      toData: (r) => ({ diploma: r.diploma, session: r.session, result: r.result }),
      findExisting: async (identities) =>
        (await tx.examResult.findMany({ where: { academyId, identity: { in: identities } } })).map((e) => ({
          id: e.id,
          key: `${e.identity}|${e.diploma}|${e.session}`,
          data: { diploma: e.diploma, session: e.session, result: e.result, identity: e.identity, identityKey: e.identityKey, ine: e.ine, familyName: e.familyName, firstName: e.firstName, birthDate: e.birthDate },
        })),
      createMany: (rows) => tx.examResult.createMany({ data: rows.map((r) => ({ ...r, academyId })) as never }),
      update: (id, data) => tx.examResult.update({ where: { id }, data: data as never }),
    });
    return { ...counts, rejected: [] };
  },
};
