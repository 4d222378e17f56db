import { expect, expectHttpError, test } from './fixtures';

test('when a visitor opens the app, then the DSFR sign-in page shows a healthy service', async ({
  page,
  problems,
}) => {
  await page.goto('/');
  await expectHttpError(problems, 401); // GET /api/auth/me: no session yet
  await expect(page).toHaveURL(/\/connexion/);
  await expect(page).toHaveTitle(/Jasmin/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: /Jasmin/ })).toBeVisible();
  await expect(page.getByText('Service opérationnel')).toBeVisible();

  // The DSFR stylesheet and its Marianne font are served locally and applied.
  const fontFamily = await page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily);
  expect(fontFamily).toContain('Marianne');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('16px Marianne'))).toBe(true);

  await page.screenshot({ path: 'screenshots/accueil.png', fullPage: true });
});

test('when the health endpoint is called, then the embedded database answers', async ({
  request,
}) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  expect(response.headers()['cache-control']).toBe('no-store');
});

test('when an unknown page is opened, then the app shows its not-found page', async ({ page }) => {
  await page.goto('/nulle-part');
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
});

test('when the API reference is opened, then it lists the routes without breaking the CSP', async ({
  page,
}) => {
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { level: 1, name: /API Jasmin/ })).toBeVisible();
  await expect(page.locator('#op-listCases')).toBeVisible();
  const openapi = await page.request.get('/api/openapi.json');
  expect((await openapi.json()).openapi).toBe('3.1.0');
});

test('when a demo account signs in through the API, then its role and establishment come back', async ({
  request,
}) => {
  const res = await request.post('/api/auth/login', {
    data: { email: 'chef@demo.invalid', password: 'jasmin-demo-2026' },
  });
  expect(res.status()).toBe(200);
  const me = await res.json();
  expect(me.user.role).toBe('HEAD');
  expect(me.scope).toMatchObject({ kind: 'establishment', uai: '0990001N' });
  expect(res.headers()['set-cookie']).toMatch(/HttpOnly/);
});
