-- Académie-wide records are matched by INE through their identity ('ine:' + INE), which the
-- natural key's unique index (academy_id, identity, …) serves: the index on (academy_id, ine) was
-- one more to maintain for every row imported.

-- DropIndex
DROP INDEX "exam_result_academy_id_ine_idx";

-- DropIndex
DROP INDEX "training_enrolment_academy_id_ine_idx";
