import { useState } from 'react';
import { ImportForm } from './import-form';
import { ImportRunPanel } from './import-run-panel';
import { ImportRunsTable } from './import-runs-table';
import { MatchReviews } from './match-reviews';
import './imports.css';

/** `/imports`: send a registry export, follow it, read its report; past runs; matches to check. */
export function ImportsScreen({ isAdmin }: { isAdmin: boolean }) {
  const [runId, setRunId] = useState<string | undefined>(undefined);
  return (
    <div className="fr-container fr-my-6w">
      <title>Imports — Jasmin</title>
      <h1>Imports</h1>
      <p className="fr-text--lead">
        Importez les exports SIECLE de l’établissement
        {isAdmin ? ', les résultats d’examens et les inscriptions en formation' : ''}.
      </p>
      <ImportForm isAdmin={isAdmin} onStarted={setRunId} />
      {runId && <ImportRunPanel key={runId} id={runId} />}
      <ImportRunsTable onSelect={setRunId} />
      <MatchReviews />
    </div>
  );
}
