import type { StagedBatches } from './staging';
import type { Prisma } from '../../generated/prisma/client';
import type { AuthenticatedActor } from '../../lib/actor';

export type ImportKindCode = 'SIECLE_ELEVES' | 'SIECLE_RESPONSABLES' | 'EXAM_RESULTS' | 'TRAINING_ENROLMENTS';

export interface Rejection {
  ref: string;
  reason: string;
}

/** What an importer tells about its run. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /**
   * Establishments whose pupils changed: cross-referencing runs on them (none: it does not run;
   * absent, without `identitiesTable`: on the whole académie).
   */
  establishmentIds?: string[];
  /**
   * Académie-wide data: a temporary table of this transaction (columns `ine`, `identity_key`)
   * holding the identities it names; only the leavers they may be are re-checked.
   */
  identitiesTable?: string;
}

/**
 * Phase 1, outside any transaction and off the main thread (the import worker, stage-worker.ts):
 * read and check the file, and turn its records into the rows phase 2 writes (StagedBatches).
 */
export interface StageContext {
  filePath: string;
  stagePath: string;
  /** Reports bytes read so far / total, for the progress bar. */
  onProgress(read: number, total: number): void;
}

/** What phase 1 hands to phase 2: the file's own words, its rejected records, and its rows as batches. */
export interface StagedImport extends StagedBatches {
  /** What the file says of itself (SIECLE: establishment UAI, school year). */
  header: Record<string, string>;
  rejected: Rejection[];
  records: number;
}

/** Phase 2, in one transaction: write the staged records. Short, so the database is not held while parsing. */
export interface ApplyContext {
  tx: Prisma.TransactionClient;
  runId: string;
  actor: AuthenticatedActor;
  academyId: string;
  stagePath: string;
  now: Date;
}

export interface Importer {
  stage(ctx: StageContext): Promise<StagedImport>;
  apply(ctx: ApplyContext, staged: StagedImport): Promise<ImportCounts>;
}

/** A failure of the whole file (bad encoding, malformed XML, wrong establishment…): nothing is imported. */
export class ImportFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFailure';
  }
}
