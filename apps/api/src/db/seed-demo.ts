import type { PrismaClient } from '../generated/prisma/client';

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

export async function seedDemo(prisma: PrismaClient): Promise<{ establishments: number }> {
  let establishments = 0;
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
  });
  return { establishments };
}
