import type { MeResponse } from '@jasmin/shared/auth/schemas';
import type { CaseListItem } from '@jasmin/shared/cases/schemas';
import type { EstablishmentView } from '@jasmin/shared/establishments/schemas';

/** A valid, readable UUID for test rows: uuid(7) → 00000000-0000-4000-8000-000000000007. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const session = { idleTimeoutSeconds: 1800, expiresAt: '2026-03-01T18:00:00.000Z' };

export const establishments: EstablishmentView[] = [
  {
    id: uuid(101),
    uai: '0990001N',
    name: 'Lycée professionnel Jean-Jaurès',
    kind: 'LYCEE_PROFESSIONNEL',
    city: 'Montclair',
    districtId: uuid(201),
  },
  {
    id: uuid(102),
    uai: '0990002P',
    name: 'Lycée Marie-Curie',
    kind: 'LYCEE_GENERAL_TECHNOLOGIQUE',
    city: 'Montclair',
    districtId: uuid(201),
  },
  {
    id: uuid(103),
    uai: '0990003R',
    name: 'Collège Louise-Michel',
    kind: 'COLLEGE',
    city: 'Saint-Aubin',
    districtId: uuid(201),
  },
];

/** The head of 0990001N, as GET /api/auth/me describes her. */
export const headMe: MeResponse = {
  user: { id: uuid(1), email: 'chef@demo.invalid', displayName: 'Claire Martin', role: 'HEAD' },
  scope: {
    kind: 'establishment',
    establishmentId: uuid(101),
    uai: '0990001N',
    name: 'Lycée professionnel Jean-Jaurès',
  },
  session,
};

export const coordinatorMe: MeResponse = {
  user: {
    id: uuid(2),
    email: 'coordination@demo.invalid',
    displayName: 'Coordination Bassin Nord',
    role: 'COORDINATOR',
  },
  scope: { kind: 'district', districtId: uuid(201), name: 'Bassin Nord (CIO de Montclair)' },
  session,
};

export const adminMe: MeResponse = {
  user: {
    id: uuid(3),
    email: 'admin@demo.invalid',
    displayName: 'Administration académique',
    role: 'ADMIN',
  },
  scope: { kind: 'academy', academyId: uuid(301), name: 'Académie de démonstration' },
  session,
};

type CaseOverrides = Partial<Omit<CaseListItem, 'pupil' | 'establishmentFollowUp'>> & {
  pupil?: Partial<CaseListItem['pupil']>;
  establishmentFollowUp?: Partial<CaseListItem['establishmentFollowUp']>;
};

/** A row of GET /api/cases: a pupil spotted last year, nothing done yet. */
export function buildCase(n: number, overrides: CaseOverrides = {}): CaseListItem {
  const { pupil, establishmentFollowUp, ...rest } = overrides;
  return {
    id: uuid(1000 + n),
    version: 0,
    division: '1PRO2',
    exitDate: '2025-06-30',
    status: 'IDENTIFIED',
    source: 'PREVIOUS_YEAR',
    displayState: 'NOTHING_DONE',
    suggestion: null,
    updatedAt: '2025-10-01T08:00:00.000Z',
    ...rest,
    pupil: {
      id: uuid(2000 + n),
      ine: null,
      familyName: `Nom${n}`,
      usageName: null,
      firstName: `Prénom${n}`,
      birthDate: '2008-03-14',
      ...pupil,
    },
    establishmentFollowUp: {
      lastActionType: null,
      lastInterviewDate: null,
      ...establishmentFollowUp,
    },
  };
}
