import {
  interviewChannelLabels,
  type CaseDetail,
  type interviewChannels,
} from '@jasmin/shared/cases/schemas';
import {
  caseStatusLabels,
  solutionKindLabels,
  stopReasonLabels,
  transferPlatformLabels,
  type TransitionKind,
} from '@jasmin/shared/cases/transitions';

/**
 * The guide's colour code for the pupil's name, always with a text cue (RGAA 3.1): the badge
 * says it in words.
 */
export const displayStateStyles: Record<
  CaseDetail['displayState'],
  { badge: string; severity: 'info' | 'success' | undefined; nameClass: string }
> = {
  NOTHING_DONE: { badge: 'Rien de fait', severity: 'info', nameClass: 'jasmin-file-name--nothing-done' },
  NOT_FOLLOWED: { badge: 'Ne pas suivre', severity: undefined, nameClass: 'jasmin-file-name--not-followed' },
  FOLLOWED: { badge: 'Suivi en place', severity: 'success', nameClass: 'jasmin-file-name--followed' },
  CLOSED: { badge: 'Clos', severity: undefined, nameClass: 'jasmin-file-name--closed' },
};

export const transitionActionLabels: Record<TransitionKind, string> = {
  NOT_FOLLOW: 'Ne pas suivre',
  START_FOLLOW_UP: 'Mettre le suivi en place',
  CLOSE_WITH_SOLUTION: 'Enregistrer la solution',
  TRANSFER: 'Transférer le suivi',
  STOP: 'Arrêter le suivi',
  REOPEN: 'Rouvrir le suivi',
};

const eventLabels: Record<string, string> = {
  CREATED: 'Élève repéré',
  NOT_FOLLOW: 'Fiche « choix » : ne pas suivre',
  START_FOLLOW_UP: 'Fiche « choix » : suivi mis en place',
  CLOSE_WITH_SOLUTION: 'Solution trouvée',
  TRANSFER: 'Transfert',
  STOP: 'Arrêt du suivi',
  REOPEN: 'Suivi rouvert',
  INTERVIEW_RECORDED: 'Entretien saisi',
  INTERVIEW_EDITED: 'Entretien corrigé',
  SOLUTION_DETECTED: 'Solution détectée par le croisement des fichiers',
  TRANSFER_ACCEPTED: 'Transfert accepté',
  TRANSFER_RETURNED: 'Transfert renvoyé à l’établissement',
};

export function eventLabel(kind: string): string {
  return eventLabels[kind] ?? 'Autre événement';
}

const lookup = (labels: Record<string, string>, value: unknown) =>
  typeof value === 'string' ? (labels[value] ?? value) : undefined;

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/** The details worth reading of a timeline entry, in French, as label/value pairs. */
export function eventDetails(kind: string, details: Record<string, unknown>): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Commentaire', text(details.comment)],
    ['Solution', lookup(solutionKindLabels, details.solutionKind)],
    ['Précisions', text(details.details)],
    ['Plate-forme', lookup(transferPlatformLabels, details.platform)],
    ['Message', text(details.message)],
    ['Motif', lookup(stopReasonLabels, details.stopReason)],
    [kind === 'SOLUTION_DETECTED' ? 'Solution' : 'Explication', text(details.text)],
    ['Motif de réouverture', text(details.reason)],
    ['Moyen de contact', lookup(interviewChannelLabels, details.channel)],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}

export const statusLabel = (status: CaseDetail['status'] | null) =>
  status ? caseStatusLabels[status] : undefined;

export type Channel = (typeof interviewChannels)[number];

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** '2025-10-07T08:30:00.000Z' → '7 octobre 2025 à 10:30' (Paris time). */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** The pupil's name as on the lists: usage name in capitals, then the first names. */
export function pupilFullName(pupil: CaseDetail['pupil']): string {
  const family = (pupil.usageName ?? pupil.familyName).toUpperCase();
  return `${family} ${pupil.firstName}`;
}
