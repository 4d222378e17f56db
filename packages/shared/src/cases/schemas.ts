import { z } from 'zod';
import { uaiSchema } from '../establishments/schemas';
import { caseStatusSchema, transferPlatforms } from './transitions';

export const caseSources = ['PREVIOUS_YEAR', 'CURRENT_YEAR', 'AT_RISK'] as const;
export const caseSourceSchema = z.enum(caseSources);
export const caseSourceLabels: Record<(typeof caseSources)[number], string> = {
  PREVIOUS_YEAR: 'Repérage année précédente',
  CURRENT_YEAR: 'Repérage année en cours',
  AT_RISK: 'En cours de décrochage',
};

/** The guide's tabs, as they appear in URLs. */
export const caseTabs = [
  'suivi',
  'reperage-annee-precedente',
  'reperage-annee-en-cours',
  'en-cours-de-decrochage',
  'sans-solution',
  'solutions-trouvees',
] as const;
export const caseTabSchema = z.enum(caseTabs);
export type CaseTab = z.infer<typeof caseTabSchema>;
export const caseTabLabels: Record<CaseTab, string> = {
  suivi: 'Suivi des élèves',
  'reperage-annee-precedente': 'Repérage année précédente',
  'reperage-annee-en-cours': 'Repérage année en cours',
  'en-cours-de-decrochage': 'En cours de décrochage',
  'sans-solution': 'Sans solution',
  'solutions-trouvees': 'Solutions trouvées',
};

/** The guide's colour code: blue bold, blue, green bold; closed cases are shown plainly. */
export const displayStates = ['NOTHING_DONE', 'NOT_FOLLOWED', 'FOLLOWED', 'CLOSED'] as const;
export const displayStateSchema = z.enum(displayStates);

export const interviewChannels = ['PHONE', 'IN_PERSON', 'LETTER', 'EMAIL', 'SMS', 'VIDEO'] as const;
export const interviewChannelLabels: Record<(typeof interviewChannels)[number], string> = {
  PHONE: 'Téléphone',
  IN_PERSON: 'Entretien physique',
  LETTER: 'Courrier',
  EMAIL: 'Courriel',
  SMS: 'SMS',
  VIDEO: 'Visio',
};
export const interviewReached = ['PUPIL', 'GUARDIAN', 'NOBODY'] as const;
export const interviewReachedLabels: Record<(typeof interviewReached)[number], string> = {
  PUPIL: 'Le jeune',
  GUARDIAN: 'Un responsable légal',
  NOBODY: 'Personne',
};

export const caseSorts = ['name', '-name', 'updated', '-updated'] as const;

export const listCasesQuerySchema = z.object({
  establishment: uaiSchema,
  tab: caseTabSchema.default('suivi'),
  q: z.string().trim().max(100).optional(),
  status: caseStatusSchema.optional(),
  source: caseSourceSchema.optional(),
  class: z.string().trim().max(40).optional(),
  sort: z.enum(caseSorts).default('name'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100, '100 au plus par page.').default(50),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();

export const pupilSummarySchema = z.object({
  id: z.uuid(),
  ine: z.string().nullable(),
  familyName: z.string(),
  usageName: z.string().nullable(),
  firstName: z.string(),
  birthDate: isoDate,
});

export const caseListItemSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  pupil: pupilSummarySchema,
  division: z.string().nullable(),
  exitDate: isoDate.nullable(),
  status: caseStatusSchema,
  source: caseSourceSchema,
  displayState: displayStateSchema,
  /** « Suivi établissement »: the last follow-up action and the date of the last interview. */
  establishmentFollowUp: z.object({
    lastActionType: z.string().nullable(),
    lastInterviewDate: isoDate.nullable(),
  }),
  suggestion: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;
export const caseListSchema = z.object({ items: z.array(caseListItemSchema), nextCursor: z.string().nullable() });

export const guardianSchema = z.object({
  id: z.uuid(),
  civility: z.string().nullable(),
  familyName: z.string(),
  firstName: z.string().nullable(),
  relationship: z.string().nullable(),
  isLegalGuardian: z.boolean(),
  phoneHome: z.string().nullable(),
  phoneMobile: z.string().nullable(),
  phoneWork: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});

export const pupilSchema = pupilSummarySchema.extend({
  siecleId: z.string().nullable(),
  firstName2: z.string().nullable(),
  firstName3: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  division: z.string().nullable(),
  mefCode: z.string().nullable(),
  entryDate: isoDate.nullable(),
  exitDate: isoDate.nullable(),
  exitReasonCode: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  establishmentId: z.uuid(),
});

const interviewText = (max: number) => z.string().trim().max(max, `${max} caractères au plus.`);
/** The fiche « suivi »: 1 détails (date, channel, who), 2 observations, 3 suite de formation, 4 vie active, next step. */
const interviewFieldShapes = {
  date: isoDate,
  channel: z.enum(interviewChannels, 'Choisissez le moyen de contact.'),
  reached: z.enum(interviewReached, 'Indiquez qui a été joint.'),
  observations: interviewText(4000),
  trainingWish: interviewText(500),
  trainingEstablishment: interviewText(300),
  trainingStatus: interviewText(300),
  jobSought: interviewText(500),
  jobContract: interviewText(300),
  nextStep: interviewText(1000),
};
export const interviewFieldsSchema = z.object(interviewFieldShapes);
const optionalTexts = ['observations', 'trainingWish', 'trainingEstablishment', 'trainingStatus', 'jobSought', 'jobContract', 'nextStep'] as const;
/** Creating: the free-text sections may be left empty. */
export const createInterviewSchema = z.object({
  ...interviewFieldShapes,
  ...Object.fromEntries(optionalTexts.map((k) => [k, interviewFieldShapes[k].default('')])),
} as typeof interviewFieldShapes);
/** Correcting: only the fields sent change (no defaults), with the version that was read. */
export const updateInterviewSchema = interviewFieldsSchema.partial().extend({ version: z.number().int().min(0) });
export const interviewSchema = interviewFieldsSchema.extend({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  authorName: z.string(),
  revisions: z.array(
    z.object({ version: z.number().int(), editedAt: isoDateTime, editorName: z.string(), data: interviewFieldsSchema }),
  ),
});

export const timelineEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
  kind: z.string(),
  fromStatus: caseStatusSchema.nullable(),
  toStatus: caseStatusSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
});

export const transferStatuses = ['PENDING', 'ACCEPTED', 'RETURNED'] as const;
export const transferSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  establishmentId: z.uuid(),
  establishmentName: z.string(),
  pupil: pupilSummarySchema,
  platform: z.enum(transferPlatforms),
  message: z.string(),
  status: z.enum(transferStatuses),
  returnReason: z.string().nullable(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
});
export const transferListSchema = z.object({ items: z.array(transferSchema) });
export const listTransfersQuerySchema = z.object({ status: z.enum(transferStatuses).optional() });
export const returnTransferSchema = z.object({ reason: z.string().trim().min(1, 'Le motif du retour est obligatoire.').max(2000) });

export const caseDetailSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: caseStatusSchema,
  source: caseSourceSchema,
  displayState: displayStateSchema,
  schoolYear: z.string(),
  establishment: z.object({ id: z.uuid(), uai: z.string(), name: z.string() }),
  atRiskReason: z.string().nullable(),
  suggestion: z.string().nullable(),
  pupil: pupilSchema,
  guardians: z.array(guardianSchema),
  allowedTransitions: z.array(caseStatusSchema),
  interviews: z.array(interviewSchema),
  transfers: z.array(transferSchema),
  timeline: z.array(timelineEntrySchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/**
 * Repérage by hand: a pupil still enrolled flagged « en cours de décrochage » (AT_RISK), or a
 * leaver the cross-referencing did not list (e.g. a diploma holder) flagged with the source of
 * their exit's school year.
 */
export const createAtRiskCaseSchema = z.object({
  pupilId: z.uuid(),
  source: caseSourceSchema,
  reason: z.string().trim().min(1, 'Indiquez pourquoi cet élève doit être suivi.').max(2000),
});

export const caseIdParamsSchema = z.object({ id: z.uuid('Identifiant invalide.') });
export const interviewParamsSchema = z.object({ id: z.uuid('Identifiant invalide.'), interviewId: z.uuid('Identifiant invalide.') });

