-- Sessions that can be ended: a session carries its account's version and stops working once the
-- version moves on (sign out everywhere, password reset, role change, account disabled).

-- AlterTable
ALTER TABLE `User` ADD COLUMN `sessionVersion` INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN `disabled` BOOLEAN NOT NULL DEFAULT false;
