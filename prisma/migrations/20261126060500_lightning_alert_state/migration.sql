-- AlterTable
ALTER TABLE `LightningStation` ADD COLUMN `alertActiveSince` DATETIME(3) NULL,
    ADD COLUMN `alertMessage` TEXT NULL;
