import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import { establishmentScope } from '../../lib/scope';
import { actingPerson, type AuthedMeta, type ServiceDeps } from '../../lib/service-deps';
import { toPupilSummary } from '../cases/case-views';

const include = { case: { include: { pupil: true, establishment: true } } } as const;
type TransferRow = Prisma.TransferGetPayload<{ include: typeof include }>;

/** A transfer as the API shows it (inbox and the pupil file). */
export const toTransferView = (t: TransferRow) => ({
  id: t.id,
  caseId: t.caseId,
  establishmentId: t.establishmentId,
  establishmentName: t.case.establishment.name,
  pupil: toPupilSummary(t.case.pupil),
  platform: t.platform,
  message: t.message,
  status: t.status,
  returnReason: t.returnReason,
  createdAt: t.createdAt.toISOString(),
  decidedAt: t.decidedAt?.toISOString() ?? null,
});

const scopeOf = (meta: AuthedMeta): Prisma.TransferWhereInput => ({ case: { establishment: establishmentScope(meta.actor) } });

/** The coordinators' inbox: transfers of their district's establishments. */
export async function listTransfers(deps: ServiceDeps, meta: AuthedMeta, filter: { status?: 'PENDING' | 'ACCEPTED' | 'RETURNED' | undefined }) {
  const rows = await deps.db.prisma.transfer.findMany({
    where: { AND: [scopeOf(meta), filter.status ? { status: filter.status } : {}] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
    include,
  });
  return { items: rows.map(toTransferView) };
}

async function pendingInScope(deps: ServiceDeps, meta: AuthedMeta, id: string) {
  const t = await deps.db.prisma.transfer.findFirst({ where: { AND: [{ id }, scopeOf(meta)] }, include });
  if (!t) throw new AppError('NOT_FOUND', { message: 'Transfert introuvable.' });
  if (t.status !== 'PENDING') throw new AppError('CONFLICT', { message: 'Ce transfert a déjà été traité.' });
  return t;
}

export async function acceptTransfer(deps: ServiceDeps, meta: AuthedMeta, id: string) {
  const t = await pendingInScope(deps, meta, id);
  const who = await actingPerson(deps, meta);
  return deps.db.prisma.$transaction(async (tx) => {
    const done = await tx.transfer.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'ACCEPTED', decidedById: who.id, decidedAt: deps.now() },
    });
    if (done.count !== 1) throw new AppError('CONFLICT', { message: 'Ce transfert a déjà été traité.' });
    await tx.caseEvent.create({
      data: { caseId: t.caseId, at: deps.now(), kind: 'TRANSFER_ACCEPTED', details: { platform: t.platform }, actorUserId: who.id, actorName: who.name },
    });
    await writeAudit(tx, meta, { action: 'transfer.accept', targetType: 'transfer', targetId: id, details: { caseId: t.caseId } });
    return toTransferView(await tx.transfer.findUniqueOrThrow({ where: { id }, include }));
  });
}

/** Returned to the establishment: the case goes back to FOLLOW_UP, with the reason on its timeline. */
export async function returnTransfer(deps: ServiceDeps, meta: AuthedMeta, id: string, reason: string) {
  const t = await pendingInScope(deps, meta, id);
  const who = await actingPerson(deps, meta);
  return deps.db.prisma.$transaction(async (tx) => {
    const done = await tx.transfer.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'RETURNED', returnReason: reason, decidedById: who.id, decidedAt: deps.now() },
    });
    if (done.count !== 1) throw new AppError('CONFLICT', { message: 'Ce transfert a déjà été traité.' });
    const moved = await tx.case.updateMany({
      where: { id: t.caseId, status: 'TRANSFERRED' },
      data: { status: 'FOLLOW_UP', version: { increment: 1 }, lastActionType: 'TRANSFER_RETURNED' },
    });
    if (moved.count !== 1) throw new AppError('CONFLICT', { message: "Le suivi n'est plus transféré : il a été repris entre-temps." });
    await tx.caseEvent.create({
      data: {
        caseId: t.caseId,
        at: deps.now(),
        kind: 'TRANSFER_RETURNED',
        fromStatus: 'TRANSFERRED',
        toStatus: 'FOLLOW_UP',
        details: { platform: t.platform, reason },
        actorUserId: who.id,
        actorName: who.name,
      },
    });
    await writeAudit(tx, meta, { action: 'transfer.return', targetType: 'transfer', targetId: id, details: { caseId: t.caseId } });
    return toTransferView(await tx.transfer.findUniqueOrThrow({ where: { id }, include }));
  });
}
