import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/components/login-form';
import { safeReturnPath } from '../../features/auth/utils/return-path';
import { HealthStatus } from '../../features/health/components/health-status';
import type { LoginPageState } from '../session-layout';

/** `/connexion?retour=/chemin`: signs in, then goes back where the user was. */
export function LoginPage() {
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as LoginPageState;
  const returnTo = safeReturnPath(searchParams.get('retour'));

  return (
    <div className="fr-container fr-my-6w">
      <title>Connexion — Jasmin</title>
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion à Jasmin</h1>
          {state?.sessionExpired && (
            <Alert
              className="fr-mb-4w"
              severity="info"
              as="h2"
              title="Votre session a expiré"
              description="Reconnectez-vous pour reprendre là où vous en étiez."
              small={false}
            />
          )}
          {state?.loggedOut && (
            <Alert
              className="fr-mb-4w"
              severity="success"
              as="h2"
              title="Vous êtes déconnecté"
              description="À bientôt sur Jasmin."
              small={false}
            />
          )}
          <LoginForm onSuccess={() => void navigate(returnTo, { replace: true })} />
          <hr className="fr-mt-6w fr-pb-3w" />
          <HealthStatus />
        </div>
      </div>
    </div>
  );
}
