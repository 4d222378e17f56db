// Administration and the district overview in the browser, against the real API: the académie
// administrator adds an establishment and a referent's account, creates a reporting token that
// a program then uses and that is revoked; the coordinator reads the overview of the district.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, expectHttpError, test } from './fixtures';

const PASSWORD = 'jasmin-demo-2026';

async function signIn(page: Page, problems: string[], email: string) {
  await page.goto('/');
  await expectHttpError(problems, 401); // GET /api/auth/me before signing in
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' }).first()).toBeAttached();
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

test('when the administrator adds an establishment, an account and a token, then each works at once', async ({
  page,
  problems,
  playwright,
  baseURL,
}) => {
  await signIn(page, problems, 'admin@demo.invalid');
  await expect(
    menu(page).getByRole('link', { name: 'Administration', exact: true }),
  ).toHaveAttribute('href', '/administration/etablissements');
  await page.goto('/administration/etablissements');
  await expect(page.getByRole('heading', { level: 1, name: 'Établissements' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Établissements de l’académie' })).toContainText(
    '0990001N',
  );
  await expectAccessible(page, 'Administration — établissements');

  // A UAI whose check letter is wrong is refused before anything is sent.
  const form = page.getByRole('form', { name: 'Ajouter un établissement' });
  await form.getByLabel(/^UAI/).fill('0990077A');
  await form.getByLabel(/^Nom/).fill('Lycée agricole des Tilleuls');
  await form.getByLabel('Type d’établissement').selectOption({ label: 'Autre' });
  await form
    .getByLabel('District')
    .selectOption({ label: 'Bassin Sud (PSAD du Val) (BASSIN-SUD)' });
  await form.getByRole('button', { name: 'Créer l’établissement' }).click();
  await expect(form.getByText(/UAI invalide/)).toBeVisible();
  await form.getByLabel(/^UAI/).fill('0990077W');
  await form.getByRole('button', { name: 'Créer l’établissement' }).click();
  await expect(
    page.getByText('Établissement « Lycée agricole des Tilleuls » (0990077W) créé.'),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Établissements de l’académie' })).toContainText(
    '0990077W',
  );

  // The same UAI twice: the API's 409, on the field, nothing created.
  await form.getByLabel(/^UAI/).fill('0990077W');
  await form.getByLabel(/^Nom/).fill('Doublon');
  await form.getByLabel('Type d’établissement').selectOption({ label: 'Autre' });
  await form
    .getByLabel('District')
    .selectOption({ label: 'Bassin Sud (PSAD du Val) (BASSIN-SUD)' });
  await form.getByRole('button', { name: 'Créer l’établissement' }).click();
  await expectHttpError(problems, 409);
  await expect(form.getByText('Un établissement porte déjà cet UAI.')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Établissements de l’académie' }).getByText('Doublon'),
  ).toHaveCount(0);

  // A referent for the new establishment.
  await page.goto('/administration/utilisateurs');
  await expect(page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();
  const account = page.getByRole('form', { name: 'Créer un compte' });
  await account.getByLabel('Adresse électronique').fill('referente.tilleuls@demo.invalid');
  await account.getByLabel('Nom affiché').fill('Inès Moreau (référente)');
  await account.getByLabel(/^Mot de passe initial/).fill('Une phrase de passe des Tilleuls');
  await account.getByLabel('Rôle').selectOption({ label: 'Référent' });
  await account
    .getByLabel('Établissement')
    .selectOption({ label: 'Lycée agricole des Tilleuls (0990077W)' });
  await account.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('table', { name: 'Comptes de l’académie' })).toContainText(
    'Inès Moreau (référente)',
  );
  await expectAccessible(page, 'Administration — utilisateurs');

  // She can sign in at once, and lands on her establishment.
  const referent = await playwright.request.newContext({ baseURL });
  const login = await referent.post('/api/auth/login', {
    data: {
      email: 'referente.tilleuls@demo.invalid',
      password: 'Une phrase de passe des Tilleuls',
    },
  });
  expect(login.status()).toBe(200);
  expect(
    ((await (await referent.get('/api/auth/me')).json()) as { scope: { uai?: string } }).scope.uai,
  ).toBe('0990077W');
  await referent.dispose();

  // A district token: the secret is shown once, a program reads with it, revocation ends it.
  await page.goto('/administration/jetons');
  await expect(page.getByRole('heading', { level: 1, name: 'Jetons d’API' })).toBeVisible();
  const tokenForm = page.getByRole('form', { name: 'Créer un jeton' });
  await tokenForm.getByLabel(/^Nom/).fill('Tableau de bord du bassin sud');
  await tokenForm
    .getByLabel('Portée')
    .selectOption({ label: 'District Bassin Sud (PSAD du Val) (BASSIN-SUD)' });
  await tokenForm.getByRole('button', { name: /Créer le jeton/ }).click();
  const secret = (await page.getByLabel('Secret du jeton').textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(20);
  await expectAccessible(page, 'Administration — jeton créé');
  await page.screenshot({ path: 'screenshots/administration-jeton.png', fullPage: true });

  const program = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  const establishments = await program.get('/api/establishments');
  expect(establishments.status()).toBe(200);
  const uais = ((await establishments.json()) as { items: { uai: string }[] }).items
    .map((e) => e.uai)
    .sort();
  expect(uais).toEqual(['0990004S', '0990077W']);

  await page.getByRole('button', { name: 'J’ai copié le secret' }).click();
  await page
    .getByRole('button', { name: 'Révoquer le jeton Tableau de bord du bassin sud' })
    .click();
  await expect(page.getByText('Jeton « Tableau de bord du bassin sud » révoqué.')).toBeVisible();
  expect((await program.get('/api/establishments')).status()).toBe(401);
  await program.dispose();
});

test('when the coordinator opens « Vue du district », then each establishment of the district shows its counts', async ({
  page,
  problems,
}) => {
  await signIn(page, problems, 'coordination@demo.invalid');
  await menu(page).getByRole('link', { name: 'Vue du district' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vue du district' })).toBeVisible();
  const table = page.getByRole('table');
  for (const uai of ['0990001N', '0990002P', '0990003R']) await expect(table).toContainText(uai);
  await expect(table).not.toContainText('0990004S');
  await expectAccessible(page, 'Vue du district');
  await page.screenshot({ path: 'screenshots/vue-du-district.png', fullPage: true });

  // A head has neither the menu entry nor the page.
  await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à Jasmin' })).toBeVisible();
  await expectHttpError(problems, 401); // GET /api/auth/me once signed out
  await page.getByLabel('Adresse électronique').fill('chef@demo.invalid');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(menu(page).getByRole('link', { name: 'Imports' })).toBeVisible();
  await expect(menu(page).getByRole('link', { name: 'Vue du district' })).toHaveCount(0);
  await expect(menu(page).getByRole('link', { name: 'Administration' })).toHaveCount(0);
});
