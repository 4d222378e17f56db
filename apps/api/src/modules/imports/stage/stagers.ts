import type { ImportKindCode, StageContext, StagedImport } from '../import-types';
import { stageExamResults, stageTrainingEnrolments } from './academy-records';
import { stageGuardians } from './guardians';
import { stagePupils } from './pupils';

/** Phase 1 of each kind of import (pure: files in, rows out, no database). */
export const stagers: Record<ImportKindCode, (ctx: StageContext) => Promise<StagedImport>> = {
  SIECLE_ELEVES: stagePupils,
  SIECLE_RESPONSABLES: stageGuardians,
  EXAM_RESULTS: stageExamResults,
  TRAINING_ENROLMENTS: stageTrainingEnrolments,
};
