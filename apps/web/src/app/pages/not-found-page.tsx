import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="fr-container fr-my-6w">
      <h1>Page introuvable</h1>
      <p className="fr-text--lead">La page que vous cherchez n’existe pas ou vous n’y avez pas accès.</p>
      <Link className="fr-btn" to="/">
        Retour à l’accueil
      </Link>
    </div>
  );
}
