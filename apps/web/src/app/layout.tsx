import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { Outlet } from 'react-router';

const brandTop = (
  <>
    Ministère
    <br />
    de l’Éducation
    <br />
    nationale
  </>
);

export function Layout() {
  return (
    <>
      <Header
        brandTop={brandTop}
        serviceTitle="Jasmin"
        serviceTagline="Suivi des sortants sans solution"
        homeLinkProps={{ to: '/', title: 'Accueil — Jasmin' }}
      />
      <main id="contenu" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer
        brandTop={brandTop}
        accessibility="non compliant"
        contentDescription="Jasmin aide les établissements à repérer et accompagner les jeunes sortis du système scolaire sans diplôme ni solution."
        homeLinkProps={{ to: '/', title: 'Accueil — Jasmin' }}
      />
    </>
  );
}
