import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useLocation, useMatch } from 'react-router';
import { meQueryOptions } from '../features/auth/api/get-me';
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

/**
 * The header's links to the screens the signed-in role may use. It only reads the session
 * already known (never asks the API), so public pages and loading states show none.
 */
function useMainNavigation(enabled: boolean): HeaderProps['navigation'] {
  const { data: me } = useQuery({ ...meQueryOptions(), enabled: false });
  const { pathname } = useLocation();
  const establishmentUai = useMatch('/etablissements/:uai/*')?.params.uai;
  if (!enabled || !me) return undefined;
  const role = me.user.role;
  const uai = me.scope.kind === 'establishment' ? me.scope.uai : establishmentUai;
  const items: NonNullable<Extract<HeaderProps['navigation'], unknown[]>> = [];
  if (role === 'ADMIN' || role === 'HEAD' || role === 'REFERENT') {
    if (uai) {
      const to = `/etablissements/${uai}/reperage`;
      items.push({ text: 'Signaler un élève', linkProps: { to }, isActive: pathname === to });
    }
    items.push({
      text: 'Imports',
      linkProps: { to: '/imports' },
      isActive: pathname === '/imports',
    });
  }
  if (role === 'ADMIN' || role === 'COORDINATOR') {
    items.push({
      text: 'Coordination',
      linkProps: { to: '/coordination' },
      isActive: pathname === '/coordination',
    });
    items.push({
      text: 'Vue du district',
      linkProps: { to: '/district' },
      isActive: pathname === '/district',
    });
  }
  if (role === 'ADMIN') {
    items.push({
      text: 'Administration',
      linkProps: { to: '/administration/etablissements' },
      isActive: pathname.startsWith('/administration'),
    });
  }
  return items.length > 0 ? items : undefined;
}

/** The DSFR frame of every page: skip links, header, main content, footer. */
export function Frame({
  quickAccessItems,
  banner,
  withNavigation = true,
  children,
}: {
  quickAccessItems?: HeaderProps['quickAccessItems'];
  banner?: ReactNode;
  withNavigation?: boolean;
  children: ReactNode;
}) {
  useFocusMainOnNavigation();
  const navigation = useMainNavigation(withNavigation);
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
        navigation={navigation}
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
    <Frame withNavigation={false}>
      <Outlet />
    </Frame>
  );
}
