import { caseTabLabels, type ListCasesQuery } from '@jasmin/shared/cases/schemas';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import { establishmentScope } from '../../lib/scope';
import type { AuthedMeta, ServiceDeps } from '../../lib/service-deps';
import { listCases } from '../cases/cases.service';
import { FICHE_TITLE, FILLED_TITLE, pupilLabel } from './fiche-entretien';
import { ficheInclude, toFicheData } from './fiche-model';
import { BATCH_CHUNK, orderedParts, renderSplitting } from './batch-parts';
import { concatPdfs, type PdfPart } from './pdf-concat';
import { attachmentDisposition, parisIsoDay } from './pdf-text';
import { isOutOfMemory, POOL_SIZE, renderFiches } from './render-pool';

/** Most fiches one batch prints (a whole establishment's tab fits; more is a mistake). */
export const BATCH_MAX = 2000;

export interface PdfFile {
  /** `Content-Disposition` value: attachment, ASCII `filename` and UTF-8 `filename*`. */
  disposition: string;
  fileName: string;
  title: string;
}

async function printedByName(deps: ServiceDeps, meta: AuthedMeta): Promise<string> {
  if (meta.actor.kind !== 'user') return 'Jasmin';
  const user = await deps.db.prisma.user.findUnique({
    where: { id: meta.actor.userId },
    select: { displayName: true },
  });
  return user?.displayName ?? '';
}

/**
 * One fiche, blank (to fill by hand) or filled with the record. The case is read in the actor's
 * scope (out of scope: 404) and the disclosure audited, in one transaction; then rendered.
 */
export async function ficheEntretienPdf(
  deps: ServiceDeps,
  meta: AuthedMeta,
  caseId: string,
  options: { filled: boolean },
): Promise<PdfFile & { bytes: Buffer }> {
  const printedBy = await printedByName(deps, meta);
  const printedAt = deps.now();
  const { fiche, names } = await deps.db.prisma.$transaction(async (tx) => {
    const row = await tx.case.findFirst({
      where: { id: caseId, establishment: establishmentScope(meta.actor) },
      include: ficheInclude(options.filled),
    });
    if (!row) throw new AppError('NOT_FOUND', { message: 'Suivi introuvable.' });
    await writeAudit(tx, meta, {
      action: 'case.pdf',
      targetType: 'case',
      targetId: caseId,
      details: { filled: options.filled },
    });
    // The file name keeps the real name (in `filename*`); the document prints the printable one.
    const p = row.pupil;
    return {
      fiche: toFicheData(row, { printedAt, printedBy, filled: options.filled }),
      names: [(p.usageName || p.familyName).toUpperCase(), p.firstName],
    };
  });
  const kind = options.filled ? FILLED_TITLE : FICHE_TITLE;
  const title = `${kind} - ${pupilLabel(fiche)}`;
  const file = attachmentDisposition([
    options.filled ? 'dossier-suivi' : 'fiche-entretien',
    ...names,
    parisIsoDay(printedAt),
  ]);
  const bytes = await renderFiches([fiche], title);
  return { bytes, disposition: file.header, fileName: file.asciiName, title };
}

export type BatchQuery = Omit<ListCasesQuery, 'cursor' | 'limit'> & { filled: boolean };

export interface BatchPlan extends PdfFile {
  caseIds: string[];
  /** The PDF, produced as it is read: pull it with backpressure (see pdf-concat.ts). */
  stream(): AsyncGenerator<Buffer>;
}

/**
 * A fiche per pupil of a tab (same list, filters and order as on screen). The list is read
 * first; then, in one transaction, the cases are checked in scope again and the disclosure
 * audited (one row naming every case). The PDF itself is rendered part by part while it is
 * sent: BATCH_CHUNK fiches per React-PDF document, concatenated on the fly.
 */
export async function planFichesBatch(
  deps: ServiceDeps,
  meta: AuthedMeta,
  query: BatchQuery,
): Promise<BatchPlan> {
  const { filled, ...listQuery } = query;
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCases(deps, meta, {
      ...listQuery,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    listed.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
    if (listed.length > BATCH_MAX) {
      throw new AppError('VALIDATION_FAILED', {
        message: `Plus de ${BATCH_MAX} fiches à imprimer : filtrez la liste (classe, recherche).`,
        fieldErrors: {
          'query.tab': [`Plus de ${BATCH_MAX} fiches : filtrez par classe ou par recherche.`],
        },
      });
    }
  } while (cursor);
  if (listed.length === 0)
    throw new AppError('NOT_FOUND', { message: 'Aucun suivi à imprimer dans cette liste.' });

  const printedBy = await printedByName(deps, meta);
  const printedAt = deps.now();
  const caseIds = await deps.db.prisma.$transaction(async (tx) => {
    const rows = await tx.case.findMany({
      where: { id: { in: listed }, establishment: establishmentScope(meta.actor) },
      select: { id: true, establishmentId: true },
    });
    const inScope = new Set(rows.map((r) => r.id));
    const establishmentId = rows[0]?.establishmentId;
    const ids = listed.filter((id) => inScope.has(id));
    if (ids.length === 0)
      throw new AppError('NOT_FOUND', { message: 'Aucun suivi à imprimer dans cette liste.' });
    await writeAudit(tx, meta, {
      action: 'cases.pdf_batch',
      targetType: 'establishment',
      targetId: establishmentId,
      details: {
        uai: query.establishment,
        tab: query.tab,
        filters: {
          q: query.q ?? null,
          class: query.class ?? null,
          status: query.status ?? null,
          source: query.source ?? null,
        },
        filled,
        count: ids.length,
        caseIds: ids,
      },
    });
    return ids;
  });

  const tabLabel = caseTabLabels[query.tab];
  const kind = filled ? 'Dossiers de suivi' : 'Fiches entretien';
  const title = `${kind} - ${tabLabel} - ${query.establishment}`;
  const file = attachmentDisposition([
    filled ? 'dossiers-suivi' : 'fiches-entretien',
    query.establishment,
    query.tab,
    parisIsoDay(printedAt),
  ]);
  const scope = establishmentScope(meta.actor);

  /** One chunk: its cases read (still in scope), mapped, rendered in a worker (split if too big). */
  async function parts(chunk: string[]): Promise<PdfPart[]> {
    const rows = await deps.db.prisma.case.findMany({
      where: { id: { in: chunk }, establishment: scope },
      include: ficheInclude(filled),
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const fiches = chunk.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toFicheData(row, { printedAt, printedBy, filled })] : [];
    });
    if (fiches.length === 0) return [];
    return renderSplitting(
      fiches,
      async (f) => ({ bytes: await renderFiches(f, title), outlineTitles: f.map(pupilLabel) }),
      isOutOfMemory,
    );
  }

  return {
    caseIds,
    disposition: file.header,
    fileName: file.asciiName,
    title,
    stream: () =>
      concatPdfs(orderedParts(caseIds, { chunkSize: BATCH_CHUNK, ahead: POOL_SIZE }, parts), {
        title,
        language: 'fr-FR',
        author: 'Jasmin',
        creator: 'Jasmin',
        producer: 'Jasmin',
        subject: 'Fiches entretien (données personnelles)',
        creationDate: printedAt,
      }),
  };
}
