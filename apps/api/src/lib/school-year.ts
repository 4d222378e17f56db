import type { Prisma } from '../generated/prisma/client';

/** The school year a date falls in: from 1 September to 31 August, labelled "2026-2027". */
export function schoolYearLabel(date: Date): string {
  const y = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}

export function schoolYearBounds(label: string): { startsOn: Date; endsOn: Date } {
  const start = Number(label.slice(0, 4));
  return { startsOn: new Date(Date.UTC(start, 8, 1)), endsOn: new Date(Date.UTC(start + 1, 7, 31)) };
}

/**
 * The school year labelled so, created if missing. Looked up first: Prisma's upsert with nothing to
 * update takes three statements, and this runs in every import's transaction.
 */
export async function ensureSchoolYear(tx: Pick<Prisma.TransactionClient, 'schoolYear'>, label: string) {
  const found = await tx.schoolYear.findUnique({ where: { label } });
  if (found) return found;
  return tx.schoolYear.upsert({ where: { label }, create: { label, ...schoolYearBounds(label) }, update: {} });
}

/** yyyy-mm-dd of a date column (stored at midnight UTC). */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const isoDayOrNull = (d: Date | null) => (d ? isoDay(d) : null);
