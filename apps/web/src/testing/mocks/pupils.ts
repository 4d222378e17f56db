import { pupilSearchResultSchema, type pupilSearchItemSchema } from '@jasmin/shared/pupils/schemas';
import { http } from 'msw';
import type { z } from 'zod';
import { okJson } from './api-response';
import { uuid } from './data';

type PupilSearchItem = z.input<typeof pupilSearchItemSchema>;

/** A row of GET /api/pupils: a pupil still enrolled, without a case this year. */
export function buildPupilItem(
  n: number,
  overrides: Partial<PupilSearchItem> = {},
): PupilSearchItem {
  return {
    id: uuid(2000 + n),
    ine: null,
    familyName: `Nom${n}`,
    usageName: null,
    firstName: `Prénom${n}`,
    birthDate: '2008-03-14',
    division: '1PRO2',
    exitDate: null,
    currentCaseId: null,
    ...overrides,
  };
}

/** Nobody matches. */
export const pupilHandlers = [
  http.get('/api/pupils', () => okJson(pupilSearchResultSchema, { items: [] })),
];
