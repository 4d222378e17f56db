import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/**
 * Collects what must never happen on a page: a console error, an uncaught exception, a CSP
 * violation. The `problems` fixture watches the test's page; pages opened for other people
 * (other browser contexts) are watched with `watch`.
 */
export async function watch(page: Page, problems: string[]): Promise<void> {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      await watch(page, problems);
      await use(problems);
      expect(problems, 'console errors, uncaught exceptions or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Chromium logs every 4xx response as a console error. Where a step expects one (no session
 * yet, a wrong password, a conflict), remove exactly that one message; any other still fails
 * the test.
 */
export async function expectHttpError(problems: string[], status: 401 | 404 | 409) {
  const wanted = `the server responded with a status of ${status} `;
  await expect
    .poll(() => problems.some((p) => p.includes(wanted)), { message: `a ${status} logged` })
    .toBe(true);
  problems.splice(
    problems.findIndex((p) => p.includes(wanted)),
    1,
  );
}

/**
 * axe-core on the page as it is now, against WCAG 2.1 A and AA: no serious or critical
 * violation. Each violation is listed with the elements it was found on.
 */
export async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(' | ')}`,
    );
  expect(blocking, `axe-core on ${where}`).toEqual([]);
}
