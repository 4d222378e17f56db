import type { Prisma, PrismaClient } from '../../generated/prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

const sessionWithUser = {
  include: {
    user: {
      select: {
        id: true,
        role: true,
        academyId: true,
        districtId: true,
        establishmentId: true,
        disabledAt: true,
      },
    },
  },
} as const;

export const authRepository = {
  findUserByEmail(db: Db, email: string) {
    return db.user.findUnique({ where: { email } });
  },
  findSessionByHash(db: Db, tokenHash: string) {
    return db.session.findUnique({ where: { tokenHash }, ...sessionWithUser });
  },
  createSession(db: Db, data: { tokenHash: string; userId: string; now: Date; expiresAt: Date }) {
    return db.session.create({
      data: { tokenHash: data.tokenHash, userId: data.userId, createdAt: data.now, lastSeenAt: data.now, expiresAt: data.expiresAt },
    });
  },
  touchSession(db: Db, id: string, now: Date) {
    return db.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  },
  deleteSession(db: Db, id: string) {
    return db.session.deleteMany({ where: { id } });
  },
  deleteSessionsOfUser(db: Db, userId: string) {
    return db.session.deleteMany({ where: { userId } });
  },
  countFailuresSince(db: Db, key: string, since: Date) {
    return db.loginFailure.aggregate({ where: { key, at: { gt: since } }, _count: true, _min: { at: true } });
  },
  recordFailures(db: Db, keys: string[], now: Date) {
    return db.loginFailure.createMany({ data: keys.map((key) => ({ key, at: now })) });
  },
  clearFailures(db: Db, key: string) {
    return db.loginFailure.deleteMany({ where: { key } });
  },
  purgeFailuresBefore(db: Db, before: Date) {
    return db.loginFailure.deleteMany({ where: { at: { lt: before } } });
  },
  findTokenByHash(db: Db, tokenHash: string) {
    return db.apiToken.findUnique({ where: { tokenHash } });
  },
  touchToken(db: Db, id: string, now: Date) {
    return db.apiToken.update({ where: { id }, data: { lastUsedAt: now } });
  },
  findMe(db: Db, userId: string) {
    return db.user.findUnique({
      where: { id: userId },
      include: { academy: true, district: true, establishment: true },
    });
  },
};
