import { describe, expect, it } from '@jest/globals';
import {
  caseListSchema,
  caseTabLabels,
  caseTabs,
  type ListCasesQuery,
} from '@jasmin/shared/cases/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { casesQueryOf } from '../../testing/mocks/cases';
import { buildCase } from '../../testing/mocks/data';
import { server } from '../../testing/mocks/server';
import { currentUrl, renderApp } from '../../testing/render';

const LIST = '/etablissements/0990001N/suivis';

/** Answers GET /api/cases with `pages` (by cursor: undefined for the first) and records each query. */
function casesApi(pages: Record<string, Parameters<typeof okJson<typeof caseListSchema>>[1]> = {}) {
  const queries: ListCasesQuery[] = [];
  server.use(
    http.get('/api/cases', ({ request }) => {
      const query = casesQueryOf(request);
      queries.push(query);
      return okJson(
        caseListSchema,
        pages[query.cursor ?? 'first'] ?? { items: [], nextCursor: null },
      );
    }),
  );
  return { queries, last: () => queries[queries.length - 1] };
}

const table = () => screen.findByRole('table');
const rowOf = (name: string) => {
  const row = screen.getByRole('link', { name }).closest('tr');
  if (!row) throw new Error(`ligne de ${name} introuvable`);
  return within(row);
};

describe('lists of an establishment', () => {
  it('when each tab is chosen, then its list is asked for and the tab is kept in the address', async () => {
    const api = casesApi();
    const { router } = renderApp(`${LIST}?onglet=suivi`);
    await screen.findByRole('heading', { level: 2, name: 'Suivi des élèves' });
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(
      caseTabs.map((t) => caseTabLabels[t]),
    );
    const user = userEvent.setup();

    for (const tab of caseTabs.slice(1)) {
      await user.click(screen.getByRole('tab', { name: caseTabLabels[tab] }));
      expect(
        await screen.findByRole('heading', { level: 2, name: caseTabLabels[tab] }),
      ).toBeInTheDocument();
      expect(screen.getByRole('tab', { name: caseTabLabels[tab] })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      expect(currentUrl(router)).toBe(`${LIST}?onglet=${tab}`);
      await waitFor(() => expect(api.last()).toMatchObject({ establishment: '0990001N', tab }));
    }
    expect(api.queries.map((q) => q.tab)).toEqual([...caseTabs]);
    expect(document.title).toBe('Solutions trouvées — Lycée professionnel Jean-Jaurès — Jasmin');
  });

  it('when the landing tab is empty, then it says how to start, and leads to the spotting tabs', async () => {
    casesApi();
    const { router } = renderApp('/');
    expect(
      await screen.findByRole('heading', { name: 'Aucun élève suivi pour l’instant' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/importez les exports SIECLE/)).toBeInTheDocument();
    expect(screen.getByText(/repérez un élève à la main/)).toBeInTheDocument();

    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Voir le repérage année précédente' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Repérage année précédente' }),
    ).toBeInTheDocument();
    expect(currentUrl(router)).toBe(`${LIST}?onglet=reperage-annee-precedente`);
    expect(
      await screen.findByRole('heading', { name: 'Aucun élève dans cet onglet' }),
    ).toBeInTheDocument();
  });

  it('when cases are listed, then each name has the guide’s colour and a text badge, and the columns read in French', async () => {
    casesApi({
      first: {
        items: [
          buildCase(1, {
            pupil: { familyName: 'Durand', firstName: 'Léa', birthDate: '2008-03-14' },
            exitDate: '2025-06-30',
            division: '1PRO2',
          }),
          buildCase(2, {
            pupil: { familyName: 'Petit', usageName: 'Moreau', firstName: 'Hugo' },
            status: 'NOT_FOLLOWED',
            displayState: 'NOT_FOLLOWED',
            establishmentFollowUp: { lastActionType: 'NOT_FOLLOW' },
          }),
          buildCase(3, {
            pupil: { familyName: 'Bernard', firstName: 'Inès' },
            status: 'FOLLOW_UP',
            displayState: 'FOLLOWED',
            establishmentFollowUp: {
              lastActionType: 'INTERVIEW_PHONE',
              lastInterviewDate: '2025-10-07',
            },
            suggestion: 'Solution détectée : inscrit au CFA du Val',
          }),
          buildCase(4, {
            pupil: { familyName: 'Roux', firstName: 'Yanis' },
            status: 'SOLUTION',
            displayState: 'CLOSED',
            division: null,
            exitDate: null,
            establishmentFollowUp: {
              lastActionType: 'TRANSFER_RETURNED',
              lastInterviewDate: '2025-09-02',
            },
          }),
        ],
        nextCursor: null,
      },
    });
    renderApp(`${LIST}?onglet=reperage-annee-precedente`);
    await table();

    const headers = within(screen.getByRole('table'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Nom',
      'Date de naissance',
      'Classe',
      'Date de sortie',
      'Statut',
      'Suivi établissement',
      'Fiche entretien',
    ]);

    const lea = rowOf('DURAND Léa');
    expect(screen.getByRole('link', { name: 'DURAND Léa' })).toHaveClass(
      'jasmin-case-name--nothing-done',
    );
    expect(screen.getByRole('link', { name: 'DURAND Léa' })).toHaveAttribute(
      'href',
      `/suivis/${buildCase(1).id}`,
    );
    expect(lea.getByText('Rien de fait')).toBeInTheDocument();
    expect(lea.getByText('14/03/2008')).toBeInTheDocument();
    expect(lea.getByText('30/06/2025')).toBeInTheDocument();
    expect(lea.getByText('1PRO2')).toBeInTheDocument();
    expect(lea.getByText('Repéré, rien de fait')).toBeInTheDocument();
    expect(lea.getByText('Aucune action')).toBeInTheDocument();

    const hugo = rowOf('MOREAU Hugo');
    expect(screen.getByRole('link', { name: 'MOREAU Hugo' })).toHaveClass(
      'jasmin-case-name--not-followed',
    );
    expect(hugo.getAllByText('Ne pas suivre').map((e) => e.tagName)).toHaveLength(3); // badge, status, last action

    const ines = rowOf('BERNARD Inès');
    expect(screen.getByRole('link', { name: 'BERNARD Inès' })).toHaveClass(
      'jasmin-case-name--followed',
    );
    expect(ines.getByText('Suivi en place')).toBeInTheDocument();
    expect(ines.getByText('Entretien téléphonique')).toBeInTheDocument();
    expect(ines.getByText('Dernier entretien le 07/10/2025')).toBeInTheDocument();
    expect(ines.getByText('Suggestion')).toBeInTheDocument();
    expect(ines.getByText(/Solution détectée : inscrit au CFA du Val/)).toBeInTheDocument();

    const yanis = rowOf('ROUX Yanis');
    expect(screen.getByRole('link', { name: 'ROUX Yanis' })).toHaveClass(
      'jasmin-case-name--closed',
    );
    expect(yanis.getByText('Clos')).toBeInTheDocument();
    expect(yanis.getByText('Solution trouvée')).toBeInTheDocument();
    expect(yanis.getByText('Transfert renvoyé')).toBeInTheDocument();
    expect(yanis.getByText('Classe inconnue')).toBeInTheDocument();

    // The legend explains the code above the table, with the same words.
    const legend = screen.getByRole('region', { name: 'Légende' });
    for (const text of ['Rien de fait', 'Ne pas suivre', 'Suivi en place', 'Clos']) {
      expect(within(legend).getByText(text)).toBeInTheDocument();
    }
    expect(screen.getByRole('status')).toHaveTextContent('4 élèves sur cette page');
  });

  it('when a list is shown, then each row has the guide’s PDF icon for its fiche, and the whole list can be printed with its filters but never a searched name', async () => {
    casesApi({
      first: {
        items: [buildCase(1, { pupil: { familyName: 'Durand', firstName: 'Léa' } })],
        nextCursor: null,
      },
    });
    renderApp(
      `${LIST}?onglet=sans-solution&classe=1PRO2&source=CURRENT_YEAR&tri=-updated&q=durand`,
    );
    await table();
    const icon = rowOf('DURAND Léa').getByRole('link', {
      name: 'Fiche entretien de DURAND Léa (PDF)',
    });
    expect(icon).toHaveAttribute('href', `/api/cases/${buildCase(1).id}/fiche-entretien.pdf`);
    expect(icon).toHaveAttribute('download');
    expect(icon).toHaveClass('fr-icon-file-pdf-line');

    const batch = screen.getByRole('link', {
      name: 'Imprimer les fiches entretien de la liste (PDF)',
    });
    const url = new URL(batch.getAttribute('href') ?? '', 'http://localhost');
    expect(url.pathname).toBe('/api/cases/fiches-entretien.pdf');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      establishment: '0990001N',
      tab: 'sans-solution',
      class: '1PRO2',
      source: 'CURRENT_YEAR',
      sort: '-updated',
    });
  });

  it('when the list is empty, then there is nothing to print', async () => {
    casesApi();
    renderApp(`${LIST}?onglet=sans-solution`);
    await screen.findByText('Aucun élève');
    expect(screen.queryByRole('link', { name: /Imprimer les fiches/ })).not.toBeInTheDocument();
  });

  it('when a name is clicked, then the pupil’s file opens', async () => {
    casesApi({
      first: {
        items: [buildCase(1, { pupil: { familyName: 'Durand', firstName: 'Léa' } })],
        nextCursor: null,
      },
    });
    const { router } = renderApp(`${LIST}?onglet=reperage-annee-precedente`);
    await userEvent.setup().click(await screen.findByRole('link', { name: 'DURAND Léa' }));
    // The file page itself is tested in features/case-file; here: the link leads there.
    await waitFor(() => expect(router.state.location.pathname).toBe(`/suivis/${buildCase(1).id}`));
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });

  it('when a name is typed in the search field, then one request is made once typing pauses, and the search is kept in the address', async () => {
    const api = casesApi();
    const { router } = renderApp(`${LIST}?onglet=reperage-annee-precedente`);
    await screen.findByRole('heading', { name: 'Aucun élève dans cet onglet' });
    await userEvent.setup().type(screen.getByLabelText(/Rechercher un élève/), 'Héloïse D');

    expect(
      await screen.findByRole('heading', { name: 'Aucun élève ne correspond à votre recherche' }),
    ).toBeInTheDocument();
    expect(currentUrl(router)).toBe(
      `${LIST}?onglet=reperage-annee-precedente&q=H%C3%A9lo%C3%AFse+D`,
    );
    expect(api.queries.map((q) => q.q)).toEqual([undefined, 'Héloïse D']);

    await userEvent
      .setup()
      .click(screen.getAllByRole('button', { name: 'Effacer la recherche et les filtres' })[0]!);
    await screen.findByRole('heading', { name: 'Aucun élève dans cet onglet' });
    expect(currentUrl(router)).toBe(`${LIST}?onglet=reperage-annee-precedente`);
    expect(screen.getByLabelText(/Rechercher un élève/)).toHaveValue('');
  });

  it('when filters and sort are chosen, then they go to the API and the address; an address with filters restores them', async () => {
    const api = casesApi();
    const { router } = renderApp(`${LIST}?onglet=sans-solution`);
    await screen.findByRole('heading', { name: 'Aucun élève dans cet onglet' });
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Statut'), 'FOLLOW_UP');
    await user.selectOptions(screen.getByLabelText('Repérage'), 'CURRENT_YEAR');
    await user.selectOptions(screen.getByLabelText('Trier par'), '-updated');
    await user.type(screen.getByLabelText(/Classe/), '2nde3');

    await waitFor(() =>
      expect(api.last()).toMatchObject({
        tab: 'sans-solution',
        status: 'FOLLOW_UP',
        source: 'CURRENT_YEAR',
        sort: '-updated',
        class: '2nde3',
      }),
    );
    expect(currentUrl(router)).toBe(
      `${LIST}?onglet=sans-solution&statut=FOLLOW_UP&source=CURRENT_YEAR&classe=2nde3&tri=-updated`,
    );
  });

  it('when the address carries filters, then the fields show them and the API receives them', async () => {
    const api = casesApi();
    renderApp(
      `${LIST}?onglet=suivi&q=martin&statut=SOLUTION&source=AT_RISK&classe=TPRO1&tri=-name&statut=`,
    );
    await screen.findByRole('heading', { name: 'Aucun élève ne correspond à votre recherche' });
    expect(screen.getByLabelText(/Rechercher un élève/)).toHaveValue('martin');
    expect(screen.getByLabelText('Statut')).toHaveValue('SOLUTION');
    expect(screen.getByLabelText('Repérage')).toHaveValue('AT_RISK');
    expect(screen.getByLabelText(/Classe/)).toHaveValue('TPRO1');
    expect(screen.getByLabelText('Trier par')).toHaveValue('-name');
    expect(api.queries).toEqual([
      expect.objectContaining({
        q: 'martin',
        status: 'SOLUTION',
        source: 'AT_RISK',
        class: 'TPRO1',
        sort: '-name',
      }),
    ]);
  });

  it('when there is a next page, then « Page suivante » asks for it with the cursor, and « Première page » comes back', async () => {
    const api = casesApi({
      first: {
        items: [buildCase(1, { pupil: { familyName: 'Abel', firstName: 'Ana' } })],
        nextCursor: 'curseur-2',
      },
      'curseur-2': {
        items: [buildCase(2, { pupil: { familyName: 'Zola', firstName: 'Émile' } })],
        nextCursor: null,
      },
    });
    const { router } = renderApp(`${LIST}?onglet=reperage-annee-precedente&q=a`);
    await screen.findByRole('link', { name: 'ABEL Ana' });
    expect(screen.queryByRole('button', { name: 'Première page' })).not.toBeInTheDocument();
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Page suivante' }));
    expect(await screen.findByRole('link', { name: 'ZOLA Émile' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'ABEL Ana' })).not.toBeInTheDocument();
    expect(api.last()).toMatchObject({
      cursor: 'curseur-2',
      q: 'a',
      tab: 'reperage-annee-precedente',
    });
    expect(currentUrl(router)).toBe(
      `${LIST}?onglet=reperage-annee-precedente&q=a&curseur=curseur-2`,
    );
    expect(screen.queryByRole('button', { name: 'Page suivante' })).not.toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Repérage année précédente' }),
    ).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Première page' }));
    expect(await screen.findByRole('link', { name: 'ABEL Ana' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe(`${LIST}?onglet=reperage-annee-precedente&q=a`);
    // The first page was read a moment ago: it comes from the cache, without a new request.
    expect(api.queries.map((q) => q.cursor)).toEqual([undefined, 'curseur-2']);
  });

  it('when the establishment is unknown or out of scope (404), then « Établissement introuvable » is shown', async () => {
    server.use(http.get('/api/cases', () => errorJson('NOT_FOUND', 'Établissement introuvable.')));
    renderApp('/etablissements/0990004S/suivis?onglet=suivi');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Établissement introuvable' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });

  it('when the address holds no valid UAI, then « Établissement introuvable » is shown without asking the API', async () => {
    const api = casesApi();
    renderApp('/etablissements/0990001A/suivis');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Établissement introuvable' }),
    ).toBeInTheDocument();
    expect(api.queries).toEqual([]);
  });

  it('when the API cannot be reached, then a French error is shown with a way to retry', async () => {
    let fail = true;
    server.use(
      http.get('/api/cases', () =>
        fail ? HttpResponse.error() : okJson(caseListSchema, { items: [], nextCursor: null }),
      ),
    );
    renderApp(`${LIST}?onglet=suivi`);
    expect(
      await screen.findByRole('heading', { name: 'Impossible d’afficher la liste' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Le serveur ne répond pas/)).toBeInTheDocument();

    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(
      await screen.findByRole('heading', { name: 'Aucun élève suivi pour l’instant' }),
    ).toBeInTheDocument();
  });
});
