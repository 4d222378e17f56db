-- CreateEnum
CREATE TYPE "EstablishmentKind" AS ENUM ('LYCEE_PROFESSIONNEL', 'LYCEE_GENERAL_TECHNOLOGIQUE', 'LYCEE_POLYVALENT', 'COLLEGE', 'OTHER');

-- CreateTable
CREATE TABLE "academy" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "academy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "district" (
    "id" UUID NOT NULL,
    "academy_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "district_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "establishment" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EstablishmentKind" NOT NULL,
    "city" TEXT,
    "district_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "establishment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "academy_code_key" ON "academy"("code");

-- CreateIndex
CREATE UNIQUE INDEX "district_code_key" ON "district"("code");

-- CreateIndex
CREATE INDEX "district_academy_id_idx" ON "district"("academy_id");

-- CreateIndex
CREATE UNIQUE INDEX "establishment_uai_key" ON "establishment"("uai");

-- CreateIndex
CREATE INDEX "establishment_district_id_idx" ON "establishment"("district_id");

-- AddForeignKey
ALTER TABLE "district" ADD CONSTRAINT "district_academy_id_fkey" FOREIGN KEY ("academy_id") REFERENCES "academy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "establishment" ADD CONSTRAINT "establishment_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
