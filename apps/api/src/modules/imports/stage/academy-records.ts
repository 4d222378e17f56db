import { identityKey, recordIdentity } from '../identity';
import type { StageContext, StagedImport } from '../import-types';
import {
  parseExamResultsCsv,
  parseTrainingEnrolmentsCsv,
  type ExamResultRecord,
  type TrainingEnrolmentRecord,
} from '../parsers/csv';
import { BatchWriter } from '../staging';
import { readEvents } from './read-events';

/** Columns every académie-wide record has (the person it names): [name, SQL type]. */
export const PERSON_COLUMNS: [string, string][] = [
  ['identity', 'text'],
  ['identity_key', 'text'],
  ['ine', 'text'],
  ['family_name', 'text'],
  ['first_name', 'text'],
  ['birth_date', 'date'],
];

/** Data columns of exam results besides the person's: [name, SQL type]. */
export const EXAM_RESULT_COLUMNS: [string, string][] = [
  ['diploma', 'text'],
  ['session', 'text'],
  ['result', '"ExamResultValue"'],
];

/** Data columns of training enrolments besides the person's: [name, SQL type]. */
export const TRAINING_ENROLMENT_COLUMNS: [string, string][] = [
  ['training_uai', 'text'],
  ['siret', 'text'],
  ['training_name', 'text'],
  ['kind', '"TrainingKind"'],
  ['start_date', 'date'],
  ['end_date', 'date'],
];

/** Each row of an académie-wide CSV as it is written: `seq` (file order), the person, the data columns. */
async function stageAcademyRows<R extends { ine: string | null; familyName: string; firstName: string; birthDate: string }>(
  ctx: StageContext,
  parse: (bytes: AsyncIterable<Uint8Array>) => AsyncGenerator<{ type: 'row'; record: R } | { type: 'rejected' }>,
  toRow: (r: R) => Record<string, string | null>,
): Promise<StagedImport> {
  const out = new BatchWriter(ctx.stagePath);
  let seq = 0;
  try {
    const read = await readEvents(ctx, 'csv', parse, (e) => {
      if (e.type !== 'row') return undefined;
      const r = e.record;
      const key = identityKey(r.familyName, r.firstName, r.birthDate);
      return out.add({ seq: seq++, identity: recordIdentity(r), identity_key: key, ine: r.ine, family_name: r.familyName, first_name: r.firstName, birth_date: r.birthDate, ...toRow(r) });
    });
    return { ...read, records: out.count, ...(await out.finish()) };
  } catch (error) {
    out.abort();
    throw error;
  }
}

/** Exam results (OCEAN / CYCLADES side); format in docs/formats.md. */
export const stageExamResults = (ctx: StageContext) =>
  stageAcademyRows<ExamResultRecord>(ctx, parseExamResultsCsv, (r) => ({ diploma: r.diploma, session: r.session, result: r.result }));

/** Training and apprenticeship enrolments (CFA data); format in docs/formats.md. */
export const stageTrainingEnrolments = (ctx: StageContext) =>
  stageAcademyRows<TrainingEnrolmentRecord>(ctx, parseTrainingEnrolmentsCsv, (r) => ({
    training_uai: r.uai,
    siret: r.siret,
    training_name: r.establishmentName,
    kind: r.kind,
    start_date: r.startDate,
    // A contract broken before its end counts as ended then.
    end_date: r.breakDate ?? r.endDate ?? null,
  }));
