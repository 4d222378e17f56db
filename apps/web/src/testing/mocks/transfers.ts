import { transferListSchema, type transferSchema } from '@jasmin/shared/cases/schemas';
import { http } from 'msw';
import type { z } from 'zod';
import { okJson } from './api-response';
import { uuid } from './data';

type Transfer = z.input<typeof transferSchema>;

/** A row of GET /api/transfers: a pupil handed to the PSAD, waiting for the district. */
export function buildTransfer(n: number, overrides: Partial<Transfer> = {}): Transfer {
  return {
    id: uuid(5000 + n),
    caseId: uuid(1000 + n),
    establishmentId: uuid(101),
    establishmentName: 'Lycée professionnel Jean-Jaurès',
    pupil: {
      id: uuid(2000 + n),
      ine: null,
      familyName: `Nom${n}`,
      usageName: null,
      firstName: `Prénom${n}`,
      birthDate: '2008-03-14',
    },
    platform: 'PSAD',
    message: 'Souhaite une formation en alternance.',
    status: 'PENDING',
    returnReason: null,
    createdAt: '2026-02-10T13:30:00.000Z',
    decidedAt: null,
    ...overrides,
  };
}

/** An empty inbox. */
export const transferHandlers = [
  http.get('/api/transfers', () => okJson(transferListSchema, { items: [] })),
];
