import type { FicheData } from './fiche-model';

// Made-up fiches (no real person): for the bench and for rendering tests that need no database.

const FAMILY = [
  'DUPONT-LEFÈVRE',
  'MARTIN',
  'GARCÍA',
  'NGUYEN',
  'BŒUF',
  'LÉGER',
  'FRANÇOIS',
  'MÜLLER',
];
const FIRST = ['Éloïse', 'Noé', 'Maëlys', 'Raphaël', 'Anaïs', 'Timéo', 'Chloé', 'Zoé'];

export function sampleFiche(
  n = 0,
  options: { filled?: boolean; printedAt?: Date } = {},
): FicheData {
  const family = FAMILY[n % FAMILY.length] ?? 'MARTIN';
  const first = FIRST[n % FIRST.length] ?? 'Camille';
  const phone = (base: number) =>
    `0${base}${String(10_000_000 + ((n * 7919) % 89_999_999)).slice(0, 8)}`;
  return {
    caseId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    establishment: {
      name: 'Lycée professionnel Jean-Baptiste Say — « Les Métiers »',
      uai: '0750001A',
      city: 'Paris',
    },
    schoolYear: '2026-2027',
    source: 'PREVIOUS_YEAR',
    status: 'FOLLOW_UP',
    atRiskReason: '',
    printedAt: options.printedAt ?? new Date('2026-12-04T13:05:00Z'),
    printedBy: 'Françoise Lœw (CPE)',
    pupil: {
      familyName: family,
      usageName: '',
      firstNames: `${first}, Marie-Cécile`,
      birthDate: '2009-03-14',
      sex: 'F',
      ine: `${String(100_000_000 + n).padStart(9, '0')}AB`,
      division: '1RE PRO MELEC B',
      mefCode: '24025503210',
      entryDate: '2024-09-02',
      exitDate: '2026-06-30',
      exitReasonCode: '01',
      phone: phone(1),
      mobile: phone(6),
      email: `eleve${n}@example.invalid`,
      address: '12 rue de l’Église, bâtiment C, 75011 Paris',
    },
    guardians: [
      {
        civility: 'Mme',
        familyName: family,
        firstName: 'Hélène',
        relationship: 'Mère',
        isLegalGuardian: true,
        phoneHome: phone(1),
        phoneMobile: phone(7),
        phoneWork: '',
        email: `mere${n}@example.invalid`,
        address: '12 rue de l’Église, bâtiment C, 75011 Paris',
      },
      {
        civility: 'M.',
        familyName: 'PÈRE-ÉTIENNE',
        firstName: 'Jérôme',
        relationship: 'Père',
        isLegalGuardian: true,
        phoneHome: '',
        phoneMobile: phone(6),
        phoneWork: phone(1),
        email: '',
        address: '3 allée des Cèdres, 93100 Montreuil',
      },
    ],
    ...(options.filled
      ? {
          record: {
            interviews: [
              {
                date: '2026-11-20',
                channel: 'PHONE',
                reached: 'GUARDIAN',
                observations:
                  'La mère indique que sa fille cherche une formation en électricité ; rappeler après les congés.',
                trainingWish: 'CAP électricien',
                trainingEstablishment: 'CFA du bâtiment de Noisy-le-Grand',
                trainingStatus: 'Candidature envoyée',
                jobSought: '',
                jobContract: '',
                nextStep: 'Rappeler le 04/12',
                authorName: 'Françoise Lœw',
                edited: false,
              },
            ],
            transfers: [],
            events: [
              {
                at: new Date('2026-09-15T08:00:00Z'),
                kind: 'CREATED',
                fromStatus: null,
                toStatus: 'IDENTIFIED',
                details: { source: 'PREVIOUS_YEAR', by: 'croisement' },
                actorName: '',
              },
              {
                at: new Date('2026-10-02T09:30:00Z'),
                kind: 'START_FOLLOW_UP',
                fromStatus: 'IDENTIFIED',
                toStatus: 'FOLLOW_UP',
                details: {},
                actorName: 'Françoise Lœw',
              },
              {
                at: new Date('2026-11-20T10:00:00Z'),
                kind: 'INTERVIEW_RECORDED',
                fromStatus: null,
                toStatus: null,
                details: { date: '2026-11-20', channel: 'PHONE' },
                actorName: 'Françoise Lœw',
              },
            ],
          },
        }
      : {}),
  };
}
