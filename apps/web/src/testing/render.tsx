import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders, createQueryClient } from '../app/providers';
import { routes } from '../app/router';

/** Renders the whole app at a URL, as a user would arrive there. */
export function renderApp(url = '/') {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  return {
    router,
    queryClient,
    ...render(
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>,
    ),
  };
}

/** Where the app is now: path and query string. */
export function currentUrl(router: ReturnType<typeof renderApp>['router']) {
  const { pathname, search } = router.state.location;
  return `${pathname}${search}`;
}

/**
 * The header's quick-access area. DSFR renders it twice (desktop, and the mobile menu that CSS
 * hides); tests look at the desktop one.
 */
export function headerTools(): HTMLElement {
  const tools = document.querySelector<HTMLElement>('.fr-header__tools-links');
  if (!tools) throw new Error('zone d’accès rapide de l’en-tête introuvable');
  return tools;
}
