import type { Page } from '@playwright/test';
import { expect, expectHttpError, test } from './fixtures';
import { elevesXml } from './siecle-files';

/**
 * A one-pupil BEE_ELEVES export of 0990004S (not 0990001N, whose empty lists other specs
 * check): a leaver aged 16+ who left on 30/06/2026, so the cross-check lists her in
 * « Repérage année précédente ».
 */
const leaverXml = (p: { id: string; family: string; first: string }) =>
  elevesXml('0990004S', 2026, [
    {
      eleveId: p.id,
      family: p.family,
      first: p.first,
      birth: '14/03/2008',
      division: '1PRO2',
      exit: '30/06/2026',
    },
  ]);

/**
 * Signs the head in through the API (the cookie is shared with the page), imports the export
 * and returns the id of the case the cross-check created.
 */
async function createCase(page: Page, pupil: { id: string; family: string; first: string }) {
  const login = await page.request.post('/api/auth/login', {
    data: { email: 'chef2@demo.invalid', password: 'jasmin-demo-2026' },
  });
  expect(login.status()).toBe(200);
  const upload = await page.request.post('/api/imports', {
    multipart: {
      kind: 'siecle-eleves',
      file: { name: 'e.xml', mimeType: 'application/xml', buffer: leaverXml(pupil) },
    },
  });
  expect(upload.status()).toBe(202);
  const { id: runId } = (await upload.json()) as { id: string };
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/imports/${runId}`)).json()) as { status: string })
          .status,
      { message: 'import finished', timeout: 20_000 },
    )
    .toBe('succeeded');
  const list = await page.request.get(
    `/api/cases?establishment=0990004S&tab=reperage-annee-precedente&q=${encodeURIComponent(pupil.family)}`,
  );
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as { items: { id: string; status: string }[] };
  expect(items).toHaveLength(1);
  expect(items[0]?.status).toBe('IDENTIFIED');
  return items[0]?.id ?? '';
}

test('when the head follows a pupil, records an interview and closes with a solution, then the file and its timeline say so', async ({
  page,
}) => {
  const suffix = String(Date.now()).slice(-6);
  const pupil = { id: `77${suffix}`, family: `Fiche-Testée${suffix}`, first: 'Maëlle' };
  const caseId = await createCase(page, pupil);

  await page.goto(`/suivis/${caseId}`);
  const name = `${pupil.family.toUpperCase()} ${pupil.first}`;
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle(`${name} — Fiche de l’élève — Jasmin`);
  await expect(page.getByText('Repéré, rien de fait', { exact: true })).toBeVisible();
  const siecle = page.getByRole('region', { name: 'Données SIECLE de l’élève' });
  await expect(siecle.getByText('30/06/2026')).toBeVisible();
  await expect(siecle.getByText('1PRO2')).toBeVisible();

  const pdfLink = page.getByRole('link', { name: 'Fiche entretien (PDF)' });
  await expect(pdfLink).toHaveAttribute('href', `/api/cases/${caseId}/fiche-entretien.pdf`);

  // Fiche « choix »: only the two legal actions.
  const actions = page.getByRole('region', { name: 'Décider du suivi' });
  await expect(actions.getByRole('button')).toHaveText([
    'Mettre le suivi en place',
    'Ne pas suivre',
  ]);
  await actions.getByRole('button', { name: 'Mettre le suivi en place' }).click();
  await expect(page.getByText(/Le suivi est maintenant « Suivi mis en place »/)).toBeVisible();

  // Fiche « suivi »: an interview.
  const interview = page.getByRole('form', { name: 'Saisir un entretien (fiche « suivi »)' });
  await interview.getByLabel('Date de l’entretien').fill('2026-11-20');
  await interview.getByLabel('Moyen de contact').selectOption('PHONE');
  await interview.getByText('Le jeune', { exact: true }).click();
  await interview
    .getByRole('textbox', { name: /^Observations/ })
    .fill('Joint au téléphone : inscrite en CAP au CFA.');
  await interview.getByRole('button', { name: 'Enregistrer l’entretien' }).click();
  await expect(
    page.getByRole('heading', { level: 4, name: 'Entretien du 20/11/2026 — Téléphone' }),
  ).toBeVisible();
  await expect(page.getByText('Joint au téléphone : inscrite en CAP au CFA.')).toBeVisible();

  // Unsaved text: leaving asks first; staying keeps it.
  const details = page.getByRole('textbox', { name: /^Précisions sur la solution/ });
  await details.fill('CAP cuisine au CFA du Val.');
  await page.getByRole('link', { name: 'Retour aux listes de l’établissement' }).click();
  const dialog = page.getByRole('alertdialog', { name: /Quitter sans enregistrer/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Rester sur la page' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(details).toHaveValue('CAP cuisine au CFA du Val.');

  // Block Solution: poursuite d'études.
  await page.getByText("Poursuite d'études", { exact: true }).click();
  await page.getByRole('button', { name: 'Enregistrer la solution' }).click();
  await expect(page.getByText(/Le suivi est maintenant « Solution trouvée »/)).toBeVisible();
  await expect(actions.getByRole('button')).toHaveText(['Rouvrir le suivi']);
  await page.screenshot({ path: 'screenshots/fiche-eleve-solution.png', fullPage: true });

  const timeline = page.getByRole('list', { name: /Historique du suivi/ });
  const solution = timeline.getByRole('listitem').filter({ hasText: 'Solution trouvée' });
  await expect(solution).toContainText('(Suivi mis en place → Solution trouvée)');
  await expect(solution).toContainText("Poursuite d'études");
  await expect(solution).toContainText('CAP cuisine au CFA du Val.');
  await expect(solution).toContainText('Sophie Leroy');
  await expect(timeline.getByText('Entretien saisi')).toBeVisible();
  await expect(
    timeline.getByRole('listitem').filter({ hasText: 'Fiche « choix » : suivi mis en place' }),
  ).toContainText('(Repéré, rien de fait → Suivi mis en place)');

  // Nothing typed any more: leaving asks nothing.
  await page.getByRole('link', { name: 'Retour aux listes de l’établissement' }).click();
  await expect(page).toHaveURL(/\/etablissements\/0990004S\/suivis/);
});

test('when a case does not exist or is out of scope, then « Suivi introuvable » is shown', async ({
  page,
  problems,
}) => {
  const login = await page.request.post('/api/auth/login', {
    data: { email: 'chef2@demo.invalid', password: 'jasmin-demo-2026' },
  });
  expect(login.status()).toBe(200);
  await page.goto('/suivis/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1, name: 'Suivi introuvable' })).toBeVisible();
  await expectHttpError(problems, 404);
});
