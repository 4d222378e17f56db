import { z } from 'zod';
import { uaiSchema } from '../establishments/schemas';
import { pupilSummarySchema } from '../cases/schemas';

export const searchPupilsQuerySchema = z.object({
  establishment: uaiSchema,
  q: z.string().trim().min(2, 'Saisissez au moins 2 caractères.').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const pupilSearchItemSchema = pupilSummarySchema.extend({
  division: z.string().nullable(),
  exitDate: z.iso.date().nullable(),
  /** The case of the current school year, if any (a pupil can be flagged only once a year). */
  currentCaseId: z.uuid().nullable(),
});
export const pupilSearchResultSchema = z.object({ items: z.array(pupilSearchItemSchema) });

/** Accent-, case-, hyphen- and space-insensitive form used for search and matching. */
export function normalizeForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The name a pupil is sorted by in lists (usage name when there is one), in its search form. */
export function pupilSortName(p: { familyName: string; usageName?: string | null; firstName: string }): string {
  return `${normalizeForSearch(p.usageName || p.familyName)} ${normalizeForSearch(p.firstName)}`;
}
