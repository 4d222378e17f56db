import type { z } from 'zod';
import type {
  createDistrictSchema,
  createEstablishmentSchema,
  updateDistrictSchema,
  updateEstablishmentSchema,
} from '@jasmin/shared/establishments/schemas';
import type { District, Establishment } from '../../generated/prisma/client';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import { districtScope, establishmentScope } from '../../lib/scope';
import { isUniqueViolation, type AuthedMeta, type ServiceDeps } from '../../lib/service-deps';
import { establishmentsRepository as repo } from './establishments.repository';

export const toEstablishmentView = (e: Establishment) => ({
  id: e.id,
  uai: e.uai,
  name: e.name,
  kind: e.kind,
  city: e.city,
  districtId: e.districtId,
});
export const toDistrictView = (d: District) => ({ id: d.id, code: d.code, name: d.name, academyId: d.academyId });

export async function listEstablishments(deps: ServiceDeps, meta: AuthedMeta, filter: { districtId?: string | undefined }) {
  const rows = await repo.listEstablishments(deps.db.prisma, {
    AND: [establishmentScope(meta.actor), filter.districtId ? { districtId: filter.districtId } : {}],
  });
  return { items: rows.map(toEstablishmentView) };
}

export async function getEstablishment(deps: ServiceDeps, meta: AuthedMeta, id: string) {
  const row = await repo.findEstablishment(deps.db.prisma, { AND: [{ id }, establishmentScope(meta.actor)] });
  if (!row) throw new AppError('NOT_FOUND', { message: 'Établissement introuvable.' });
  return toEstablishmentView(row);
}

async function assertDistrictInScope(deps: ServiceDeps, meta: AuthedMeta, districtId: string) {
  const district = await repo.findDistrict(deps.db.prisma, { AND: [{ id: districtId }, districtScope(meta.actor)] });
  if (!district) throw new AppError('VALIDATION_FAILED', { fieldErrors: { districtId: ['District inconnu.'] } });
}

const UAI_TAKEN = { fieldErrors: { uai: ['Un établissement porte déjà cet UAI.'] } };

export async function createEstablishment(
  deps: ServiceDeps,
  meta: AuthedMeta,
  input: z.output<typeof createEstablishmentSchema>,
) {
  await assertDistrictInScope(deps, meta, input.districtId);
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const row = await repo.createEstablishment(tx, { ...input, city: input.city ?? null });
      await writeAudit(tx, meta, { action: 'establishment.create', targetType: 'establishment', targetId: row.id, details: { uai: row.uai } });
      return toEstablishmentView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', UAI_TAKEN);
    throw error;
  }
}

export async function updateEstablishment(
  deps: ServiceDeps,
  meta: AuthedMeta,
  id: string,
  input: z.output<typeof updateEstablishmentSchema>,
) {
  await getEstablishment(deps, meta, id);
  if (input.districtId) await assertDistrictInScope(deps, meta, input.districtId);
  return deps.db.prisma.$transaction(async (tx) => {
    const row = await repo.updateEstablishment(tx, id, input);
    await writeAudit(tx, meta, { action: 'establishment.update', targetType: 'establishment', targetId: id, details: { fields: Object.keys(input) } });
    return toEstablishmentView(row);
  });
}

export async function listDistricts(deps: ServiceDeps, meta: AuthedMeta) {
  const rows = await repo.listDistricts(deps.db.prisma, districtScope(meta.actor));
  return { items: rows.map(toDistrictView) };
}

export async function getDistrict(deps: ServiceDeps, meta: AuthedMeta, id: string) {
  const row = await repo.findDistrict(deps.db.prisma, { AND: [{ id }, districtScope(meta.actor)] });
  if (!row) throw new AppError('NOT_FOUND', { message: 'District introuvable.' });
  return toDistrictView(row);
}

const CODE_TAKEN = { fieldErrors: { code: ['Un district porte déjà ce code.'] } };

export async function createDistrict(deps: ServiceDeps, meta: AuthedMeta, input: z.output<typeof createDistrictSchema>) {
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const row = await repo.createDistrict(tx, { ...input, academyId: meta.actor.academyId });
      await writeAudit(tx, meta, { action: 'district.create', targetType: 'district', targetId: row.id, details: { code: row.code } });
      return toDistrictView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', CODE_TAKEN);
    throw error;
  }
}

export async function updateDistrict(
  deps: ServiceDeps,
  meta: AuthedMeta,
  id: string,
  input: z.output<typeof updateDistrictSchema>,
) {
  await getDistrict(deps, meta, id);
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const row = await repo.updateDistrict(tx, id, input);
      await writeAudit(tx, meta, { action: 'district.update', targetType: 'district', targetId: id, details: { fields: Object.keys(input) } });
      return toDistrictView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', CODE_TAKEN);
    throw error;
  }
}
