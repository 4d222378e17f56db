import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createApiTokenSchema, type apiTokenSchema } from '@jasmin/shared/tokens/schemas';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useAdminDistricts } from '../api/establishments';
import { useAdminTokens, useTokenMutations } from '../api/tokens';
import { adminErrorOf, useAdminForm } from '../utils/use-admin-form';
import { AdminFormError, AdminInput, AdminSelect, AdminTable, ListState } from './admin-fields';

type Token = z.output<typeof apiTokenSchema>;
type Notice = { severity: 'success' | 'error'; text: string };

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' });
const formatDay = (iso: string | null) => (iso ? day.format(new Date(iso)) : '—');

function stateOf(t: Token): { label: string; severity: 'success' | 'error' | 'warning' } {
  if (t.revokedAt) return { label: 'Révoqué', severity: 'error' };
  if (new Date(t.expiresAt).getTime() <= Date.now())
    return { label: 'Expiré', severity: 'warning' };
  return { label: 'Actif', severity: 'success' };
}

/** The secret, once: the API keeps only its hash. */
function NewSecret({
  name,
  secret,
  onClose,
}: {
  name: string;
  secret: string;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard !== undefined;
  return (
    <div className="fr-mb-4w">
      <Alert
        severity="warning"
        as="h2"
        title={`Jeton « ${name} » créé : copiez son secret maintenant`}
        small={false}
        description={
          <>
            <p>
              Ce secret ne sera plus jamais affiché. Conservez-le dans le programme qui l’utilisera
              (en-tête « Authorization: Bearer … »).
            </p>
            <p>
              <code className="jasmin-secret" aria-label="Secret du jeton">
                {secret}
              </code>
            </p>
            <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
              {canCopy && (
                <li>
                  <Button
                    size="small"
                    iconId="fr-icon-clipboard-line"
                    onClick={() =>
                      void navigator.clipboard.writeText(secret).then(() => setCopied(true))
                    }
                  >
                    {copied ? 'Secret copié' : 'Copier le secret'}
                  </Button>
                </li>
              )}
              <li>
                <Button size="small" priority="secondary" onClick={onClose}>
                  J’ai copié le secret
                </Button>
              </li>
            </ul>
          </>
        }
      />
    </div>
  );
}

function CreateTokenForm({
  onCreated,
}: {
  onCreated: (created: { name: string; secret: string }) => void;
}) {
  const { create } = useTokenMutations();
  const districts = useAdminDistricts();
  const form = useAdminForm('jeton-nouveau', { name: '', districtId: '', expiresInDays: '90' });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = form.values;
    const days = v.expiresInDays.trim() === '' ? Number.NaN : Number(v.expiresInDays);
    const body = form.parse(createApiTokenSchema, {
      name: v.name,
      districtId: v.districtId || null,
      expiresInDays: days,
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (created) => {
        form.reset();
        onCreated({ name: created.token.name, secret: created.secret });
      },
      onError: form.fail,
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="jeton-nouveau-titre" className="fr-mb-6w">
      <h2 id="jeton-nouveau-titre" className="fr-h4">
        Créer un jeton
      </h2>
      <p className="fr-text--sm">
        Un jeton permet à un programme de statistiques de lire les données de son périmètre, sans
        rien modifier.
      </p>
      <AdminFormError form={form} />
      <AdminInput
        form={form}
        field="name"
        label="Nom"
        hint="À quoi sert ce jeton, ex. « Tableau de bord du rectorat »."
      />
      <AdminSelect
        form={form}
        field="districtId"
        label="Portée"
        placeholder="Toute l’académie"
        options={(districts.data?.items ?? []).map((d) => ({
          value: d.id,
          label: `District ${d.name} (${d.code})`,
        }))}
      />
      <AdminInput
        form={form}
        field="expiresInDays"
        type="number"
        label="Durée de validité (jours)"
        hint="De 1 à 366 jours."
      />
      <Button type="submit" disabled={create.isPending}>
        Créer le jeton
      </Button>
    </form>
  );
}

/** Administration: read-only API tokens (list, create with a one-time secret, revoke). */
export function TokensAdmin() {
  const tokens = useAdminTokens();
  const districts = useAdminDistricts();
  const { revoke } = useTokenMutations();
  const [created, setCreated] = useState<{ name: string; secret: string } | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const districtName = new Map((districts.data?.items ?? []).map((d) => [d.id, d.name]));

  return (
    <>
      <title>Jetons d’API — Administration — Jasmin</title>
      <h1>Jetons d’API</h1>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert severity={notice.severity} small description={notice.text} className="fr-mb-3w" />
        )}
      </div>
      {created && <NewSecret {...created} onClose={() => setCreated(undefined)} />}
      <ListState query={tokens} what="jetons" />
      {tokens.data?.items.length === 0 && <p>Aucun jeton pour l’instant.</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <AdminTable
          caption="Jetons d’accès de l’académie"
          headers={[
            'Nom',
            'Début du secret',
            'Portée',
            'Créé le',
            'Expire le',
            'Dernier usage',
            'État',
            'Actions',
          ]}
        >
          {tokens.data.items.map((t) => {
            const state = stateOf(t);
            return (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>
                  {t.districtId ? `District ${districtName.get(t.districtId) ?? ''}` : 'Académie'}
                </td>
                <td>{formatDay(t.createdAt)}</td>
                <td>{formatDay(t.expiresAt)}</td>
                <td>{formatDay(t.lastUsedAt)}</td>
                <td>
                  <Badge as="span" small noIcon severity={state.severity}>
                    {state.label}
                  </Badge>
                </td>
                <td>
                  {!t.revokedAt && (
                    <Button
                      size="small"
                      priority="secondary"
                      disabled={revoke.isPending}
                      nativeButtonProps={{ 'aria-label': `Révoquer le jeton ${t.name}` }}
                      onClick={() =>
                        revoke.mutate(t.id, {
                          onSuccess: () =>
                            setNotice({
                              severity: 'success',
                              text: `Jeton « ${t.name} » révoqué.`,
                            }),
                          onError: (error) =>
                            setNotice({
                              severity: 'error',
                              text: `Jeton « ${t.name} » : ${adminErrorOf(error).message}`,
                            }),
                        })
                      }
                    >
                      Révoquer
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </AdminTable>
      )}
      <CreateTokenForm
        onCreated={(c) => {
          setNotice(undefined);
          setCreated(c);
        }}
      />
    </>
  );
}
