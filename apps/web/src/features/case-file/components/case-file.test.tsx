import { describe, expect, it } from '@jest/globals';
import { meResponseSchema } from '@jasmin/shared/auth/schemas';
import { type CaseDetail } from '@jasmin/shared/cases/schemas';
import { defaultMessageOf } from '@jasmin/shared/errors';
import {
  caseStatuses,
  transitionTable,
  type CaseStatus,
  type TransitionKind,
} from '@jasmin/shared/cases/transitions';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { errorJson, okJson } from '../../../testing/mocks/api-response';
import { buildCaseDetail, buildInterview, caseFileApi } from '../../../testing/mocks/case-file';
import { coordinatorMe } from '../../../testing/mocks/data';
import { server } from '../../../testing/mocks/server';
import { currentUrl, renderApp } from '../../../testing/render';
import { transitionActionLabels } from '../utils/labels';

function openCase(overrides: Partial<CaseDetail> = {}) {
  const detail = buildCaseDetail(overrides);
  const api = caseFileApi(detail);
  server.use(...api.handlers);
  const rendered = renderApp(`/suivis/${detail.id}`);
  return { api, detail, user: userEvent.setup(), ...rendered };
}

const loaded = () => screen.findByRole('heading', { level: 1, name: 'DURAND Léa' });
const actions = () => within(screen.getByRole('region', { name: 'Décider du suivi' }));
const timeline = () =>
  within(screen.getByRole('list', { name: /Historique du suivi/ }));

describe('the pupil’s file', () => {
  it('when the file opens, then the SIECLE data, guardians, situation and PDF link are shown in French', async () => {
    openCase({
      suggestion: 'Solution détectée : inscrit en formation — CAP cuisine (CFA, depuis le 01/09/2025)',
      atRiskReason: 'Absences répétées depuis la rentrée.',
    });
    await loaded();
    expect(document.title).toBe('DURAND Léa — Fiche de l’élève — Jasmin');
    expect(screen.getByRole('heading', { level: 1 })).toHaveClass('jasmin-file-name--nothing-done');
    expect(screen.getByText('Repéré, rien de fait')).toBeInTheDocument();
    expect(screen.getAllByText('Repérage année précédente').length).toBeGreaterThan(0);
    expect(screen.getByText(/Lycée professionnel Jean-Jaurès \(UAI 0990001N\) — année scolaire 2025-2026/)).toBeInTheDocument();
    expect(screen.getByText(/Solution détectée : inscrit en formation — CAP cuisine/)).toBeInTheDocument();
    expect(screen.getByText('Absences répétées depuis la rentrée.')).toBeInTheDocument();

    const siecle = within(screen.getByRole('region', { name: 'Données SIECLE de l’élève' }));
    for (const text of ['123456789AB', '14/03/2008', '1PRO2', '24020012310', '02/09/2024', '30/06/2025', '04', '06 12 34 56 78', 'lea.durand@exemple.invalid', 'Léa, Marie']) {
      expect(siecle.getByText(text)).toBeInTheDocument();
    }
    const guardians = within(screen.getByRole('region', { name: 'Responsables' }));
    expect(guardians.getByRole('heading', { level: 4, name: 'MME DURAND Sophie' })).toBeInTheDocument();
    expect(guardians.getByText('Oui')).toBeInTheDocument();
    expect(guardians.getByText('Mère')).toBeInTheDocument();
    expect(guardians.getByText('06 98 76 54 32')).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Fiche entretien (PDF)' })).toHaveAttribute(
      'href',
      `/api/cases/${buildCaseDetail().id}/fiche-entretien.pdf`,
    );
    expect(timeline().getByText('Élève repéré')).toBeInTheDocument();
    expect(timeline().getByText(/traitement automatique/)).toBeInTheDocument();
  });

  it.each(caseStatuses)(
    'when the case is %s, then exactly the actions allowed by the API are offered',
    async (status: CaseStatus) => {
      openCase({ status });
      await loaded();
      const expected = Object.values(transitionTable[status]).map(
        (kind) => transitionActionLabels[kind as TransitionKind],
      );
      const offered = actions()
        .getAllByRole('button')
        .map((b) => b.textContent);
      expect(offered.sort()).toEqual([...expected].sort());
      expect(screen.queryByRole('heading', { name: 'Fiche « suivi »' }) !== null).toBe(
        status === 'FOLLOW_UP',
      );
    },
  );

  it('when the API allows fewer actions than the table, then only those are offered', async () => {
    openCase({ status: 'FOLLOW_UP', allowedTransitions: ['SOLUTION'] });
    await loaded();
    expect(actions().getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Enregistrer la solution',
    ]);
    expect(screen.queryByRole('heading', { name: 'Bloc Décision' })).not.toBeInTheDocument();
  });

  it('when « Mettre le suivi en place » is chosen, then the version is sent and the updated case and its timeline are shown', async () => {
    const { api, user } = openCase();
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Mettre le suivi en place' }));
    expect(await screen.findByText(/Le suivi est maintenant « Suivi mis en place »/)).toBeInTheDocument();
    expect(api.transitions).toEqual([{ to: 'FOLLOW_UP', version: 3 }]);
    expect(screen.getByRole('heading', { level: 1 })).toHaveClass('jasmin-file-name--followed');
    expect(screen.getByRole('heading', { name: 'Fiche « suivi »' })).toBeInTheDocument();
    const entry = timeline().getByText('Fiche « choix » : suivi mis en place').closest('li');
    expect(entry).toHaveTextContent('(Repéré, rien de fait → Suivi mis en place)');
    expect(entry).toHaveTextContent('20 octobre 2025 à 11:01 — Claire Martin');
  });

  it('when « Ne pas suivre » is chosen with a comment, then the comment is sent and shown in the timeline', async () => {
    const { api, user } = openCase();
    await loaded();
    await user.type(screen.getByRole('textbox', { name: /^Commentaire/ }), 'Inscrit en apprentissage.');
    await user.click(screen.getByRole('button', { name: 'Ne pas suivre' }));
    expect(await screen.findByText(/Le suivi est maintenant « Ne pas suivre »/)).toBeInTheDocument();
    expect(api.transitions).toEqual([
      { to: 'NOT_FOLLOWED', version: 3, comment: 'Inscrit en apprentissage.' },
    ]);
    expect(timeline().getByText('Inscrit en apprentissage.')).toBeInTheDocument();
    expect(actions().getByRole('button', { name: 'Rouvrir le suivi' })).toBeInTheDocument();
  });

  it('when the block Solution is filled, then the case moves to « Solution trouvée »', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    await user.click(screen.getByRole('radio', { name: 'Poursuite d’études'.replace('’', "'") }));
    await user.type(screen.getByRole('textbox', { name: /^Précisions sur la solution/ }), 'CAP cuisine au CFA du Val.');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la solution' }));
    expect(await screen.findByText(/« Solution trouvée »/)).toBeInTheDocument();
    expect(api.transitions).toEqual([
      { to: 'SOLUTION', version: 3, solutionKind: 'FURTHER_STUDIES', details: 'CAP cuisine au CFA du Val.' },
    ]);
    const entry = timeline().getByText('Solution trouvée').closest('li');
    expect(entry).toHaveTextContent('Poursuite d\'études');
    expect(entry).toHaveTextContent('CAP cuisine au CFA du Val.');
  });

  it('when the case is transferred to the PAE, then the platform and message are sent', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    expect(screen.getByText(/Le PAE \(pôle emploi\) est réservé d’abord aux jeunes diplômés/)).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /^PAE/ }));
    await user.type(screen.getByRole('textbox', { name: /^Message pour la plate-forme/ }), 'Diplômée, cherche un premier emploi.');
    await user.click(screen.getByRole('button', { name: 'Transférer le suivi' }));
    expect(await screen.findByText(/« Transféré »/)).toBeInTheDocument();
    expect(api.transitions).toEqual([
      { to: 'TRANSFERRED', version: 3, platform: 'PAE', message: 'Diplômée, cherche un premier emploi.' },
    ]);
  });

  it('when the follow-up is stopped, then the reason and text are sent', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Motif de l’arrêt' }), 'REFUSAL');
    await user.type(screen.getByRole('textbox', { name: /^Explication/ }), 'La famille refuse.');
    await user.click(screen.getByRole('button', { name: 'Arrêter le suivi' }));
    expect(await screen.findByText(/« Suivi arrêté »/)).toBeInTheDocument();
    expect(api.transitions).toEqual([
      { to: 'STOPPED', version: 3, stopReason: 'REFUSAL', text: 'La famille refuse.' },
    ]);
    expect(timeline().getByText('Refus du jeune ou de sa famille')).toBeInTheDocument();
  });

  it('when a closed case is reopened, then the reason is mandatory and sent', async () => {
    const { api, user } = openCase({ status: 'SOLUTION' });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Rouvrir le suivi' }));
    expect(await screen.findByText('Le motif de réouverture est obligatoire.')).toBeInTheDocument();
    const reason = screen.getByRole('textbox', { name: /^Motif de la réouverture/ });
    expect(reason).toHaveFocus();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(api.transitions).toEqual([]);

    await user.type(reason, 'La formation a été abandonnée.');
    await user.click(screen.getByRole('button', { name: 'Rouvrir le suivi' }));
    expect(await screen.findByText(/« Suivi mis en place »/)).toBeInTheDocument();
    expect(api.transitions).toEqual([
      { to: 'FOLLOW_UP', version: 3, reason: 'La formation a été abandonnée.' },
    ]);
  });

  it('when the block Solution is sent empty, then French errors are shown and focus goes to the first one', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Enregistrer la solution' }));
    expect(await screen.findByText("Choisissez : poursuite d'études ou vie active.")).toBeInTheDocument();
    expect(screen.getByText('Précisez la solution (formation, établissement, emploi…).')).toBeInTheDocument();
    expect(screen.getAllByRole('radio')[0]).toHaveFocus();
    expect(api.transitions).toEqual([]);
  });

  it('when the API answers 400 with field errors, then each is shown next to its field', async () => {
    const { user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    server.use(
      http.post('/api/cases/:id/transitions', () =>
        errorJson('VALIDATION_FAILED', undefined, { 'body.message': ['Le message est trop vague.'] }),
      ),
    );
    await user.click(screen.getByRole('radio', { name: /^CIO/ }));
    await user.type(screen.getByRole('textbox', { name: /^Message pour la plate-forme/ }), 'À voir.');
    await user.click(screen.getByRole('button', { name: 'Transférer le suivi' }));
    expect(await screen.findByText('Le message est trop vague.')).toBeInTheDocument();
    const message = screen.getByRole('textbox', { name: /^Message pour la plate-forme/ });
    expect(message).toHaveFocus();
    expect(message).toHaveValue('À voir.');
  });

  it('when someone else changed the case (409), then the API’s message is shown, the case is read again and the typed text is kept', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    const getsBefore = api.gets();
    api.changeElsewhere();
    await user.click(screen.getByRole('radio', { name: 'Vie active' }));
    const details = screen.getByRole('textbox', { name: /^Précisions sur la solution/ });
    await user.type(details, 'CDD de six mois en boulangerie.');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la solution' }));

    expect(await screen.findByText('Le suivi a été modifié par quelqu’un d’autre')).toBeInTheDocument();
    expect(screen.getByText(new RegExp(defaultMessageOf('VERSION_CONFLICT').slice(0, 40)))).toBeInTheDocument();
    await waitFor(() => expect(api.gets()).toBeGreaterThan(getsBefore));
    expect(details).toHaveValue('CDD de six mois en boulangerie.');
    expect(screen.getByRole('radio', { name: 'Vie active' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Enregistrer la solution' }));
    expect(await screen.findByText(/« Solution trouvée »/)).toBeInTheDocument();
    expect(api.transitions.map((t) => t.version)).toEqual([3, 4]);
  });

  it('when the action is no longer possible (409 INVALID_TRANSITION), then it says so and shows the actions possible now', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    server.use(
      http.post('/api/cases/:id/transitions', () => {
        api.changeElsewhere({ status: 'STOPPED' });
        return errorJson('INVALID_TRANSITION');
      }),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Motif de l’arrêt' }), 'UNREACHABLE');
    await user.type(screen.getByRole('textbox', { name: /^Explication/ }), 'Injoignable.');
    await user.click(screen.getByRole('button', { name: 'Arrêter le suivi' }));
    expect(await actions().findByRole('button', { name: 'Rouvrir le suivi' })).toBeInTheDocument();
    expect(screen.getByText('Suivi arrêté')).toBeInTheDocument();
  });

  it('when the case does not exist or is out of scope (404), then « Suivi introuvable » is shown', async () => {
    renderApp('/suivis/00000000-0000-4000-8000-000000009999');
    expect(await screen.findByRole('heading', { level: 1, name: 'Suivi introuvable' })).toBeInTheDocument();
    expect(document.title).toBe('Suivi introuvable — Jasmin');
  });

  it('when the address is not a case id, then « Suivi introuvable » is shown without asking the API', async () => {
    renderApp('/suivis/pas-un-identifiant');
    expect(await screen.findByRole('heading', { level: 1, name: 'Suivi introuvable' })).toBeInTheDocument();
  });

  it('when the server cannot be reached, then a French error offers to retry', async () => {
    const detail = buildCaseDetail();
    const api = caseFileApi(detail);
    let fail = true;
    server.use(
      http.get(`/api/cases/${detail.id}`, () => (fail ? HttpResponse.error() : undefined)),
      ...api.handlers,
    );
    renderApp(`/suivis/${detail.id}`);
    expect(await screen.findByText('Impossible d’afficher la fiche')).toBeInTheDocument();
    expect(screen.getByText(/Le serveur ne répond pas/)).toBeInTheDocument();
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Réessayer' }));
    await loaded();
  });

  it('when a write fails on the network, then it says so and keeps the typed text', async () => {
    const { user } = openCase({ status: 'SOLUTION' });
    await loaded();
    server.use(http.post('/api/cases/:id/transitions', () => HttpResponse.error()));
    const reason = screen.getByRole('textbox', { name: /^Motif de la réouverture/ });
    await user.type(reason, 'Nouvelle demande.');
    await user.click(screen.getByRole('button', { name: 'Rouvrir le suivi' }));
    expect(await screen.findByText('Serveur injoignable')).toBeInTheDocument();
    expect(reason).toHaveValue('Nouvelle demande.');
  });
});

describe('the fiche « suivi » (interviews)', () => {
  it('when an interview is sent without channel nor person reached, then French errors are shown', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’entretien' }));
    expect(await screen.findByText('Choisissez le moyen de contact.')).toBeInTheDocument();
    expect(screen.getByText('Indiquez qui a été joint.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Moyen de contact' })).toHaveFocus();
    expect(api.created).toEqual([]);
  });

  it('when an interview is recorded, then its sections are sent and it is listed', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    const form = within(screen.getByRole('form', { name: 'Saisir un entretien (fiche « suivi »)' }));
    expect(form.getByText('1. Détails de l’entretien')).toBeInTheDocument();
    expect(form.getByText('4. Vie active')).toBeInTheDocument();
    fireEvent.change(form.getByLabelText('Date de l’entretien'), { target: { value: '2025-10-08' } });
    await user.selectOptions(form.getByRole('combobox', { name: 'Moyen de contact' }), 'IN_PERSON');
    await user.click(form.getByRole('radio', { name: 'Le jeune' }));
    await user.type(form.getByRole('textbox', { name: /^Observations/ }), 'Motivée.');
    await user.type(form.getByRole('textbox', { name: /^Formation souhaitée/ }), 'Bac pro commerce');
    await user.type(form.getByRole('textbox', { name: /^Emploi recherché/ }), 'Vendeuse');
    await user.click(form.getByRole('button', { name: 'Enregistrer l’entretien' }));

    expect(await screen.findByRole('heading', { level: 4, name: 'Entretien du 08/10/2025 — Entretien physique' })).toBeInTheDocument();
    expect(api.created).toEqual([
      {
        date: '2025-10-08',
        channel: 'IN_PERSON',
        reached: 'PUPIL',
        observations: 'Motivée.',
        trainingWish: 'Bac pro commerce',
        trainingEstablishment: '',
        trainingStatus: '',
        jobSought: 'Vendeuse',
        jobContract: '',
        nextStep: '',
      },
    ]);
    expect(screen.getByText('L’entretien est enregistré.')).toBeInTheDocument();
    expect(form.getByRole('textbox', { name: /^Observations/ })).toHaveValue('');
    expect(timeline().getByText('Entretien saisi')).toBeInTheDocument();
  });

  it('when an interview is corrected, then only the changes are sent with its version, and the previous version is shown', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP', interviews: [buildInterview(1, { version: 2 })] });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Corriger' }));
    const form = within(screen.getByRole('form', { name: 'Corriger l’entretien' }));
    const observations = form.getByRole('textbox', { name: /^Observations/ });
    expect(observations).toHaveValue('Joint au téléphone, cherche une formation.');
    await user.clear(observations);
    await user.type(observations, 'Joint au téléphone, a trouvé un CFA.');
    await user.click(form.getByRole('button', { name: 'Enregistrer la correction' }));

    expect(await screen.findByText('Joint au téléphone, a trouvé un CFA.')).toBeInTheDocument();
    expect(api.updated).toEqual([
      { interviewId: buildInterview(1).id, body: { version: 2, observations: 'Joint au téléphone, a trouvé un CFA.' } },
    ]);
    expect(screen.getByRole('button', { name: 'Versions précédentes (1)' })).toBeInTheDocument();
    expect(screen.getByText('Joint au téléphone, cherche une formation.')).toBeInTheDocument();
    expect(screen.getByText(/Version 3/).closest('p')).toHaveTextContent('remplacée le 20 octobre 2025 à 11:01 par Claire Martin');
  });

  it('when a correction meets a newer version (409), then the typed text is kept and the next try uses the new version', async () => {
    const { api, user } = openCase({ status: 'FOLLOW_UP', interviews: [buildInterview(1)] });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Corriger' }));
    server.use(
      http.patch('/api/cases/:id/interviews/:interviewId', () => {
        api.changeElsewhere({
          interviews: api.current().interviews.map((i) => ({ ...i, version: i.version + 1 })),
        });
        return errorJson('VERSION_CONFLICT');
      }, { once: true }),
    );
    const form = within(screen.getByRole('form', { name: 'Corriger l’entretien' }));
    const nextStep = form.getByRole('textbox', { name: /^Prochaine étape/ });
    await user.clear(nextStep);
    await user.type(nextStep, 'Rendez-vous au CIO.');
    await user.click(form.getByRole('button', { name: 'Enregistrer la correction' }));
    expect(await screen.findByText('Le suivi a été modifié par quelqu’un d’autre')).toBeInTheDocument();
    expect(nextStep).toHaveValue('Rendez-vous au CIO.');
    await user.click(form.getByRole('button', { name: 'Enregistrer la correction' }));
    await waitFor(() => expect(api.updated.at(-1)?.body).toEqual({ version: 1, nextStep: 'Rendez-vous au CIO.' }));
    expect(await screen.findByText('Rendez-vous au CIO.')).toBeInTheDocument();
  });
});

describe('unsaved changes', () => {
  it('when leaving with typed text, then a confirmation is asked; staying keeps the text, leaving goes', async () => {
    const { user, router } = openCase({ status: 'FOLLOW_UP' });
    await loaded();
    const details = screen.getByRole('textbox', { name: /^Précisions sur la solution/ });
    await user.type(details, 'Brouillon');

    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);

    await user.click(screen.getByRole('link', { name: 'Retour aux listes de l’établissement' }));
    const dialog = await screen.findByRole('alertdialog', { name: /Quitter sans enregistrer/ });
    expect(within(dialog).getByRole('button', { name: 'Rester sur la page' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Rester sur la page' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(currentUrl(router)).toBe(`/suivis/${buildCaseDetail().id}`);
    expect(details).toHaveValue('Brouillon');

    await user.click(screen.getByRole('link', { name: 'Retour aux listes de l’établissement' }));
    await user.click(await screen.findByRole('button', { name: 'Quitter sans enregistrer' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/etablissements/0990001N/suivis'));
  });

  it('when nothing was typed, then leaving asks nothing', async () => {
    const { user, router } = openCase();
    await loaded();
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);
    await user.click(screen.getByRole('link', { name: 'Retour aux listes de l’établissement' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/etablissements/0990001N/suivis'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});

describe('the pupil’s file read by a coordinator', () => {
  it.each(['IDENTIFIED', 'FOLLOW_UP', 'TRANSFERRED'] as const)(
    'when a coordinator opens a case in %s, then no decision, interview or correction form is offered',
    async (status) => {
      server.use(http.get('/api/auth/me', () => okJson(meResponseSchema, coordinatorMe)));
      openCase({ status, interviews: [buildInterview(1)] });
      await loaded();
      expect(screen.queryByRole('region', { name: 'Décider du suivi' })).not.toBeInTheDocument();
      expect(screen.queryByRole('heading', { name: 'Fiche « suivi »' })).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /Corriger/ })).not.toBeInTheDocument();
      expect(screen.getByText(/Vous consultez cette fiche en lecture seule/)).toBeInTheDocument();
      expect(screen.getByRole('heading', { name: 'Entretiens (1)' })).toBeInTheDocument();
      expect(screen.getByRole('region', { name: 'Données SIECLE de l’élève' })).toBeInTheDocument();
    },
  );
});
