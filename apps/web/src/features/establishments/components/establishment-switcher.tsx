import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEstablishments } from '../api/get-establishments';

/**
 * For coordinators and administrators: which establishment's lists are shown.
 * Heads and referents never see it: they are fixed to their own establishment.
 */
export function EstablishmentSwitcher({
  currentUai,
  onChange,
}: {
  currentUai: string | undefined;
  onChange: (uai: string) => void;
}) {
  const establishments = useEstablishments();
  if (establishments.isError) {
    return (
      <Alert
        severity="error"
        small
        description={`Liste des établissements indisponible : ${establishments.error.message}`}
      />
    );
  }
  const items = establishments.data?.items ?? [];
  const known = items.some((e) => e.uai === currentUai);
  return (
    <Select
      label="Établissement affiché"
      disabled={establishments.isPending}
      nativeSelectProps={{
        value: known ? currentUai : '',
        onChange: (e) => {
          if (e.target.value) onChange(e.target.value);
        },
      }}
    >
      {!known && (
        <option value="" disabled>
          {establishments.isPending
            ? 'Chargement des établissements…'
            : 'Choisissez un établissement'}
        </option>
      )}
      {items.map((e) => (
        <option key={e.id} value={e.uai}>
          {e.name}
          {e.city ? ` — ${e.city}` : ''} ({e.uai})
        </option>
      ))}
    </Select>
  );
}
