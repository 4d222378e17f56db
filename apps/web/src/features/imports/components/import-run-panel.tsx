import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { importKindLabels, type ImportRunView } from '@jasmin/shared/imports/schemas';
import { useImportRun } from '../api/imports';
import { formatDateTime, importStatusLabels, percentOf } from './labels';

function ImportProgress({ run }: { run: ImportRunView }) {
  const percent = percentOf(run.progress);
  const label =
    run.status === 'queued'
      ? 'Import en attente de traitement'
      : `Lecture du fichier : ${run.progress.read} sur ${run.progress.total || '?'}`;
  return (
    <div>
      <p id="import-progress-label" className="fr-mb-1w">
        {label}
      </p>
      <div className="jasmin-progress">
        <progress
          max={100}
          value={percent}
          aria-labelledby="import-progress-label"
          aria-valuetext={`${percent} %`}
        />
        <span className="jasmin-progress__value" aria-hidden="true">
          {percent} %
        </span>
      </div>
    </div>
  );
}

function ImportReport({ run }: { run: ImportRunView }) {
  const { created, updated, unchanged, rejected } = run.report;
  return (
    <>
      <Alert
        severity={rejected.length > 0 ? 'warning' : 'success'}
        small
        description={
          rejected.length > 0
            ? `Import terminé : ${rejected.length} ligne${rejected.length > 1 ? 's' : ''} rejetée${rejected.length > 1 ? 's' : ''}.`
            : 'Import terminé sans rejet.'
        }
      />
      <ul className="fr-mt-2w" aria-label="Compte rendu">
        <li>
          Créés : <strong>{created}</strong>
        </li>
        <li>
          Mis à jour : <strong>{updated}</strong>
        </li>
        <li>
          Inchangés : <strong>{unchanged}</strong>
        </li>
        <li>
          Rejetés : <strong>{rejected.length}</strong>
        </li>
      </ul>
      {rejected.length > 0 && (
        <div
          className="jasmin-scroll fr-table"
          role="region"
          aria-label="Lignes rejetées"
          tabIndex={0}
        >
          <table>
            <caption>Lignes rejetées</caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Motif</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((r, i) => (
                <tr key={`${r.ref}-${i}`}>
                  <td>{r.ref}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** One import: its progress while it runs, then its report or its error. */
export function ImportRunPanel({ id }: { id: string }) {
  const run = useImportRun(id);
  if (run.isPending) return <p role="status">Chargement de l’import…</p>;
  if (run.isError) {
    return (
      <Alert
        severity="error"
        small
        description={`Avancement de l’import indisponible : ${run.error.message}`}
      />
    );
  }
  const data = run.data;
  return (
    <section aria-labelledby="import-run-title" className="fr-mb-6w">
      <h2 id="import-run-title">
        {importKindLabels[data.kind]} — {data.fileName}
      </h2>
      <p className="fr-text--sm">
        Déposé le {formatDateTime(data.createdAt)} · {importStatusLabels[data.status]}
      </p>
      <div role="status" aria-live="polite">
        {(data.status === 'queued' || data.status === 'running') && <ImportProgress run={data} />}
        {data.status === 'failed' && (
          <Alert
            severity="error"
            title="L’import a échoué"
            description={data.error ?? 'Le fichier n’a pas pu être traité.'}
            small={false}
          />
        )}
      </div>
      {data.status === 'succeeded' && <ImportReport run={data} />}
    </section>
  );
}
