import type { CaseListItem } from '@jasmin/shared/cases/schemas';
import type { CaseStatus } from '@jasmin/shared/cases/transitions';
import type { Case, Guardian, Pupil } from '../../generated/prisma/client';
import { isoDay, isoDayOrNull } from '../../lib/school-year';

export function displayStateOf(status: CaseStatus): CaseListItem['displayState'] {
  switch (status) {
    case 'IDENTIFIED':
      return 'NOTHING_DONE';
    case 'NOT_FOLLOWED':
      return 'NOT_FOLLOWED';
    case 'FOLLOW_UP':
      return 'FOLLOWED';
    default:
      return 'CLOSED';
  }
}

export const toPupilSummary = (p: Pupil) => ({
  id: p.id,
  ine: p.ine,
  familyName: p.familyName,
  usageName: p.usageName,
  firstName: p.firstName,
  birthDate: isoDay(p.birthDate),
});

export function toCaseListItem(c: Case & { pupil: Pupil }): CaseListItem {
  return {
    id: c.id,
    version: c.version,
    pupil: toPupilSummary(c.pupil),
    division: c.division,
    exitDate: isoDayOrNull(c.pupil.exitDate),
    status: c.status,
    source: c.source,
    displayState: displayStateOf(c.status),
    establishmentFollowUp: { lastActionType: c.lastActionType, lastInterviewDate: isoDayOrNull(c.lastInterviewOn) },
    suggestion: c.suggestion,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export const toPupilView = (p: Pupil) => ({
  ...toPupilSummary(p),
  siecleId: p.siecleId,
  firstName2: p.firstName2,
  firstName3: p.firstName3,
  sex: p.sex,
  division: p.division,
  mefCode: p.mefCode,
  entryDate: isoDayOrNull(p.entryDate),
  exitDate: isoDayOrNull(p.exitDate),
  exitReasonCode: p.exitReasonCode,
  phone: p.phone,
  mobile: p.mobile,
  email: p.email,
  address: p.address,
  establishmentId: p.establishmentId,
});

export const toGuardianView = (g: Guardian) => ({
  id: g.id,
  civility: g.civility,
  familyName: g.familyName,
  firstName: g.firstName,
  relationship: g.relationship,
  isLegalGuardian: g.isLegalGuardian,
  phoneHome: g.phoneHome,
  phoneMobile: g.phoneMobile,
  phoneWork: g.phoneWork,
  email: g.email,
  address: g.address,
});
