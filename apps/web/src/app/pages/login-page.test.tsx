import { describe, expect, it } from '@jest/globals';
import { logoutResponseSchema, meResponseSchema } from '@jasmin/shared/auth/schemas';
import { caseListSchema } from '@jasmin/shared/cases/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { headMe } from '../../testing/mocks/data';
import { server } from '../../testing/mocks/server';
import { currentUrl, headerTools, renderApp } from '../../testing/render';

/** No session until the login succeeds; then GET /api/auth/me answers as the API would. */
function signedOutUntilLogin() {
  let signedIn = false;
  const logins: unknown[] = [];
  server.use(
    http.get('/api/auth/me', () =>
      signedIn ? okJson(meResponseSchema, headMe) : errorJson('UNAUTHENTICATED'),
    ),
    http.post('/api/auth/login', async ({ request }) => {
      logins.push(await request.json());
      signedIn = true;
      return okJson(meResponseSchema, headMe);
    }),
  );
  return { logins };
}

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  if (email) await user.type(await screen.findByLabelText(/Adresse électronique/), email);
  if (password) await user.type(screen.getByLabelText('Mot de passe'), password);
  await user.click(screen.getByRole('button', { name: 'Se connecter' }));
  return user;
}

describe('login page', () => {
  it('when a visitor without a session opens the app, then the login page shows, and after login the head lands on « Suivi des élèves »', async () => {
    const { logins } = signedOutUntilLogin();
    const { router } = renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Connexion à Jasmin' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connexion');
    expect(screen.queryByText('Votre session a expiré')).not.toBeInTheDocument();

    await fillAndSubmit('  Chef@Demo.invalid ', 'jasmin-demo-2026');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' }),
    ).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/etablissements/0990001N/suivis?onglet=suivi');
    expect(screen.getByRole('tab', { name: 'Suivi des élèves' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(logins).toEqual([{ email: 'chef@demo.invalid', password: 'jasmin-demo-2026' }]);
  });

  it('when the password is wrong (401), then the API’s French message is shown and receives the focus', async () => {
    server.use(http.post('/api/auth/login', () => errorJson('INVALID_CREDENTIALS')));
    const { router } = renderApp('/connexion');
    await fillAndSubmit('chef@demo.invalid', 'mauvais-mot-de-passe');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Identifiants incorrects')).toBeInTheDocument();
    expect(
      within(alert).getByText('Adresse électronique ou mot de passe incorrect.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(alert.parentElement).toHaveFocus());
    expect(router.state.location.pathname).toBe('/connexion');
  });

  it('when there were too many attempts (429), then the API’s own wording is shown', async () => {
    server.use(
      http.post('/api/auth/login', () =>
        errorJson('RATE_LIMITED', 'Trop de tentatives de connexion. Réessayez dans 15 minutes.'),
      ),
    );
    renderApp('/connexion');
    await fillAndSubmit('chef@demo.invalid', 'jasmin-demo-2026');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Trop de tentatives')).toBeInTheDocument();
    expect(
      within(alert).getByText('Trop de tentatives de connexion. Réessayez dans 15 minutes.'),
    ).toBeInTheDocument();
  });

  it('when the API refuses a field (400), then its message is shown under that field, which gets the focus', async () => {
    server.use(
      http.post('/api/auth/login', () =>
        errorJson('VALIDATION_FAILED', undefined, {
          'body.email': ['Adresse électronique trop longue.'],
        }),
      ),
    );
    renderApp('/connexion');
    await fillAndSubmit('chef@demo.invalid', 'jasmin-demo-2026');

    expect(await screen.findByText('Adresse électronique trop longue.')).toBeInTheDocument();
    const email = screen.getByLabelText(/Adresse électronique/);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(
      expect.stringContaining('Adresse électronique trop longue.'),
    );
    await waitFor(() => expect(email).toHaveFocus());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('when the server cannot be reached, then a French network error is shown', async () => {
    server.use(http.post('/api/auth/login', () => HttpResponse.error()));
    renderApp('/connexion');
    await fillAndSubmit('chef@demo.invalid', 'jasmin-demo-2026');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Serveur injoignable')).toBeInTheDocument();
    expect(within(alert).getByText(/Le serveur ne répond pas/)).toBeInTheDocument();
  });

  it('when the fields are empty or malformed, then French messages show under them and nothing is sent', async () => {
    let calls = 0;
    server.use(
      http.post('/api/auth/login', () => {
        calls += 1;
        return errorJson('INVALID_CREDENTIALS');
      }),
    );
    renderApp('/connexion');
    const user = await fillAndSubmit('pas-une-adresse', '');

    expect(await screen.findByText('Adresse électronique invalide.')).toBeInTheDocument();
    expect(screen.getByText('Saisissez votre mot de passe.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText(/Adresse électronique/)).toHaveFocus());
    expect(calls).toBe(0);

    // Corrected, the errors go away on the next attempt.
    await user.clear(screen.getByLabelText(/Adresse électronique/));
    await user.type(screen.getByLabelText(/Adresse électronique/), 'chef@demo.invalid');
    await user.type(screen.getByLabelText('Mot de passe'), 'x');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(
      await screen.findByText('Adresse électronique ou mot de passe incorrect.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Saisissez votre mot de passe.')).not.toBeInTheDocument();
    expect(calls).toBe(1);
  });

  it('when a page is opened without a session, then after login the user is back on that page', async () => {
    signedOutUntilLogin();
    const { router } = renderApp('/etablissements/0990001N/suivis?onglet=sans-solution&q=dupont');
    await screen.findByRole('heading', { level: 1, name: 'Connexion à Jasmin' });
    expect(currentUrl(router)).toBe(
      `/connexion?retour=${encodeURIComponent('/etablissements/0990001N/suivis?onglet=sans-solution&q=dupont')}`,
    );

    await fillAndSubmit('chef@demo.invalid', 'jasmin-demo-2026');

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Sans solution' }),
    ).toBeInTheDocument();
    expect(currentUrl(router)).toBe(
      '/etablissements/0990001N/suivis?onglet=sans-solution&q=dupont',
    );
  });

  it('when the return address points to another site, then the user lands on the home page instead', async () => {
    signedOutUntilLogin();
    const { router } = renderApp(
      `/connexion?retour=${encodeURIComponent('//exemple.invalid/piege')}`,
    );
    await fillAndSubmit('chef@demo.invalid', 'jasmin-demo-2026');
    await screen.findByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' });
    expect(currentUrl(router)).toBe('/etablissements/0990001N/suivis?onglet=suivi');
  });

  it('when the session expires while a list is open (401), then the login page says so, and brings the user back after login', async () => {
    let sessionAlive = true;
    server.use(
      http.get('/api/auth/me', () =>
        sessionAlive ? okJson(meResponseSchema, headMe) : errorJson('SESSION_EXPIRED'),
      ),
      http.get('/api/cases', () => {
        sessionAlive = false;
        return errorJson('SESSION_EXPIRED');
      }),
    );
    const { router } = renderApp('/etablissements/0990001N/suivis?onglet=reperage-annee-en-cours');

    expect(
      await screen.findByRole('heading', { name: 'Votre session a expiré' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connexion');

    server.use(
      http.post('/api/auth/login', () => {
        sessionAlive = true;
        return okJson(meResponseSchema, headMe);
      }),
      http.get('/api/cases', () => okJson(caseListSchema, { items: [], nextCursor: null })),
    );
    await fillAndSubmit('chef@demo.invalid', 'jasmin-demo-2026');

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Repérage année en cours' }),
    ).toBeInTheDocument();
    expect(currentUrl(router)).toBe(
      '/etablissements/0990001N/suivis?onglet=reperage-annee-en-cours',
    );
    expect(screen.queryByText('Votre session a expiré')).not.toBeInTheDocument();
  });

  it('when a stale cookie is refused on arrival (SESSION_EXPIRED), then the expiry notice is shown', async () => {
    server.use(http.get('/api/auth/me', () => errorJson('SESSION_EXPIRED')));
    renderApp('/');
    expect(
      await screen.findByRole('heading', { name: 'Votre session a expiré' }),
    ).toBeInTheDocument();
  });

  it('when the user signs out, then the session ends on the server and the login page says so', async () => {
    let loggedOut = false;
    server.use(
      http.post('/api/auth/logout', () => {
        loggedOut = true;
        return okJson(logoutResponseSchema, { loggedOut: true });
      }),
    );
    const { router } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' });

    await userEvent
      .setup()
      .click(within(headerTools()).getByRole('button', { name: 'Se déconnecter' }));

    expect(
      await screen.findByRole('heading', { name: 'Vous êtes déconnecté' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connexion');
    expect(loggedOut).toBe(true);
    expect(document.querySelector('.fr-header__tools-links')).toBeNull();
  });
});
