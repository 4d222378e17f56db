-- DropIndex: pupils are looked up in an establishment by its SIECLE id (unique index), by INE
-- académie-wide (pupil_ine_idx); nothing used (establishment_id, ine), and every import maintained it.
DROP INDEX "pupil_establishment_id_ine_idx";

-- AlterTable: the fingerprint of a pupil's imported guardians moves from the pupil to each of its
-- guardians (written with them), so an import of guardians no longer rewrites every pupil's row.
ALTER TABLE "guardian" ADD COLUMN     "import_set_hash" TEXT;

UPDATE "guardian" g SET "import_set_hash" = p."guardians_hash" FROM "pupil" p WHERE p."id" = g."pupil_id";

-- AlterTable
ALTER TABLE "pupil" DROP COLUMN "guardians_hash";
