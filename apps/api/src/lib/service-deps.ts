import type { Database } from '../db/database';
import type { AuthenticatedActor, RequestMeta } from './actor';
import { AppError } from './app-error';

/** What every service function receives: the database, the clock and who asks. */
export interface ServiceDeps {
  db: Database;
  now: () => Date;
}

export type AuthedMeta = RequestMeta & { actor: AuthenticatedActor };

/** Narrows a request's actor for services behind a non-public policy. */
export function authed(meta: RequestMeta): AuthedMeta {
  if (meta.actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  return meta as AuthedMeta;
}

/** Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Who acts, as history rows name them: the signed-in person's display name, or « Programme ». */
export async function actingPerson(deps: ServiceDeps, meta: AuthedMeta): Promise<{ id: string | null; name: string }> {
  if (meta.actor.kind !== 'user') return { id: null, name: 'Programme' };
  const user = await deps.db.prisma.user.findUnique({ where: { id: meta.actor.userId }, select: { displayName: true } });
  return { id: meta.actor.userId, name: user?.displayName ?? 'Compte supprimé' };
}
