import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Suspense, useEffect, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router';
import './app.css';

const brandTop = (
  <>
    Ministère
    <br />
    de l’Éducation
    <br />
    nationale
  </>
);

const homeLinkProps = { to: '/', title: 'Accueil — Jasmin' };

export function PageLoading() {
  return (
    <p role="status" className="fr-container fr-my-6w">
      Chargement…
    </p>
  );
}

let firstPageShown = false;

/**
 * Moves focus to the main content when the page (not just its query string) changes, so a
 * screen reader starts reading the new page and keyboard users do not stay in the header.
 * The very first page of a visit keeps the browser's own focus.
 */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (!firstPageShown) {
      firstPageShown = true;
      return;
    }
    document.getElementById('contenu')?.focus();
  }, [pathname]);
}

/** The DSFR frame of every page: skip links, header, main content, footer. */
export function Frame({
  quickAccessItems,
  banner,
  children,
}: {
  quickAccessItems?: HeaderProps['quickAccessItems'];
  banner?: ReactNode;
  children: ReactNode;
}) {
  useFocusMainOnNavigation();
  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: '#contenu' },
          { label: 'Pied de page', anchor: '#pied-de-page' },
        ]}
      />
      <Header
        brandTop={brandTop}
        serviceTitle="Jasmin"
        serviceTagline="Suivi des sortants sans solution"
        homeLinkProps={homeLinkProps}
        quickAccessItems={quickAccessItems}
      />
      <main id="contenu" tabIndex={-1} className="jasmin-main">
        {banner}
        <Suspense fallback={<PageLoading />}>{children}</Suspense>
      </main>
      <Footer
        id="pied-de-page"
        brandTop={brandTop}
        accessibility="non compliant"
        contentDescription="Jasmin aide les établissements à repérer et accompagner les jeunes sortis du système scolaire sans diplôme ni solution."
        homeLinkProps={homeLinkProps}
      />
    </>
  );
}

/** Pages open to everyone (login, not found): no call to the session. */
export function PublicLayout() {
  return (
    <Frame>
      <Outlet />
    </Frame>
  );
}
