import { test as base, expect } from '@playwright/test';

/**
 * Every page must load without a console error, an uncaught exception or a CSP violation:
 * the fixture collects them and fails the test at the end.
 */
export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await use(problems);
      expect(problems, 'console errors, uncaught exceptions or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Chromium logs every 4xx response as a console error. Where a step expects one (no session
 * yet, a wrong password), remove exactly that one message; any other still fails the test.
 */
export async function expectHttpError(problems: string[], status: 401 | 404) {
  const wanted = `the server responded with a status of ${status} `;
  await expect.poll(() => problems.some((p) => p.includes(wanted)), { message: `a ${status} logged` }).toBe(true);
  problems.splice(
    problems.findIndex((p) => p.includes(wanted)),
    1,
  );
}
