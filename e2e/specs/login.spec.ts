import type { Page } from '@playwright/test';
import { expect, expectHttpError, test } from './fixtures';

const PASSWORD = 'jasmin-demo-2026';

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('when the head signs in, then she lands on « Suivi des élèves » of 0990001N with its empty state', async ({
  page,
  problems,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL('/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à Jasmin' })).toBeVisible();
  await expect(page.getByText('Votre session a expiré')).toHaveCount(0);
  await expectHttpError(problems, 401); // GET /api/auth/me without a session

  await signIn(page, 'chef@demo.invalid');

  await expect(page).toHaveURL('/etablissements/0990001N/suivis?onglet=suivi');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' }),
  ).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Suivi des élèves' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(
    page.getByRole('heading', { name: 'Aucun élève suivi pour l’instant' }),
  ).toBeVisible();
  await expect(page.getByText(/importez les exports SIECLE/)).toBeVisible();
  // DSFR renders the quick-access items twice: the header's, and the (hidden) mobile menu's.
  const header = page.locator('.fr-header__tools-links');
  await expect(header.getByText('Claire Martin (cheffe d’établissement)')).toBeVisible();
  await expect(
    header.getByText("Chef d'établissement — Lycée professionnel Jean-Jaurès"),
  ).toBeVisible();
  await expect(page.getByLabel('Établissement affiché')).toHaveCount(0);
  await expect(page).toHaveTitle('Suivi des élèves — Lycée professionnel Jean-Jaurès — Jasmin');
  await page.screenshot({ path: 'screenshots/suivi-des-eleves-vide.png', fullPage: true });

  // Another tab: its list is asked for and its address kept.
  await page.getByRole('tab', { name: 'Repérage année précédente' }).click();
  await expect(page).toHaveURL('/etablissements/0990001N/suivis?onglet=reperage-annee-precedente');
  await expect(page.getByRole('heading', { name: 'Aucun élève dans cet onglet' })).toBeVisible();
});

test('when the password is wrong, then the French error of the API is shown', async ({
  page,
  problems,
}) => {
  await page.goto('/connexion');
  await expect(page.getByText('Service opérationnel')).toBeVisible();
  await signIn(page, 'chef@demo.invalid', 'mauvais-mot-de-passe');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Identifiants incorrects');
  await expect(alert).toContainText('Adresse électronique ou mot de passe incorrect.');
  await expect(page).toHaveURL('/connexion');
  await expectHttpError(problems, 401); // POST /api/auth/login
  await page.screenshot({ path: 'screenshots/connexion-erreur.png', fullPage: true });
});

test('when the head signs out, then the login page comes back and the session is over', async ({
  page,
  problems,
}) => {
  await page.goto('/connexion');
  await signIn(page, 'chef@demo.invalid');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await expect(page).toHaveURL('/connexion');
  await expect(page.getByRole('heading', { name: 'Vous êtes déconnecté' })).toBeVisible();
  await page.goto('/etablissements/0990001N/suivis?onglet=suivi');
  await expect(page).toHaveURL(/\/connexion\?retour=/);
  await expectHttpError(problems, 401); // the session is gone on the server
});

test('when the head of another establishment signs in, then she only sees her own', async ({
  page,
  problems,
}) => {
  await page.goto('/connexion');
  await signIn(page, 'chef2@demo.invalid');

  await expect(page).toHaveURL('/etablissements/0990004S/suivis?onglet=suivi');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lycée polyvalent Simone-Veil' }),
  ).toBeVisible();
  await expect(page.getByLabel('Établissement affiché')).toHaveCount(0);
  const establishments = await (await page.request.get('/api/establishments')).json();
  expect(establishments.items.map((e: { uai: string }) => e.uai)).toEqual(['0990004S']);

  await page.goto('/etablissements/0990001N/suivis?onglet=suivi');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Établissement introuvable' }),
  ).toBeVisible();
  await expectHttpError(problems, 404); // GET /api/cases for an establishment out of scope
});

test('when a coordinator signs in, then the switcher shows the establishments of the district', async ({
  page,
}) => {
  await page.goto('/connexion');
  await signIn(page, 'coordination@demo.invalid');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/etablissements\/099000[123][NPR]\/suivis\?onglet=suivi$/);

  const switcher = page.getByLabel('Établissement affiché');
  await expect(switcher.locator('option')).toHaveText([
    /\(0990001N\)|\(0990002P\)|\(0990003R\)/,
    /\(0990001N\)|\(0990002P\)|\(0990003R\)/,
    /\(0990001N\)|\(0990002P\)|\(0990003R\)/,
  ]);
  await switcher.selectOption('0990003R');
  await expect(page).toHaveURL('/etablissements/0990003R/suivis?onglet=suivi');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Collège Louise-Michel' }),
  ).toBeVisible();
});
