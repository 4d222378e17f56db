import type { createApiTokenSchema } from '@jasmin/shared/tokens/schemas';
import type { z } from 'zod';
import type { ApiToken } from '../../generated/prisma/client';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import { districtScope } from '../../lib/scope';
import type { AuthedMeta, ServiceDeps } from '../../lib/service-deps';
import { hashSecret, newSecret } from '../auth/secrets';

const DAY_MS = 24 * 3600 * 1000;

export const toTokenView = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  districtId: t.districtId,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

export async function listTokens(deps: ServiceDeps, meta: AuthedMeta) {
  const rows = await deps.db.prisma.apiToken.findMany({ where: { academyId: meta.actor.academyId }, orderBy: { createdAt: 'desc' } });
  return { items: rows.map(toTokenView) };
}

/** The secret is returned once; only its SHA-256 is kept. */
export async function createToken(deps: ServiceDeps, meta: AuthedMeta, input: z.output<typeof createApiTokenSchema>) {
  if (meta.actor.kind !== 'user') throw new AppError('FORBIDDEN');
  const creatorId = meta.actor.userId;
  if (input.districtId) {
    const d = await deps.db.prisma.district.findFirst({ where: { AND: [{ id: input.districtId }, districtScope(meta.actor)] } });
    if (!d) throw new AppError('VALIDATION_FAILED', { fieldErrors: { districtId: ['District inconnu.'] } });
  }
  const secret = newSecret();
  const now = deps.now();
  return deps.db.prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix: secret.slice(0, 8),
        tokenHash: hashSecret(secret),
        academyId: meta.actor.academyId,
        districtId: input.districtId ?? null,
        createdById: creatorId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      },
    });
    await writeAudit(tx, meta, { action: 'token.create', targetType: 'api_token', targetId: token.id, details: { districtId: token.districtId } });
    return { token: toTokenView(token), secret };
  });
}

export async function revokeToken(deps: ServiceDeps, meta: AuthedMeta, id: string) {
  const token = await deps.db.prisma.apiToken.findFirst({ where: { id, academyId: meta.actor.academyId } });
  if (!token) throw new AppError('NOT_FOUND', { message: "Jeton d'accès introuvable." });
  return deps.db.prisma.$transaction(async (tx) => {
    const updated = await tx.apiToken.update({ where: { id }, data: { revokedAt: token.revokedAt ?? deps.now() } });
    await writeAudit(tx, meta, { action: 'token.revoke', targetType: 'api_token', targetId: id });
    return toTokenView(updated);
  });
}
