import { describe, expect, it } from '@jest/globals';
import { formatIsoDate } from '../../../lib/format-date';
import { lastActionLabel, pupilName } from './labels';

describe('« Suivi établissement » labels', () => {
  it.each([
    ['INTERVIEW_PHONE', 'Entretien téléphonique'],
    ['INTERVIEW_IN_PERSON', 'Entretien physique'],
    ['INTERVIEW_LETTER', 'Courrier'],
    ['INTERVIEW_EMAIL', 'Courriel'],
    ['INTERVIEW_SMS', 'SMS'],
    ['INTERVIEW_VIDEO', 'Entretien en visio'],
    ['INTERVIEW_PIGEON', 'Entretien'],
    ['NOT_FOLLOW', 'Ne pas suivre'],
    ['CLOSE_WITH_SOLUTION', 'Solution trouvée'],
    ['TRANSFER', 'Transfert'],
    ['STOP', 'Arrêt du suivi'],
    ['REOPEN', 'Suivi rouvert'],
    ['TRANSFER_RETURNED', 'Transfert renvoyé'],
    ['SOMETHING_NEW', 'Autre action'],
  ])('when the last action is %s, then it reads « %s »', (type, label) => {
    expect(lastActionLabel(type)).toBe(label);
  });

  it('when nothing was done, or the follow-up was only put in place, then there is no label (the guide: « par défaut vide »)', () => {
    expect(lastActionLabel(null)).toBeNull();
    expect(lastActionLabel('START_FOLLOW_UP')).toBeNull();
  });

  it('when a pupil has a usage name, then it is shown in capitals before the first name', () => {
    const pupil = {
      id: 'x',
      ine: null,
      familyName: 'Petit',
      usageName: 'Moreau',
      firstName: 'Hugo',
      birthDate: '2008-01-02',
    };
    expect(pupilName(pupil)).toBe('MOREAU Hugo');
    expect(pupilName({ ...pupil, usageName: null })).toBe('PETIT Hugo');
  });

  it('when an ISO date is shown, then it reads dd/mm/yyyy', () => {
    expect(formatIsoDate('2025-10-07')).toBe('07/10/2025');
  });
});
