import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useMe } from '../features/auth/api/get-me';
import { PageLoading } from './layout';
import { ForbiddenPage } from './pages/forbidden-page';

export const adminSections = [
  { path: '/administration/etablissements', text: 'Établissements' },
  { path: '/administration/districts', text: 'Districts' },
  { path: '/administration/utilisateurs', text: 'Utilisateurs' },
  { path: '/administration/jetons', text: 'Jetons d’API' },
] as const;

/** `/administration/*`: administrators only; a side menu between the four screens. */
export function AdminLayout() {
  const me = useMe();
  const { pathname } = useLocation();
  if (!me.data) return null;
  if (me.data.user.role !== 'ADMIN') return <ForbiddenPage />;
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <SideMenu
            align="left"
            title="Administration"
            burgerMenuButtonText="Administration"
            items={adminSections.map((s) => ({
              text: s.text,
              linkProps: { to: s.path },
              isActive: pathname === s.path,
            }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-9">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </div>
      </div>
    </div>
  );
}
