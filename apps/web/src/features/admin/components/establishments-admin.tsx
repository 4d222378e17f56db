import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import {
  createEstablishmentSchema,
  establishmentKindLabels,
  establishmentKinds,
  updateEstablishmentSchema,
  type EstablishmentView,
} from '@jasmin/shared/establishments/schemas';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  useAdminDistricts,
  useAdminEstablishments,
  useSaveEstablishment,
} from '../api/establishments';
import { useAdminForm } from '../utils/use-admin-form';
import {
  AdminFormError,
  AdminInput,
  AdminSelect,
  AdminTable,
  ListState,
} from './admin-fields';
import { FormButtons } from '../../../components/form-buttons';

const kindOptions = establishmentKinds.map((k) => ({
  value: k,
  label: establishmentKindLabels[k],
}));

function EstablishmentForm({
  editing,
  onDone,
  onCancel,
}: {
  editing: EstablishmentView | undefined;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const districts = useAdminDistricts();
  const save = useSaveEstablishment();
  const form = useAdminForm(editing ? `etab-${editing.id}` : 'etab-nouveau', {
    uai: editing?.uai ?? '',
    name: editing?.name ?? '',
    kind: editing?.kind ?? '',
    city: editing?.city ?? '',
    districtId: editing?.districtId ?? '',
  });
  const v = form.values;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const common = {
      name: v.name,
      kind: v.kind || undefined,
      city: v.city.trim() || null,
      districtId: v.districtId,
    };
    const body = editing
      ? form.parse(updateEstablishmentSchema, common)
      : form.parse(createEstablishmentSchema, { ...common, uai: v.uai });
    if (!body) return;
    save.mutate(
      { id: editing?.id, body },
      {
        onSuccess: (saved) => {
          form.reset();
          onDone(
            editing
              ? `Établissement « ${saved.name} » modifié.`
              : `Établissement « ${saved.name} » (${saved.uai}) créé.`,
          );
        },
        onError: form.fail,
      },
    );
  };

  const title = editing ? `Modifier ${editing.name}` : 'Ajouter un établissement';
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${form.formId}-titre`}
      className="fr-mb-6w"
    >
      <h2 id={`${form.formId}-titre`} className="fr-h4">
        {title}
      </h2>
      <AdminFormError form={form} />
      {editing ? (
        <p>
          UAI : <strong>{editing.uai}</strong> (l’UAI d’un établissement ne change pas)
        </p>
      ) : (
        <AdminInput
          form={form}
          field="uai"
          label="UAI"
          hint="7 chiffres suivis de la lettre de contrôle, ex. 0750654D."
        />
      )}
      <AdminInput form={form} field="name" label="Nom" />
      <AdminSelect form={form} field="kind" label="Type d’établissement" options={kindOptions} />
      <AdminInput form={form} field="city" label="Commune (facultatif)" />
      <AdminSelect
        form={form}
        field="districtId"
        label="District"
        options={(districts.data?.items ?? []).map((d) => ({
          value: d.id,
          label: `${d.name} (${d.code})`,
        }))}
      />
      <FormButtons
        submitLabel={editing ? 'Enregistrer les modifications' : 'Créer l’établissement'}
        pending={save.isPending}
        onCancel={editing ? onCancel : undefined}
      />
    </form>
  );
}

/** Administration: the académie's establishments (list, create, edit). */
export function EstablishmentsAdmin() {
  const establishments = useAdminEstablishments();
  const districts = useAdminDistricts();
  const [editing, setEditing] = useState<EstablishmentView | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const districtName = new Map((districts.data?.items ?? []).map((d) => [d.id, d.name]));

  return (
    <>
      <title>Établissements — Administration — Jasmin</title>
      <h1>Établissements</h1>
      <div role="status" aria-live="polite">
        {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      </div>
      <ListState query={establishments} what="établissements" />
      {establishments.data?.items.length === 0 && <p>Aucun établissement pour l’instant.</p>}
      {establishments.data && establishments.data.items.length > 0 && (
        <AdminTable
          caption="Établissements de l’académie"
          headers={['UAI', 'Nom', 'Type', 'Commune', 'District', 'Actions']}
        >
          {establishments.data.items.map((e) => (
            <tr key={e.id}>
              <td>{e.uai}</td>
              <td>
                <Link to={`/etablissements/${e.uai}/suivis?onglet=suivi`}>{e.name}</Link>
              </td>
              <td>{establishmentKindLabels[e.kind]}</td>
              <td>{e.city ?? '—'}</td>
              <td>{districtName.get(e.districtId) ?? '—'}</td>
              <td>
                <Button
                  size="small"
                  priority="secondary"
                  onClick={() => {
                    setNotice(undefined);
                    setEditing(e);
                  }}
                  nativeButtonProps={{ 'aria-label': `Modifier ${e.name}` }}
                >
                  Modifier
                </Button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <EstablishmentForm
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
