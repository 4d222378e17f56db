import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { healthResponseSchema } from '@jasmin/shared/health/schemas';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { server } from '../../testing/mocks/server';
import { renderApp } from '../../testing/render';

describe('pages open without a session', () => {
  it('when the login page opens, then it says the service is operational, without asking for the session', async () => {
    let meCalls = 0;
    server.use(
      http.get('/api/auth/me', () => {
        meCalls += 1;
        return errorJson('UNAUTHENTICATED');
      }),
    );
    renderApp('/connexion');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Connexion à Jasmin' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Service opérationnel')).toBeInTheDocument();
    expect(meCalls).toBe(0);
    expect(document.title).toBe('Connexion — Jasmin');
  });

  it('when the database is down (503), then the login page says so', async () => {
    server.use(
      http.get('/api/health', () =>
        okJson(healthResponseSchema, { status: 'degraded', database: 'unavailable' }, 503),
      ),
    );
    renderApp('/connexion');
    expect(await screen.findByText('Base de données indisponible')).toBeInTheDocument();
  });

  it('when the API cannot be reached, then the login page shows a French error', async () => {
    server.use(http.get('/api/health', () => HttpResponse.error()));
    renderApp('/connexion');
    expect(await screen.findByText('Service injoignable')).toBeInTheDocument();
    expect(screen.getByText(/Le serveur ne répond pas/)).toBeInTheDocument();
  });

  it('when the address is unknown, then the not-found page is shown', async () => {
    renderApp('/nulle-part');
    expect(await screen.findByRole('heading', { name: 'Page introuvable' })).toBeInTheDocument();
  });

  it('when a page opens, then a skip link leads to the main content', async () => {
    renderApp('/connexion');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByRole('link', { name: 'Contenu' })).toHaveAttribute('href', '#contenu');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'contenu');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
