-- CreateTable
CREATE TABLE `User` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(191) NOT NULL,
    `name` VARCHAR(120) NOT NULL,
    `role` ENUM('ADMIN', 'EDITOR', 'AUTHOR') NOT NULL DEFAULT 'AUTHOR',
    `passwordHash` VARCHAR(255) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `User_email_key`(`email`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Station` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `slug` VARCHAR(63) NOT NULL,
    `name` VARCHAR(120) NOT NULL,
    `shortName` VARCHAR(40) NOT NULL,
    `commune` VARCHAR(120) NOT NULL,
    `latitude` DOUBLE NOT NULL,
    `longitude` DOUBLE NOT NULL,
    `altitude` INTEGER NOT NULL,
    `timezone` VARCHAR(64) NOT NULL DEFAULT 'Europe/Paris',
    `zone` ENUM('LITTORAL', 'MOYEN_PAYS', 'HAUT_PAYS') NOT NULL DEFAULT 'LITTORAL',
    `archiveDatabase` VARCHAR(64) NOT NULL,
    `replicationConnection` VARCHAR(64) NULL,
    `hasUv` BOOLEAN NOT NULL DEFAULT false,
    `hasRadiation` BOOLEAN NOT NULL DEFAULT false,
    `hasConsole` BOOLEAN NOT NULL DEFAULT false,
    `offlineThresholdMinutes` INTEGER NOT NULL DEFAULT 30,
    `active` BOOLEAN NOT NULL DEFAULT true,
    `model` VARCHAR(120) NULL,
    `exposure` TEXT NULL,
    `installedAt` DATE NULL,
    `description` TEXT NULL,
    `webcamUrl` VARCHAR(500) NULL,
    `timelapseUrl` VARCHAR(500) NULL,
    `radarImageUrl` VARCHAR(500) NULL,
    `bannerType` ENUM('DANGER', 'WARNING', 'SUCCESS', 'INFO') NULL,
    `bannerTitle` VARCHAR(200) NULL,
    `bannerMessage` TEXT NULL,
    `managerName` VARCHAR(120) NULL,
    `managerUrl` VARCHAR(500) NULL,
    `managerContact` VARCHAR(200) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Station_slug_key`(`slug`),
    UNIQUE INDEX `Station_archiveDatabase_key`(`archiveDatabase`),
    UNIQUE INDEX `Station_replicationConnection_key`(`replicationConnection`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StationAccess` (
    `userId` INTEGER NOT NULL,
    `stationId` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `StationAccess_stationId_idx`(`stationId`),
    PRIMARY KEY (`userId`, `stationId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `JobRun` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(100) NOT NULL,
    `startedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `finishedAt` DATETIME(3) NULL,
    `status` ENUM('RUNNING', 'SUCCESS', 'FAILED') NOT NULL DEFAULT 'RUNNING',
    `message` TEXT NULL,

    INDEX `JobRun_name_startedAt_idx`(`name`, `startedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `StationAccess` ADD CONSTRAINT `StationAccess_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `StationAccess` ADD CONSTRAINT `StationAccess_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
