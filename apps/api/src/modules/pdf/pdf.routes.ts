import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  caseIdParamsSchema,
  caseTabSchema,
  listCasesQuerySchema,
} from '@jasmin/shared/cases/schemas';
import { z } from 'zod';
import { defineRoute, type HandlerContext } from '../../lib/route-table';
import { authed } from '../../lib/service-deps';
import { ficheEntretienPdf, planFichesBatch } from './pdf.service';

// The « Fiche entretien » as PDF. These routes live in the route table (policy, parsing,
// OpenAPI, authorization matrix) but answer a file, not JSON: they declare
// `response.contentType`, so lib/register-routes.ts leaves the answer to the handler, which
// writes it to ctx.res itself and returns undefined.

// Everyone on staff who reads cases in their scope (as GET /cases/:id). No reporting tokens:
// these documents carry minors' contact details.
const READERS = { kind: 'roles', roles: ['ADMIN', 'COORDINATOR', 'HEAD', 'REFERENT'] } as const;
const ERRORS = [
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_TOKEN',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'NOT_FOUND',
] as const;

/** `?filled=1` (or `true`): the filled record instead of the blank fiche. */
const filledFlag = z
  .enum(['0', '1', 'true', 'false'], 'Valeur attendue : 1 ou 0.')
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const ficheQuerySchema = z.object({ filled: filledFlag });

/** The batch: a tab of an establishment, with the filters of the list (no paging). */
export const batchQuerySchema = listCasesQuerySchema
  .omit({ cursor: true, limit: true, tab: true })
  .extend({ tab: caseTabSchema, filled: filledFlag });

/** The PDF's headers: a download, never cached, never sniffed. */
function pdfHeaders(ctx: HandlerContext, disposition: string, length?: number): void {
  const { res } = ctx;
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', disposition);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (length !== undefined) res.setHeader('Content-Length', String(length));
}

export const pdfRoutes = [
  defineRoute({
    operationId: 'getFicheEntretienPdf',
    method: 'get',
    path: '/cases/:id/fiche-entretien.pdf',
    summary:
      "La « fiche entretien » de l'élève en PDF, à remplir à la main (ou, avec filled=1, le dossier rempli) — impression tracée",
    tags: ['Suivis'],
    policy: READERS,
    request: { params: caseIdParamsSchema, query: ficheQuerySchema },
    response: {
      status: 200,
      schema: z.undefined(),
      contentType: 'application/pdf',
      description:
        'Le document PDF (application/pdf, A4), en pièce jointe : coordonnées SIECLE de l’élève et de ses responsables légaux, puis les six rubriques de l’entretien.',
    },
    errors: [...ERRORS],
    async handler({ params, query }, ctx) {
      const file = await ficheEntretienPdf(ctx.deps, authed(ctx.meta), params.id, {
        filled: query.filled,
      });
      pdfHeaders(ctx, file.disposition, file.bytes.length);
      ctx.res.end(file.bytes);
      return undefined;
    },
  }),
  defineRoute({
    operationId: 'getFichesEntretienPdf',
    method: 'get',
    // Declared before GET /cases/:id in the route table, or `:id` would catch this path.
    path: '/cases/fiches-entretien.pdf',
    summary:
      "Les « fiches entretien » de toute une liste (un onglet d'un établissement) dans un seul PDF, envoyé au fil du rendu — impression tracée",
    tags: ['Suivis'],
    policy: READERS,
    request: { query: batchQuerySchema },
    response: {
      status: 200,
      schema: z.undefined(),
      contentType: 'application/pdf',
      description:
        'Le document PDF (application/pdf), une fiche par élève de la liste, dans l’ordre de la liste ; un signet par élève.',
    },
    errors: [...ERRORS],
    async handler({ query }, ctx) {
      const plan = await planFichesBatch(ctx.deps, authed(ctx.meta), query);
      await sendStream(ctx, plan.stream(), plan.disposition);
      return undefined;
    },
  }),
];

/**
 * Sends a PDF produced as it is read. The header and the first part are produced before any
 * byte is sent, so that an early failure still answers a proper JSON error; after that, a
 * failure can only cut the download short (the file then has no end and no viewer opens it),
 * and is logged.
 */
async function sendStream(
  ctx: HandlerContext,
  source: AsyncGenerator<Buffer>,
  disposition: string,
): Promise<void> {
  const primed: Buffer[] = [];
  for (let i = 0; i < 2; i += 1) {
    const next = await source.next();
    if (next.done) break;
    primed.push(next.value);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* primed;
    yield* source;
  }
  pdfHeaders(ctx, disposition);
  try {
    await pipeline(Readable.from(rest(), { objectMode: false }), ctx.res);
  } catch (error) {
    const aborted =
      ctx.req.destroyed || (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
    ctx.app.logger[aborted ? 'info' : 'error'](
      {
        requestId: ctx.requestId,
        err: aborted
          ? undefined
          : { name: (error as Error).name, message: (error as Error).message },
      },
      aborted
        ? 'pdf batch: download interrupted by the client'
        : 'pdf batch failed while streaming',
    );
    ctx.res.destroy();
  }
}
