import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useHealth } from '../api/get-health';

/** Shows whether the API and its database answer. */
export function HealthStatus() {
  const health = useHealth();
  if (health.isPending) {
    return <p role="status">Vérification du service en cours…</p>;
  }
  if (health.isError) {
    return (
      <Alert
        severity="error"
        title="Service injoignable"
        description={health.error.message}
        small={false}
      />
    );
  }
  const ok = health.data.database === 'ok';
  return (
    <div role="status" className="fr-mb-4w">
      <span className="fr-mr-1w">État du service :</span>
      <Badge as="span" severity={ok ? 'success' : 'error'}>
        {ok ? 'Service opérationnel' : 'Base de données indisponible'}
      </Badge>
    </div>
  );
}
