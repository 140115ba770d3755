-- Revisions keep the structured part of an article too: a forecast's table, a vigilance's level,
-- phenomena, zones and validity (JSON; NULL for revisions written before, or without one).
ALTER TABLE `ArticleRevision` ADD COLUMN `details` JSON NULL;
