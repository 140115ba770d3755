-- Automatic quality control of observations (lib/qc): flags of records that are not good, managers'
-- tolerances and decisions, and each sensor's erroneous/recovered state for the e-mails.

-- CreateTable
CREATE TABLE `QcFlag` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `stationId` INTEGER NOT NULL,
    `dateTime` INTEGER NOT NULL,
    `interval` INTEGER NOT NULL,
    `quantity` VARCHAR(24) NOT NULL,
    `sensor` ENUM('TEMPERATURE', 'HUMIDITY', 'PRESSURE', 'WIND', 'RAIN', 'SOLAR', 'ALL') NOT NULL,
    `level` ENUM('SUSPECT', 'ERRONEOUS') NOT NULL,
    `check` VARCHAR(24) NOT NULL,
    `detail` VARCHAR(255) NOT NULL,
    `value` DOUBLE NULL,
    `status` ENUM('OPEN', 'CONFIRMED', 'DISMISSED') NOT NULL DEFAULT 'OPEN',

    INDEX `QcFlag_stationId_status_level_idx`(`stationId`, `status`, `level`),
    UNIQUE INDEX `QcFlag_stationId_dateTime_quantity_key`(`stationId`, `dateTime`, `quantity`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `QcTolerance` (
    `stationId` INTEGER NOT NULL,
    `check` VARCHAR(24) NOT NULL,
    `factor` DOUBLE NOT NULL,

    PRIMARY KEY (`stationId`, `check`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `QcDecision` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `stationId` INTEGER NOT NULL,
    `action` ENUM('CONFIRM', 'DISMISS', 'TOLERANCE') NOT NULL,
    `detail` TEXT NOT NULL,
    `decidedBy` VARCHAR(191) NOT NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `QcDecision_stationId_at_idx`(`stationId`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `QcSensorState` (
    `stationId` INTEGER NOT NULL,
    `sensor` ENUM('TEMPERATURE', 'HUMIDITY', 'PRESSURE', 'WIND', 'RAIN', 'SOLAR', 'ALL') NOT NULL,
    `erroneous` BOOLEAN NOT NULL,
    `since` DATETIME(3) NOT NULL,
    `message` VARCHAR(255) NOT NULL,
    `notifiedAt` DATETIME(3) NULL,

    PRIMARY KEY (`stationId`, `sensor`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `QcFlag` ADD CONSTRAINT `QcFlag_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QcTolerance` ADD CONSTRAINT `QcTolerance_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QcDecision` ADD CONSTRAINT `QcDecision_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QcSensorState` ADD CONSTRAINT `QcSensorState_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
