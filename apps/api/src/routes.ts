import type { RouteDefinition } from './lib/route-table';
import { authRoutes } from './modules/auth/auth.routes';
import { caseRoutes } from './modules/cases/cases.routes';
import { establishmentRoutes } from './modules/establishments/establishments.routes';
import { docsRoutes, documentRoutes } from './modules/docs/docs.routes';
import { healthRoutes } from './modules/health/health.routes';
import { pdfRoutes } from './modules/pdf/pdf.routes';
import { importRoutes } from './modules/imports/imports.routes';
import { overviewRoutes } from './modules/overview/overview.routes';
import { tokenRoutes } from './modules/tokens/tokens.routes';
import { userRoutes } from './modules/users/users.routes';

/** The route table: every API route, declared once. It registers Express routes and drives tests and docs. */
export const routeTable: readonly RouteDefinition[] = [
  ...healthRoutes,
  ...authRoutes,
  ...establishmentRoutes,
  ...overviewRoutes,
  ...userRoutes,
  ...tokenRoutes,
  // Before caseRoutes: `/cases/fiches-entretien.pdf` would otherwise match `/cases/:id`.
  ...pdfRoutes,
  ...caseRoutes,
  ...importRoutes,
  ...docsRoutes,
];
documentRoutes(routeTable);
