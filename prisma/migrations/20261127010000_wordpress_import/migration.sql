-- The WordPress import remembers what it wrote (a fingerprint per article) and from which site, keeps
-- the old site's comments, videos, sounds and PDFs, and pins sticky posts.

-- CreateTable
CREATE TABLE `WordpressPost` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `site` VARCHAR(191) NOT NULL,
    `wpPostId` INTEGER NOT NULL,
    `guid` VARCHAR(191) NOT NULL,
    `articleId` INTEGER NOT NULL,
    `fingerprint` CHAR(64) NULL,
    `importedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `WordpressPost_articleId_key`(`articleId`),
    UNIQUE INDEX `WordpressPost_site_wpPostId_guid_key`(`site`, `wpPostId`, `guid`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `MediaFile` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `key` VARCHAR(64) NOT NULL,
    `kind` ENUM('VIDEO', 'AUDIO', 'DOCUMENT') NOT NULL,
    `mimeType` VARCHAR(100) NOT NULL,
    `extension` VARCHAR(10) NOT NULL,
    `originalName` VARCHAR(255) NOT NULL,
    `title` VARCHAR(500) NOT NULL,
    `bytes` INTEGER NOT NULL,
    `sha256` CHAR(64) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `MediaFile_key_key`(`key`),
    UNIQUE INDEX `MediaFile_sha256_key`(`sha256`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `WordpressAttachment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `site` VARCHAR(191) NOT NULL,
    `wpPostId` INTEGER NOT NULL,
    `mediaId` INTEGER NULL,
    `fileId` INTEGER NULL,

    INDEX `WordpressAttachment_mediaId_idx`(`mediaId`),
    INDEX `WordpressAttachment_fileId_idx`(`fileId`),
    UNIQUE INDEX `WordpressAttachment_site_wpPostId_key`(`site`, `wpPostId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ArticleComment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `articleId` INTEGER NOT NULL,
    `wpCommentId` INTEGER NOT NULL,
    `wpParentId` INTEGER NULL,
    `authorName` VARCHAR(255) NOT NULL,
    `authorUrl` VARCHAR(500) NULL,
    `bodyHtml` TEXT NOT NULL,
    `postedAt` DATETIME(3) NOT NULL,

    INDEX `ArticleComment_articleId_postedAt_idx`(`articleId`, `postedAt`),
    UNIQUE INDEX `ArticleComment_articleId_wpCommentId_key`(`articleId`, `wpCommentId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Articles and media imported before: their WordPress ids are kept, without a site (the next import
-- claims them) nor a fingerprint (never overwritten: nobody knows whether they were edited).
INSERT INTO `WordpressPost` (`site`, `wpPostId`, `guid`, `articleId`)
    SELECT '', `wpPostId`, '', `id` FROM `Article` WHERE `wpPostId` IS NOT NULL;
INSERT INTO `WordpressAttachment` (`site`, `wpPostId`, `mediaId`)
    SELECT '', `wpAttachmentId`, `id` FROM `Media` WHERE `wpAttachmentId` IS NOT NULL;

-- AlterTable
DROP INDEX `Article_wpPostId_key` ON `Article`;
ALTER TABLE `Article` DROP COLUMN `wpPostId`,
    ADD COLUMN `pinned` BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
DROP INDEX `Media_wpAttachmentId_key` ON `Media`;
ALTER TABLE `Media` DROP COLUMN `wpAttachmentId`;

-- AddForeignKey
ALTER TABLE `WordpressPost` ADD CONSTRAINT `WordpressPost_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `Article`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `WordpressAttachment` ADD CONSTRAINT `WordpressAttachment_mediaId_fkey` FOREIGN KEY (`mediaId`) REFERENCES `Media`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `WordpressAttachment` ADD CONSTRAINT `WordpressAttachment_fileId_fkey` FOREIGN KEY (`fileId`) REFERENCES `MediaFile`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ArticleComment` ADD CONSTRAINT `ArticleComment_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `Article`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
