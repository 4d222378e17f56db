import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createDistrictSchema, updateDistrictSchema } from '@jasmin/shared/establishments/schemas';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { districtSchema } from '@jasmin/shared/establishments/schemas';
import { useAdminDistricts, useSaveDistrict } from '../api/establishments';
import { useAdminForm } from '../utils/use-admin-form';
import {
  AdminFormError,
  AdminInput,
  AdminTable,
  ListState,
} from './admin-fields';
import { FormButtons } from '../../../components/form-buttons';

type District = z.output<typeof districtSchema>;

function DistrictForm({
  editing,
  onDone,
  onCancel,
}: {
  editing: District | undefined;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const save = useSaveDistrict();
  const form = useAdminForm(editing ? `district-${editing.id}` : 'district-nouveau', {
    code: editing?.code ?? '',
    name: editing?.name ?? '',
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = form.parse(editing ? updateDistrictSchema : createDistrictSchema, form.values);
    if (!body) return;
    save.mutate(
      { id: editing?.id, body },
      {
        onSuccess: (saved) => {
          form.reset();
          onDone(
            editing ? `District « ${saved.name} » modifié.` : `District « ${saved.name} » créé.`,
          );
        },
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
        {editing ? `Modifier ${editing.name}` : 'Ajouter un district'}
      </h2>
      <AdminFormError form={form} />
      <AdminInput
        form={form}
        field="code"
        label="Code"
        hint="Majuscules, chiffres et tirets, ex. BASSIN-NORD."
      />
      <AdminInput form={form} field="name" label="Nom" />
      <FormButtons
        submitLabel={editing ? 'Enregistrer les modifications' : 'Créer le district'}
        pending={save.isPending}
        onCancel={editing ? onCancel : undefined}
      />
    </form>
  );
}

/** Administration: the académie's districts (list, create, edit). */
export function DistrictsAdmin() {
  const districts = useAdminDistricts();
  const [editing, setEditing] = useState<District | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  return (
    <>
      <title>Districts — Administration — Jasmin</title>
      <h1>Districts</h1>
      <div role="status" aria-live="polite">
        {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      </div>
      <ListState query={districts} what="districts" />
      {districts.data?.items.length === 0 && <p>Aucun district pour l’instant.</p>}
      {districts.data && districts.data.items.length > 0 && (
        <AdminTable caption="Districts de l’académie" headers={['Code', 'Nom', 'Actions']}>
          {districts.data.items.map((d) => (
            <tr key={d.id}>
              <td>{d.code}</td>
              <td>
                <Link to={`/district?id=${d.id}`} title={`Vue du district ${d.name}`}>
                  {d.name}
                </Link>
              </td>
              <td>
                <Button
                  size="small"
                  priority="secondary"
                  nativeButtonProps={{ 'aria-label': `Modifier ${d.name}` }}
                  onClick={() => {
                    setNotice(undefined);
                    setEditing(d);
                  }}
                >
                  Modifier
                </Button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <DistrictForm
        key={editing?.id ?? 'nouveau'}
        editing={editing}
        onCancel={() => setEditing(undefined)}
        onDone={(message) => {
          setEditing(undefined);
          setNotice(message);
        }}
      />
    </>
  );
}
