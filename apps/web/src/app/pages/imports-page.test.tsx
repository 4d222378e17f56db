import { describe, expect, it } from '@jest/globals';
import { meResponseSchema } from '@jasmin/shared/auth/schemas';
import {
  decideReviewSchema,
  importAcceptedSchema,
  importKindLabels,
  importKinds,
  importRunListSchema,
  importRunSchema,
  matchReviewListSchema,
  matchReviewSchema,
  type ImportKind,
  type ImportRunView,
} from '@jasmin/shared/imports/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { File as NodeFile } from 'node:buffer';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { coordinatorMe, headMe, uuid } from '../../testing/mocks/data';
import { buildImportRun, buildMatchReview } from '../../testing/mocks/imports';
import { server } from '../../testing/mocks/server';
import { headerTools, renderApp } from '../../testing/render';

const RUN_ID = uuid(3001);
/** Node's File: the FormData of the test environment (undici's) only takes its own Blobs. */
const fileOf = (content: string, name: string, type = '') =>
  new NodeFile([content], name, { type }) as unknown as File;
const xmlFile = () =>
  fileOf(
    '<?xml version="1.0" encoding="UTF-8"?><BEE_ELEVES/>',
    'ElevesSansAdresses.xml',
    'text/xml',
  );

const adminMe = {
  ...headMe,
  user: { ...headMe.user, role: 'ADMIN' as const, displayName: 'Admin Académie' },
  scope: { kind: 'academy' as const, academyId: uuid(301), name: 'Académie de démonstration' },
};

/** Records each upload: its fields in order, and the file's name. */
function uploadApi(
  respond: () => Response = () => okJson(importAcceptedSchema, { id: RUN_ID }, 202),
) {
  const uploads: { keys: string[]; kind: unknown; fileName: string | undefined }[] = [];
  server.use(
    http.post('/api/imports', async ({ request }) => {
      expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
      const form = await request.formData();
      const file = form.get('file');
      uploads.push({
        keys: [...form.keys()],
        kind: form.get('kind'),
        fileName: typeof file === 'string' || file === null ? undefined : file.name,
      });
      return respond();
    }),
  );
  return uploads;
}

/** GET /api/imports/:id answers each state in turn, then stays on the last one. */
function runApi(states: Partial<ImportRunView>[]) {
  let calls = 0;
  server.use(
    http.get('/api/imports/:id', ({ params }) => {
      const state = states[Math.min(calls, states.length - 1)];
      calls += 1;
      return okJson(importRunSchema, buildImportRun(1, { id: String(params.id), ...state }));
    }),
  );
  return { calls: () => calls };
}

async function chooseAndSend(kind: ImportKind = 'siecle-eleves', file: File = xmlFile()) {
  const user = userEvent.setup();
  await user.click(await screen.findByLabelText(importKindLabels[kind]));
  await user.upload(screen.getByLabelText(/^Fichier/), file);
  await user.click(screen.getByRole('button', { name: 'Importer' }));
}

describe('imports', () => {
  it('when a head sends a SIECLE export, then the progress is followed every 500 ms and the report shows the counts and rejected lines', async () => {
    const uploads = uploadApi();
    const api = runApi([
      { status: 'queued', progress: { read: 0, total: 0 }, finishedAt: null },
      { status: 'running', progress: { read: 5, total: 10 }, finishedAt: null },
      {
        status: 'succeeded',
        progress: { read: 10, total: 10 },
        report: {
          created: 7,
          updated: 2,
          unchanged: 1,
          rejected: [
            { ref: 'ELEVE_ID 4012', reason: 'INE manquant' },
            { ref: 'ELEVE_ID 4013', reason: 'Date de naissance manquante' },
          ],
        },
      },
    ]);
    renderApp('/imports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Imports' })).toBeInTheDocument();
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual([
      'siecle-eleves',
      'siecle-responsables',
    ]);

    await chooseAndSend('siecle-eleves');
    expect(await screen.findByText('Import en attente de traitement')).toBeInTheDocument();
    expect(uploads).toEqual([
      { keys: ['kind', 'file'], kind: 'siecle-eleves', fileName: 'ElevesSansAdresses.xml' },
    ]);

    const bar = await screen.findByRole('progressbar', { name: 'Lecture du fichier : 5 sur 10' });
    expect(bar).toHaveAttribute('value', '50');
    expect(bar).toHaveAttribute('aria-valuetext', '50 %');
    expect(screen.getByText('50 %')).toBeInTheDocument();

    const report = await screen.findByRole('list', { name: 'Compte rendu' }, { timeout: 3000 });
    expect(
      within(report)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Créés : 7', 'Mis à jour : 2', 'Inchangés : 1', 'Rejetés : 2']);
    const rejected = within(screen.getByRole('region', { name: 'Lignes rejetées' }));
    expect(rejected.getByText('ELEVE_ID 4012')).toBeInTheDocument();
    expect(rejected.getByText('Date de naissance manquante')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    const calls = api.calls();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(api.calls()).toBe(calls); // no more polling once finished
  });

  it('when an import fails, then its French error is shown', async () => {
    uploadApi();
    runApi([
      {
        status: 'failed',
        error: 'Le fichier n’est pas un export SIECLE lisible (balise non fermée ligne 12).',
      },
    ]);
    renderApp('/imports');
    await chooseAndSend();
    expect(await screen.findByText('L’import a échoué')).toBeInTheDocument();
    expect(screen.getByText(/balise non fermée ligne 12/)).toBeInTheDocument();
  });

  it('when an administrator imports, then the académie-wide kinds are offered too', async () => {
    server.use(http.get('/api/auth/me', () => okJson(meResponseSchema, adminMe)));
    const uploads = uploadApi();
    runApi([{ kind: 'exam-results', fileName: 'resultats.csv' }]);
    renderApp('/imports');
    await screen.findByRole('heading', { level: 1, name: 'Imports' });
    await waitFor(() =>
      expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual([
        ...importKinds,
      ]),
    );
    await chooseAndSend('exam-results', fileOf('ine;diplome', 'resultats.csv', 'text/csv'));
    await screen.findByRole('list', { name: 'Compte rendu' });
    expect(uploads[0]).toMatchObject({ kind: 'exam-results', fileName: 'resultats.csv' });
  });

  it('when nothing is chosen or the file is not .xml, .zip or .csv, then nothing is sent and the fields say why', async () => {
    const uploads = uploadApi();
    renderApp('/imports');
    const user = userEvent.setup({ applyAccept: false });
    await user.click(await screen.findByRole('button', { name: 'Importer' }));
    expect(screen.getByText('Choisissez le type de fichier.')).toBeInTheDocument();
    expect(screen.getByText('Choisissez un fichier.')).toBeInTheDocument();

    await user.click(screen.getByLabelText(importKindLabels['siecle-eleves']));
    await user.upload(screen.getByLabelText(/^Fichier/), fileOf('x', 'notes.pdf'));
    await user.click(screen.getByRole('button', { name: 'Importer' }));
    expect(screen.getByText('Formats acceptés : .xml, .zip ou .csv.')).toBeInTheDocument();
    expect(uploads).toEqual([]);
  });

  it.each([
    [
      '413',
      () => errorJson('PAYLOAD_TOO_LARGE', 'Le fichier dépasse la taille maximale (50 Mo).'),
      'Le fichier dépasse la taille maximale (50 Mo).',
    ],
    [
      '413 without the API’s body',
      () => new HttpResponse('<html>too large</html>', { status: 413 }),
      'Le fichier est trop volumineux.',
    ],
    [
      '415',
      () => errorJson('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data.'),
      'Envoyez le fichier en multipart/form-data.',
    ],
    ['403', () => errorJson('FORBIDDEN'), "Vous n'avez pas le droit d'effectuer cette action."],
    [
      'a network failure',
      () => HttpResponse.error(),
      'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
    ],
  ])(
    'when the upload gets %s, then its French message is shown',
    async (_name, respond, message) => {
      uploadApi(respond);
      renderApp('/imports');
      await chooseAndSend();
      expect(await screen.findByText(message)).toBeInTheDocument();
      expect(screen.getByText('Import refusé')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Importer' })).toBeEnabled();
    },
  );

  it('when the API rejects the fields (400), then each message goes to its field', async () => {
    uploadApi(() =>
      errorJson('VALIDATION_FAILED', undefined, {
        kind: ['Type de fichier inconnu.'],
        file: ['Le fichier est vide.'],
      }),
    );
    renderApp('/imports');
    await chooseAndSend();
    expect(await screen.findByText('Le fichier est vide.')).toBeInTheDocument();
    expect(screen.getByText('Type de fichier inconnu.')).toBeInTheDocument();
    expect(screen.getByText('Les données envoyées sont invalides.')).toBeInTheDocument();
  });

  it('when past imports exist, then they are listed and « Voir » shows a report', async () => {
    server.use(
      http.get('/api/imports', () =>
        okJson(importRunListSchema, {
          items: [
            buildImportRun(1, { report: { created: 3, updated: 0, unchanged: 4, rejected: [] } }),
            buildImportRun(2, { status: 'failed', error: 'Encodage inconnu.' }),
          ],
        }),
      ),
    );
    runApi([{ report: { created: 3, updated: 0, unchanged: 4, rejected: [] } }]);
    renderApp('/imports');
    const table = within(await screen.findByRole('table'));
    expect(table.getAllByText('01/03/2026 10:05')).toHaveLength(2);
    expect(table.getByText('3 créés, 0 mis à jour, 4 inchangés, 0 rejeté')).toBeInTheDocument();
    expect(table.getByText('Encodage inconnu.')).toBeInTheDocument();
    await userEvent
      .setup()
      .click(
        table.getByRole('button', { name: 'Voir le compte rendu de ElevesSansAdresses-1.xml' }),
      );
    expect(await screen.findByText('Import terminé sans rejet.')).toBeInTheDocument();
  });

  it('when an ambiguous match is shown, then « Même personne » sends MERGED and the list is asked again', async () => {
    const decisions: unknown[] = [];
    let open = [
      buildMatchReview(1, {
        pupil: {
          id: uuid(2001),
          familyName: 'Durand',
          firstName: 'Léa',
          birthDate: '2008-03-14',
          ine: '123456789AB',
        },
        candidate: {
          familyName: 'DURAND',
          firstName: 'Lea',
          birthDate: '2008-03-14',
          ine: '123456789AC',
        },
      }),
      buildMatchReview(2),
    ];
    server.use(
      http.get('/api/match-reviews', ({ request }) => {
        expect(new URL(request.url).searchParams.get('status')).toBe('OPEN');
        return okJson(matchReviewListSchema, { items: open });
      }),
      http.post('/api/match-reviews/:id/decide', async ({ request, params }) => {
        const body = decideReviewSchema.parse(await request.json());
        decisions.push({ id: params.id, ...body });
        const decided = open.find((r) => r.id === params.id);
        open = open.filter((r) => r.id !== params.id);
        return okJson(
          matchReviewSchema.nullable(),
          decided ? { ...decided, status: body.decision } : null,
        );
      }),
    );
    renderApp('/imports');
    const card = within(await screen.findByRole('article', { name: 'DURAND Léa' }));
    expect(card.getByText('123456789AB')).toBeInTheDocument();
    expect(card.getByText('123456789AC')).toBeInTheDocument();
    expect(card.getAllByText('14/03/2008')).toHaveLength(2);
    expect(card.getAllByText('Date de naissance')).toHaveLength(2); // the candidate's fields read in French
    expect(
      card.getByText('Même nom et même date de naissance, INE différent.'),
    ).toBeInTheDocument();

    await userEvent.setup().click(card.getByRole('button', { name: 'Même personne' }));
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'DURAND Léa' })).not.toBeInTheDocument(),
    );
    expect(decisions).toEqual([{ id: uuid(4001), decision: 'MERGED' }]);

    await userEvent.setup().click(
      within(screen.getByRole('article', { name: 'NOM2 Prénom2' })).getByRole('button', {
        name: 'Personnes différentes',
      }),
    );
    await screen.findByText('Aucune correspondance à vérifier.');
    expect(decisions).toEqual([
      { id: uuid(4001), decision: 'MERGED' },
      { id: uuid(4002), decision: 'DISTINCT' },
    ]);
  });

  it('when a decision fails (409), then the API’s message is shown', async () => {
    server.use(
      http.get('/api/match-reviews', () =>
        okJson(matchReviewListSchema, { items: [buildMatchReview(1)] }),
      ),
      http.post('/api/match-reviews/:id/decide', () =>
        errorJson('CONFLICT', 'Cette correspondance a déjà été tranchée.'),
      ),
    );
    renderApp('/imports');
    const card = within(await screen.findByRole('article', { name: 'NOM1 Prénom1' }));
    await userEvent.setup().click(card.getByRole('button', { name: 'Personnes différentes' }));
    expect(await card.findByText('Cette correspondance a déjà été tranchée.')).toBeInTheDocument();
  });

  it('when a head is signed in, then the header links to imports and to repérage, not to coordination; a coordinator sees coordination only', async () => {
    const { unmount } = renderApp('/imports');
    const nav = await screen.findByRole('navigation', { name: 'Menu principal' });
    expect(within(nav).getByRole('link', { name: 'Imports' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Signaler un élève' })).toHaveAttribute(
      'href',
      '/etablissements/0990001N/reperage',
    );
    expect(within(nav).queryByRole('link', { name: 'Coordination' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Vue du district' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
    expect(headerTools()).toHaveTextContent('Claire Martin');
    unmount();

    server.use(http.get('/api/auth/me', () => okJson(meResponseSchema, coordinatorMe)));
    renderApp('/coordination');
    const coordinatorNav = await screen.findByRole('navigation', { name: 'Menu principal' });
    expect(
      within(coordinatorNav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Coordination', 'Vue du district']);
  });
});
