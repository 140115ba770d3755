-- CreateTable
CREATE TABLE `Webcam` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `stationId` INTEGER NOT NULL,
    `key` VARCHAR(40) NOT NULL,
    `name` VARCHAR(120) NOT NULL,
    `tokenHash` CHAR(64) NOT NULL,
    `intervalMinutes` INTEGER NOT NULL DEFAULT 5,
    `retentionDays` INTEGER NOT NULL DEFAULT 30,
    `position` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Webcam_tokenHash_key`(`tokenHash`),
    UNIQUE INDEX `Webcam_stationId_key_key`(`stationId`, `key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StationPhoto` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `stationId` INTEGER NOT NULL,
    `fileKey` VARCHAR(40) NOT NULL,
    `caption` VARCHAR(300) NULL,
    `width` INTEGER NOT NULL,
    `height` INTEGER NOT NULL,
    `position` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `StationPhoto_fileKey_key`(`fileKey`),
    INDEX `StationPhoto_stationId_position_idx`(`stationId`, `position`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StationPartnerLink` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `stationId` INTEGER NOT NULL,
    `name` VARCHAR(120) NOT NULL,
    `url` VARCHAR(500) NULL,
    `position` INTEGER NOT NULL DEFAULT 0,

    INDEX `StationPartnerLink_stationId_position_idx`(`stationId`, `position`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Webcam` ADD CONSTRAINT `Webcam_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `StationPhoto` ADD CONSTRAINT `StationPhoto_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `StationPartnerLink` ADD CONSTRAINT `StationPartnerLink_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
