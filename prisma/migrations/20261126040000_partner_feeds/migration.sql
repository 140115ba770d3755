-- CreateTable
CREATE TABLE `PartnerFeed` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `stationId` INTEGER NOT NULL,
    `partner` ENUM('STATIC', 'ROMMA') NOT NULL,
    `enabled` BOOLEAN NOT NULL DEFAULT false,
    `partnerStationId` VARCHAR(64) NOT NULL,
    `credentials` TEXT NULL,
    `endpoint` VARCHAR(500) NULL,
    `lastRecordTime` INTEGER NULL,
    `lastSuccessAt` DATETIME(3) NULL,
    `lastErrorAt` DATETIME(3) NULL,
    `lastError` TEXT NULL,
    `failingSince` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `PartnerFeed_stationId_partner_key`(`stationId`, `partner`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `PartnerAttempt` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `feedId` INTEGER NOT NULL,
    `recordTime` INTEGER NULL,
    `startedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `durationMs` INTEGER NOT NULL,
    `outcome` ENUM('SUCCESS', 'FAILURE', 'SKIPPED') NOT NULL,
    `tryNumber` INTEGER NOT NULL DEFAULT 1,
    `status` VARCHAR(100) NULL,
    `excerpt` TEXT NULL,

    INDEX `PartnerAttempt_feedId_startedAt_idx`(`feedId`, `startedAt`),
    INDEX `PartnerAttempt_startedAt_idx`(`startedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `PartnerFeed` ADD CONSTRAINT `PartnerFeed_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `PartnerAttempt` ADD CONSTRAINT `PartnerAttempt_feedId_fkey` FOREIGN KEY (`feedId`) REFERENCES `PartnerFeed`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
