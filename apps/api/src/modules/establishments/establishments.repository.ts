import type { Prisma, PrismaClient } from '../../generated/prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

export const establishmentsRepository = {
  listEstablishments(db: Db, where: Prisma.EstablishmentWhereInput) {
    return db.establishment.findMany({ where, orderBy: [{ name: 'asc' }], take: 2000 });
  },
  findEstablishment(db: Db, where: Prisma.EstablishmentWhereInput) {
    return db.establishment.findFirst({ where });
  },
  createEstablishment(db: Db, data: Prisma.EstablishmentUncheckedCreateInput) {
    return db.establishment.create({ data });
  },
  updateEstablishment(db: Db, id: string, data: Prisma.EstablishmentUncheckedUpdateInput) {
    return db.establishment.update({ where: { id }, data });
  },
  listDistricts(db: Db, where: Prisma.DistrictWhereInput) {
    return db.district.findMany({ where, orderBy: [{ name: 'asc' }] });
  },
  findDistrict(db: Db, where: Prisma.DistrictWhereInput) {
    return db.district.findFirst({ where });
  },
  createDistrict(db: Db, data: Prisma.DistrictUncheckedCreateInput) {
    return db.district.create({ data });
  },
  updateDistrict(db: Db, id: string, data: Prisma.DistrictUncheckedUpdateInput) {
    return db.district.update({ where: { id }, data });
  },
};
