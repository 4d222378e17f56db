import type { z } from 'zod';
import type { CaseDetail, ListCasesQuery, createAtRiskCaseSchema, createInterviewSchema, updateInterviewSchema } from '@jasmin/shared/cases/schemas';
import {
  allowedTargets,
  transitionKind,
  transitionPayloadSchemas,
  type TransitionRequest,
} from '@jasmin/shared/cases/transitions';
import { normalizeForSearch, pupilSortName } from '@jasmin/shared/pupils/schemas';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../lib/app-error';
import { writeAudit } from '../../lib/audit';
import { fieldErrorsOf } from '../../lib/error-handler';
import { ensureSchoolYear, isoDay, schoolYearBounds, schoolYearLabel } from '../../lib/school-year';
import { establishmentScope } from '../../lib/scope';
import { actingPerson, type AuthedMeta, type ServiceDeps } from '../../lib/service-deps';
import { toTransferView } from '../transfers/transfers.service';
import { decodeCursor, encodeCursor } from './cursor';
import { caseDetailInclude, casesRepository as repo, type CaseWithDetail } from './cases.repository';
import { displayStateOf, toCaseListItem, toGuardianView, toPupilView } from './case-views';

const NOT_FOUND = () => new AppError('NOT_FOUND', { message: 'Suivi introuvable.' });

export async function establishmentByUai(deps: ServiceDeps, meta: AuthedMeta, uai: string) {
  const e = await deps.db.prisma.establishment.findFirst({ where: { AND: [{ uai }, establishmentScope(meta.actor)] } });
  if (!e) throw new AppError('NOT_FOUND', { message: 'Établissement introuvable.' });
  return e;
}

const TAB_FILTERS: Record<ListCasesQuery['tab'], Prisma.CaseWhereInput> = {
  suivi: { status: { in: ['FOLLOW_UP', 'SOLUTION', 'TRANSFERRED', 'STOPPED'] } },
  'sans-solution': { status: 'FOLLOW_UP' },
  'solutions-trouvees': { status: 'SOLUTION' },
  'reperage-annee-precedente': { source: 'PREVIOUS_YEAR' },
  'reperage-annee-en-cours': { source: 'CURRENT_YEAR' },
  'en-cours-de-decrochage': { source: 'AT_RISK' },
};

export function searchWords(q: string | undefined): Prisma.CaseWhereInput[] {
  if (!q) return [];
  return normalizeForSearch(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, 6)
    .map((word) => ({ searchText: { contains: word } }));
}

/** A tab's page: keyset pagination on (sort key, id), so page 50 costs what page 1 does. */
export async function listCases(deps: ServiceDeps, meta: AuthedMeta, query: ListCasesQuery) {
  const establishment = await establishmentByUai(deps, meta, query.establishment);
  const year = await deps.db.prisma.schoolYear.findUnique({ where: { label: schoolYearLabel(deps.now()) } });
  if (!year) return { items: [], nextCursor: null };
  const desc = query.sort.startsWith('-');
  const field = query.sort.replace('-', '') === 'name' ? 'sortName' : 'updatedAt';
  const dir = desc ? 'desc' : 'asc';
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const after: Prisma.CaseWhereInput[] = [];
  if (cursor) {
    const value = field === 'updatedAt' ? new Date(cursor.v) : cursor.v;
    const cmp = desc ? 'lt' : 'gt';
    after.push({ OR: [{ [field]: { [cmp]: value } }, { [field]: value, id: { [cmp]: cursor.id } }] });
  }
  const where: Prisma.CaseWhereInput = {
    AND: [
      { establishmentId: establishment.id, schoolYearId: year.id },
      TAB_FILTERS[query.tab],
      query.status ? { status: query.status } : {},
      query.source ? { source: query.source } : {},
      query.class ? { division: { equals: query.class, mode: 'insensitive' } } : {},
      ...searchWords(query.q),
      ...after,
    ],
  };
  const rows = await repo.list(deps.db.prisma, where, [{ [field]: dir }, { id: dir }], query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ v: field === 'updatedAt' ? last.updatedAt.toISOString() : last.sortName, id: last.id })
      : null;
  return { items: page.map(toCaseListItem), nextCursor };
}

function toDetail(c: CaseWithDetail): CaseDetail {
  const transfers = c.transfers.map(toTransferView);
  const interviewData = (i: Record<string, unknown>) => ({
    date: typeof i.date === 'string' ? i.date : isoDay(i.date as Date),
    channel: i.channel as CaseDetail['interviews'][number]['channel'],
    reached: i.reached as CaseDetail['interviews'][number]['reached'],
    observations: String(i.observations ?? ''),
    trainingWish: String(i.trainingWish ?? ''),
    trainingEstablishment: String(i.trainingEstablishment ?? ''),
    trainingStatus: String(i.trainingStatus ?? ''),
    jobSought: String(i.jobSought ?? ''),
    jobContract: String(i.jobContract ?? ''),
    nextStep: String(i.nextStep ?? ''),
  });
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    source: c.source,
    displayState: displayStateOf(c.status),
    schoolYear: c.schoolYear.label,
    establishment: { id: c.establishment.id, uai: c.establishment.uai, name: c.establishment.name },
    atRiskReason: c.atRiskReason,
    suggestion: c.suggestion,
    pupil: toPupilView(c.pupil),
    guardians: c.pupil.guardians.map(toGuardianView),
    allowedTransitions: allowedTargets(c.status),
    interviews: c.interviews.map((i) => ({
      id: i.id,
      version: i.version,
      ...interviewData(i),
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
      authorName: i.authorName,
      revisions: i.revisions.map((r) => ({
        version: r.version,
        editedAt: r.editedAt.toISOString(),
        editorName: r.editorName,
        data: interviewData(r.data as Record<string, unknown>),
      })),
    })),
    transfers,
    timeline: c.events.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      details: (e.details ?? {}) as Record<string, unknown>,
      actorName: e.actorName,
    })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function findCaseInScope(deps: ServiceDeps, meta: AuthedMeta, id: string, db: Prisma.TransactionClient | ServiceDeps['db']['prisma'] = deps.db.prisma) {
  const found = await repo.findInScope(db, { id, establishment: establishmentScope(meta.actor) });
  if (!found) throw NOT_FOUND();
  return found;
}

/** The pupil's file. Reading it is audited, in the same transaction as the read. */
export async function getCase(deps: ServiceDeps, meta: AuthedMeta, id: string): Promise<CaseDetail> {
  return deps.db.prisma.$transaction(async (tx) => {
    await findCaseInScope(deps, meta, id, tx);
    const detail = await tx.case.findUniqueOrThrow({ where: { id }, include: caseDetailInclude });
    await writeAudit(tx, meta, { action: 'case.read', targetType: 'case', targetId: id });
    return toDetail(detail);
  });
}

/** Moves a case along the state machine: conditional on the version the person saw. */
export async function transitionCase(deps: ServiceDeps, meta: AuthedMeta, id: string, body: TransitionRequest): Promise<CaseDetail> {
  const current = await findCaseInScope(deps, meta, id);
  if (current.version !== body.version) throw new AppError('VERSION_CONFLICT');
  const kind = transitionKind(current.status, body.to);
  if (!kind) {
    throw new AppError('INVALID_TRANSITION', {
      message: `Cette action n'est pas possible : le suivi est dans l'état « ${current.status} ».`,
    });
  }
  const parsed = transitionPayloadSchemas[kind].safeParse(body);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsOf(parsed.error, 'body') });
  const payload = parsed.data as Record<string, unknown>;
  const actor = await actingPerson(deps, meta);

  return deps.db.prisma.$transaction(async (tx) => {
    const moved = await repo.moveStatus(tx, {
      id,
      version: body.version,
      from: current.status,
      data: { status: body.to, lastActionType: kind },
    });
    if (moved.count !== 1) throw new AppError('VERSION_CONFLICT');
    await repo.addEvent(tx, {
      caseId: id,
      at: deps.now(),
      kind,
      fromStatus: current.status,
      toStatus: body.to,
      details: payload as Prisma.InputJsonValue,
      actorUserId: actor.id,
      actorName: actor.name,
    });
    if (kind === 'TRANSFER') {
      await tx.transfer.create({
        data: {
          caseId: id,
          establishmentId: current.establishmentId,
          districtId: current.establishment.districtId,
          platform: payload.platform as 'PSAD',
          message: String(payload.message),
          createdById: actor.id ?? '00000000-0000-0000-0000-000000000000',
          createdAt: deps.now(),
        },
      });
    }
    if (kind === 'REOPEN' && current.status === 'TRANSFERRED') {
      // The establishment takes the case back: a transfer still waiting is no longer to decide.
      await tx.transfer.updateMany({
        where: { caseId: id, status: 'PENDING' },
        data: { status: 'RETURNED', returnReason: "Suivi repris par l'établissement.", decidedAt: deps.now() },
      });
    }
    await writeAudit(tx, meta, {
      action: 'case.transition',
      targetType: 'case',
      targetId: id,
      details: { kind, from: current.status, to: body.to },
    });
    return toDetail(await tx.case.findUniqueOrThrow({ where: { id }, include: caseDetailInclude }));
  });
}

type InterviewInput = z.output<typeof createInterviewSchema>;

async function refreshLastInterview(tx: Prisma.TransactionClient, caseId: string, channel: string) {
  const latest = await tx.interview.findFirst({ where: { caseId }, orderBy: [{ date: 'desc' }] });
  await tx.case.update({
    where: { id: caseId },
    data: { lastInterviewOn: latest?.date ?? null, lastActionType: `INTERVIEW_${channel}` },
  });
}

/** Records an interview (fiche « suivi »): only while the follow-up is in place. */
export async function createInterview(deps: ServiceDeps, meta: AuthedMeta, caseId: string, input: InterviewInput): Promise<CaseDetail> {
  const current = await findCaseInScope(deps, meta, caseId);
  if (current.status !== 'FOLLOW_UP') {
    throw new AppError('INVALID_TRANSITION', { message: 'Un entretien se saisit une fois le suivi mis en place.' });
  }
  const actor = await actingPerson(deps, meta);
  return deps.db.prisma.$transaction(async (tx) => {
    const interview = await tx.interview.create({
      data: { ...input, date: new Date(`${input.date}T00:00:00Z`), caseId, authorId: actor.id ?? '', authorName: actor.name },
    });
    await refreshLastInterview(tx, caseId, input.channel);
    await repo.addEvent(tx, {
      caseId,
      at: deps.now(),
      kind: 'INTERVIEW_RECORDED',
      details: { interviewId: interview.id, date: input.date, channel: input.channel },
      actorUserId: actor.id,
      actorName: actor.name,
    });
    await writeAudit(tx, meta, { action: 'interview.create', targetType: 'interview', targetId: interview.id, details: { caseId } });
    return toDetail(await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseDetailInclude }));
  });
}

/** Edits an interview; the previous text is kept as a revision. Stale version → 409. */
export async function updateInterview(
  deps: ServiceDeps,
  meta: AuthedMeta,
  caseId: string,
  interviewId: string,
  input: z.output<typeof updateInterviewSchema>,
): Promise<CaseDetail> {
  await findCaseInScope(deps, meta, caseId);
  const existing = await deps.db.prisma.interview.findFirst({ where: { id: interviewId, caseId } });
  if (!existing) throw new AppError('NOT_FOUND', { message: 'Entretien introuvable.' });
  if (existing.version !== input.version) throw new AppError('VERSION_CONFLICT');
  const actor = await actingPerson(deps, meta);
  const { version, ...changes } = input;
  return deps.db.prisma.$transaction(async (tx) => {
    await tx.interviewRevision.create({
      data: {
        interviewId,
        version: existing.version,
        data: {
          date: isoDay(existing.date),
          channel: existing.channel,
          reached: existing.reached,
          observations: existing.observations,
          trainingWish: existing.trainingWish,
          trainingEstablishment: existing.trainingEstablishment,
          trainingStatus: existing.trainingStatus,
          jobSought: existing.jobSought,
          jobContract: existing.jobContract,
          nextStep: existing.nextStep,
        },
        editedAt: deps.now(),
        editorId: actor.id ?? '',
        editorName: actor.name,
      },
    });
    const updated = await tx.interview.updateMany({
      where: { id: interviewId, version },
      data: { ...changes, ...(changes.date ? { date: new Date(`${changes.date}T00:00:00Z`) } : {}), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError('VERSION_CONFLICT');
    await refreshLastInterview(tx, caseId, changes.channel ?? existing.channel);
    await repo.addEvent(tx, {
      caseId,
      at: deps.now(),
      kind: 'INTERVIEW_EDITED',
      details: { interviewId, version: version + 1 },
      actorUserId: actor.id,
      actorName: actor.name,
    });
    await writeAudit(tx, meta, { action: 'interview.update', targetType: 'interview', targetId: interviewId, details: { caseId } });
    return toDetail(await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseDetailInclude }));
  });
}

/**
 * Repérage by hand: a pupil still enrolled flagged « en cours de décrochage » (AT_RISK), or a
 * leaver not listed by the cross-referencing (a diploma holder, a known solution that fell
 * through) flagged with the source matching their exit date.
 */
export async function createAtRiskCase(deps: ServiceDeps, meta: AuthedMeta, input: z.output<typeof createAtRiskCaseSchema>): Promise<CaseDetail> {
  const pupil = await deps.db.prisma.pupil.findFirst({ where: { id: input.pupilId, establishment: establishmentScope(meta.actor) } });
  if (!pupil) throw new AppError('NOT_FOUND', { message: 'Élève introuvable.' });
  const current = schoolYearBounds(schoolYearLabel(deps.now()));
  const exitSource = !pupil.exitDate ? null : pupil.exitDate >= current.startsOn ? 'CURRENT_YEAR' : 'PREVIOUS_YEAR';
  if (input.source === 'AT_RISK' && exitSource) {
    throw new AppError('CONFLICT', { message: "Cet élève a quitté l'établissement : signalez-le dans le repérage des sortants." });
  }
  if (input.source !== 'AT_RISK' && input.source !== exitSource) {
    throw new AppError('CONFLICT', {
      message: exitSource
        ? `Cet élève est sorti ${exitSource === 'CURRENT_YEAR' ? 'cette année' : "l'année précédente"} : choisissez ce repérage.`
        : "Cet élève est encore inscrit : signalez-le « en cours de décrochage ».",
    });
  }
  const actor = await actingPerson(deps, meta);
  const label = schoolYearLabel(deps.now());
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const year = await ensureSchoolYear(tx, label);
      const created = await tx.case.create({
        data: {
          pupilId: pupil.id,
          establishmentId: pupil.establishmentId,
          schoolYearId: year.id,
          source: input.source,
          status: 'IDENTIFIED',
          atRiskReason: input.reason,
          sortName: pupilSortName(pupil),
          searchText: pupil.searchText,
          division: pupil.division,
        },
      });
      await repo.addEvent(tx, {
        caseId: created.id,
        at: deps.now(),
        kind: 'CREATED',
        toStatus: 'IDENTIFIED',
        details: { source: input.source, reason: input.reason, by: 'hand' },
        actorUserId: actor.id,
        actorName: actor.name,
      });
      await writeAudit(tx, meta, { action: 'case.create', targetType: 'case', targetId: created.id, details: { source: input.source } });
      return toDetail(await tx.case.findUniqueOrThrow({ where: { id: created.id }, include: caseDetailInclude }));
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new AppError('CONFLICT', { message: 'Cet élève a déjà un suivi cette année scolaire.' });
    }
    throw error;
  }
}
