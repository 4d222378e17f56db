import { describe, expect, it } from '@jest/globals';
import {
  caseDetailSchema,
  createAtRiskCaseSchema,
  type CaseDetail,
} from '@jasmin/shared/cases/schemas';
import { pupilSearchResultSchema, searchPupilsQuerySchema } from '@jasmin/shared/pupils/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import type { z } from 'zod';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { uuid } from '../../testing/mocks/data';
import { buildPupilItem } from '../../testing/mocks/pupils';
import { server } from '../../testing/mocks/server';
import { currentUrl, renderApp } from '../../testing/render';

const PAGE = '/etablissements/0990001N/reperage';
const NEW_CASE = uuid(1099);

/** Records each search (parsed as the API parses it) and answers with `items`. */
function searchApi(items: ReturnType<typeof buildPupilItem>[]) {
  const queries: z.output<typeof searchPupilsQuerySchema>[] = [];
  server.use(
    http.get('/api/pupils', ({ request }) => {
      queries.push(
        searchPupilsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)),
      );
      return okJson(pupilSearchResultSchema, { items });
    }),
  );
  return queries;
}

function createdCase(): CaseDetail {
  return {
    id: NEW_CASE,
    version: 0,
    status: 'IDENTIFIED',
    source: 'AT_RISK',
    displayState: 'NOTHING_DONE',
    schoolYear: '2025-2026',
    establishment: { id: uuid(101), uai: '0990001N', name: 'Lycée professionnel Jean-Jaurès' },
    atRiskReason: 'Absences répétées depuis janvier.',
    suggestion: null,
    pupil: {
      id: uuid(2001),
      ine: null,
      familyName: 'Durand',
      usageName: null,
      firstName: 'Léa',
      birthDate: '2008-03-14',
      siecleId: null,
      firstName2: null,
      firstName3: null,
      sex: 'F',
      division: '1PRO2',
      mefCode: null,
      entryDate: null,
      exitDate: null,
      exitReasonCode: null,
      phone: null,
      mobile: null,
      email: null,
      address: null,
      establishmentId: uuid(101),
    },
    guardians: [],
    allowedTransitions: [],
    interviews: [],
    transfers: [],
    timeline: [],
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
  };
}

/** POST /api/cases: records the parsed body and answers `respond`. */
function createApi(respond: () => Response = () => okJson(caseDetailSchema, createdCase(), 201)) {
  const bodies: z.output<typeof createAtRiskCaseSchema>[] = [];
  server.use(
    http.post('/api/cases', async ({ request }) => {
      bodies.push(createAtRiskCaseSchema.parse(await request.json()));
      return respond();
    }),
    // The new case's file, whatever it asks for, is not under test here.
    http.get('/api/cases/:id', () => errorJson('NOT_FOUND')),
    http.get('/api/cases/:id/*', () => errorJson('NOT_FOUND')),
  );
  return bodies;
}

describe('repérage by hand', () => {
  it('when a name is typed, then one search is made after the pause, from 2 characters, and results show class and existing cases', async () => {
    const queries = searchApi([
      buildPupilItem(1, { familyName: 'Durand', firstName: 'Léa', division: '1PRO2' }),
      buildPupilItem(2, {
        familyName: 'Durand',
        firstName: 'Hugo',
        division: 'TPRO1',
        currentCaseId: uuid(1002),
      }),
    ]);
    renderApp(PAGE);
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'Signaler un élève' },
        { timeout: 3000 },
      ),
    ).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Rechercher un élève/), 'D');
    expect(await screen.findByText('Saisissez au moins 2 caractères.')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Rechercher un élève/), 'ura');

    const list = within(await screen.findByRole('list', { name: 'Élèves trouvés' }));
    expect(queries).toEqual([{ establishment: '0990001N', q: 'Dura', limit: 20 }]);
    expect(screen.getByText('2 élèves trouvés.')).toBeInTheDocument();
    expect(list.getByText('DURAND Léa', { selector: 'strong' }).parentElement).toHaveTextContent(
      'DURAND Léa — né(e) le 14/03/2008 — classe 1PRO2 — inscrit(e)',
    );
    expect(list.getByRole('link', { name: 'ouvrir la fiche de DURAND Hugo' })).toHaveAttribute(
      'href',
      `/suivis/${uuid(1002)}`,
    );
    expect(list.queryByRole('button', { name: 'Signaler DURAND Hugo' })).not.toBeInTheDocument();
    expect(document.title).toBe('Signaler un élève — Lycée professionnel Jean-Jaurès — Jasmin');
  });

  it('when an enrolled pupil is flagged with a reason, then the case is created « en cours de décrochage » and its file opens', async () => {
    searchApi([buildPupilItem(1, { familyName: 'Durand', firstName: 'Léa' })]);
    const bodies = createApi();
    const { router } = renderApp(PAGE);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Rechercher un élève/), 'durand');
    await user.click(await screen.findByRole('button', { name: 'Signaler DURAND Léa' }));
    const form = within(screen.getByRole('form', { name: 'Signaler DURAND Léa' }));
    expect(form.getByText('En cours de décrochage')).toBeInTheDocument();

    await user.click(form.getByRole('button', { name: 'Signaler cet élève' }));
    expect(form.getByText('Indiquez pourquoi cet élève doit être suivi.')).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await user.type(
      form.getByLabelText(/Motif du signalement/),
      'Absences répétées depuis janvier.',
    );
    await user.click(form.getByRole('button', { name: 'Signaler cet élève' }));
    await waitFor(() => expect(currentUrl(router)).toBe(`/suivis/${NEW_CASE}`));
    expect(bodies).toEqual([
      { pupilId: uuid(2001), source: 'AT_RISK', reason: 'Absences répétées depuis janvier.' },
    ]);
  });

  it('when a leaver is flagged, then the leaver sources are offered, and the API’s 409 is shown', async () => {
    searchApi([
      buildPupilItem(3, { familyName: 'Roux', firstName: 'Yanis', exitDate: '2024-06-30' }),
    ]);
    const bodies = createApi(() =>
      errorJson(
        'CONFLICT',
        'Cet élève est sorti avant l’année précédente : il ne peut plus être repéré.',
      ),
    );
    renderApp(PAGE);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Rechercher un élève/), 'roux');
    await user.click(await screen.findByRole('button', { name: 'Signaler ROUX Yanis' }));
    const form = within(screen.getByRole('form', { name: 'Signaler ROUX Yanis' }));
    expect(form.getByText('Élève sorti le 30/06/2024.')).toBeInTheDocument();
    expect(form.getByLabelText('Repérage année précédente')).toBeChecked();
    await user.click(form.getByLabelText('Repérage année en cours'));
    await user.type(
      form.getByLabelText(/Motif du signalement/),
      'Diplômé mais sans solution connue.',
    );
    await user.click(form.getByRole('button', { name: 'Signaler cet élève' }));

    expect(
      await form.findByText(
        'Cet élève est sorti avant l’année précédente : il ne peut plus être repéré.',
      ),
    ).toBeInTheDocument();
    expect(bodies).toEqual([
      { pupilId: uuid(2003), source: 'CURRENT_YEAR', reason: 'Diplômé mais sans solution connue.' },
    ]);
  });

  it('when the search fails, then the API’s message is shown', async () => {
    server.use(http.get('/api/pupils', () => errorJson('FORBIDDEN')));
    renderApp(PAGE);
    await userEvent.setup().type(await screen.findByLabelText(/Rechercher un élève/), 'durand');
    expect(
      await screen.findByText(
        "Recherche impossible : Vous n'avez pas le droit d'effectuer cette action.",
      ),
    ).toBeInTheDocument();
  });
});
