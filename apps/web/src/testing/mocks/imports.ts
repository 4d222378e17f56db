import {
  importRunListSchema,
  matchReviewListSchema,
  type ImportRunView,
  type matchReviewSchema,
} from '@jasmin/shared/imports/schemas';
import { http } from 'msw';
import type { z } from 'zod';
import { okJson } from './api-response';
import { uuid } from './data';

/** A row of GET /api/imports/:id: a SIECLE export read to the end, nothing rejected. */
export function buildImportRun(n: number, overrides: Partial<ImportRunView> = {}): ImportRunView {
  return {
    id: uuid(3000 + n),
    kind: 'siecle-eleves',
    fileName: `ElevesSansAdresses-${n}.xml`,
    status: 'succeeded',
    progress: { read: 10, total: 10 },
    report: { created: 0, updated: 0, unchanged: 0, rejected: [] },
    error: null,
    createdAt: '2026-03-01T09:05:00.000Z',
    finishedAt: '2026-03-01T09:06:00.000Z',
    ...overrides,
  };
}

/** A row of GET /api/match-reviews: a registry line that may be a known pupil. */
export function buildMatchReview(
  n: number,
  overrides: Partial<z.input<typeof matchReviewSchema>> = {},
): z.input<typeof matchReviewSchema> {
  return {
    id: uuid(4000 + n),
    pupil: {
      id: uuid(2000 + n),
      familyName: `Nom${n}`,
      firstName: `Prénom${n}`,
      birthDate: '2008-03-14',
      ine: null,
    },
    establishmentId: uuid(101),
    sourceKind: 'siecle-eleves',
    candidate: { familyName: `Nom${n}`, firstName: `Prénom${n}`, birthDate: '2008-03-14' },
    reason: 'Même nom et même date de naissance, INE différent.',
    status: 'OPEN',
    createdAt: '2026-03-01T09:06:00.000Z',
    ...overrides,
  };
}

/** No import yet, nothing to review. */
export const importHandlers = [
  http.get('/api/imports', () => okJson(importRunListSchema, { items: [] })),
  http.get('/api/match-reviews', () => okJson(matchReviewListSchema, { items: [] })),
];
