import { Link, useParams } from 'react-router';

/** `/suivis/:id`: the pupil's file. A placeholder until the file is built. */
export function CasePage() {
  const { id = '' } = useParams();
  return (
    <div className="fr-container fr-my-6w">
      <title>Fiche de l'élève — Jasmin</title>
      <h1>Fiche de l'élève</h1>
      <p className="fr-text--lead">Suivi n° {id}</p>
      <p>Cette page est en cours de construction.</p>
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/">
        Retour aux listes
      </Link>
    </div>
  );
}
