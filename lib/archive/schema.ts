/**
 * The WeeWX `wview_extended` archive schema (WeeWX 5), as found on the stations' Pis.
 * Used to create demo and test archives exactly like the real ones; the platform itself never
 * creates or alters a station archive.
 */
export const WVIEW_EXTENDED_COLUMNS: readonly string[] = `
  altimeter appTemp appTemp1 barometer batteryStatus1 batteryStatus2 batteryStatus3 batteryStatus4 
  batteryStatus5 batteryStatus6 batteryStatus7 batteryStatus8 cloudbase co co2 consBatteryVoltage 
  dewpoint dewpoint1 ET extraHumid1 extraHumid2 extraHumid3 extraHumid4 extraHumid5 extraHumid6 
  extraHumid7 extraHumid8 extraTemp1 extraTemp2 extraTemp3 extraTemp4 extraTemp5 extraTemp6 
  extraTemp7 extraTemp8 forecast hail hailBatteryStatus hailRate heatindex heatindex1 heatingTemp 
  heatingVoltage humidex humidex1 illuminance inDewpoint inHumidity inTemp inTempBatteryStatus 
  leafTemp1 leafTemp2 leafWet1 leafWet2 lightning_distance lightning_disturber_count lightning_energy 
  lightning_noise_count lightning_strike_count luminosity maxSolarRad nh3 no2 noise o3 outHumidity 
  outTemp outTempBatteryStatus pb pm10_0 pm1_0 pm2_5 pressure radiation rain rainBatteryStatus 
  rainRate referenceVoltage rxCheckPercent signal1 signal2 signal3 signal4 signal5 signal6 signal7 
  signal8 snow snowBatteryStatus snowDepth snowMoisture snowRate so2 soilMoist1 soilMoist2 soilMoist3 
  soilMoist4 soilTemp1 soilTemp2 soilTemp3 soilTemp4 supplyVoltage txBatteryStatus UV uvBatteryStatus 
  windBatteryStatus windchill windDir windGust windGustDir windrun windSpeed 
`
  .trim()
  .split(/\s+/);

/** CREATE TABLE for `database`.archive; `database` must already be a validated identifier. */
export function createArchiveTableSql(
  database: string,
  columns: readonly string[] = WVIEW_EXTENDED_COLUMNS,
): string {
  const doubles = columns.map((column) => `  \`${column}\` double DEFAULT NULL,`).join("\n");
  return `CREATE TABLE IF NOT EXISTS \`${database}\`.archive (
  \`dateTime\` int(11) NOT NULL,
  \`usUnits\` int(11) NOT NULL,
  \`interval\` int(11) NOT NULL,
${doubles}
  PRIMARY KEY (\`dateTime\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`;
}
