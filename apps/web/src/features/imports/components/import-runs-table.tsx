import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { importKindLabels } from '@jasmin/shared/imports/schemas';
import { useImportRuns } from '../api/imports';
import { formatDateTime, importStatusLabels, summaryOf } from './labels';

/** The past imports (the API keeps the last 50); « Voir » shows one's report. */
export function ImportRunsTable({ onSelect }: { onSelect: (id: string) => void }) {
  const runs = useImportRuns();
  return (
    <section aria-labelledby="import-runs-title" className="fr-mb-6w">
      <h2 id="import-runs-title">Imports précédents</h2>
      {runs.isPending && <p role="status">Chargement des imports…</p>}
      {runs.isError && (
        <Alert
          severity="error"
          small
          description={`Liste des imports indisponible : ${runs.error.message}`}
        />
      )}
      {runs.data?.items.length === 0 && <p>Aucun import pour l’instant.</p>}
      {runs.data && runs.data.items.length > 0 && (
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">Imports précédents</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Fichier</th>
                <th scope="col">Statut</th>
                <th scope="col">Résultat</th>
                <th scope="col">
                  <span className="fr-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((run) => (
                <tr key={run.id}>
                  <td>{formatDateTime(run.createdAt)}</td>
                  <td>{importKindLabels[run.kind]}</td>
                  <td>{run.fileName}</td>
                  <td>{importStatusLabels[run.status]}</td>
                  <td>
                    {run.status === 'succeeded'
                      ? summaryOf(run.report)
                      : run.status === 'failed'
                        ? (run.error ?? 'Échec')
                        : '—'}
                  </td>
                  <td>
                    <Button priority="tertiary" size="small" onClick={() => onSelect(run.id)}>
                      Voir<span className="fr-sr-only"> le compte rendu de {run.fileName}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
