import type { ImportKindCode, Importer } from '../import-types';
import { examResultsImporter } from './exam-results.importer';
import { siecleElevesImporter } from './siecle-eleves.importer';
import { siecleResponsablesImporter } from './siecle-responsables.importer';
import { trainingEnrolmentsImporter } from './training-enrolments.importer';

export const importers: Record<ImportKindCode, Importer> = {
  SIECLE_ELEVES: siecleElevesImporter,
  SIECLE_RESPONSABLES: siecleResponsablesImporter,
  EXAM_RESULTS: examResultsImporter,
  TRAINING_ENROLMENTS: trainingEnrolmentsImporter,
};
