import {
  interviewChannelLabels,
  type CaseListItem,
  type interviewChannels,
} from '@jasmin/shared/cases/schemas';
import type { TransitionKind } from '@jasmin/shared/cases/transitions';
import type { CaseSort } from './list-params';

export type DisplayState = CaseListItem['displayState'];

/**
 * The guide's colour code for names, each with a text cue so that colour is never the only
 * way to tell (RGAA 3.1): the badge says it in words.
 */
export const displayStateStyles: Record<
  DisplayState,
  { badge: string; severity: 'info' | 'success' | undefined; nameClass: string; legend: string }
> = {
  NOTHING_DONE: {
    badge: 'Rien de fait',
    severity: 'info',
    nameClass: 'jasmin-case-name--nothing-done',
    legend: 'nom en bleu et en gras : élève repéré, rien n’a encore été fait',
  },
  NOT_FOLLOWED: {
    badge: 'Ne pas suivre',
    severity: undefined,
    nameClass: 'jasmin-case-name--not-followed',
    legend: 'nom en bleu : solution connue avec certitude, pas de suivi',
  },
  FOLLOWED: {
    badge: 'Suivi en place',
    severity: 'success',
    nameClass: 'jasmin-case-name--followed',
    legend: 'nom en vert et en gras : le suivi est mis en place',
  },
  CLOSED: {
    badge: 'Clos',
    severity: undefined,
    nameClass: 'jasmin-case-name--closed',
    legend: 'nom sans couleur : suivi clos (solution trouvée, transfert ou arrêt)',
  },
};

type Channel = (typeof interviewChannels)[number];

const interviewLabels: Record<Channel, string> = {
  ...interviewChannelLabels,
  PHONE: 'Entretien téléphonique',
  IN_PERSON: 'Entretien physique',
  VIDEO: 'Entretien en visio',
};

const transitionLabels: Record<TransitionKind, string> = {
  NOT_FOLLOW: 'Ne pas suivre',
  START_FOLLOW_UP: 'Suivi mis en place',
  CLOSE_WITH_SOLUTION: 'Solution trouvée',
  TRANSFER: 'Transfert',
  STOP: 'Arrêt du suivi',
  REOPEN: 'Suivi rouvert',
};

const otherActionLabels: Record<string, string> = {
  TRANSFER_RETURNED: 'Transfert renvoyé',
};

/** « Suivi établissement »: the last action recorded on the case, in French. */
export function lastActionLabel(lastActionType: string | null): string | null {
  // The guide: once the follow-up is put in place, « la colonne "Suivi établissement" est par
  // défaut vide » until the establishment does something (an interview, a decision).
  if (!lastActionType || lastActionType === 'START_FOLLOW_UP') return null;
  if (lastActionType.startsWith('INTERVIEW_')) {
    const channel = lastActionType.slice('INTERVIEW_'.length);
    return channel in interviewLabels ? interviewLabels[channel as Channel] : 'Entretien';
  }
  if (lastActionType in transitionLabels) return transitionLabels[lastActionType as TransitionKind];
  return otherActionLabels[lastActionType] ?? 'Autre action';
}

export const sortLabels: Record<CaseSort, string> = {
  name: 'Nom, de A à Z',
  '-name': 'Nom, de Z à A',
  '-updated': 'Modifiés récemment d’abord',
  updated: 'Modifiés il y a longtemps d’abord',
};

/** How a pupil is named in lists: usage name if any, in capitals, then the first name. */
export function pupilName(pupil: CaseListItem['pupil']): string {
  return `${(pupil.usageName ?? pupil.familyName).toUpperCase()} ${pupil.firstName}`;
}
