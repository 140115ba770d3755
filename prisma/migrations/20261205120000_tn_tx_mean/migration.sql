-- (Tn + Tx) / 2 gets an English name beside `tmean` (the mean of every record): `tmoy` becomes `tnTxMean`.
ALTER TABLE `ClimateDay` RENAME COLUMN `tmoy` TO `tnTxMean`;
ALTER TABLE `ClimateMonth` RENAME COLUMN `tmoy` TO `tnTxMean`;
