-- The article trash: a trashed article is a draft with the time it was trashed, purged 30 days later.

-- AlterTable
ALTER TABLE `Article` ADD COLUMN `trashedAt` DATETIME(3) NULL;

-- CreateIndex
CREATE INDEX `Article_trashedAt_idx` ON `Article`(`trashedAt`);
