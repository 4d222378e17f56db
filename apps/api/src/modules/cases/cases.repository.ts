import type { Prisma, PrismaClient } from '../../generated/prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

export const caseDetailInclude = {
  pupil: { include: { guardians: { orderBy: { rank: 'asc' } } } },
  establishment: true,
  schoolYear: true,
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  interviews: { orderBy: [{ date: 'desc' }, { createdAt: 'desc' }], include: { revisions: { orderBy: { version: 'asc' } } } },
  transfers: { orderBy: { createdAt: 'desc' }, include: { case: { include: { pupil: true, establishment: true } } } },
} as const satisfies Prisma.CaseInclude;

export type CaseWithDetail = Prisma.CaseGetPayload<{ include: typeof caseDetailInclude }>;

export const casesRepository = {
  list(db: Db, where: Prisma.CaseWhereInput, orderBy: Prisma.CaseOrderByWithRelationInput[], take: number) {
    return db.case.findMany({ where, orderBy, take, include: { pupil: true } });
  },
  findInScope(db: Db, where: Prisma.CaseWhereInput) {
    return db.case.findFirst({ where, include: { establishment: true } });
  },
  findDetail(db: Db, id: string) {
    return db.case.findUniqueOrThrow({ where: { id }, include: caseDetailInclude });
  },
  /** The transition itself: only if nobody changed the case since `version` was read. */
  moveStatus(db: Db, args: { id: string; version: number; from: Prisma.CaseWhereInput['status']; data: Prisma.CaseUncheckedUpdateManyInput }) {
    return db.case.updateMany({
      where: { id: args.id, version: args.version, status: args.from },
      data: { ...args.data, version: { increment: 1 } },
    });
  },
  addEvent(db: Db, data: Prisma.CaseEventUncheckedCreateInput) {
    return db.caseEvent.create({ data });
  },
};
