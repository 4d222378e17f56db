import { z } from 'zod';

/** Import kinds as the API names them (multipart field `kind`). */
export const importKinds = ['siecle-eleves', 'siecle-responsables', 'exam-results', 'training-enrolments'] as const;
export const importKindSchema = z.enum(importKinds, {
  error: 'Type de fichier inconnu : siecle-eleves, siecle-responsables, exam-results ou training-enrolments.',
});
export type ImportKind = z.infer<typeof importKindSchema>;
export const importKindLabels: Record<ImportKind, string> = {
  'siecle-eleves': 'SIECLE — élèves (ElevesSansAdresses / ElevesAvecAdresses)',
  'siecle-responsables': 'SIECLE — responsables (ResponsablesAvecAdresses)',
  'exam-results': "Résultats d'examens (CSV)",
  'training-enrolments': 'Inscriptions en formation ou apprentissage (CSV)',
};

export const importStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;

export const importRunSchema = z.object({
  id: z.uuid(),
  kind: importKindSchema,
  fileName: z.string(),
  status: z.enum(importStatuses),
  progress: z.object({ read: z.number(), total: z.number() }),
  report: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ ref: z.string(), reason: z.string() })),
  }),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type ImportRunView = z.infer<typeof importRunSchema>;
export const importRunListSchema = z.object({ items: z.array(importRunSchema) });
export const importAcceptedSchema = z.object({ id: z.uuid() });

export const matchReviewSchema = z.object({
  id: z.uuid(),
  pupil: z.object({ id: z.uuid(), familyName: z.string(), firstName: z.string(), birthDate: z.iso.date(), ine: z.string().nullable() }),
  establishmentId: z.uuid().nullable(),
  sourceKind: z.string(),
  candidate: z.record(z.string(), z.unknown()),
  reason: z.string(),
  status: z.enum(['OPEN', 'MERGED', 'DISTINCT']),
  createdAt: z.iso.datetime(),
});
export const matchReviewListSchema = z.object({ items: z.array(matchReviewSchema) });
export const decideReviewSchema = z.object({
  decision: z.enum(['MERGED', 'DISTINCT'], 'Choisissez : même personne (MERGED) ou personnes différentes (DISTINCT).'),
});
