-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('M', 'F');

-- CreateEnum
CREATE TYPE "CaseSource" AS ENUM ('PREVIOUS_YEAR', 'CURRENT_YEAR', 'AT_RISK');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('IDENTIFIED', 'NOT_FOLLOWED', 'FOLLOW_UP', 'SOLUTION', 'TRANSFERRED', 'STOPPED');

-- CreateEnum
CREATE TYPE "InterviewChannel" AS ENUM ('PHONE', 'IN_PERSON', 'LETTER', 'EMAIL', 'SMS', 'VIDEO');

-- CreateEnum
CREATE TYPE "TransferPlatform" AS ENUM ('PSAD', 'CIO', 'MISSION_LOCALE', 'PAE');

-- CreateEnum
CREATE TYPE "TransferStatus" AS ENUM ('PENDING', 'ACCEPTED', 'RETURNED');

-- CreateTable
CREATE TABLE "school_year" (
    "id" UUID NOT NULL,
    "label" VARCHAR(9) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,

    CONSTRAINT "school_year_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pupil" (
    "id" UUID NOT NULL,
    "establishment_id" UUID NOT NULL,
    "ine" VARCHAR(11),
    "siecle_id" TEXT,
    "elenoet" TEXT,
    "family_name" TEXT NOT NULL,
    "usage_name" TEXT,
    "first_name" TEXT NOT NULL,
    "first_name2" TEXT,
    "first_name3" TEXT,
    "birth_date" DATE NOT NULL,
    "sex" "Sex",
    "division" TEXT,
    "mef_code" TEXT,
    "entry_date" DATE,
    "exit_date" DATE,
    "exit_reason_code" TEXT,
    "phone" TEXT,
    "mobile" TEXT,
    "email" TEXT,
    "address" TEXT,
    "search_text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pupil_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guardian" (
    "id" UUID NOT NULL,
    "pupil_id" UUID NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 0,
    "siecle_id" TEXT,
    "civility" TEXT,
    "family_name" TEXT NOT NULL,
    "first_name" TEXT,
    "relationship" TEXT,
    "is_legal_guardian" BOOLEAN NOT NULL DEFAULT true,
    "phone_home" TEXT,
    "phone_mobile" TEXT,
    "phone_work" TEXT,
    "email" TEXT,
    "address" TEXT,

    CONSTRAINT "guardian_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_file" (
    "id" UUID NOT NULL,
    "pupil_id" UUID NOT NULL,
    "establishment_id" UUID NOT NULL,
    "school_year_id" UUID NOT NULL,
    "source" "CaseSource" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'IDENTIFIED',
    "version" INTEGER NOT NULL DEFAULT 0,
    "at_risk_reason" TEXT,
    "suggestion" TEXT,
    "sort_name" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "division" TEXT,
    "last_action_type" TEXT,
    "last_interview_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "case_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_event" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "from_status" "CaseStatus",
    "to_status" "CaseStatus",
    "details" JSONB NOT NULL DEFAULT '{}',
    "actor_user_id" UUID,
    "actor_name" TEXT,

    CONSTRAINT "case_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interview" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "date" DATE NOT NULL,
    "channel" "InterviewChannel" NOT NULL,
    "reached" TEXT NOT NULL,
    "observations" TEXT NOT NULL DEFAULT '',
    "training_wish" TEXT NOT NULL DEFAULT '',
    "training_establishment" TEXT NOT NULL DEFAULT '',
    "training_status" TEXT NOT NULL DEFAULT '',
    "job_sought" TEXT NOT NULL DEFAULT '',
    "job_contract" TEXT NOT NULL DEFAULT '',
    "next_step" TEXT NOT NULL DEFAULT '',
    "author_id" UUID NOT NULL,
    "author_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "interview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interview_revision" (
    "id" BIGSERIAL NOT NULL,
    "interview_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "edited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editor_id" UUID NOT NULL,
    "editor_name" TEXT NOT NULL,

    CONSTRAINT "interview_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transfer" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "establishment_id" UUID NOT NULL,
    "district_id" UUID NOT NULL,
    "platform" "TransferPlatform" NOT NULL,
    "message" TEXT NOT NULL,
    "status" "TransferStatus" NOT NULL DEFAULT 'PENDING',
    "return_reason" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "transfer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "school_year_label_key" ON "school_year"("label");

-- CreateIndex
CREATE INDEX "pupil_establishment_id_ine_idx" ON "pupil"("establishment_id", "ine");

-- CreateIndex
CREATE INDEX "pupil_ine_idx" ON "pupil"("ine");

-- CreateIndex
CREATE UNIQUE INDEX "pupil_establishment_id_siecle_id_key" ON "pupil"("establishment_id", "siecle_id");

-- CreateIndex
CREATE INDEX "guardian_pupil_id_idx" ON "guardian"("pupil_id");

-- CreateIndex
CREATE INDEX "case_file_establishment_id_school_year_id_status_sort_name__idx" ON "case_file"("establishment_id", "school_year_id", "status", "sort_name", "id");

-- CreateIndex
CREATE INDEX "case_file_establishment_id_school_year_id_source_sort_name__idx" ON "case_file"("establishment_id", "school_year_id", "source", "sort_name", "id");

-- CreateIndex
CREATE INDEX "case_file_establishment_id_school_year_id_updated_at_id_idx" ON "case_file"("establishment_id", "school_year_id", "updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "case_file_pupil_id_school_year_id_key" ON "case_file"("pupil_id", "school_year_id");

-- CreateIndex
CREATE INDEX "case_event_case_id_at_idx" ON "case_event"("case_id", "at");

-- CreateIndex
CREATE INDEX "interview_case_id_date_idx" ON "interview"("case_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "interview_revision_interview_id_version_key" ON "interview_revision"("interview_id", "version");

-- CreateIndex
CREATE INDEX "transfer_district_id_status_created_at_idx" ON "transfer"("district_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "transfer_case_id_idx" ON "transfer"("case_id");

-- AddForeignKey
ALTER TABLE "pupil" ADD CONSTRAINT "pupil_establishment_id_fkey" FOREIGN KEY ("establishment_id") REFERENCES "establishment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guardian" ADD CONSTRAINT "guardian_pupil_id_fkey" FOREIGN KEY ("pupil_id") REFERENCES "pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_file" ADD CONSTRAINT "case_file_pupil_id_fkey" FOREIGN KEY ("pupil_id") REFERENCES "pupil"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_file" ADD CONSTRAINT "case_file_establishment_id_fkey" FOREIGN KEY ("establishment_id") REFERENCES "establishment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_file" ADD CONSTRAINT "case_file_school_year_id_fkey" FOREIGN KEY ("school_year_id") REFERENCES "school_year"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interview" ADD CONSTRAINT "interview_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interview_revision" ADD CONSTRAINT "interview_revision_interview_id_fkey" FOREIGN KEY ("interview_id") REFERENCES "interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transfer" ADD CONSTRAINT "transfer_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;
