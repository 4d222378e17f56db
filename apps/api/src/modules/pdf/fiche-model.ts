import type { caseSources } from '@jasmin/shared/cases/schemas';
import type { CaseStatus } from '@jasmin/shared/cases/transitions';
import type { CaseEvent, Interview, Prisma, Transfer } from '../../generated/prisma/client';
import { pdfSafe } from './pdf-text';

/**
 * What a fiche prints, already made printable (pdfSafe): built from the database rows by
 * toFicheData, rendered by fiche-entretien.tsx. Plain data, so a batch can drop each chunk's
 * rows as soon as they are mapped.
 */
export interface FicheData {
  caseId: string;
  establishment: { name: string; uai: string; city: string };
  schoolYear: string;
  source: (typeof caseSources)[number];
  status: CaseStatus;
  atRiskReason: string;
  printedAt: Date;
  /** Who printed it (kept on paper: a printed page leaves the audit trail). */
  printedBy: string;
  pupil: FichePupil;
  guardians: FicheGuardian[];
  /** The filled record (`?filled=1`): interviews, transfers and history. */
  record?: FicheRecord;
}

export interface FichePupil {
  familyName: string;
  usageName: string;
  firstNames: string;
  birthDate: string; // yyyy-mm-dd
  sex: 'M' | 'F' | null;
  ine: string;
  division: string;
  mefCode: string;
  entryDate: string | null;
  exitDate: string | null;
  exitReasonCode: string;
  phone: string;
  mobile: string;
  email: string;
  address: string;
}

export interface FicheGuardian {
  civility: string;
  familyName: string;
  firstName: string;
  relationship: string;
  isLegalGuardian: boolean;
  phoneHome: string;
  phoneMobile: string;
  phoneWork: string;
  email: string;
  address: string;
}

export interface FicheInterview {
  date: string; // yyyy-mm-dd
  channel: string;
  reached: string;
  observations: string;
  trainingWish: string;
  trainingEstablishment: string;
  trainingStatus: string;
  jobSought: string;
  jobContract: string;
  nextStep: string;
  authorName: string;
  edited: boolean;
}

export interface FicheTransfer {
  platform: string;
  message: string;
  status: 'PENDING' | 'ACCEPTED' | 'RETURNED';
  returnReason: string;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface FicheEvent {
  at: Date;
  kind: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  /** The event's payload, strings made printable (comment, reason, solution, platform…). */
  details: Record<string, string>;
  actorName: string;
}

export interface FicheRecord {
  interviews: FicheInterview[];
  transfers: FicheTransfer[];
  events: FicheEvent[];
}

/** The rows a fiche needs: the pupil and guardians always; the record only when filled. */
export function ficheInclude(filled: boolean) {
  return {
    pupil: {
      include: { guardians: { orderBy: [{ rank: 'asc' as const }, { id: 'asc' as const }] } },
    },
    establishment: true,
    schoolYear: true,
    ...(filled
      ? {
          events: { orderBy: [{ at: 'asc' as const }, { id: 'asc' as const }] },
          interviews: { orderBy: [{ date: 'asc' as const }, { createdAt: 'asc' as const }] },
          transfers: { orderBy: { createdAt: 'asc' as const } },
        }
      : {}),
  } satisfies Prisma.CaseInclude;
}

/** A case with the rows of ficheInclude (the record's rows are there when it was filled). */
export type FicheCaseRows = Prisma.CaseGetPayload<{
  include: { pupil: { include: { guardians: true } }; establishment: true; schoolYear: true };
}> & { events?: CaseEvent[]; interviews?: Interview[]; transfers?: Transfer[] };

const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

function printableDetails(details: Prisma.JsonValue): Record<string, string> {
  const out: Record<string, string> = {};
  if (details && typeof details === 'object' && !Array.isArray(details)) {
    for (const [key, value] of Object.entries(details)) {
      if (typeof value === 'string') out[key] = pdfSafe(value);
      else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    }
  }
  return out;
}

/** Maps a case and its rows to what the fiche prints. */
export function toFicheData(
  c: FicheCaseRows,
  context: { printedAt: Date; printedBy: string; filled: boolean },
): FicheData {
  const p = c.pupil;
  return {
    caseId: c.id,
    establishment: {
      name: pdfSafe(c.establishment.name),
      uai: c.establishment.uai,
      city: pdfSafe(c.establishment.city),
    },
    schoolYear: c.schoolYear.label,
    source: c.source,
    status: c.status,
    atRiskReason: pdfSafe(c.atRiskReason),
    printedAt: context.printedAt,
    printedBy: pdfSafe(context.printedBy),
    pupil: {
      familyName: pdfSafe(p.familyName),
      usageName: pdfSafe(p.usageName),
      firstNames: pdfSafe([p.firstName, p.firstName2, p.firstName3].filter(Boolean).join(', ')),
      birthDate: p.birthDate.toISOString().slice(0, 10),
      sex: p.sex,
      ine: pdfSafe(p.ine),
      division: pdfSafe(p.division),
      mefCode: pdfSafe(p.mefCode),
      entryDate: day(p.entryDate),
      exitDate: day(p.exitDate),
      exitReasonCode: pdfSafe(p.exitReasonCode),
      phone: pdfSafe(p.phone),
      mobile: pdfSafe(p.mobile),
      email: pdfSafe(p.email),
      address: pdfSafe(p.address),
    },
    guardians: p.guardians.map((g) => ({
      civility: pdfSafe(g.civility),
      familyName: pdfSafe(g.familyName),
      firstName: pdfSafe(g.firstName),
      relationship: pdfSafe(g.relationship),
      isLegalGuardian: g.isLegalGuardian,
      phoneHome: pdfSafe(g.phoneHome),
      phoneMobile: pdfSafe(g.phoneMobile),
      phoneWork: pdfSafe(g.phoneWork),
      email: pdfSafe(g.email),
      address: pdfSafe(g.address),
    })),
    ...(context.filled
      ? {
          record: {
            interviews: (c.interviews ?? []).map((i) => ({
              date: i.date.toISOString().slice(0, 10),
              channel: i.channel,
              reached: i.reached,
              observations: pdfSafe(i.observations),
              trainingWish: pdfSafe(i.trainingWish),
              trainingEstablishment: pdfSafe(i.trainingEstablishment),
              trainingStatus: pdfSafe(i.trainingStatus),
              jobSought: pdfSafe(i.jobSought),
              jobContract: pdfSafe(i.jobContract),
              nextStep: pdfSafe(i.nextStep),
              authorName: pdfSafe(i.authorName),
              edited: i.version > 0,
            })),
            transfers: (c.transfers ?? []).map((t) => ({
              platform: t.platform,
              message: pdfSafe(t.message),
              status: t.status,
              returnReason: pdfSafe(t.returnReason),
              createdAt: t.createdAt,
              decidedAt: t.decidedAt,
            })),
            events: (c.events ?? []).map((e) => ({
              at: e.at,
              kind: e.kind,
              fromStatus: e.fromStatus,
              toStatus: e.toStatus,
              details: printableDetails(e.details),
              actorName: pdfSafe(e.actorName),
            })),
          },
        }
      : {}),
  };
}

/** The name a person goes by: usage name when there is one, else the family name. */
export function displayFamilyName(p: Pick<FichePupil, 'familyName' | 'usageName'>): string {
  return p.usageName || p.familyName;
}

/** First of the first names. */
export function firstFirstName(p: Pick<FichePupil, 'firstNames'>): string {
  return p.firstNames.split(',')[0]?.trim() ?? '';
}
