import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Navigate } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { useEstablishments } from '../../features/establishments/api/get-establishments';
import { PageLoading } from '../layout';

/**
 * The home page is the establishment's « Suivi des élèves » tab: a head's or a referent's own
 * establishment, the first of their scope for coordinators and administrators.
 */
export function HomePage() {
  const { data: me } = useMe();
  const fixedUai = me?.scope.kind === 'establishment' ? me.scope.uai : undefined;
  const establishments = useEstablishments({ enabled: me !== undefined && fixedUai === undefined });
  const target = fixedUai ?? establishments.data?.items[0]?.uai;

  if (target) return <Navigate to={`/etablissements/${target}/suivis?onglet=suivi`} replace />;
  if (!me || establishments.isPending) return <PageLoading />;
  return (
    <div className="fr-container fr-my-6w">
      <title>Accueil — Jasmin</title>
      <h1>Aucun établissement à afficher</h1>
      {establishments.isError ? (
        <Alert
          severity="error"
          title="Liste des établissements indisponible"
          description={establishments.error.message}
          small={false}
        />
      ) : (
        <p className="fr-text--lead">
          Votre périmètre ({me.scope.name}) ne compte encore aucun établissement. L’administration
          académique peut les ajouter.
        </p>
      )}
    </div>
  );
}
