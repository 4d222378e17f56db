import type { Page } from '@playwright/test';
import { expect, expectHttpError, test } from './fixtures';
import { elevesXml } from './siecle-files';

async function signIn(page: Page, problems: string[], email: string) {
  await page.goto('/');
  await expectHttpError(problems, 401); // GET /api/auth/me without a session
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill('jasmin-demo-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('when the head imports a SIECLE export, then the progress completes and the report shows the counts', async ({
  page,
  problems,
}) => {
  await signIn(page, problems, 'chef@demo.invalid');
  await expect(page).toHaveURL('/etablissements/0990001N/suivis?onglet=suivi');

  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Imports' })
    .click();
  await expect(page).toHaveURL('/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  // A head imports the establishment's SIECLE exports only.
  await expect(page.getByRole('radio')).toHaveCount(2);

  const xml = elevesXml('0990001N', 2026, [
    {
      eleveId: '990101',
      family: 'Éclair-Testé',
      first: 'Zoé',
      birth: '12/04/2009',
      division: '2NDE4',
    },
    {
      eleveId: '990102',
      family: 'Œillet-Testé',
      first: 'Noël',
      birth: '03/10/2008',
      division: '1PRO2',
    },
    {
      eleveId: '990103',
      family: 'Vérifié-Testé',
      first: 'Anaïs',
      birth: '28/02/2009',
      division: '2NDE4',
    },
    { eleveId: '990104', family: 'Sans-Date', first: 'Léon', birth: '', division: '2NDE4' },
  ]);
  // DSFR draws its own radio: the native input sits under the label, which takes the click.
  const kind = 'SIECLE — élèves (ElevesSansAdresses / ElevesAvecAdresses)';
  await page.locator('label', { hasText: kind }).click();
  await expect(page.getByLabel(kind)).toBeChecked();
  await page.getByLabel(/^Fichier/).setInputFiles({
    name: 'ElevesSansAdresses.xml',
    mimeType: 'text/xml',
    buffer: xml,
  });
  await page.getByRole('button', { name: 'Importer' }).click();

  const report = page.getByRole('list', { name: 'Compte rendu' });
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(report.getByRole('listitem')).toHaveText([
    'Créés : 3',
    'Mis à jour : 0',
    'Inchangés : 0',
    'Rejetés : 1',
  ]);
  const rejected = page.getByRole('region', { name: 'Lignes rejetées' });
  await expect(rejected.getByText('ELEVE_ID 990104')).toBeVisible();
  await expect(rejected.getByText(/Date de naissance manquante/)).toBeVisible();

  // The run is listed among the past imports.
  const runs = page.getByRole('table').filter({ hasText: 'ElevesSansAdresses.xml' }).last();
  await expect(runs.getByText('3 créés, 0 mis à jour, 0 inchangé, 1 rejeté')).toBeVisible();
  await page.screenshot({ path: 'screenshots/imports.png', fullPage: true });
});

test('when the head flags an enrolled pupil by hand, then the new case opens', async ({
  page,
  problems,
}) => {
  await signIn(page, problems, 'chef@demo.invalid');
  await expect(page).toHaveURL('/etablissements/0990001N/suivis?onglet=suivi');
  // The pupil comes from an export sent through the API, as the screen sends it.
  const xml = elevesXml('0990001N', 2026, [
    {
      eleveId: '990201',
      family: 'Ouvrard-Testé',
      first: 'Maël',
      birth: '05/01/2009',
      division: '1PRO2',
    },
  ]);
  const started = await page.request.post('/api/imports', {
    multipart: {
      kind: 'siecle-eleves',
      file: { name: 'Eleves.xml', mimeType: 'text/xml', buffer: xml },
    },
  });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/imports/${id}`)).json()) as { status: string })
          .status,
    )
    .toBe('succeeded');

  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Signaler un élève' })
    .click();
  await expect(page).toHaveURL('/etablissements/0990001N/reperage');
  // Seen once in CI: the first keystrokes lost while the lazy page mounted. Type until the result shows.
  await expect(async () => {
    await page.getByLabel(/Rechercher un élève/).fill('ouvrard');
    await expect(page.getByRole('button', { name: 'Signaler OUVRARD-TESTÉ Maël' })).toBeVisible({
      timeout: 3000,
    });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Signaler OUVRARD-TESTÉ Maël' }).click();
  const form = page.getByRole('form', { name: 'Signaler OUVRARD-TESTÉ Maël' });
  await expect(form.getByText('En cours de décrochage')).toBeVisible();
  await form.getByLabel(/Motif du signalement/).fill('Absences répétées depuis la rentrée.');
  await form.getByRole('button', { name: 'Signaler cet élève' }).click();
  await expect(page).toHaveURL(/\/suivis\/[0-9a-f-]{36}$/);
});

test('when a coordinator opens the coordination page, then the inbox of transfers shows', async ({
  page,
  problems,
}) => {
  await signIn(page, problems, 'coordination@demo.invalid');
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Coordination' })
    .click();
  await expect(page).toHaveURL('/coordination');
  await expect(page.getByRole('heading', { level: 1, name: 'Transferts reçus' })).toBeVisible();
  await expect(page.getByText('Aucun transfert en attente.')).toBeVisible();
});
