import type { MeResponse } from '@jasmin/shared/auth/schemas';
import type { Actor, RequestMeta } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import type { ServiceDeps } from '../../lib/service-deps';
import { authRepository as repo } from './auth.repository';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { hashSecret, newSecret } from './secrets';
import {
  LOGIN_MAX_FAILURES_PER_ACCOUNT,
  LOGIN_MAX_FAILURES_PER_IP,
  LOGIN_WINDOW_MS,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from './session-policy';

type Deps = ServiceDeps;

const accountKey = (email: string) => `account:${email}`;
const ipKey = (ip: string | undefined) => `ip:${ip ?? 'unknown'}`;

/** 429 while too many failures stand in the window; Retry-After says when the oldest leaves it. */
async function assertNotThrottled(deps: Deps, keys: { key: string; max: number }[]): Promise<void> {
  const now = deps.now();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const { key, max } of keys) {
    const stats = await repo.countFailuresSince(deps.db.prisma, key, since);
    if (stats._count >= max && stats._min.at) {
      const retryAfter = Math.max(1, Math.ceil((stats._min.at.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
      const minutes = Math.ceil(retryAfter / 60);
      throw new AppError('RATE_LIMITED', {
        message: `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }
}

/** Checks e-mail and password; on success opens a session and returns its secret (for the cookie). */
export async function login(
  deps: Deps,
  meta: RequestMeta,
  input: { email: string; password: string },
): Promise<{ secret: string; actor: Extract<Actor, { kind: 'user' }> }> {
  await assertNotThrottled(deps, [
    { key: accountKey(input.email), max: LOGIN_MAX_FAILURES_PER_ACCOUNT },
    { key: ipKey(meta.ip), max: LOGIN_MAX_FAILURES_PER_IP },
  ]);
  const user = await repo.findUserByEmail(deps.db.prisma, input.email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const now = deps.now();

  if (!user || !passwordOk || user.disabledAt) {
    await deps.db.prisma.$transaction(async (tx) => {
      await repo.recordFailures(tx, [accountKey(input.email), ipKey(meta.ip)], now);
      await writeAudit(tx, meta, {
        action: 'auth.login_failed',
        targetType: 'user',
        ...(user ? { targetId: user.id } : {}),
        details: { reason: !user ? 'unknown_email' : user.disabledAt ? 'disabled' : 'wrong_password' },
      });
    });
    // Old failures are of no use; trimming here keeps the table small without a job.
    await repo.purgeFailuresBefore(deps.db.prisma, new Date(now.getTime() - 24 * 3600 * 1000));
    throw new AppError('INVALID_CREDENTIALS');
  }

  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS);
  return deps.db.prisma.$transaction(async (tx) => {
    const session = await repo.createSession(tx, { tokenHash: hashSecret(secret), userId: user.id, now, expiresAt });
    await repo.clearFailures(tx, accountKey(input.email));
    const actor = {
      kind: 'user' as const,
      userId: user.id,
      sessionId: session.id,
      role: user.role,
      academyId: user.academyId,
      districtId: user.districtId,
      establishmentId: user.establishmentId,
    };
    await writeAudit(tx, { ...meta, actor }, { action: 'auth.login', targetType: 'session', targetId: session.id });
    return { secret, actor };
  });
}

export async function logout(deps: Deps, meta: RequestMeta): Promise<void> {
  const actor = meta.actor;
  if (actor.kind !== 'user') return;
  await deps.db.prisma.$transaction(async (tx) => {
    await repo.deleteSession(tx, actor.sessionId);
    await writeAudit(tx, meta, { action: 'auth.logout', targetType: 'session', targetId: actor.sessionId });
  });
}

/** The actor behind a session cookie; an expired, ended or disabled one yields an anonymous actor. */
export async function actorFromSession(deps: Deps, secret: string): Promise<Actor> {
  const session = await repo.findSessionByHash(deps.db.prisma, hashSecret(secret));
  if (!session) return { kind: 'anonymous', reason: 'SESSION_EXPIRED' };
  const now = deps.now().getTime();
  const idle = now - session.lastSeenAt.getTime() > SESSION_IDLE_TIMEOUT_MS;
  if (idle || now >= session.expiresAt.getTime() || session.user.disabledAt) {
    await repo.deleteSession(deps.db.prisma, session.id);
    return { kind: 'anonymous', reason: 'SESSION_EXPIRED' };
  }
  if (now - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await repo.touchSession(deps.db.prisma, session.id, new Date(now));
  }
  const u = session.user;
  return {
    kind: 'user',
    userId: u.id,
    sessionId: session.id,
    role: u.role,
    academyId: u.academyId,
    districtId: u.districtId,
    establishmentId: u.establishmentId,
  };
}

/** The actor behind a Bearer token. Every use is audited. */
export async function actorFromToken(deps: Deps, meta: Omit<RequestMeta, 'actor'>, secret: string, path: string): Promise<Actor> {
  const token = await repo.findTokenByHash(deps.db.prisma, hashSecret(secret));
  const now = deps.now();
  if (!token || token.revokedAt || token.expiresAt.getTime() <= now.getTime()) {
    return { kind: 'anonymous', reason: 'INVALID_TOKEN' };
  }
  const actor: Actor = { kind: 'token', tokenId: token.id, academyId: token.academyId, districtId: token.districtId };
  await deps.db.prisma.$transaction(async (tx) => {
    await repo.touchToken(tx, token.id, now);
    await writeAudit(tx, { ...meta, actor }, { action: 'token.use', targetType: 'api_token', targetId: token.id, details: { path } });
  });
  return actor;
}

export async function getMe(deps: Deps, actor: Extract<Actor, { kind: 'user' }>): Promise<MeResponse> {
  const [user, session] = await Promise.all([
    repo.findMe(deps.db.prisma, actor.userId),
    deps.db.prisma.session.findUnique({ where: { id: actor.sessionId } }),
  ]);
  if (!user || !session) throw new AppError('SESSION_EXPIRED');
  const scope: MeResponse['scope'] = user.establishment
    ? { kind: 'establishment', establishmentId: user.establishment.id, uai: user.establishment.uai, name: user.establishment.name }
    : user.district
      ? { kind: 'district', districtId: user.district.id, name: user.district.name }
      : { kind: 'academy', academyId: user.academy.id, name: user.academy.name };
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
    scope,
    session: { idleTimeoutSeconds: SESSION_IDLE_TIMEOUT_MS / 1000, expiresAt: session.expiresAt.toISOString() },
  };
}
