import { randomBytes, randomInt } from 'node:crypto';
import { uaiCheckLetter } from '@jasmin/shared/establishments/uai';
import type { Role } from '@jasmin/shared/auth/schemas';
import type { Database } from '../src/db/database';
import { hashPassword } from '../src/modules/auth/passwords';
import { hashSecret, newSecret } from '../src/modules/auth/secrets';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE } from '../src/modules/auth/session-policy';

// Test data factories: every test makes its own rows, unique by construction.

export const TEST_PASSWORD = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;
const passwordHash = () => (testPasswordHash ??= hashPassword(TEST_PASSWORD));

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

/** An address from the documentation ranges (RFC 5737), for tests that count per-IP attempts. */
export function randomTestIp(): string {
  return `192.0.2.${randomInt(1, 255)}`;
}

export function randomUai(): string {
  const digits = String(randomInt(0, 10_000_000)).padStart(7, '0');
  return digits + uaiCheckLetter(digits);
}

export async function createAcademy(db: Database) {
  return db.prisma.academy.create({ data: { code: unique('ACA').toUpperCase(), name: 'Académie de test' } });
}

export async function createDistrict(db: Database, academyId: string) {
  return db.prisma.district.create({ data: { academyId, code: unique('D').toUpperCase(), name: 'District de test' } });
}

export async function createEstablishment(db: Database, districtId: string) {
  for (;;) {
    const uai = randomUai();
    const taken = await db.prisma.establishment.findUnique({ where: { uai } });
    if (!taken) {
      return db.prisma.establishment.create({
        data: { uai, name: `Lycée ${uai}`, kind: 'LYCEE_PROFESSIONNEL', districtId, city: 'Testville' },
      });
    }
  }
}

export async function createUser(
  db: Database,
  opts: { academyId: string; role: Role; districtId?: string | null; establishmentId?: string | null; disabled?: boolean },
) {
  return db.prisma.user.create({
    data: {
      email: `${unique('user')}@test.invalid`,
      displayName: 'Personne de test',
      role: opts.role,
      academyId: opts.academyId,
      districtId: opts.districtId ?? null,
      establishmentId: opts.establishmentId ?? null,
      passwordHash: await passwordHash(),
      disabledAt: opts.disabled ? new Date() : null,
    },
  });
}

/** A session row for a user (as a login would make), returned as the Cookie header to send. */
export async function createSessionCookie(db: Database, userId: string, now = new Date()): Promise<string> {
  const secret = newSecret();
  await db.prisma.session.create({
    data: {
      tokenHash: hashSecret(secret),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS),
    },
  });
  return `${SESSION_COOKIE}=${secret}`;
}

export async function createApiToken(
  db: Database,
  opts: { academyId: string; createdById: string; districtId?: string | null; expiresAt?: Date; revoked?: boolean },
): Promise<{ id: string; secret: string }> {
  const secret = newSecret();
  const token = await db.prisma.apiToken.create({
    data: {
      name: unique('token'),
      prefix: secret.slice(0, 8),
      tokenHash: hashSecret(secret),
      academyId: opts.academyId,
      districtId: opts.districtId ?? null,
      createdById: opts.createdById,
      expiresAt: opts.expiresAt ?? new Date(Date.now() + 86_400_000),
      revokedAt: opts.revoked ? new Date() : null,
    },
  });
  return { id: token.id, secret };
}

/**
 * A small académie for access tests: two districts, three establishments (E1 and E2 in D1,
 * E3 in D2), one account per role scoped on D1/E1, and tokens of every kind.
 */
export async function createWorld(db: Database) {
  const academy = await createAcademy(db);
  const d1 = await createDistrict(db, academy.id);
  const d2 = await createDistrict(db, academy.id);
  const e1 = await createEstablishment(db, d1.id);
  const e2 = await createEstablishment(db, d1.id);
  const e3 = await createEstablishment(db, d2.id);
  const admin = await createUser(db, { academyId: academy.id, role: 'ADMIN' });
  const coordinator = await createUser(db, { academyId: academy.id, role: 'COORDINATOR', districtId: d1.id });
  const head = await createUser(db, { academyId: academy.id, role: 'HEAD', establishmentId: e1.id });
  const referent = await createUser(db, { academyId: academy.id, role: 'REFERENT', establishmentId: e1.id });
  const tokenAcademy = await createApiToken(db, { academyId: academy.id, createdById: admin.id });
  const tokenDistrict = await createApiToken(db, { academyId: academy.id, createdById: admin.id, districtId: d1.id });
  const tokenExpired = await createApiToken(db, { academyId: academy.id, createdById: admin.id, expiresAt: new Date(Date.now() - 1000) });
  const tokenRevoked = await createApiToken(db, { academyId: academy.id, createdById: admin.id, revoked: true });
  return { academy, d1, d2, e1, e2, e3, admin, coordinator, head, referent, tokenAcademy, tokenDistrict, tokenExpired, tokenRevoked };
}
export type World = Awaited<ReturnType<typeof createWorld>>;

export async function createPupil(
  db: Database,
  establishmentId: string,
  overrides: Partial<{ familyName: string; usageName: string | null; firstName: string; ine: string | null; birthDate: Date; exitDate: Date | null; division: string }> = {},
) {
  const { normalizeForSearch } = await import('@jasmin/shared/pupils/schemas');
  const familyName = overrides.familyName ?? `NOM-${randomBytes(3).toString('hex').toUpperCase()}`;
  const firstName = overrides.firstName ?? 'Camille';
  const ine = overrides.ine === undefined ? `${String(randomInt(0, 1e9)).padStart(9, '0')}AB` : overrides.ine;
  const usageName = overrides.usageName ?? null;
  return db.prisma.pupil.create({
    data: {
      establishmentId,
      ine,
      siecleId: unique('E'),
      familyName,
      usageName,
      firstName,
      birthDate: overrides.birthDate ?? new Date('2008-03-14T00:00:00Z'),
      sex: 'F',
      division: overrides.division ?? '2NDE PRO A',
      entryDate: new Date('2024-09-02T00:00:00Z'),
      exitDate: overrides.exitDate === undefined ? new Date('2026-06-30T00:00:00Z') : overrides.exitDate,
      exitReasonCode: '01',
      phone: '0123456789',
      mobile: '0612345678',
      email: 'camille@example.invalid',
      address: '1 rue des Lilas, 99000 Montclair',
      searchText: normalizeForSearch(`${familyName} ${usageName ?? ''} ${firstName} ${ine ?? ''}`),
      guardians: {
        create: [
          {
            rank: 0,
            civility: 'Mme',
            familyName,
            firstName: 'Nadia',
            relationship: 'Mère',
            isLegalGuardian: true,
            phoneMobile: '0698765432',
            email: 'parent@example.invalid',
            address: '1 rue des Lilas, 99000 Montclair',
          },
        ],
      },
    },
  });
}

export async function createCase(
  db: Database,
  opts: { establishmentId: string; status?: 'IDENTIFIED' | 'NOT_FOLLOWED' | 'FOLLOW_UP' | 'SOLUTION' | 'TRANSFERRED' | 'STOPPED'; source?: 'PREVIOUS_YEAR' | 'CURRENT_YEAR' | 'AT_RISK'; pupil?: Awaited<ReturnType<typeof createPupil>>; now?: Date },
) {
  const { ensureSchoolYear, schoolYearLabel } = await import('../src/lib/school-year');
  const { pupilSortName } = await import('@jasmin/shared/pupils/schemas');
  const pupil = opts.pupil ?? (await createPupil(db, opts.establishmentId));
  const year = await ensureSchoolYear(db.prisma, schoolYearLabel(opts.now ?? new Date()));
  return db.prisma.case.create({
    data: {
      pupilId: pupil.id,
      establishmentId: opts.establishmentId,
      schoolYearId: year.id,
      source: opts.source ?? 'PREVIOUS_YEAR',
      status: opts.status ?? 'IDENTIFIED',
      sortName: pupilSortName(pupil),
      searchText: pupil.searchText,
      division: pupil.division,
      events: { create: [{ kind: 'CREATED', toStatus: opts.status ?? 'IDENTIFIED', details: {} }] },
    },
  });
}
