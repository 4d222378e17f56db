import { expect, test } from './fixtures';

test('when a visitor opens the app, then the DSFR home page shows a healthy service', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Jasmin/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Jasmin' })).toBeVisible();
  await expect(page.getByText('Service opérationnel')).toBeVisible();

  // The DSFR stylesheet and its Marianne font are served locally and applied.
  const fontFamily = await page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily);
  expect(fontFamily).toContain('Marianne');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('16px Marianne'))).toBe(true);

  await page.screenshot({ path: 'screenshots/accueil.png', fullPage: true });
});

test('when the health endpoint is called, then the embedded database answers', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  expect(response.headers()['cache-control']).toBe('no-store');
});

test('when an unknown page is opened, then the app shows its not-found page', async ({ page }) => {
  await page.goto('/nulle-part');
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
});
