-- CreateTable
CREATE TABLE `Check` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `key` VARCHAR(191) NOT NULL,
    `state` ENUM('OK', 'WARNING', 'CRITICAL') NOT NULL DEFAULT 'OK',
    `message` TEXT NOT NULL,
    `since` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `checkedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `acknowledgedAt` DATETIME(3) NULL,
    `acknowledgedBy` VARCHAR(191) NULL,
    `notifiedAt` DATETIME(3) NULL,

    UNIQUE INDEX `Check_key_key`(`key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CheckEvent` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `checkId` INTEGER NOT NULL,
    `from` ENUM('OK', 'WARNING', 'CRITICAL') NOT NULL,
    `to` ENUM('OK', 'WARNING', 'CRITICAL') NOT NULL,
    `message` TEXT NOT NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `CheckEvent_checkId_at_idx`(`checkId`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `CheckEvent` ADD CONSTRAINT `CheckEvent_checkId_fkey` FOREIGN KEY (`checkId`) REFERENCES `Check`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
