import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './layout';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
