import { describe, expect, it } from '@jest/globals';
import { meResponseSchema } from '@jasmin/shared/auth/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { caseListSchema } from '@jasmin/shared/cases/schemas';
import { casesQueryOf } from '../testing/mocks/cases';
import { okJson } from '../testing/mocks/api-response';
import { coordinatorMe, headMe } from '../testing/mocks/data';
import { server } from '../testing/mocks/server';
import { currentUrl, headerTools, renderApp } from '../testing/render';

describe('frame of a signed-in person', () => {
  it('when a head is signed in, then the header shows her name, role and establishment, and no switcher', async () => {
    let establishmentCalls = 0;
    server.use(
      http.get('/api/establishments', () => {
        establishmentCalls += 1;
        return HttpResponse.error();
      }),
    );
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' });
    const tools = within(headerTools());
    expect(tools.getByText('Claire Martin')).toBeInTheDocument();
    expect(
      tools.getByText("Chef d'établissement — Lycée professionnel Jean-Jaurès"),
    ).toBeInTheDocument();
    expect(tools.getByRole('button', { name: 'Se déconnecter' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Établissement affiché')).not.toBeInTheDocument();
    expect(establishmentCalls).toBe(0);
  });

  it('when a coordinator is signed in, then the home page is the first establishment of the district, and the switcher changes it', async () => {
    const requested: string[] = [];
    server.use(
      http.get('/api/auth/me', () => okJson(meResponseSchema, coordinatorMe)),
      http.get('/api/cases', ({ request }) => {
        requested.push(`${casesQueryOf(request).establishment} ${casesQueryOf(request).tab}`);
        return okJson(caseListSchema, { items: [], nextCursor: null });
      }),
    );
    const { router } = renderApp('/');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' }),
    ).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/etablissements/0990001N/suivis?onglet=suivi');
    const tools = within(headerTools());
    expect(tools.getByText('Coordination Bassin Nord')).toBeInTheDocument();
    expect(
      tools.getByText('Coordinateur de district — Bassin Nord (CIO de Montclair)'),
    ).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Sans solution' }));
    await screen.findByRole('heading', { level: 2, name: 'Sans solution' });

    const switcher = screen.getByLabelText('Établissement affiché');
    expect(
      within(switcher)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Lycée professionnel Jean-Jaurès — Montclair (0990001N)',
      'Lycée Marie-Curie — Montclair (0990002P)',
      'Collège Louise-Michel — Saint-Aubin (0990003R)',
    ]);
    expect(switcher).toHaveValue('0990001N');

    await user.selectOptions(switcher, '0990002P');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Lycée Marie-Curie' }),
    ).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/etablissements/0990002P/suivis?onglet=sans-solution');
    await waitFor(() => expect(requested).toContain('0990002P sans-solution'));
    expect(requested).toEqual([
      '0990001N suivi',
      '0990001N sans-solution',
      '0990002P sans-solution',
    ]);
  });

  it('when the session cannot be checked (network), then the page says so and offers to retry', async () => {
    let fail = true;
    server.use(
      http.get('/api/auth/me', () =>
        fail ? HttpResponse.error() : okJson(meResponseSchema, headMe),
      ),
    );
    renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Service indisponible' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Le serveur ne répond pas/)).toBeInTheDocument();

    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Lycée professionnel Jean-Jaurès' }),
    ).toBeInTheDocument();
  });

  it('when a page is opened, then the pupil file placeholder shows the case id', async () => {
    renderApp('/suivis/00000000-0000-4000-8000-000000001001');
    expect(
      await screen.findByRole('heading', { level: 1, name: "Fiche de l'élève" }),
    ).toBeInTheDocument();
    expect(screen.getByText('Suivi n° 00000000-0000-4000-8000-000000001001')).toBeInTheDocument();
  });
});
