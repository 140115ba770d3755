-- CreateTable
CREATE TABLE `LightningStrike` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `time` DATETIME(3) NOT NULL,
    `latitude` DOUBLE NOT NULL,
    `longitude` DOUBLE NOT NULL,
    `altitude` INTEGER NULL,
    `polarity` INTEGER NULL,
    `maxDeviation` INTEGER NULL,
    `status` INTEGER NULL,

    UNIQUE INDEX `LightningStrike_time_latitude_longitude_key`(`time`, `latitude`, `longitude`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `LightningStation` (
    `stationId` INTEGER NOT NULL,
    `latitude` DOUBLE NULL,
    `longitude` DOUBLE NULL,
    `alertRadiusKm` INTEGER NULL,

    PRIMARY KEY (`stationId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `LightningStrikeDistance` (
    `stationId` INTEGER NOT NULL,
    `time` DATETIME(3) NOT NULL,
    `strikeId` INTEGER NOT NULL,
    `distance` INTEGER NOT NULL,
    `bearing` INTEGER NOT NULL,

    PRIMARY KEY (`stationId`, `time`, `strikeId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `LightningDay` (
    `day` DATE NOT NULL,
    `strikes` INTEGER NOT NULL DEFAULT 0,
    `departement` INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY (`day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `LightningStationDay` (
    `stationId` INTEGER NOT NULL,
    `day` DATE NOT NULL,
    `within10km` INTEGER NOT NULL DEFAULT 0,
    `within30km` INTEGER NOT NULL DEFAULT 0,
    `within100km` INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY (`stationId`, `day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `LightningAlertSubscription` (
    `stationId` INTEGER NOT NULL,
    `userId` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `LightningAlertSubscription_userId_idx`(`userId`),
    PRIMARY KEY (`stationId`, `userId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `LightningStation` ADD CONSTRAINT `LightningStation_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `LightningStrikeDistance` ADD CONSTRAINT `LightningStrikeDistance_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `LightningStation`(`stationId`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `LightningStationDay` ADD CONSTRAINT `LightningStationDay_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `LightningStation`(`stationId`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `LightningAlertSubscription` ADD CONSTRAINT `LightningAlertSubscription_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `LightningStation`(`stationId`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `LightningAlertSubscription` ADD CONSTRAINT `LightningAlertSubscription_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
