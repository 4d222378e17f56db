import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { roleLabels, type MeResponse } from '@jasmin/shared/auth/schemas';
import { caseTabSchema } from '@jasmin/shared/cases/schemas';
import { useQueryClient } from '@tanstack/react-query';
import {
  Navigate,
  Outlet,
  useLocation,
  useMatch,
  useNavigate,
  useSearchParams,
} from 'react-router';
import { useMe } from '../features/auth/api/get-me';
import { useLogout } from '../features/auth/api/logout';
import { loginPath } from '../features/auth/utils/return-path';
import { EstablishmentSwitcher } from '../features/establishments/components/establishment-switcher';
import { isSessionLost } from '../lib/api-client';
import { Frame, PageLoading } from './layout';

/** What the login page may say on arrival. */
export type LoginPageState = { sessionExpired?: boolean; loggedOut?: boolean } | null;

function SignedInFrame({ me }: { me: MeResponse }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const establishmentMatch = useMatch('/etablissements/:uai/*');
  const [searchParams] = useSearchParams();
  const canSwitch = me.user.role === 'ADMIN' || me.user.role === 'COORDINATOR';

  const leave = async () => {
    const state: LoginPageState = { loggedOut: true };
    // Leave the protected pages first, so nothing asks for the session once it is gone.
    await navigate('/connexion', { replace: true, state });
    queryClient.clear();
  };
  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => void leave(),
      onError: (error) => {
        if (isSessionLost(error)) void leave();
      },
    });

  const quickAccessItems: HeaderProps['quickAccessItems'] = [
    <p className="jasmin-user" key="user">
      <span className="fr-icon-account-circle-line" aria-hidden="true" />
      <span className="jasmin-user__details">
        <strong>{me.user.displayName}</strong>
        <span>
          {roleLabels[me.user.role]} — {me.scope.name}
        </span>
      </span>
    </p>,
    {
      iconId: 'fr-icon-logout-box-r-line',
      text: logout.isPending ? 'Déconnexion…' : 'Se déconnecter',
      buttonProps: { type: 'button', onClick: onLogout, disabled: logout.isPending },
    },
  ];

  const tab = caseTabSchema.safeParse(searchParams.get('onglet')).data ?? 'suivi';
  const banner = (
    <>
      {logout.isError && !isSessionLost(logout.error) && (
        <div className="fr-container fr-mt-2w">
          <Alert
            severity="error"
            small
            description={`La déconnexion a échoué : ${logout.error.message}`}
          />
        </div>
      )}
      {canSwitch && (
        <div className="jasmin-context-bar">
          <div className="fr-container fr-py-2w">
            <EstablishmentSwitcher
              currentUai={establishmentMatch?.params.uai}
              onChange={(uai) => void navigate(`/etablissements/${uai}/suivis?onglet=${tab}`)}
            />
          </div>
        </div>
      )}
    </>
  );

  return (
    <Frame quickAccessItems={quickAccessItems} banner={banner}>
      <Outlet />
    </Frame>
  );
}

/**
 * Every page but the login page needs a session: GET /api/auth/me decides. Without one, the
 * user goes to the login page, which brings them back here once signed in.
 */
export function SessionLayout() {
  const me = useMe();
  const location = useLocation();

  if (me.isError && isSessionLost(me.error)) {
    // A session we had, or a cookie the API no longer knows: it expired. Otherwise a first visit.
    const expired = me.data !== undefined || me.error.code === 'SESSION_EXPIRED';
    const state: LoginPageState = expired ? { sessionExpired: true } : null;
    return (
      <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace state={state} />
    );
  }
  if (me.data) return <SignedInFrame me={me.data} />;
  if (me.isError) {
    return (
      <Frame>
        <div className="fr-container fr-my-6w">
          <title>Service indisponible — Jasmin</title>
          <h1>Service indisponible</h1>
          <Alert
            severity="error"
            title="Impossible de vérifier votre session"
            description={me.error.message}
            small={false}
          />
          <Button className="fr-mt-3w" onClick={() => void me.refetch()}>
            Réessayer
          </Button>
        </div>
      </Frame>
    );
  }
  return (
    <Frame>
      <PageLoading />
    </Frame>
  );
}
