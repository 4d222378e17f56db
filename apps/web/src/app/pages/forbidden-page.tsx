import { Link } from 'react-router';

/** A screen the signed-in role may not use (the API would answer 403). */
export function ForbiddenPage() {
  return (
    <div className="fr-container fr-my-6w">
      <title>Accès réservé — Jasmin</title>
      <h1>Accès réservé</h1>
      <p className="fr-text--lead">Votre rôle ne permet pas d’utiliser cette page.</p>
      <Link className="fr-btn" to="/">
        Retour à l’accueil
      </Link>
    </div>
  );
}
