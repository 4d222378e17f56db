-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('SIECLE_ELEVES', 'SIECLE_RESPONSABLES', 'EXAM_RESULTS', 'TRAINING_ENROLMENTS');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "ExamResultValue" AS ENUM ('ADMITTED', 'FAILED', 'ABSENT', 'OTHER');

-- CreateEnum
CREATE TYPE "TrainingKind" AS ENUM ('CFA', 'AGRICULTURAL_HIGH_SCHOOL', 'OTHER');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('OPEN', 'MERGED', 'DISTINCT');

-- AlterTable
ALTER TABLE "pupil" ADD COLUMN     "guardians_hash" TEXT,
ADD COLUMN     "identity_key" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "import_hash" TEXT,
ADD COLUMN     "known_solution" TEXT;

-- CreateTable
CREATE TABLE "import_run" (
    "id" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'QUEUED',
    "academy_id" UUID NOT NULL,
    "establishment_id" UUID,
    "uploaded_by_id" UUID,
    "file_name" TEXT NOT NULL,
    "file_size" BIGINT NOT NULL,
    "stored_path" TEXT,
    "progress_read" BIGINT NOT NULL DEFAULT 0,
    "progress_total" BIGINT NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exam_result" (
    "id" UUID NOT NULL,
    "academy_id" UUID NOT NULL,
    "identity" TEXT NOT NULL,
    "identity_key" TEXT NOT NULL,
    "ine" VARCHAR(11),
    "family_name" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "diploma" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "result" "ExamResultValue" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exam_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_enrolment" (
    "id" UUID NOT NULL,
    "academy_id" UUID NOT NULL,
    "identity" TEXT NOT NULL,
    "identity_key" TEXT NOT NULL,
    "ine" VARCHAR(11),
    "family_name" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "training_uai" TEXT,
    "siret" TEXT,
    "training_name" TEXT NOT NULL,
    "kind" "TrainingKind" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_review" (
    "id" UUID NOT NULL,
    "academy_id" UUID NOT NULL,
    "establishment_id" UUID,
    "pupil_id" UUID NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'OPEN',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_run_academy_id_created_at_idx" ON "import_run"("academy_id", "created_at");

-- CreateIndex
CREATE INDEX "import_run_status_idx" ON "import_run"("status");

-- CreateIndex
CREATE INDEX "exam_result_academy_id_ine_idx" ON "exam_result"("academy_id", "ine");

-- CreateIndex
CREATE INDEX "exam_result_academy_id_identity_key_idx" ON "exam_result"("academy_id", "identity_key");

-- CreateIndex
CREATE UNIQUE INDEX "exam_result_academy_id_identity_diploma_session_key" ON "exam_result"("academy_id", "identity", "diploma", "session");

-- CreateIndex
CREATE INDEX "training_enrolment_academy_id_ine_idx" ON "training_enrolment"("academy_id", "ine");

-- CreateIndex
CREATE INDEX "training_enrolment_academy_id_identity_key_idx" ON "training_enrolment"("academy_id", "identity_key");

-- CreateIndex
CREATE UNIQUE INDEX "training_enrolment_academy_id_identity_training_name_start__key" ON "training_enrolment"("academy_id", "identity", "training_name", "start_date");

-- CreateIndex
CREATE INDEX "match_review_academy_id_status_idx" ON "match_review"("academy_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "match_review_pupil_id_source_kind_source_id_key" ON "match_review"("pupil_id", "source_kind", "source_id");

-- CreateIndex
CREATE INDEX "pupil_identity_key_idx" ON "pupil"("identity_key");
