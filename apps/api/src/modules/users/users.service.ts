import type { RoleAssignment, createUserSchema } from '@jasmin/shared/users/schemas';
import type { z } from 'zod';
import type { Prisma, User } from '../../generated/prisma/client';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import { districtScope, establishmentScope, userScope } from '../../lib/scope';
import { isUniqueViolation, type AuthedMeta, type ServiceDeps } from '../../lib/service-deps';
import { authRepository } from '../auth/auth.repository';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords';

export const toUserView = (u: User) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  districtId: u.districtId,
  establishmentId: u.establishmentId,
  disabled: u.disabledAt !== null,
  createdAt: u.createdAt.toISOString(),
});

/** The scope columns a role needs, after checking the district or establishment is the admin's. */
async function scopeColumns(deps: ServiceDeps, meta: AuthedMeta, a: RoleAssignment) {
  if (a.role === 'COORDINATOR') {
    const d = await deps.db.prisma.district.findFirst({ where: { AND: [{ id: a.districtId ?? '' }, districtScope(meta.actor)] } });
    if (!d) throw new AppError('VALIDATION_FAILED', { fieldErrors: { districtId: ['District inconnu.'] } });
    return { role: a.role, districtId: d.id, establishmentId: null };
  }
  if (a.role === 'HEAD' || a.role === 'REFERENT') {
    const e = await deps.db.prisma.establishment.findFirst({
      where: { AND: [{ id: a.establishmentId ?? '' }, establishmentScope(meta.actor)] },
    });
    if (!e) throw new AppError('VALIDATION_FAILED', { fieldErrors: { establishmentId: ['Établissement inconnu.'] } });
    return { role: a.role, districtId: null, establishmentId: e.id };
  }
  return { role: a.role, districtId: null, establishmentId: null };
}

async function findInScope(deps: ServiceDeps, meta: AuthedMeta, id: string): Promise<User> {
  const user = await deps.db.prisma.user.findFirst({ where: { AND: [{ id }, userScope(meta.actor)] } });
  if (!user) throw new AppError('NOT_FOUND', { message: 'Compte introuvable.' });
  return user;
}

function assertNotSelf(meta: AuthedMeta, id: string, what: string) {
  if (meta.actor.kind === 'user' && meta.actor.userId === id) {
    throw new AppError('CONFLICT', { message: `Vous ne pouvez pas ${what} votre propre compte.` });
  }
}

export async function listUsers(deps: ServiceDeps, meta: AuthedMeta, filter: { establishmentId?: string | undefined; districtId?: string | undefined }) {
  const where: Prisma.UserWhereInput = {
    AND: [
      userScope(meta.actor),
      filter.establishmentId ? { establishmentId: filter.establishmentId } : {},
      filter.districtId ? { districtId: filter.districtId } : {},
    ],
  };
  const rows = await deps.db.prisma.user.findMany({ where, orderBy: [{ email: 'asc' }], take: 1000 });
  return { items: rows.map(toUserView) };
}

export async function getUser(deps: ServiceDeps, meta: AuthedMeta, id: string) {
  return toUserView(await findInScope(deps, meta, id));
}

export async function createUser(deps: ServiceDeps, meta: AuthedMeta, input: z.output<typeof createUserSchema>) {
  assertAcceptablePassword(input.password, { email: input.email });
  const scope = await scopeColumns(deps, meta, input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, displayName: input.displayName, academyId: meta.actor.academyId, passwordHash, ...scope },
      });
      await writeAudit(tx, meta, { action: 'user.create', targetType: 'user', targetId: user.id, details: { role: user.role } });
      return toUserView(user);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { fieldErrors: { email: ['Un compte utilise déjà cette adresse.'] } });
    throw error;
  }
}

/** Disabling a user ends all their sessions at once. */
export async function setUserDisabled(deps: ServiceDeps, meta: AuthedMeta, id: string, disabled: boolean) {
  await findInScope(deps, meta, id);
  if (disabled) assertNotSelf(meta, id, 'désactiver');
  return deps.db.prisma.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id }, data: { disabledAt: disabled ? deps.now() : null } });
    if (disabled) await authRepository.deleteSessionsOfUser(tx, id);
    await writeAudit(tx, meta, { action: disabled ? 'user.disable' : 'user.enable', targetType: 'user', targetId: id });
    return toUserView(user);
  });
}

/** A new password set by an administrator; the person's sessions end. */
export async function resetPassword(deps: ServiceDeps, meta: AuthedMeta, id: string, password: string) {
  const user = await findInScope(deps, meta, id);
  assertAcceptablePassword(password, { email: user.email });
  const passwordHash = await hashPassword(password);
  return deps.db.prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: deps.now() } });
    await authRepository.deleteSessionsOfUser(tx, id);
    await writeAudit(tx, meta, { action: 'user.reset_password', targetType: 'user', targetId: id });
    return toUserView(updated);
  });
}

/** Changing a role (or its scope) ends the person's sessions at once. */
export async function changeRole(deps: ServiceDeps, meta: AuthedMeta, id: string, input: RoleAssignment) {
  const before = await findInScope(deps, meta, id);
  assertNotSelf(meta, id, 'changer le rôle de');
  const scope = await scopeColumns(deps, meta, input);
  return deps.db.prisma.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id }, data: scope });
    await authRepository.deleteSessionsOfUser(tx, id);
    await writeAudit(tx, meta, {
      action: 'user.change_role',
      targetType: 'user',
      targetId: id,
      details: { from: before.role, to: user.role },
    });
    return toUserView(user);
  });
}
