import { lazy, Suspense, useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { canChangeCases } from '@jasmin/shared/cases/permissions';
import { useMe } from '../../features/auth/api/get-me';
import { useCase } from '../../features/case-file/api/get-case';
import { LoadErrorAlert } from '../../components/load-error-alert';
import { ApiError } from '../../lib/api-client';

// The file's forms are the heavy part: fetched while the case loads, not before the page shows.
const loadCaseFile = () => import('../../features/case-file/components/case-file');
const CaseFile = lazy(() => loadCaseFile().then((m) => ({ default: m.CaseFile })));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function CaseNotFound() {
  return (
    <div className="fr-container fr-my-6w">
      <title>Suivi introuvable — Jasmin</title>
      <h1>Suivi introuvable</h1>
      <p className="fr-text--lead">
        Ce suivi n’existe pas ou ne fait pas partie de votre périmètre.
      </p>
      <Link className="fr-btn" to="/">
        Retour aux listes
      </Link>
    </div>
  );
}

function CaseLoading({ id }: { id: string }) {
  return (
    <div className="fr-container fr-my-6w">
      <title>Fiche de l'élève — Jasmin</title>
      <h1>Fiche de l'élève</h1>
      <p className="fr-text--sm">Suivi n° {id}</p>
      <p role="status">Chargement de la fiche…</p>
    </div>
  );
}

/** `/suivis/:id`: the pupil's file. */
export function CasePage() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const query = useCase(id, { enabled: valid });
  // The session layout has already loaded the person: the forms follow the API's write policy.
  const me = useMe();
  const canChange = me.data ? canChangeCases(me.data.user.role) : false;
  useEffect(() => {
    if (valid) void loadCaseFile();
  }, [valid]);

  if (!valid || (query.error instanceof ApiError && query.error.code === 'NOT_FOUND')) {
    return <CaseNotFound />;
  }
  if (query.data) {
    return (
      <Suspense fallback={<CaseLoading id={id} />}>
        <CaseFile
          key={query.data.id}
          detail={query.data}
          refreshing={query.isFetching}
          canChange={canChange}
        />
      </Suspense>
    );
  }
  if (query.isError) {
    return (
      <div className="fr-container fr-my-6w">
        <title>Fiche de l’élève — Jasmin</title>
        <h1>Fiche de l’élève</h1>
        <LoadErrorAlert
          as="h2"
          title="Impossible d’afficher la fiche"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </div>
    );
  }
  return <CaseLoading id={id} />;
}
