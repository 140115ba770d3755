-- Enum values in English (French stays in the labels): forecast zones, vigilance levels, sky icons.
-- Each column first accepts both spellings, its rows are converted, then only the English ones remain.
-- The same values are converted where they are stored as text: a vigilance's comma-separated zones and
-- the JSON `details` (forecast table, vigilance notice) of article revisions and autosaves. Orders are
-- kept (COAST < MIDLAND < HIGHLAND sorts as LITTORAL < MOYEN_PAYS < HAUT_PAYS did).

ALTER TABLE `Station` MODIFY `zone` ENUM('LITTORAL', 'MOYEN_PAYS', 'HAUT_PAYS', 'COAST', 'MIDLAND', 'HIGHLAND') NOT NULL DEFAULT 'LITTORAL';
UPDATE `Station` SET `zone` = CASE `zone` WHEN 'LITTORAL' THEN 'COAST' WHEN 'MOYEN_PAYS' THEN 'MIDLAND' WHEN 'HAUT_PAYS' THEN 'HIGHLAND' ELSE `zone` END;
ALTER TABLE `Station` MODIFY `zone` ENUM('COAST', 'MIDLAND', 'HIGHLAND') NOT NULL DEFAULT 'COAST';

ALTER TABLE `ForecastDay` MODIFY `zone` ENUM('LITTORAL', 'MOYEN_PAYS', 'HAUT_PAYS', 'COAST', 'MIDLAND', 'HIGHLAND') NOT NULL;
ALTER TABLE `ForecastDay` MODIFY `sky` ENUM('SOLEIL', 'PEU_NUAGEUX', 'NUAGEUX', 'COUVERT', 'AVERSES', 'PLUIE', 'ORAGE', 'NEIGE', 'BROUILLARD', 'SUNNY', 'PARTLY_CLOUDY', 'CLOUDY', 'OVERCAST', 'SHOWERS', 'RAIN', 'THUNDERSTORM', 'SNOW', 'FOG') NOT NULL;
UPDATE `ForecastDay` SET
    `zone` = CASE `zone` WHEN 'LITTORAL' THEN 'COAST' WHEN 'MOYEN_PAYS' THEN 'MIDLAND' WHEN 'HAUT_PAYS' THEN 'HIGHLAND' ELSE `zone` END,
    `sky` = CASE `sky`
        WHEN 'SOLEIL' THEN 'SUNNY' WHEN 'PEU_NUAGEUX' THEN 'PARTLY_CLOUDY' WHEN 'NUAGEUX' THEN 'CLOUDY'
        WHEN 'COUVERT' THEN 'OVERCAST' WHEN 'AVERSES' THEN 'SHOWERS' WHEN 'PLUIE' THEN 'RAIN'
        WHEN 'ORAGE' THEN 'THUNDERSTORM' WHEN 'NEIGE' THEN 'SNOW' WHEN 'BROUILLARD' THEN 'FOG' ELSE `sky` END;
ALTER TABLE `ForecastDay` MODIFY `zone` ENUM('COAST', 'MIDLAND', 'HIGHLAND') NOT NULL;
ALTER TABLE `ForecastDay` MODIFY `sky` ENUM('SUNNY', 'PARTLY_CLOUDY', 'CLOUDY', 'OVERCAST', 'SHOWERS', 'RAIN', 'THUNDERSTORM', 'SNOW', 'FOG') NOT NULL;

ALTER TABLE `VigilanceNotice` MODIFY `level` ENUM('VERT', 'JAUNE', 'ORANGE', 'ROUGE', 'GREEN', 'YELLOW', 'RED') NOT NULL;
UPDATE `VigilanceNotice` SET
    `level` = CASE `level` WHEN 'VERT' THEN 'GREEN' WHEN 'JAUNE' THEN 'YELLOW' WHEN 'ROUGE' THEN 'RED' ELSE `level` END,
    `zones` = REPLACE(REPLACE(REPLACE(`zones`, 'LITTORAL', 'COAST'), 'MOYEN_PAYS', 'MIDLAND'), 'HAUT_PAYS', 'HIGHLAND');
ALTER TABLE `VigilanceNotice` MODIFY `level` ENUM('GREEN', 'YELLOW', 'ORANGE', 'RED') NOT NULL;

-- `details` holds only these codes, days, numbers and phenomenon slugs (no free text): the quoted codes
-- are replaced as they are.
UPDATE `ArticleRevision` SET `details` =
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
        `details`,
        '"LITTORAL"', '"COAST"'), '"MOYEN_PAYS"', '"MIDLAND"'), '"HAUT_PAYS"', '"HIGHLAND"'),
        '"VERT"', '"GREEN"'), '"JAUNE"', '"YELLOW"'), '"ROUGE"', '"RED"'),
        '"SOLEIL"', '"SUNNY"'), '"PEU_NUAGEUX"', '"PARTLY_CLOUDY"'), '"NUAGEUX"', '"CLOUDY"'),
        '"COUVERT"', '"OVERCAST"'), '"AVERSES"', '"SHOWERS"'), '"PLUIE"', '"RAIN"'),
        '"ORAGE"', '"THUNDERSTORM"'), '"NEIGE"', '"SNOW"'), '"BROUILLARD"', '"FOG"')
WHERE `details` IS NOT NULL;
