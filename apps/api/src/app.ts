import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { checkTransitionTable } from '@jasmin/shared/cases/transitions';
import { setFrenchZodMessages } from '@jasmin/shared/zod-locale';
import type { AppContext } from './app-context';
import { csrfGuard } from './lib/authenticate';
import { errorHandler, notFoundHandler } from './lib/error-handler';
import { buildRouter } from './lib/register-routes';
import { requestId, requestIdOf } from './lib/request-id';
import type { RouteDefinition } from './lib/route-table';
import { docsPageRouter } from './modules/docs/docs.routes';
import { routeTable } from './routes';

const DSFR_COLOR_SCHEME_STYLE_HASHES = [
  "'sha256-HzhUjVBe6Oi2wcxUM7bmy2Rp9VdLMHYDdYr9MalNmOY='", // :root { color-scheme: light; }
  "'sha256-xVQ4mcypV0CvOtZpQgVcKpcoNvdUkR9BrwZBrtBbU+w='", // :root { color-scheme: dark; }
];

/**
 * Builds the Express application. No listening, no process handling: that is server.ts.
 * `routes` defaults to the application's route table (tests may add routes of their own).
 */
export function createApp(ctx: AppContext, routes: readonly RouteDefinition[] = routeTable): Express {
  setFrenchZodMessages();
  const tableProblems = checkTransitionTable();
  if (tableProblems.length) throw new Error(`case transition table is inconsistent: ${tableProblems.join('; ')}`);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use(requestId);
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (_req, res) => requestIdOf(res as unknown as { locals: Record<string, unknown> }),
      // Only the path: query strings may hold searched names.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // react-dsfr writes one <style> with `:root { color-scheme: light|dark; }`: allowed by hash.
          'style-src': ["'self'", ...DSFR_COLOR_SCHEME_STYLE_HASHES],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'base-uri': ["'none'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          'object-src': ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(csrfGuard);
  api.use(express.json({ limit: ctx.env.bodyLimit }));
  api.use(buildRouter(routes, ctx));
  api.use(docsPageRouter(routes)); // GET /api/docs (HTML reference) + /api/docs/docs.css
  api.use(notFoundHandler);
  app.use('/api', api);

  const webDist = ctx.env.webDist;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(
      express.static(webDist, {
        index: false,
        setHeaders: (res, path) => {
          res.setHeader(
            'Cache-Control',
            path.includes(`${join(webDist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      }),
    );
    // Client-side routes: any other GET for a page gets the single-page app.
    app.get(/^\/(?!api\/).*/, (req, res, next) => {
      if (!req.accepts('html')) {
        next();
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(webDist, 'index.html'));
    });
  }

  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
