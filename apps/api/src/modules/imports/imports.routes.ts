import { idParamsSchema } from '@jasmin/shared/establishments/schemas';
import {
  decideReviewSchema,
  importAcceptedSchema,
  importKindSchema,
  importRunListSchema,
  importRunSchema,
  matchReviewListSchema,
  matchReviewSchema,
} from '@jasmin/shared/imports/schemas';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { fieldErrorsOf } from '../../lib/error-handler';
import { defineRoute } from '../../lib/route-table';
import { authed } from '../../lib/service-deps';
import * as service from './imports.service';
import { warmStagePool } from './stage/stage-pool';
import { receiveUpload } from './upload';

const IMPORTERS = { kind: 'roles', roles: ['ADMIN', 'HEAD', 'REFERENT'] } as const;
const BASE = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'INVALID_TOKEN', 'FORBIDDEN'] as const;

export const importRoutes = [
  defineRoute({
    operationId: 'startImport',
    method: 'post',
    path: '/imports',
    summary: 'Importer un fichier (multipart : « kind » puis « file ») ; le traitement suit en arrière-plan',
    tags: ['Imports'],
    policy: IMPORTERS,
    response: { status: 202, schema: importAcceptedSchema, description: "Import accepté : suivre son avancement sur GET /imports/{id}." },
    errors: [...BASE, 'READ_ONLY_TOKEN', 'CSRF_REJECTED', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
    async handler(_input, ctx) {
      void warmStagePool(); // parsing will start as soon as the file is in
      const upload = await receiveUpload(ctx.req, { dir: join(ctx.app.env.dataDir, 'uploads'), limitBytes: ctx.app.env.uploadLimitBytes });
      const kind = importKindSchema.safeParse(upload.fields.kind);
      if (!kind.success) {
        rmSync(upload.path, { force: true });
        throw new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsOf(kind.error, 'kind') });
      }
      return service.startImport(ctx.deps, ctx.app.imports, authed(ctx.meta), { ...upload, kind: kind.data });
    },
  }),
  defineRoute({
    operationId: 'listImports',
    method: 'get',
    path: '/imports',
    summary: 'Les imports passés (les 50 derniers)',
    tags: ['Imports'],
    policy: IMPORTERS,
    response: { status: 200, schema: importRunListSchema, description: 'Imports.' },
    errors: [...BASE],
    handler: (_input, ctx) => service.listImportRuns(ctx.deps, ctx.app.imports, authed(ctx.meta)),
  }),
  defineRoute({
    operationId: 'getImport',
    method: 'get',
    path: '/imports/:id',
    summary: "Avancement et compte rendu d'un import",
    tags: ['Imports'],
    policy: IMPORTERS,
    request: { params: idParamsSchema },
    response: { status: 200, schema: importRunSchema, description: "L'import." },
    errors: [...BASE, 'NOT_FOUND', 'VALIDATION_FAILED'],
    handler: ({ params }, ctx) => service.getImportRun(ctx.deps, ctx.app.imports, authed(ctx.meta), params.id),
  }),
  defineRoute({
    operationId: 'listMatchReviews',
    method: 'get',
    path: '/match-reviews',
    summary: 'Les correspondances ambiguës à trancher (jamais fusionnées sans décision)',
    tags: ['Imports'],
    policy: IMPORTERS,
    request: { query: z.object({ status: z.enum(['OPEN', 'MERGED', 'DISTINCT']).optional() }) },
    response: { status: 200, schema: matchReviewListSchema, description: 'Correspondances.' },
    errors: [...BASE, 'VALIDATION_FAILED'],
    handler: ({ query }, ctx) => service.listReviews(ctx.deps, authed(ctx.meta), query),
  }),
  defineRoute({
    operationId: 'decideMatchReview',
    method: 'post',
    path: '/match-reviews/:id/decide',
    summary: 'Trancher une correspondance : même personne ou personnes différentes',
    tags: ['Imports'],
    policy: IMPORTERS,
    request: { params: idParamsSchema, body: decideReviewSchema },
    response: { status: 200, schema: matchReviewSchema.nullable(), description: 'Correspondance tranchée.' },
    errors: [...BASE, 'READ_ONLY_TOKEN', 'CSRF_REJECTED', 'VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'],
    handler: ({ params, body }, ctx) =>
      service.decideReview(ctx.deps, authed(ctx.meta), params.id, body.decision, ctx.app.env.censusDate ? new Date(`${ctx.app.env.censusDate}T00:00:00Z`) : ctx.app.now()),
  }),
];
