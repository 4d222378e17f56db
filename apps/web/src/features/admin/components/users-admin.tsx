import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { roleLabels, roles, type Role } from '@jasmin/shared/auth/schemas';
import {
  createUserSchema,
  resetPasswordSchema,
  roleAssignmentSchema,
  type UserView,
} from '@jasmin/shared/users/schemas';
import { useState, type FormEvent } from 'react';
import { useAdminDistricts, useAdminEstablishments } from '../api/establishments';
import { useAdminUsers, useUserMutations } from '../api/users';
import { adminErrorOf, useAdminForm, type AdminForm } from '../utils/use-admin-form';
import {
  AdminFormError,
  AdminInput,
  AdminSelect,
  AdminTable,
  ListState,
} from './admin-fields';
import { FormButtons } from '../../../components/form-buttons';

type Notice = { severity: 'success' | 'error'; text: string };
type Panel = { kind: 'role' | 'password'; user: UserView } | undefined;

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

/** The scope a role needs, as the API reads it (roleAssignmentSchema). */
const assignmentOf = (v: { role: string; districtId: string; establishmentId: string }) => ({
  role: v.role || undefined,
  districtId: v.role === 'COORDINATOR' ? v.districtId || null : null,
  establishmentId: v.role === 'HEAD' || v.role === 'REFERENT' ? v.establishmentId || null : null,
});

function useScopeOptions() {
  const districts = useAdminDistricts();
  const establishments = useAdminEstablishments();
  return {
    districts: (districts.data?.items ?? []).map((d) => ({
      value: d.id,
      label: `${d.name} (${d.code})`,
    })),
    establishments: (establishments.data?.items ?? []).map((e) => ({
      value: e.id,
      label: `${e.name} (${e.uai})`,
    })),
    districtName: new Map((districts.data?.items ?? []).map((d) => [d.id, d.name])),
    establishmentName: new Map(
      (establishments.data?.items ?? []).map((e) => [e.id, `${e.name} (${e.uai})`]),
    ),
  };
}

/** Role and, depending on it, the district or the establishment it is attached to. */
function RoleFields<F extends 'role' | 'districtId' | 'establishmentId'>({
  form,
}: {
  form: AdminForm<F>;
}) {
  const options = useScopeOptions();
  const role = (form.values as Record<string, string>).role as Role | '';
  const f = form as unknown as AdminForm<'role' | 'districtId' | 'establishmentId'>;
  return (
    <>
      <AdminSelect form={f} field="role" label="Rôle" options={roleOptions} />
      {role === 'COORDINATOR' && (
        <AdminSelect form={f} field="districtId" label="District" options={options.districts} />
      )}
      {(role === 'HEAD' || role === 'REFERENT') && (
        <AdminSelect
          form={f}
          field="establishmentId"
          label="Établissement"
          options={options.establishments}
        />
      )}
    </>
  );
}

function CreateUserForm({ onDone }: { onDone: (n: Notice) => void }) {
  const { create } = useUserMutations();
  const form = useAdminForm('compte-nouveau', {
    email: '',
    displayName: '',
    password: '',
    role: '',
    districtId: '',
    establishmentId: '',
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = form.values;
    const body = form.parse(createUserSchema, {
      email: v.email,
      displayName: v.displayName,
      password: v.password,
      ...assignmentOf(v),
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (user) => {
        form.reset();
        onDone({
          severity: 'success',
          text: `Compte de ${user.displayName} (${user.email}) créé. Transmettez-lui son mot de passe par un canal sûr : il ne sera plus affiché.`,
        });
      },
      onError: form.fail,
    });
  };
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="compte-nouveau-titre"
      className="fr-mb-6w"
    >
      <h2 id="compte-nouveau-titre" className="fr-h4">
        Créer un compte
      </h2>
      <AdminFormError form={form} />
      <AdminInput
        form={form}
        field="email"
        type="email"
        label="Adresse électronique"
        autoComplete="off"
      />
      <AdminInput form={form} field="displayName" label="Nom affiché" />
      <AdminInput
        form={form}
        field="password"
        type="password"
        autoComplete="new-password"
        label="Mot de passe initial"
        hint="12 caractères au moins ; une phrase de passe est plus sûre."
      />
      <RoleFields form={form} />
      <Button type="submit" disabled={create.isPending}>
        Créer le compte
      </Button>
    </form>
  );
}

function ChangeRoleForm({
  user,
  onDone,
  onCancel,
}: {
  user: UserView;
  onDone: (n: Notice) => void;
  onCancel: () => void;
}) {
  const { changeRole } = useUserMutations();
  const form = useAdminForm(`role-${user.id}`, {
    role: user.role as string,
    districtId: user.districtId ?? '',
    establishmentId: user.establishmentId ?? '',
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = form.parse(roleAssignmentSchema, assignmentOf(form.values));
    if (!body) return;
    changeRole.mutate(
      { id: user.id, body },
      {
        onSuccess: (saved) =>
          onDone({
            severity: 'success',
            text: `${saved.displayName} est maintenant ${roleLabels[saved.role].toLowerCase()}. Ses sessions ont pris fin.`,
          }),
        onError: form.fail,
      },
    );
  };
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${form.formId}-titre`}
      className="fr-mb-6w"
    >
      <h2 id={`${form.formId}-titre`} className="fr-h4">
        Changer le rôle de {user.displayName}
      </h2>
      <p className="fr-text--sm">Ses sessions en cours prendront fin.</p>
      <AdminFormError form={form} />
      <RoleFields form={form} />
      <FormButtons
        submitLabel="Enregistrer le rôle"
        pending={changeRole.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}

function ResetPasswordForm({
  user,
  onDone,
  onCancel,
}: {
  user: UserView;
  onDone: (n: Notice) => void;
  onCancel: () => void;
}) {
  const { resetPassword } = useUserMutations();
  const form = useAdminForm(`mdp-${user.id}`, { password: '' });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = form.parse(resetPasswordSchema, form.values);
    if (!body) return;
    resetPassword.mutate(
      { id: user.id, password: body.password },
      {
        onSuccess: (saved) =>
          onDone({
            severity: 'success',
            text: `Mot de passe de ${saved.displayName} remplacé ; ses sessions ont pris fin. Transmettez-le-lui par un canal sûr.`,
          }),
        onError: form.fail,
      },
    );
  };
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${form.formId}-titre`}
      className="fr-mb-6w"
    >
      <h2 id={`${form.formId}-titre`} className="fr-h4">
        Nouveau mot de passe pour {user.displayName}
      </h2>
      <AdminFormError form={form} />
      <AdminInput
        form={form}
        field="password"
        type="password"
        autoComplete="new-password"
        label="Nouveau mot de passe"
        hint="12 caractères au moins. Ses sessions en cours prendront fin."
      />
      <FormButtons
        submitLabel="Remplacer le mot de passe"
        pending={resetPassword.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Administration: the académie's accounts, their role and scope. */
export function UsersAdmin() {
  const users = useAdminUsers();
  const { setDisabled } = useUserMutations();
  const scope = useScopeOptions();
  const [panel, setPanel] = useState<Panel>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const done = (n: Notice) => {
    setPanel(undefined);
    setNotice(n);
  };
  const scopeOf = (u: UserView) =>
    u.districtId
      ? `District : ${scope.districtName.get(u.districtId) ?? '—'}`
      : u.establishmentId
        ? `Établissement : ${scope.establishmentName.get(u.establishmentId) ?? '—'}`
        : 'Académie';
  const toggle = (u: UserView) =>
    setDisabled.mutate(
      { id: u.id, disabled: !u.disabled },
      {
        onSuccess: (saved) =>
          done({
            severity: 'success',
            text: saved.disabled
              ? `Compte de ${saved.displayName} désactivé ; ses sessions ont pris fin.`
              : `Compte de ${saved.displayName} réactivé.`,
          }),
        onError: (error) =>
          done({ severity: 'error', text: `${u.displayName} : ${adminErrorOf(error).message}` }),
      },
    );

  return (
    <>
      <title>Utilisateurs — Administration — Jasmin</title>
      <h1>Utilisateurs</h1>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert severity={notice.severity} small description={notice.text} className="fr-mb-3w" />
        )}
      </div>
      <ListState query={users} what="comptes" />
      {users.data && (
        <AdminTable
          caption="Comptes de l’académie"
          headers={['Nom', 'Adresse', 'Rôle', 'Rattachement', 'État', 'Actions']}
        >
          {users.data.items.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>{roleLabels[u.role]}</td>
              <td>{scopeOf(u)}</td>
              <td>
                <Badge as="span" small noIcon severity={u.disabled ? 'error' : 'success'}>
                  {u.disabled ? 'Désactivé' : 'Actif'}
                </Badge>
              </td>
              <td>
                <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                  <li>
                    <Button
                      size="small"
                      priority="secondary"
                      nativeButtonProps={{ 'aria-label': `Changer le rôle de ${u.displayName}` }}
                      onClick={() => setPanel({ kind: 'role', user: u })}
                    >
                      Changer le rôle
                    </Button>
                  </li>
                  <li>
                    <Button
                      size="small"
                      priority="secondary"
                      nativeButtonProps={{
                        'aria-label': `Nouveau mot de passe pour ${u.displayName}`,
                      }}
                      onClick={() => setPanel({ kind: 'password', user: u })}
                    >
                      Mot de passe
                    </Button>
                  </li>
                  <li>
                    <Button
                      size="small"
                      priority="tertiary"
                      disabled={setDisabled.isPending}
                      nativeButtonProps={{
                        'aria-label': `${u.disabled ? 'Réactiver' : 'Désactiver'} le compte de ${u.displayName}`,
                      }}
                      onClick={() => toggle(u)}
                    >
                      {u.disabled ? 'Réactiver' : 'Désactiver'}
                    </Button>
                  </li>
                </ul>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {panel?.kind === 'role' && (
        <ChangeRoleForm
          key={panel.user.id}
          user={panel.user}
          onDone={done}
          onCancel={() => setPanel(undefined)}
        />
      )}
      {panel?.kind === 'password' && (
        <ResetPasswordForm
          key={panel.user.id}
          user={panel.user}
          onDone={done}
          onCancel={() => setPanel(undefined)}
        />
      )}
      <CreateUserForm onDone={done} />
    </>
  );
}
