import { describe, expect, it } from '@jest/globals';
import { meResponseSchema } from '@jasmin/shared/auth/schemas';
import {
  returnTransferSchema,
  transferListSchema,
  transferSchema,
} from '@jasmin/shared/cases/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { errorJson, okJson } from '../../testing/mocks/api-response';
import { coordinatorMe, uuid } from '../../testing/mocks/data';
import { server } from '../../testing/mocks/server';
import { buildTransfer } from '../../testing/mocks/transfers';
import { renderApp } from '../../testing/render';

/** A district inbox: decisions remove the transfer; `conflictOn` answers 409 for one id. */
function inboxApi({ conflictOn }: { conflictOn?: string } = {}) {
  let pending = [
    buildTransfer(1, {
      pupil: { ...buildTransfer(1).pupil, familyName: 'Durand', firstName: 'Léa' },
      platform: 'MISSION_LOCALE',
      message: 'Cherche un emploi saisonnier.',
    }),
    buildTransfer(2, { establishmentName: 'Lycée Marie-Curie' }),
  ];
  const calls: { id: string; action: string; reason?: string }[] = [];
  let lists = 0;
  const decide = (id: string, status: 'ACCEPTED' | 'RETURNED', returnReason: string | null) => {
    const transfer = pending.find((t) => t.id === id);
    pending = pending.filter((t) => t.id !== id);
    if (!transfer || id === conflictOn) {
      return errorJson('CONFLICT', 'Ce transfert a déjà été traité.');
    }
    return okJson(transferSchema, {
      ...transfer,
      status,
      returnReason,
      decidedAt: '2026-03-01T10:00:00.000Z',
    });
  };
  server.use(
    http.get('/api/auth/me', () => okJson(meResponseSchema, coordinatorMe)),
    http.get('/api/transfers', ({ request }) => {
      expect(new URL(request.url).searchParams.get('status')).toBe('PENDING');
      lists += 1;
      return okJson(transferListSchema, { items: pending });
    }),
    http.post('/api/transfers/:id/accept', ({ params }) => {
      calls.push({ id: String(params.id), action: 'accept' });
      return decide(String(params.id), 'ACCEPTED', null);
    }),
    http.post('/api/transfers/:id/return', async ({ params, request }) => {
      const { reason } = returnTransferSchema.parse(await request.json());
      calls.push({ id: String(params.id), action: 'return', reason });
      return decide(String(params.id), 'RETURNED', reason);
    }),
  );
  return { calls, lists: () => lists };
}

describe('coordination inbox', () => {
  it('when transfers are pending, then each shows establishment, pupil, platform, message and date; accepting refreshes the list', async () => {
    const api = inboxApi();
    renderApp('/coordination');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Transferts reçus' }),
    ).toBeInTheDocument();
    const lea = within(await screen.findByRole('article', { name: 'DURAND Léa' }));
    expect(lea.getByText('Lycée professionnel Jean-Jaurès')).toBeInTheDocument();
    expect(lea.getByText('Mission locale')).toBeInTheDocument();
    expect(lea.getByText('Cherche un emploi saisonnier.')).toBeInTheDocument();
    expect(lea.getByText('10/02/2026 14:30')).toBeInTheDocument();
    expect(lea.getByText('14/03/2008')).toBeInTheDocument();

    await userEvent.setup().click(lea.getByRole('button', { name: 'Accepter' }));
    expect(await screen.findByText('Transfert de DURAND Léa accepté.')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'DURAND Léa' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('article', { name: 'NOM2 Prénom2' })).toBeInTheDocument();
    expect(api.calls).toEqual([{ id: uuid(5001), action: 'accept' }]);
    expect(api.lists()).toBe(2);
  });

  it('when a transfer is given back, then the reason is mandatory and sent', async () => {
    const api = inboxApi();
    renderApp('/coordination');
    const card = within(await screen.findByRole('article', { name: 'NOM2 Prénom2' }));
    const user = userEvent.setup();
    await user.click(card.getByRole('button', { name: 'Renvoyer' }));
    await user.click(card.getByRole('button', { name: 'Confirmer le renvoi' }));
    expect(card.getByText('Le motif du retour est obligatoire.')).toBeInTheDocument();
    expect(api.calls).toEqual([]);

    await user.type(card.getByLabelText(/Motif du renvoi/), 'Le jeune a déménagé hors du bassin.');
    await user.click(card.getByRole('button', { name: 'Confirmer le renvoi' }));
    expect(
      await screen.findByText('Transfert de NOM2 Prénom2 renvoyé à l’établissement.'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([
      { id: uuid(5002), action: 'return', reason: 'Le jeune a déménagé hors du bassin.' },
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'NOM2 Prénom2' })).not.toBeInTheDocument(),
    );
  });

  it('when someone else already decided (409), then « déjà traité » is shown and the list is refreshed', async () => {
    inboxApi({ conflictOn: uuid(5001) });
    renderApp('/coordination');
    const lea = within(await screen.findByRole('article', { name: 'DURAND Léa' }));
    await userEvent.setup().click(lea.getByRole('button', { name: 'Accepter' }));
    expect(
      await screen.findByText('Transfert de DURAND Léa : Ce transfert a déjà été traité.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'DURAND Léa' })).not.toBeInTheDocument(),
    );
  });

  it('when the inbox is empty or cannot be read, then it says so', async () => {
    server.use(http.get('/api/auth/me', () => okJson(meResponseSchema, coordinatorMe)));
    const { unmount } = renderApp('/coordination');
    expect(await screen.findByText('Aucun transfert en attente.')).toBeInTheDocument();
    unmount();
    server.use(http.get('/api/transfers', () => errorJson('FORBIDDEN')));
    renderApp('/coordination');
    expect(
      await screen.findByText(
        "Transferts indisponibles : Vous n'avez pas le droit d'effectuer cette action.",
      ),
    ).toBeInTheDocument();
  });
});
