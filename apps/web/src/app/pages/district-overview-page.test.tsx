import { describe, expect, it } from '@jest/globals';
import { meResponseSchema } from '@jasmin/shared/auth/schemas';
import { districtListSchema } from '@jasmin/shared/establishments/schemas';
import { districtOverviewSchema, type DistrictOverview } from '@jasmin/shared/overview/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { districts } from '../../testing/mocks/admin';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { adminMe, coordinatorMe, headMe, uuid } from '../../testing/mocks/data';
import { server } from '../../testing/mocks/server';
import { currentUrl, renderApp } from '../../testing/render';

const zero = {
  IDENTIFIED: 0,
  NOT_FOLLOWED: 0,
  FOLLOW_UP: 0,
  SOLUTION: 0,
  TRANSFERRED: 0,
  STOPPED: 0,
};

function overviewOf(districtId: string, name: string): DistrictOverview {
  return {
    district: { id: districtId, code: 'BASSIN-NORD', name },
    schoolYear: '2025-2026',
    overdueAfterDays: 30,
    establishments: [
      {
        id: uuid(101),
        uai: '0990001N',
        name: 'Lycée professionnel Jean-Jaurès',
        counts: { ...zero, IDENTIFIED: 4, FOLLOW_UP: 3, SOLUTION: 2 },
        total: 9,
        overdue: 2,
      },
      {
        id: uuid(102),
        uai: '0990002P',
        name: 'Lycée Marie-Curie',
        counts: { ...zero, NOT_FOLLOWED: 1 },
        total: 1,
        overdue: 0,
      },
    ],
  };
}

function overviewApi() {
  const asked: string[] = [];
  server.use(
    http.get('/api/districts', () => okJson(districtListSchema, { items: districts })),
    http.get('/api/districts/:id/overview', ({ params }) => {
      asked.push(String(params.id));
      const d = districts.find((x) => x.id === params.id);
      if (!d) return errorJson('NOT_FOUND', 'District introuvable.');
      return okJson(districtOverviewSchema, overviewOf(d.id, d.name));
    }),
  );
  return { asked };
}

const signedInAs = (me: typeof coordinatorMe) =>
  server.use(http.get('/api/auth/me', () => okJson(meResponseSchema, me)));

describe('district overview', () => {
  it('when a coordinator opens it, then their district’s establishments show counts per state with overdue ones highlighted', async () => {
    signedInAs(coordinatorMe);
    const api = overviewApi();
    renderApp('/district');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Vue du district' }),
    ).toBeInTheDocument();
    const table = within(
      await screen.findByRole('table', {
        name: 'Suivis de l’année 2025-2026 par établissement — Bassin Nord',
      }),
    );
    expect(table.getByRole('columnheader', { name: 'Suivi mis en place' })).toBeInTheDocument();
    expect(
      table.getByRole('columnheader', { name: 'En retard (plus de 30 jours)' }),
    ).toBeInTheDocument();
    const jaures = table.getByRole('row', { name: /Lycée professionnel Jean-Jaurès/ });
    expect(
      within(jaures).getByRole('link', { name: 'Lycée professionnel Jean-Jaurès' }),
    ).toHaveAttribute('href', '/etablissements/0990001N/suivis?onglet=suivi');
    expect(within(jaures).getByText('UAI 0990001N')).toBeInTheDocument();
    expect(
      within(jaures).getByText('en retard à Lycée professionnel Jean-Jaurès', { exact: false }),
    ).toBeInTheDocument();
    expect(jaures).toHaveClass('jasmin-overview__row--overdue');
    expect(table.getByRole('row', { name: /Lycée Marie-Curie/ })).not.toHaveClass(
      'jasmin-overview__row--overdue',
    );
    expect(table.getByRole('row', { name: /Total du district/ })).toHaveTextContent(
      'Total du district413200102',
    );
    expect(screen.queryByRole('combobox', { name: 'District' })).not.toBeInTheDocument();
    expect(api.asked).toEqual([uuid(201)]);
  });

  it('when an administrator chooses a district, then it goes in the address and its overview is shown', async () => {
    signedInAs(adminMe);
    const api = overviewApi();
    const { router } = renderApp('/district');
    expect(
      await screen.findByText('Choisissez un district pour afficher sa vue.'),
    ).toBeInTheDocument();
    await userEvent
      .setup()
      .selectOptions(
        await screen.findByRole('combobox', { name: 'District' }),
        'Bassin Sud (BASSIN-SUD)',
      );
    expect(await screen.findByRole('table', { name: /— Bassin Sud$/ })).toBeInTheDocument();
    expect(currentUrl(router)).toBe(`/district?id=${uuid(202)}`);
    expect(api.asked).toEqual([uuid(202)]);
  });

  it('when the district is unknown or out of scope (404), then it says so', async () => {
    signedInAs(adminMe);
    overviewApi();
    renderApp(`/district?id=${uuid(299)}`);
    expect(
      await screen.findByText(
        /District introuvable : il n’existe pas ou ne fait pas partie de votre périmètre/,
      ),
    ).toBeInTheDocument();
  });

  it('when the server cannot be reached, then a French error is shown', async () => {
    signedInAs(coordinatorMe);
    server.use(http.get('/api/districts/:id/overview', () => HttpResponse.error()));
    renderApp('/district');
    expect(
      await screen.findByText(
        'Vue du district indisponible : Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
      ),
    ).toBeInTheDocument();
  });

  it('when the session has ended (401), then the login page is shown', async () => {
    let signedIn = true;
    server.use(
      http.get('/api/auth/me', () =>
        signedIn ? okJson(meResponseSchema, coordinatorMe) : errorJson('UNAUTHENTICATED'),
      ),
      http.get('/api/districts/:id/overview', () => {
        signedIn = false;
        return errorJson('UNAUTHENTICATED');
      }),
    );
    const { router } = renderApp('/district');
    await waitFor(() => expect(currentUrl(router)).toMatch(/^\/connexion/));
  });

  it('when a head opens it, then access is refused and the menu does not offer it', async () => {
    signedInAs(headMe);
    renderApp('/district');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Accès réservé' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Vue du district' })).not.toBeInTheDocument();
  });
});
