import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { ImportKind, ImportRunView } from '@jasmin/shared/imports/schemas';
import type { ImportRun, Prisma } from '../../generated/prisma/client';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import { isoDay } from '../../lib/school-year';
import { establishmentScope } from '../../lib/scope';
import type { AuthedMeta, ServiceDeps } from '../../lib/service-deps';
import { crossReference } from './cross-reference';
import type { ImportKindCode } from './import-types';
import type { ImportRunner } from './import-runner';

export const kindCodes: Record<ImportKind, ImportKindCode> = {
  'siecle-eleves': 'SIECLE_ELEVES',
  'siecle-responsables': 'SIECLE_RESPONSABLES',
  'exam-results': 'EXAM_RESULTS',
  'training-enrolments': 'TRAINING_ENROLMENTS',
};
const kindNames = Object.fromEntries(Object.entries(kindCodes).map(([k, v]) => [v, k])) as Record<ImportKindCode, ImportKind>;
const ACADEMY_WIDE: ImportKindCode[] = ['EXAM_RESULTS', 'TRAINING_ENROLMENTS'];

export function toRunView(run: ImportRun, live?: { read: number; total: number }): ImportRunView {
  return {
    id: run.id,
    kind: kindNames[run.kind],
    fileName: run.fileName,
    status: run.status.toLowerCase() as ImportRunView['status'],
    progress: live ?? { read: Number(run.progressRead), total: Number(run.progressTotal || run.fileSize) },
    report: { created: run.created, updated: run.updated, unchanged: run.unchanged, rejected: run.rejected as ImportRunView['report']['rejected'] },
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Runs a person may see: an administrator those of the académie, others the ones they started. */
function runScope(meta: AuthedMeta): Prisma.ImportRunWhereInput {
  const a = meta.actor;
  if (a.kind === 'user' && a.role !== 'ADMIN') return { academyId: a.academyId, uploadedById: a.userId };
  return { academyId: a.academyId };
}

export async function startImport(
  deps: ServiceDeps,
  runner: ImportRunner,
  meta: AuthedMeta,
  upload: { kind: ImportKind; fileName: string; path: string; size: number },
) {
  const kind = kindCodes[upload.kind];
  const actor = meta.actor;
  if (ACADEMY_WIDE.includes(kind) && !(actor.kind === 'user' && actor.role === 'ADMIN') && actor.kind !== 'system') {
    rmSync(upload.path, { force: true });
    throw new AppError('FORBIDDEN', { message: "Les fichiers académiques (examens, formations) sont importés par l'administration de l'académie." });
  }
  // The run is this process's before its row exists: a server starting meanwhile leaves it alone.
  const id = randomUUID();
  let run: ImportRun;
  try {
    await runner.claim(id);
    run = await deps.db.prisma.$transaction(async (tx) => {
      const created = await tx.importRun.create({
        data: {
          id,
          kind,
          academyId: actor.academyId,
          uploadedById: actor.kind === 'user' ? actor.userId : null,
          fileName: upload.fileName.slice(0, 200),
          fileSize: BigInt(upload.size),
          storedPath: upload.path,
          createdAt: deps.now(),
        },
      });
      await writeAudit(tx, meta, { action: 'import.upload', targetType: 'import_run', targetId: created.id, details: { kind, size: upload.size } });
      return created;
    });
  } catch (error) {
    await runner.release(id);
    rmSync(upload.path, { force: true });
    throw error;
  }
  runner.enqueue(run);
  return { id: run.id };
}

export async function getImportRun(deps: ServiceDeps, runner: ImportRunner, meta: AuthedMeta, id: string) {
  const run = await deps.db.prisma.importRun.findFirst({ where: { AND: [{ id }, runScope(meta)] } });
  if (!run) throw new AppError('NOT_FOUND', { message: 'Import introuvable.' });
  return toRunView(run, runner.progressOf(id));
}

export async function listImportRuns(deps: ServiceDeps, runner: ImportRunner, meta: AuthedMeta) {
  const runs = await deps.db.prisma.importRun.findMany({ where: runScope(meta), orderBy: { createdAt: 'desc' }, take: 50 });
  return { items: runs.map((r) => toRunView(r, runner.progressOf(r.id))) };
}

async function candidateOf(deps: ServiceDeps, kind: string, id: string): Promise<Record<string, unknown>> {
  if (kind === 'EXAM_RESULT') {
    const r = await deps.db.prisma.examResult.findUnique({ where: { id } });
    return r ? { type: "Résultat d'examen", ine: r.ine, familyName: r.familyName, firstName: r.firstName, birthDate: isoDay(r.birthDate), diploma: r.diploma, session: r.session } : {};
  }
  if (kind === 'ENROLMENT') {
    const r = await deps.db.prisma.trainingEnrolment.findUnique({ where: { id } });
    return r ? { type: 'Inscription en formation', ine: r.ine, familyName: r.familyName, firstName: r.firstName, birthDate: isoDay(r.birthDate), training: r.trainingName } : {};
  }
  const p = await deps.db.prisma.pupil.findUnique({ where: { id }, include: { establishment: true } });
  return p ? { type: 'Élève d’un autre établissement', ine: p.ine, familyName: p.familyName, firstName: p.firstName, birthDate: isoDay(p.birthDate), establishment: p.establishment.name } : {};
}

/** The review list: ambiguous matches waiting for a person. */
export async function listReviews(deps: ServiceDeps, meta: AuthedMeta, filter: { status?: 'OPEN' | 'MERGED' | 'DISTINCT' | undefined }) {
  const rows = await deps.db.prisma.matchReview.findMany({
    where: { academyId: meta.actor.academyId, status: filter.status ?? 'OPEN' },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const pupils = await deps.db.prisma.pupil.findMany({
    where: { id: { in: rows.map((r) => r.pupilId) }, establishment: establishmentScope(meta.actor) },
  });
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const items = [];
  for (const r of rows) {
    const p = byId.get(r.pupilId);
    if (!p) continue;
    items.push({
      id: r.id,
      pupil: { id: p.id, familyName: p.familyName, firstName: p.firstName, birthDate: isoDay(p.birthDate), ine: p.ine },
      establishmentId: r.establishmentId,
      sourceKind: r.sourceKind,
      candidate: await candidateOf(deps, r.sourceKind, r.sourceId),
      reason: r.reason,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    });
  }
  return { items };
}

/** A person decides an ambiguous match; cross-referencing runs again for that pupil's establishment. */
export async function decideReview(deps: ServiceDeps, meta: AuthedMeta, id: string, decision: 'MERGED' | 'DISTINCT', censusDate: Date) {
  const review = await deps.db.prisma.matchReview.findFirst({ where: { id, academyId: meta.actor.academyId } });
  const pupil = review ? await deps.db.prisma.pupil.findFirst({ where: { id: review.pupilId, establishment: establishmentScope(meta.actor) } }) : null;
  if (!review || !pupil) throw new AppError('NOT_FOUND', { message: 'Correspondance introuvable.' });
  if (review.status !== 'OPEN') throw new AppError('CONFLICT', { message: 'Cette correspondance a déjà été tranchée.' });
  await deps.db.prisma.$transaction(async (tx) => {
    const done = await tx.matchReview.updateMany({
      where: { id, status: 'OPEN' },
      data: { status: decision, decidedById: meta.actor.kind === 'user' ? meta.actor.userId : null, decidedAt: deps.now() },
    });
    if (done.count !== 1) throw new AppError('CONFLICT', { message: 'Cette correspondance a déjà été tranchée.' });
    await crossReference(tx, { academyId: meta.actor.academyId, establishmentIds: [pupil.establishmentId], censusDate, now: deps.now() });
    await writeAudit(tx, meta, { action: 'match_review.decide', targetType: 'match_review', targetId: id, details: { decision } });
  });
  return (await listReviews(deps, meta, { status: decision })).items.find((i) => i.id === id) ?? null;
}
