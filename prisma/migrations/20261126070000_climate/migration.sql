-- CreateTable
CREATE TABLE `ClimateDay` (
    `stationId` INTEGER NOT NULL,
    `day` DATE NOT NULL,
    `partial` BOOLEAN NOT NULL,
    `tn` DOUBLE NULL,
    `tnAt` DATETIME(3) NULL,
    `tnCoverage` DOUBLE NOT NULL,
    `tx` DOUBLE NULL,
    `txAt` DATETIME(3) NULL,
    `txCoverage` DOUBLE NOT NULL,
    `tmoy` DOUBLE NULL,
    `tmean` DOUBLE NULL,
    `t24` DOUBLE NULL,
    `t24Count` INTEGER NOT NULL,
    `t8` DOUBLE NULL,
    `t8Count` INTEGER NOT NULL,
    `amplitude` DOUBLE NULL,
    `rr` DOUBLE NULL,
    `rrCoverage` DOUBLE NOT NULL,
    `rrRateMax` DOUBLE NULL,
    `rrRateMaxAt` DATETIME(3) NULL,
    `humidityMin` DOUBLE NULL,
    `humidityMinAt` DATETIME(3) NULL,
    `humidityMax` DOUBLE NULL,
    `humidityMaxAt` DATETIME(3) NULL,
    `dewpointMin` DOUBLE NULL,
    `dewpointMinAt` DATETIME(3) NULL,
    `dewpointMax` DOUBLE NULL,
    `dewpointMaxAt` DATETIME(3) NULL,
    `pressureMin` DOUBLE NULL,
    `pressureMinAt` DATETIME(3) NULL,
    `pressureMax` DOUBLE NULL,
    `pressureMaxAt` DATETIME(3) NULL,
    `gustMax` DOUBLE NULL,
    `gustDir` DOUBLE NULL,
    `gustAt` DATETIME(3) NULL,
    `windMean` DOUBLE NULL,
    `windDir` DOUBLE NULL,
    `uvMax` DOUBLE NULL,
    `uvMaxAt` DATETIME(3) NULL,
    `radiationMax` DOUBLE NULL,
    `radiationMaxAt` DATETIME(3) NULL,
    `et` DOUBLE NULL,
    `windchillMin` DOUBLE NULL,
    `windchillMinAt` DATETIME(3) NULL,
    `heatindexMax` DOUBLE NULL,
    `heatindexMaxAt` DATETIME(3) NULL,
    `dayCoverage` DOUBLE NOT NULL,
    `fingerprint` VARCHAR(40) NOT NULL,
    `computedAt` DATETIME(3) NOT NULL,

    PRIMARY KEY (`stationId`, `day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ClimateSummary` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `stationId` INTEGER NOT NULL,
    `month` VARCHAR(7) NOT NULL,
    `title` VARCHAR(255) NOT NULL,
    `excerpt` TEXT NOT NULL,
    `bodyHtml` MEDIUMTEXT NOT NULL,
    `articleId` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `ClimateSummary_stationId_month_key`(`stationId`, `month`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `ClimateDay` ADD CONSTRAINT `ClimateDay_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ClimateSummary` ADD CONSTRAINT `ClimateSummary_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
