import { describe, expect, it } from '@jest/globals';
import { loginPath, safeReturnPath } from './return-path';

describe('return path after login', () => {
  it.each([
    [
      '/etablissements/0990001N/suivis?onglet=sans-solution',
      '/etablissements/0990001N/suivis?onglet=sans-solution',
    ],
    ['/suivis/abc#historique', '/suivis/abc#historique'],
    ['/', '/'],
  ])('when it is a path of the app (%s), then it is kept', (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['https://exemple.invalid/piege'],
    ['//exemple.invalid/piege'],
    ['/\\exemple.invalid'],
    ['/\t/exemple.invalid'],
    ['/.//exemple.invalid'],
    ['javascript:alert(1)'],
    ['etablissements'],
    ['/connexion?retour=/x'],
  ])('when it is not a path of the app (%s), then the home page is used', (raw) => {
    expect(safeReturnPath(raw)).toBe('/');
  });

  it('when the login page address is built, then the return path is encoded, and omitted for the home page', () => {
    expect(loginPath('/etablissements/0990001N/suivis?onglet=suivi&q=a b')).toBe(
      '/connexion?retour=%2Fetablissements%2F0990001N%2Fsuivis%3Fonglet%3Dsuivi%26q%3Da%2520b',
    );
    expect(loginPath('/')).toBe('/connexion');
  });
});
