import { HealthStatus } from '../../features/health/components/health-status';

export function HomePage() {
  return (
    <div className="fr-container fr-my-6w">
      <h1>Jasmin</h1>
      <p className="fr-text--lead">
        Repérage et suivi des jeunes qui ont quitté l’établissement sans diplôme ni solution,
        dans le cadre de l’obligation de formation des 16–18 ans.
      </p>
      <HealthStatus />
    </div>
  );
}
