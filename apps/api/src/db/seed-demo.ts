import type { PrismaClient, Role } from '../generated/prisma/client';
import { hashPassword } from '../modules/auth/passwords';

export const DEMO_PASSWORD = 'jasmin-demo-2026';

/** Demo accounts: where each one sits (district code or establishment UAI). */
export const demoAccounts: { email: string; displayName: string; role: Role; district?: string; uai?: string }[] = [
  { email: 'admin@demo.invalid', displayName: 'Administration académique', role: 'ADMIN' },
  { email: 'coordination@demo.invalid', displayName: 'Coordination Bassin Nord', role: 'COORDINATOR', district: 'BASSIN-NORD' },
  { email: 'chef@demo.invalid', displayName: 'Claire Martin (cheffe d’établissement)', role: 'HEAD', uai: '0990001N' },
  { email: 'referent@demo.invalid', displayName: 'Karim Benali (référent)', role: 'REFERENT', uai: '0990001N' },
  { email: 'chef2@demo.invalid', displayName: 'Sophie Leroy (cheffe d’établissement)', role: 'HEAD', uai: '0990004S' },
];

/**
 * The demo académie: fictitious UAIs (département 099) with valid check letters.
 * Idempotent: running it twice changes nothing.
 */
export const demoAcademy = {
  code: 'DEMO',
  name: 'Académie de démonstration',
  districts: [
    {
      code: 'BASSIN-NORD',
      name: 'Bassin Nord (CIO de Montclair)',
      establishments: [
        { uai: '0990001N', name: 'Lycée professionnel Jean-Jaurès', kind: 'LYCEE_PROFESSIONNEL', city: 'Montclair' },
        { uai: '0990002P', name: 'Lycée Marie-Curie', kind: 'LYCEE_GENERAL_TECHNOLOGIQUE', city: 'Montclair' },
        { uai: '0990003R', name: 'Collège Louise-Michel', kind: 'COLLEGE', city: 'Saint-Aubin' },
      ],
    },
    {
      code: 'BASSIN-SUD',
      name: 'Bassin Sud (PSAD du Val)',
      establishments: [
        { uai: '0990004S', name: 'Lycée polyvalent Simone-Veil', kind: 'LYCEE_POLYVALENT', city: 'Valbonne-sur-Loire' },
      ],
    },
  ],
} as const;

export async function seedDemo(prisma: PrismaClient): Promise<{ establishments: number; accounts: number }> {
  let establishments = 0;
  const hashes = await Promise.all(demoAccounts.map(() => hashPassword(DEMO_PASSWORD)));
  await prisma.$transaction(async (tx) => {
    const academy = await tx.academy.upsert({
      where: { code: demoAcademy.code },
      create: { code: demoAcademy.code, name: demoAcademy.name },
      update: {},
    });
    for (const d of demoAcademy.districts) {
      const district = await tx.district.upsert({
        where: { code: d.code },
        create: { code: d.code, name: d.name, academyId: academy.id },
        update: {},
      });
      for (const e of d.establishments) {
        await tx.establishment.upsert({
          where: { uai: e.uai },
          create: { ...e, districtId: district.id },
          update: {},
        });
        establishments += 1;
      }
    }
    for (const [i, account] of demoAccounts.entries()) {
      const district = account.district ? await tx.district.findUniqueOrThrow({ where: { code: account.district } }) : null;
      const establishment = account.uai ? await tx.establishment.findUniqueOrThrow({ where: { uai: account.uai } }) : null;
      await tx.user.upsert({
        where: { email: account.email },
        create: {
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          academyId: academy.id,
          districtId: district?.id ?? null,
          establishmentId: establishment?.id ?? null,
          passwordHash: hashes[i] ?? '',
        },
        update: {},
      });
    }
  });
  return { establishments, accounts: demoAccounts.length };
}
