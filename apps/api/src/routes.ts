import type { RouteDefinition } from './lib/route-table';
import { healthRoutes } from './modules/health/health.routes';

/** The route table: every API route, declared once. It registers Express routes and drives tests and docs. */
export const routeTable: readonly RouteDefinition[] = [...healthRoutes];
