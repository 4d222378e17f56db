import { describe, expect, it } from '@jest/globals';
import { meResponseSchema } from '@jasmin/shared/auth/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { adminApi } from '../testing/mocks/admin';
import { errorJson, okJson } from '../testing/mocks/api-response';
import { adminMe, coordinatorMe, uuid } from '../testing/mocks/data';
import { server } from '../testing/mocks/server';
import { currentUrl, renderApp } from '../testing/render';

function openAdmin(url: string) {
  const api = adminApi();
  server.use(
    http.get('/api/auth/me', () => okJson(meResponseSchema, adminMe)),
    ...api.handlers,
  );
  return { api, user: userEvent.setup(), ...renderApp(url) };
}

const table = async (caption: string) =>
  within(await screen.findByRole('table', { name: caption }));
const form = async (name: string) => within(await screen.findByRole('form', { name }));

describe('administration: establishments', () => {
  it('when an administrator opens it, then the establishments are listed with their district and a link to their lists', async () => {
    openAdmin('/administration');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Établissements' }),
    ).toBeInTheDocument();
    const rows = await table('Établissements de l’académie');
    expect(await rows.findByRole('link', { name: 'Lycée Marie-Curie' })).toHaveAttribute(
      'href',
      '/etablissements/0990002P/suivis?onglet=suivi',
    );
    expect(rows.getAllByText('Bassin Nord')).toHaveLength(3);
    expect(screen.getByRole('link', { name: 'Utilisateurs' })).toBeInTheDocument();
  });

  it('when the UAI’s check letter is wrong, then the shared check refuses it before any call', async () => {
    const { api, user } = openAdmin('/administration/etablissements');
    const create = await form('Ajouter un établissement');
    await user.type(create.getByLabelText('UAI', { exact: false }), '0750654E');
    await user.type(create.getByLabelText('Nom'), 'Lycée Louis-le-Grand');
    await user.click(create.getByRole('button', { name: 'Créer l’établissement' }));
    expect(
      await create.findByText(/UAI invalide : 7 chiffres suivis de la lettre de contrôle/),
    ).toBeInTheDocument();
    expect(create.getByText(/Invalid option|Option invalide|attendu/i)).toBeInTheDocument();
    expect(create.getByLabelText('UAI', { exact: false })).toHaveFocus();
    expect(api.calls).toEqual([]);
  });

  it('when the UAI is taken (409), then the API’s message is shown next to the UAI; a free UAI creates it', async () => {
    const { api, user } = openAdmin('/administration/etablissements');
    const create = await form('Ajouter un établissement');
    await user.type(create.getByLabelText('UAI', { exact: false }), '0990002p');
    await user.type(create.getByLabelText('Nom'), 'Lycée Louis-le-Grand');
    await user.selectOptions(
      create.getByLabelText('Type d’établissement'),
      'Lycée général et technologique',
    );
    await user.selectOptions(await create.findByLabelText('District'), 'Bassin Sud (BASSIN-SUD)');
    await user.click(create.getByRole('button', { name: 'Créer l’établissement' }));
    expect(await create.findByText('Un établissement porte déjà cet UAI.')).toBeInTheDocument();
    expect(create.getByText('La ressource existe déjà ou a été modifiée.')).toBeInTheDocument();

    await user.clear(create.getByLabelText('UAI', { exact: false }));
    await user.type(create.getByLabelText('UAI', { exact: false }), '0750654D');
    await user.click(create.getByRole('button', { name: 'Créer l’établissement' }));
    expect(
      await screen.findByText('Établissement « Lycée Louis-le-Grand » (0750654D) créé.'),
    ).toBeInTheDocument();
    expect(
      await (await table('Établissements de l’académie')).findByText('0750654D'),
    ).toBeInTheDocument();
    expect(api.calls.at(-1)).toEqual({
      method: 'POST',
      path: '/api/establishments',
      body: {
        uai: '0750654D',
        name: 'Lycée Louis-le-Grand',
        kind: 'LYCEE_GENERAL_TECHNOLOGIQUE',
        city: null,
        districtId: uuid(202),
      },
    });
  });

  it('when an establishment is edited, then its name and district are sent, not its UAI', async () => {
    const { api, user } = openAdmin('/administration/etablissements');
    await user.click(await screen.findByRole('button', { name: 'Modifier Lycée Marie-Curie' }));
    const edit = await form('Modifier Lycée Marie-Curie');
    expect(edit.getByText('0990002P')).toBeInTheDocument();
    await user.clear(edit.getByLabelText('Nom'));
    await user.type(edit.getByLabelText('Nom'), 'Lycée Marie-Curie et Pierre-Curie');
    await user.click(edit.getByRole('button', { name: 'Enregistrer les modifications' }));
    expect(
      await screen.findByText('Établissement « Lycée Marie-Curie et Pierre-Curie » modifié.'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([
      {
        method: 'PATCH',
        path: `/api/establishments/${uuid(102)}`,
        body: {
          name: 'Lycée Marie-Curie et Pierre-Curie',
          kind: 'LYCEE_GENERAL_TECHNOLOGIQUE',
          city: 'Montclair',
          districtId: uuid(201),
        },
      },
    ]);
  });

  it('when the establishment was removed meanwhile (404), then the API’s message is said', async () => {
    const { user } = openAdmin('/administration/etablissements');
    server.use(
      http.patch('/api/establishments/:id', () =>
        errorJson('NOT_FOUND', 'Établissement introuvable.'),
      ),
    );
    await user.click(await screen.findByRole('button', { name: 'Modifier Lycée Marie-Curie' }));
    await user.click(
      (await form('Modifier Lycée Marie-Curie')).getByRole('button', {
        name: 'Enregistrer les modifications',
      }),
    );
    expect(
      await screen.findByText('Établissement introuvable. La liste a été rechargée.'),
    ).toBeInTheDocument();
  });
});

describe('administration: districts', () => {
  it('when the API refuses a field (400), then its message is shown next to it; a duplicate code (409) too', async () => {
    const { api, user } = openAdmin('/administration/districts');
    expect(
      await (await table('Districts de l’académie')).findByText('BASSIN-SUD'),
    ).toBeInTheDocument();
    const create = await form('Ajouter un district');
    await user.type(create.getByLabelText('Code', { exact: false }), 'bassin nord');
    await user.type(create.getByLabelText('Nom'), 'Bassin Nord bis');
    await user.click(create.getByRole('button', { name: 'Créer le district' }));
    expect(await create.findByText('Code en majuscules, chiffres et tirets.')).toBeInTheDocument();
    expect(api.calls).toEqual([]);

    await user.clear(create.getByLabelText('Code', { exact: false }));
    await user.type(create.getByLabelText('Code', { exact: false }), 'BASSIN-NORD');
    await user.click(create.getByRole('button', { name: 'Créer le district' }));
    expect(await create.findByText('Un district porte déjà ce code.')).toBeInTheDocument();

    server.use(
      http.post('/api/districts', () =>
        errorJson('VALIDATION_FAILED', undefined, { 'body.name': ['Nom trop court (serveur).'] }),
      ),
    );
    await user.clear(create.getByLabelText('Code', { exact: false }));
    await user.type(create.getByLabelText('Code', { exact: false }), 'BASSIN-EST');
    await user.click(create.getByRole('button', { name: 'Créer le district' }));
    expect(await create.findByText('Nom trop court (serveur).')).toBeInTheDocument();
    expect(create.getByText('Vérifiez les champs signalés')).toBeInTheDocument();
  });

  it('when a district is renamed, then the list shows the new name', async () => {
    const { user } = openAdmin('/administration/districts');
    await user.click(await screen.findByRole('button', { name: 'Modifier Bassin Sud' }));
    const edit = await form('Modifier Bassin Sud');
    await user.clear(edit.getByLabelText('Nom'));
    await user.type(edit.getByLabelText('Nom'), 'Bassin Sud-Ouest');
    await user.click(edit.getByRole('button', { name: 'Enregistrer les modifications' }));
    expect(await screen.findByText('District « Bassin Sud-Ouest » modifié.')).toBeInTheDocument();
    expect(
      await (
        await table('Districts de l’académie')
      ).findByRole('link', { name: 'Bassin Sud-Ouest' }),
    ).toBeInTheDocument();
  });
});

describe('administration: accounts', () => {
  it('when the accounts are listed, then each shows its role, scope and state', async () => {
    openAdmin('/administration/utilisateurs');
    const rows = await table('Comptes de l’académie');
    const claire = within((await rows.findByText('Claire Martin')).closest('tr') as HTMLElement);
    expect(claire.getByText("Chef d'établissement")).toBeInTheDocument();
    expect(
      await claire.findByText('Établissement : Lycée professionnel Jean-Jaurès (0990001N)'),
    ).toBeInTheDocument();
    expect(claire.getByText('Actif')).toBeInTheDocument();
  });

  it('when a coordinator is created, then a district is required, a used address is refused (409), and the account is created', async () => {
    const { api, user } = openAdmin('/administration/utilisateurs');
    const create = await form('Créer un compte');
    await user.type(create.getByLabelText('Adresse électronique'), 'chef@demo.invalid');
    await user.type(create.getByLabelText('Nom affiché'), 'Nouvelle coordination');
    await user.type(
      create.getByLabelText('Mot de passe initial', { exact: false }),
      'une phrase de passe solide',
    );
    await user.selectOptions(create.getByLabelText('Rôle'), 'Coordinateur de district');
    await user.click(create.getByRole('button', { name: 'Créer le compte' }));
    expect(
      await create.findByText('Un coordinateur est rattaché à un district.'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([]);

    await user.selectOptions(create.getByLabelText('District'), 'Bassin Sud (BASSIN-SUD)');
    await user.click(create.getByRole('button', { name: 'Créer le compte' }));
    expect(await create.findByText('Un compte utilise déjà cette adresse.')).toBeInTheDocument();

    await user.clear(create.getByLabelText('Adresse électronique'));
    await user.type(create.getByLabelText('Adresse électronique'), 'sud@demo.invalid');
    await user.click(create.getByRole('button', { name: 'Créer le compte' }));
    expect(
      await screen.findByText(/Compte de Nouvelle coordination \(sud@demo.invalid\) créé/),
    ).toBeInTheDocument();
    expect(api.calls.at(-1)?.body).toEqual({
      email: 'sud@demo.invalid',
      displayName: 'Nouvelle coordination',
      password: 'une phrase de passe solide',
      role: 'COORDINATOR',
      districtId: uuid(202),
      establishmentId: null,
    });
  });

  it('when a role is changed, a password reset or an account disabled, then the API is called and the result said', async () => {
    const { api, user } = openAdmin('/administration/utilisateurs');
    await user.click(
      await screen.findByRole('button', { name: 'Changer le rôle de Claire Martin' }),
    );
    const roleForm = await form('Changer le rôle de Claire Martin');
    await user.selectOptions(roleForm.getByLabelText('Rôle'), 'Référent');
    await user.click(roleForm.getByRole('button', { name: 'Enregistrer le rôle' }));
    expect(
      await screen.findByText('Claire Martin est maintenant référent. Ses sessions ont pris fin.'),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Nouveau mot de passe pour Claire Martin' }),
    );
    const pwd = await form('Nouveau mot de passe pour Claire Martin');
    await user.type(pwd.getByLabelText('Nouveau mot de passe', { exact: false }), 'court');
    await user.click(pwd.getByRole('button', { name: 'Remplacer le mot de passe' }));
    expect(
      await pwd.findByText('Le mot de passe doit contenir au moins 12 caractères.'),
    ).toBeInTheDocument();
    await user.type(
      pwd.getByLabelText('Nouveau mot de passe', { exact: false }),
      ' mais maintenant assez long',
    );
    await user.click(pwd.getByRole('button', { name: 'Remplacer le mot de passe' }));
    expect(await screen.findByText(/Mot de passe de Claire Martin remplacé/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Désactiver le compte de Claire Martin' }));
    expect(
      await screen.findByText('Compte de Claire Martin désactivé ; ses sessions ont pris fin.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Réactiver le compte de Claire Martin' }),
    ).toBeInTheDocument();
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /api/users/${uuid(1)}/role`,
      `POST /api/users/${uuid(1)}/reset-password`,
      `POST /api/users/${uuid(1)}/disable`,
    ]);
    expect(api.calls[0]?.body).toEqual({
      role: 'REFERENT',
      districtId: null,
      establishmentId: uuid(101),
    });
  });

  it('when an administrator tries to disable their own account (409), then the API’s message is said', async () => {
    const { user } = openAdmin('/administration/utilisateurs');
    await user.click(
      await screen.findByRole('button', {
        name: 'Désactiver le compte de Administration académique',
      }),
    );
    expect(
      await screen.findByText(
        'Administration académique : Vous ne pouvez pas désactiver votre propre compte.',
      ),
    ).toBeInTheDocument();
  });
});

describe('administration: API tokens', () => {
  it('when a district token is created, then its secret is shown once with a copy hint, and it is listed', async () => {
    const { api, user } = openAdmin('/administration/jetons');
    const rows = await table('Jetons d’accès de l’académie');
    expect(await rows.findByText('Tableau de bord du rectorat')).toBeInTheDocument();
    expect(rows.getByText('Académie')).toBeInTheDocument();

    const create = await form('Créer un jeton');
    await user.type(create.getByLabelText('Nom', { exact: false }), 'Statistiques du bassin');
    await user.selectOptions(
      await create.findByLabelText('Portée'),
      'District Bassin Nord (BASSIN-NORD)',
    );
    await user.clear(create.getByLabelText('Durée de validité (jours)', { exact: false }));
    await user.type(create.getByLabelText('Durée de validité (jours)', { exact: false }), '30');
    await user.click(create.getByRole('button', { name: 'Créer le jeton' }));

    expect(
      await screen.findByRole('heading', {
        name: 'Jeton « Statistiques du bassin » créé : copiez son secret maintenant',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('SeCrEt01-le-secret-complet-du-jeton')).toBeInTheDocument();
    expect(screen.getByText(/Ce secret ne sera plus jamais affiché/)).toBeInTheDocument();
    expect(api.calls).toEqual([
      {
        method: 'POST',
        path: '/api/tokens',
        body: { name: 'Statistiques du bassin', districtId: uuid(201), expiresInDays: 30 },
      },
    ]);
    expect(await rows.findByText('District Bassin Nord')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'J’ai copié le secret' }));
    expect(screen.queryByText('SeCrEt01-le-secret-complet-du-jeton')).not.toBeInTheDocument();
  });

  it('when the validity is out of range, then the shared schema refuses it; a token is revoked on request', async () => {
    const { api, user } = openAdmin('/administration/jetons');
    const create = await form('Créer un jeton');
    await user.type(create.getByLabelText('Nom', { exact: false }), 'Essai');
    await user.clear(create.getByLabelText('Durée de validité (jours)', { exact: false }));
    await user.type(create.getByLabelText('Durée de validité (jours)', { exact: false }), '400');
    await user.click(create.getByRole('button', { name: 'Créer le jeton' }));
    expect(create.getByLabelText('Durée de validité (jours)', { exact: false })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(api.calls).toEqual([]);

    await user.click(
      await screen.findByRole('button', { name: 'Révoquer le jeton Tableau de bord du rectorat' }),
    );
    expect(
      await screen.findByText('Jeton « Tableau de bord du rectorat » révoqué.'),
    ).toBeInTheDocument();
    expect(
      await (await table('Jetons d’accès de l’académie')).findByText('Révoqué'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([{ method: 'POST', path: `/api/tokens/${uuid(601)}/revoke` }]);
  });
});

describe('administration: errors and access', () => {
  it('when the session has ended (401 on a list), then the login page is shown with the way back', async () => {
    const { router } = openAdmin('/administration/jetons');
    let signedIn = true;
    server.use(
      http.get('/api/auth/me', () =>
        signedIn ? okJson(meResponseSchema, adminMe) : errorJson('SESSION_EXPIRED'),
      ),
      http.get('/api/tokens', () => {
        signedIn = false;
        return errorJson('SESSION_EXPIRED');
      }),
    );
    await waitFor(() => expect(currentUrl(router)).toMatch(/^\/connexion/));
    expect(await screen.findByText(/Votre session a expiré/)).toBeInTheDocument();
  });

  it('when the session has ended during a write (401), then the login page is shown', async () => {
    const { router, user } = openAdmin('/administration/districts');
    let signedIn = true;
    server.use(
      http.get('/api/auth/me', () =>
        signedIn ? okJson(meResponseSchema, adminMe) : errorJson('UNAUTHENTICATED'),
      ),
      http.post('/api/districts', () => {
        signedIn = false;
        return errorJson('UNAUTHENTICATED');
      }),
    );
    const create = await form('Ajouter un district');
    await user.type(create.getByLabelText('Code', { exact: false }), 'BASSIN-EST');
    await user.type(create.getByLabelText('Nom'), 'Bassin Est');
    await user.click(create.getByRole('button', { name: 'Créer le district' }));
    await waitFor(() => expect(currentUrl(router)).toMatch(/^\/connexion/));
  });

  it('when the server cannot be reached, then lists and writes say so in French', async () => {
    const { user } = openAdmin('/administration/utilisateurs');
    server.use(
      http.get('/api/users', () => HttpResponse.error()),
      http.post('/api/districts', () => HttpResponse.error()),
    );
    expect(
      await screen.findByText(
        'Comptes indisponibles : Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Districts' }));
    const create = await form('Ajouter un district');
    await user.type(create.getByLabelText('Code', { exact: false }), 'BASSIN-EST');
    await user.type(create.getByLabelText('Nom'), 'Bassin Est');
    await user.click(create.getByRole('button', { name: 'Créer le district' }));
    expect(await create.findByText('Serveur injoignable')).toBeInTheDocument();
  });

  it('when a coordinator opens the administration, then access is refused and the menu has no entry for it', async () => {
    server.use(http.get('/api/auth/me', () => okJson(meResponseSchema, coordinatorMe)));
    renderApp('/administration/utilisateurs');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Accès réservé' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Vue du district' }).length).toBeGreaterThan(0);
  });
});
