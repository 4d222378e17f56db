import type { Prisma } from '../generated/prisma/client';
import type { Actor, RequestMeta } from './actor';

type Tx = Pick<Prisma.TransactionClient, 'auditEvent'>;

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
}

function actorColumns(actor: Actor) {
  switch (actor.kind) {
    case 'user':
      return { actorKind: 'USER' as const, actorUserId: actor.userId };
    case 'token':
      return { actorKind: 'TOKEN' as const, actorTokenId: actor.tokenId };
    case 'anonymous':
      return { actorKind: 'ANONYMOUS' as const };
    case 'system':
      return { actorKind: 'SYSTEM' as const };
  }
}

/**
 * Appends one audit row. Call it with the transaction client of the change it records, so
 * that a rolled-back change leaves no trace and a committed one always does. Rows are never
 * updated or deleted (a trigger refuses it).
 */
export async function writeAudit(tx: Tx, meta: RequestMeta, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      ...actorColumns(meta.actor),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      requestId: meta.requestId,
      ip: meta.ip ?? null,
      ...(entry.details !== undefined ? { details: entry.details } : {}),
    },
  });
}
