import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { importKindLabels, importKinds, type ImportKind } from '@jasmin/shared/imports/schemas';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useStartImport } from '../api/imports';

/** Académie-wide sources: only an administrator imports them. */
const ADMIN_ONLY_KINDS: readonly ImportKind[] = ['exam-results', 'training-enrolments'];
const ACCEPTED_EXTENSIONS = ['.xml', '.zip', '.csv'];

function errorMessageOf(error: Error): string {
  if (error instanceof ApiError && error.status === 413 && error.code !== 'PAYLOAD_TOO_LARGE') {
    return 'Le fichier est trop volumineux.';
  }
  return error.message;
}

/** Choose the kind and the file, then send it; `onStarted` receives the new import's id. */
export function ImportForm({
  isAdmin,
  onStarted,
}: {
  isAdmin: boolean;
  onStarted: (id: string) => void;
}) {
  const kinds = importKinds.filter((k) => isAdmin || !ADMIN_ONLY_KINDS.includes(k));
  const [kind, setKind] = useState<ImportKind | undefined>(undefined);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [localErrors, setLocalErrors] = useState<{ kind?: string; file?: string }>({});
  const start = useStartImport();

  const serverFieldErrors = start.error instanceof ApiError ? start.error.fieldErrors : undefined;
  const kindError = localErrors.kind ?? serverFieldErrors?.kind?.join(' ');
  const fileError = localErrors.file ?? serverFieldErrors?.file?.join(' ');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: { kind?: string; file?: string } = {};
    if (!kind) errors.kind = 'Choisissez le type de fichier.';
    if (!file) errors.file = 'Choisissez un fichier.';
    else if (!ACCEPTED_EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      errors.file = 'Formats acceptés : .xml, .zip ou .csv.';
    }
    setLocalErrors(errors);
    if (!kind || !file || errors.file) return;
    start.mutate({ kind, file }, { onSuccess: ({ id }) => onStarted(id) });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Nouvel import" className="fr-mb-6w">
      <RadioButtons
        legend="Type de fichier"
        name="kind"
        state={kindError ? 'error' : 'default'}
        stateRelatedMessage={kindError}
        options={kinds.map((k) => ({
          label: importKindLabels[k],
          nativeInputProps: {
            value: k,
            checked: kind === k,
            onChange: () => setKind(k),
          },
        }))}
      />
      <Upload
        label="Fichier"
        hint="Export SIECLE (.xml ou .zip) ou fichier CSV."
        state={fileError ? 'error' : 'default'}
        stateRelatedMessage={fileError}
        nativeInputProps={{
          name: 'file',
          accept: ACCEPTED_EXTENSIONS.join(','),
          onChange: (e) => setFile(e.target.files?.[0]),
        }}
      />
      {start.isError && !serverFieldErrors && (
        <Alert
          className="fr-mt-3w"
          severity="error"
          small
          title="Import refusé"
          description={errorMessageOf(start.error)}
        />
      )}
      {start.isError && serverFieldErrors && (
        <Alert className="fr-mt-3w" severity="error" small description={start.error.message} />
      )}
      <Button className="fr-mt-3w" type="submit" disabled={start.isPending}>
        {start.isPending ? 'Envoi en cours…' : 'Importer'}
      </Button>
    </form>
  );
}
