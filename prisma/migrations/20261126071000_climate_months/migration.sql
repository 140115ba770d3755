-- CreateTable
CREATE TABLE `ClimateMonth` (
    `stationId` INTEGER NOT NULL,
    `month` VARCHAR(7) NOT NULL,
    `inProgress` BOOLEAN NOT NULL,
    `tn` DOUBLE NULL,
    `tx` DOUBLE NULL,
    `tmoy` DOUBLE NULL,
    `rr` DOUBLE NULL,

    PRIMARY KEY (`stationId`, `month`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `ClimateMonth` ADD CONSTRAINT `ClimateMonth_stationId_fkey` FOREIGN KEY (`stationId`) REFERENCES `Station`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
