import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { healthResponseSchema } from '@jasmin/shared/health/schemas';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { server } from '../../testing/mocks/server';
import { renderApp } from '../../testing/render';

describe('home page', () => {
  it('when the API and its database answer, then the service is shown as operational', async () => {
    renderApp('/');
    expect(screen.getByRole('heading', { level: 1, name: 'Jasmin' })).toBeInTheDocument();
    expect(await screen.findByText('Service opérationnel')).toBeInTheDocument();
  });

  it('when the database is down (503), then the page says so', async () => {
    server.use(
      http.get('/api/health', () => okJson(healthResponseSchema, { status: 'degraded', database: 'unavailable' }, 503)),
    );
    renderApp('/');
    expect(await screen.findByText('Base de données indisponible')).toBeInTheDocument();
  });

  it('when the API cannot be reached, then a French error is shown', async () => {
    server.use(http.get('/api/health', () => HttpResponse.error()));
    renderApp('/');
    expect(await screen.findByText('Service injoignable')).toBeInTheDocument();
    expect(screen.getByText(/Le serveur ne répond pas/)).toBeInTheDocument();
  });

  it('when the API answers with its error model, then its French message is shown', async () => {
    server.use(http.get('/api/health', () => errorJson('INTERNAL_ERROR')));
    renderApp('/');
    expect(await screen.findByText(/Une erreur interne est survenue/)).toBeInTheDocument();
  });

  it('when the address is unknown, then the not-found page is shown', async () => {
    renderApp('/nulle-part');
    expect(await screen.findByRole('heading', { name: 'Page introuvable' })).toBeInTheDocument();
  });
});
