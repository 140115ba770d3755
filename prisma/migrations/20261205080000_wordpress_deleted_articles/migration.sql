-- An imported article deleted on the site keeps its WordPress record, without article: a re-run of the
-- import does not bring it back.

-- DropForeignKey
ALTER TABLE `WordpressPost` DROP FOREIGN KEY `WordpressPost_articleId_fkey`;

-- AlterTable
ALTER TABLE `WordpressPost` MODIFY `articleId` INTEGER NULL;

-- AddForeignKey
ALTER TABLE `WordpressPost` ADD CONSTRAINT `WordpressPost_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `Article`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;
