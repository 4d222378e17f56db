import { uuidv7 } from '../../../lib/uuid';
import { identityKey, recordIdentity } from '../identity';
import type { StageContext, StagedImport } from '../import-types';
import {
  parseExamResultsCsvBatches,
  parseTrainingEnrolmentsCsvBatches,
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
  parse: (bytes: AsyncIterable<Uint8Array>) => AsyncGenerator<({ type: 'row'; record: R } | { type: 'rejected' })[]>,
  /** The data columns' values, in the order of the format's columns. */
  toRow: (r: R) => (string | null)[],
): Promise<StagedImport> {
  const out = new BatchWriter(ctx.stagePath);
  let seq = 0;
  try {
    const read = await readEvents(ctx, 'csv', parse, (e) => {
      if (e.type !== 'row') return undefined;
      const r = e.record;
      const key = identityKey(r.familyName, r.firstName, r.birthDate);
      // seq, PERSON_COLUMNS, the data columns, the record's id if new (made here, time-ordered: lib/uuid.ts;
      // gen_random_uuid() cost about 5 µs a row on PGlite).
      return out.add([seq++, recordIdentity(r), key, r.ine, r.familyName, r.firstName, r.birthDate, ...toRow(r), uuidv7()]);
    });
    return { ...read, records: out.count, ...(await out.finish()) };
  } catch (error) {
    out.abort();
    throw error;
  }
}

/** Exam results (OCEAN / CYCLADES side); format in docs/formats.md. */
export const stageExamResults = (ctx: StageContext) =>
  stageAcademyRows<ExamResultRecord>(ctx, parseExamResultsCsvBatches, (r) => [r.diploma, r.session, r.result]);

/** Training and apprenticeship enrolments (CFA data); format in docs/formats.md. */
export const stageTrainingEnrolments = (ctx: StageContext) =>
  stageAcademyRows<TrainingEnrolmentRecord>(ctx, parseTrainingEnrolmentsCsvBatches, (r) => [
    r.uai,
    r.siret,
    r.establishmentName,
    r.kind,
    r.startDate,
    // A contract broken before its end counts as ended then.
    r.breakDate ?? r.endDate ?? null,
  ]);
