import type { Prisma } from '../generated/prisma/client';
import type { AuthenticatedActor } from './actor';

// Scope rules, in one place. Repositories add these filters to every query, so a row out
// of the actor's scope is simply not found (404) and never listed.

/** Establishments the actor may see. */
export function establishmentScope(actor: AuthenticatedActor): Prisma.EstablishmentWhereInput {
  if (actor.kind === 'system') return { district: { academyId: actor.academyId } };
  if (actor.kind === 'token') {
    return actor.districtId ? { districtId: actor.districtId } : { district: { academyId: actor.academyId } };
  }
  switch (actor.role) {
    case 'ADMIN':
      return { district: { academyId: actor.academyId } };
    case 'COORDINATOR':
      return { districtId: actor.districtId ?? '00000000-0000-0000-0000-000000000000' };
    case 'HEAD':
    case 'REFERENT':
      return { id: actor.establishmentId ?? '00000000-0000-0000-0000-000000000000' };
  }
}

/** Districts the actor may see: its own, or the one of its establishment, or all of the académie. */
export function districtScope(actor: AuthenticatedActor): Prisma.DistrictWhereInput {
  if (actor.kind === 'system') return { academyId: actor.academyId };
  if (actor.kind === 'token') {
    return actor.districtId ? { id: actor.districtId } : { academyId: actor.academyId };
  }
  switch (actor.role) {
    case 'ADMIN':
      return { academyId: actor.academyId };
    case 'COORDINATOR':
      return { id: actor.districtId ?? '00000000-0000-0000-0000-000000000000' };
    case 'HEAD':
    case 'REFERENT':
      return { establishments: { some: { id: actor.establishmentId ?? '00000000-0000-0000-0000-000000000000' } } };
  }
}

/** Accounts an administrator manages: those of its académie. */
export function userScope(actor: AuthenticatedActor): Prisma.UserWhereInput {
  return { academyId: actor.academyId };
}
