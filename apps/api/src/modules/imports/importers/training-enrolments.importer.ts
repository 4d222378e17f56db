import type { Importer } from '../import-types';
import { parseTrainingEnrolmentsCsv, type TrainingEnrolmentRecord } from '../parsers/csv';
import { day, upsertAcademyRecords } from './academy-records';
import { stageEvents } from './siecle-eleves.importer';

/** Training and apprenticeship enrolments (CFA data), académie-wide; format in docs/formats.md. */
export const trainingEnrolmentsImporter: Importer = {
  stage: (ctx) => stageEvents(ctx, 'csv', parseTrainingEnrolmentsCsv, (e) => (e.type === 'row' ? e.record : null)),

  async apply(ctx) {
    const { tx, academyId } = ctx;
    const counts = await upsertAcademyRecords<TrainingEnrolmentRecord, { id: string }>({
      stagePath: ctx.stagePath,
      naturalKey: (r, identity) => `${identity}|${r.establishmentName}|${r.startDate}`,
      toData: (r) => ({
        trainingUai: r.uai,
        siret: r.siret,
        trainingName: r.establishmentName,
        kind: r.kind,
        startDate: day(r.startDate),
        // A contract broken before its end counts as ended then.
        endDate: r.breakDate ? day(r.breakDate) : r.endDate ? day(r.endDate) : null,
      }),
      findExisting: async (identities) =>
        (await tx.trainingEnrolment.findMany({ where: { academyId, identity: { in: identities } } })).map((e) => ({
          id: e.id,
          key: `${e.identity}|${e.trainingName}|${e.startDate.toISOString().slice(0, 10)}`,
          data: {
            trainingUai: e.trainingUai, siret: e.siret, trainingName: e.trainingName, kind: e.kind, startDate: e.startDate, endDate: e.endDate,
            identity: e.identity, identityKey: e.identityKey, ine: e.ine, familyName: e.familyName, firstName: e.firstName, birthDate: e.birthDate,
          },
        })),
      createMany: (rows) => tx.trainingEnrolment.createMany({ data: rows.map((r) => ({ ...r, academyId })) as never }),
      update: (id, data) => tx.trainingEnrolment.update({ where: { id }, data: data as never }),
    });
    return { ...counts, rejected: [] };
  },
};
