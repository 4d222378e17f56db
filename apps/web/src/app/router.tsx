import { lazy } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { PublicLayout } from './layout';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { SessionLayout } from './session-layout';

// Pages are loaded when first shown: the first screen only downloads what it needs.
const LoginPage = lazy(() => import('./pages/login-page').then((m) => ({ default: m.LoginPage })));
const EstablishmentCasesPage = lazy(() =>
  import('./pages/establishment-cases-page').then((m) => ({ default: m.EstablishmentCasesPage })),
);
const ImportsPage = lazy(() =>
  import('./pages/imports-page').then((m) => ({ default: m.ImportsPage })),
);
const ReperagePage = lazy(() =>
  import('./pages/reperage-page').then((m) => ({ default: m.ReperagePage })),
);
const CoordinationPage = lazy(() =>
  import('./pages/coordination-page').then((m) => ({ default: m.CoordinationPage })),
);
const CasePage = lazy(() => import('./pages/case-page').then((m) => ({ default: m.CasePage })));
const DistrictOverviewPage = lazy(() =>
  import('./pages/district-overview-page').then((m) => ({ default: m.DistrictOverviewPage })),
);
const AdminLayout = lazy(() => import('./admin-layout').then((m) => ({ default: m.AdminLayout })));
const EstablishmentsAdmin = lazy(() =>
  import('../features/admin/components/establishments-admin').then((m) => ({
    default: m.EstablishmentsAdmin,
  })),
);
const DistrictsAdmin = lazy(() =>
  import('../features/admin/components/districts-admin').then((m) => ({
    default: m.DistrictsAdmin,
  })),
);
const UsersAdmin = lazy(() =>
  import('../features/admin/components/users-admin').then((m) => ({ default: m.UsersAdmin })),
);
const TokensAdmin = lazy(() =>
  import('../features/admin/components/tokens-admin').then((m) => ({ default: m.TokensAdmin })),
);

export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { path: 'connexion', element: <LoginPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    element: <SessionLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'etablissements/:uai', element: <Navigate to="suivis?onglet=suivi" replace /> },
      { path: 'etablissements/:uai/suivis', element: <EstablishmentCasesPage /> },
      { path: 'etablissements/:uai/reperage', element: <ReperagePage /> },
      { path: 'suivis/:id', element: <CasePage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'coordination', element: <CoordinationPage /> },
      { path: 'district', element: <DistrictOverviewPage /> },
      {
        path: 'administration',
        element: <AdminLayout />,
        children: [
          { index: true, element: <Navigate to="etablissements" replace /> },
          { path: 'etablissements', element: <EstablishmentsAdmin /> },
          { path: 'districts', element: <DistrictsAdmin /> },
          { path: 'utilisateurs', element: <UsersAdmin /> },
          { path: 'jetons', element: <TokensAdmin /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
