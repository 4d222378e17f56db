import { z } from 'zod';
import { isValidUai } from './uai';

export const establishmentKinds = [
  'LYCEE_PROFESSIONNEL',
  'LYCEE_GENERAL_TECHNOLOGIQUE',
  'LYCEE_POLYVALENT',
  'COLLEGE',
  'OTHER',
] as const;
export const establishmentKindSchema = z.enum(establishmentKinds);

export const establishmentKindLabels: Record<(typeof establishmentKinds)[number], string> = {
  LYCEE_PROFESSIONNEL: 'Lycée professionnel',
  LYCEE_GENERAL_TECHNOLOGIQUE: 'Lycée général et technologique',
  LYCEE_POLYVALENT: 'Lycée polyvalent',
  COLLEGE: 'Collège',
  OTHER: 'Autre',
};

export const uaiSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUai, 'UAI invalide : 7 chiffres suivis de la lettre de contrôle (ex. 0750654D).');

export const idParamsSchema = z.object({ id: z.uuid('Identifiant invalide.') });

export const districtSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  academyId: z.uuid(),
});
export const districtListSchema = z.object({ items: z.array(districtSchema) });
export const createDistrictSchema = z.object({
  code: z.string().trim().min(2).max(40).regex(/^[A-Z0-9-]+$/, 'Code en majuscules, chiffres et tirets.'),
  name: z.string().trim().min(2).max(200),
});
export const updateDistrictSchema = createDistrictSchema.partial();

export const establishmentSchema = z.object({
  id: z.uuid(),
  uai: z.string(),
  name: z.string(),
  kind: establishmentKindSchema,
  city: z.string().nullable(),
  districtId: z.uuid(),
});
export type EstablishmentView = z.infer<typeof establishmentSchema>;
export const establishmentListSchema = z.object({ items: z.array(establishmentSchema) });
export const createEstablishmentSchema = z.object({
  uai: uaiSchema,
  name: z.string().trim().min(2).max(200),
  kind: establishmentKindSchema,
  city: z.string().trim().max(120).nullable().optional(),
  districtId: z.uuid('District invalide.'),
});
export const updateEstablishmentSchema = createEstablishmentSchema.omit({ uai: true }).partial();
