import { describe, expect, it } from "vitest";
import { aggregateRecords, hourStart } from "@/lib/aggregates/compute";
import type { HourRow } from "@/lib/aggregates/store";
import type { Observation } from "@/lib/archive/reader";
import type { ClimateDay } from "@/lib/climate/daily";
import { yearHeatmap } from "@/lib/climate/heatmap";
import { summarizeMonth } from "@/lib/climate/monthly";
import { noaaMonthCsv, noaaMonthText } from "@/lib/climate/noaa";
import { anomalies, periodValues, referenceFrom } from "@/lib/climate/normals";
import { coverageByMonth } from "@/lib/climate/queries";
import { recordTables } from "@/lib/climate/records";
import { runningRainTotals } from "@/lib/climate/series";
import { monthlySummaryDraft } from "@/lib/climate/summary";
import { summaryMonthDue } from "@/lib/climate/summary-job";
import { monthChartSvg } from "@/lib/climate/svg";
import { dailyCsv, dailyJson, periodJson, periodsCsv, recordsCsv, recordsJson } from "@/lib/opendata/climate";
import { sanitizeUserHtml } from "@/lib/security/html";
import { climateDay } from "../helpers/climate";

const utc = (iso: string) => Date.parse(`${iso}Z`) / 1000;
const LATER = utc("2031-01-01T00:00");

function day(date: string, values: Partial<ClimateDay> = {}): ClimateDay {
  const tn = values.tn ?? 4;
  const tx = values.tx ?? 14;
  return climateDay(date, {
    tn,
    tx,
    tnTxMean: (tn + tx) / 2,
    amplitude: tx - tn,
    rr: 1,
    t24Count: 24,
    t8Count: 8,
    ...values,
  });
}

const march = Array.from({ length: 31 }, (_, i) =>
  day(`2025-03-${String(i + 1).padStart(2, "0")}`, {
    tn: i === 4 ? -3.5 : 4,
    tnAt: i === 4 ? utc("2025-03-05T05:40") : null,
    tx: i === 20 ? 22.4 : 14,
    gustMax: i === 9 ? 81 : 30,
    gustDir: 45,
    gustAt: i === 9 ? utc("2025-03-10T13:20") : null,
  }),
);
const summary = summarizeMonth("2025-03", march, LATER);
const reference = referenceFrom([
  periodValues(
    summarizeMonth(
      "2024-03",
      march.map((d) => ({ ...d, date: d.date.replace("2025", "2024"), tn: 3, tx: 13, tnTxMean: 8, rr: 2 })),
      LATER,
    ),
  ),
]);
const station = {
  name: "Nice – Pessicart",
  commune: "Nice",
  altitude: 230,
  latitude: 43.7262,
  longitude: 7.2438,
};

describe("the monthly climate summary draft", () => {
  const draft = monthlySummaryDraft({
    stationName: station.name,
    month: "2025-03",
    days: march,
    summary,
    reference,
    anomalies: anomalies(summary, reference),
    monthPageUrl: "https://nice-pessicart.meteo06.fr/mois/2025-03",
    temperatureChartUrl:
      "https://meteo06.fr/api/v1/stations/nice-pessicart/climate/chart?month=2025-03&kind=temperature",
    rainChartUrl: "https://meteo06.fr/api/v1/stations/nice-pessicart/climate/chart?month=2025-03&kind=rain",
  });

  it("has a title, an excerpt with the anomalies against the station average", () => {
    expect(draft.title).toBe("Bilan climatologique de mars 2025 à Nice – Pessicart");
    // Tmoy: 30 days at 9 °C, one at 5.25 (Tn -3.5), one at 13.2 (Tx 22.4) … against 8 °C.
    const tnTxMean = march.reduce((s, d) => s + (d.tnTxMean as number), 0) / 31;
    expect(summary.tnTxMean.mean).toBeCloseTo(tnTxMean, 12);
    expect(draft.excerpt).toContain(`température moyenne ${tnTxMean.toFixed(1).replace(".", ",")}\u202f°C`);
    expect(draft.excerpt).toContain(
      `(+${(tnTxMean - 8).toFixed(1).replace(".", ",")}\u202f°C par rapport à la moyenne de la station 2024 (1 an))`,
    );
    expect(draft.excerpt).toContain(
      "31,0\u202fmm de précipitations (50\u202f% de la moyenne de la station 2024 (1 an))",
    );
  });

  it("contains the table, the extremes and the charts, and survives the article allow-list untouched", () => {
    expect(draft.bodyHtml).toContain(
      "<li>Température la plus basse (Tn) : <strong>−3,5\u202f°C</strong> le 5 mars 2025 à 06:40</li>",
    );
    expect(draft.bodyHtml).toContain("<strong>81\u202fkm/h</strong> le 10 mars 2025 à 14:20");
    expect(draft.bodyHtml.match(/<img /g)).toHaveLength(2);
    expect(draft.bodyHtml.match(/<tr>/g)?.length).toBe(1 + 4 + 1 + 31);
    const sanitized = sanitizeUserHtml(draft.bodyHtml);
    expect(sanitized).toContain(
      'src="https://meteo06.fr/api/v1/stations/nice-pessicart/climate/chart?month=2025-03&amp;kind=rain"',
    );
    expect(sanitized.match(/<table>/g)).toHaveLength(2);
    expect(sanitized.replace(/\s/g, "").length).toBeGreaterThan(
      draft.bodyHtml.replace(/\s/g, "").length * 0.95,
    );
  });

  it("is due for the past month once its last day is final (the 1st at 06:00 UTC)", () => {
    expect(summaryMonthDue(utc("2025-04-01T05:59"))).toBe("2025-02");
    expect(summaryMonthDue(utc("2025-04-01T06:00"))).toBe("2025-03");
    expect(summaryMonthDue(utc("2025-04-17T12:00"))).toBe("2025-03");
    expect(summaryMonthDue(utc("2025-01-01T07:00"))).toBe("2024-12");
  });
});

describe("NOAA-style reports", () => {
  it("write one line per day, the month's lines, and the method", () => {
    const text = noaaMonthText(
      station,
      "2025-03",
      march.filter((d) => d.date !== "2025-03-12"),
      summary,
      reference,
      anomalies(summary, reference),
      utc("2025-04-02T08:00"),
    );
    const lines = text.split("\n");
    expect(lines[0]).toBe("RELEVÉ CLIMATOLOGIQUE MENSUEL — MARS 2025");
    expect(text).toContain("Tn de 18 h à 18 h UTC, Tx et RR de 06 h à 06 h UTC");
    expect(lines.find((l) => l.startsWith("12"))).toBe("12      (aucune donnée)");
    const fifth = lines.find((l) => l.startsWith("  5"))!;
    // Tmoy, Tx (no time known), Tn and its time in Paris, DJU 18 − 5.25
    expect(fifth.split(/\s+/).slice(2, 7)).toEqual(["5,3", "14,0", "−3,5", "06:40", "12,8"]);
    expect(text).toContain("Tn la plus basse                   −3,5 °C le 5 mars à 06:40");
    expect(text).toContain("Rafale maximale                    81 km/h le 10 mars à 14:20");
  });

  it("give the days as CSV, every day of the month, times in UTC", () => {
    const csv = noaaMonthCsv("2025-03", march.slice(0, 10)).trim().split("\r\n");
    expect(csv).toHaveLength(32);
    expect(csv[5]).toMatch(/^2025-03-05,5.25,14,,-3.5,2025-03-05T05:40:00.000Z,12.75,1,/);
    expect(csv[20]).toBe("2025-03-20");
  });
});

describe("API bodies", () => {
  it("give values rounded as the pages show them, ISO UTC times, coverage fractions and the partial flag", () => {
    const json = dailyJson(march[4], { erroneous: 3, suspect: 1 });
    expect(json).toEqual({
      date: "2025-03-05",
      tn: -3.5,
      tnTime: "2025-03-05T05:40:00.000Z",
      tx: 14,
      txTime: null,
      tnTxMean: 5.3, // (-3.5 + 14) / 2 = 5.25, shown 5,3
      tmoy: 5.3, // its former name, still given
      rr: 1,
      rrRateMax: null,
      gustMax: 30,
      gustDir: 45,
      coverage: { tn: 1, tx: 1, rr: 1 },
      quality: { erroneous: 3, suspect: 1 },
      partial: false,
    });
    expect(dailyCsv([march[4]], () => ({ erroneous: 3, suspect: 1 })).split("\r\n")[1]).toBe(
      "2025-03-05,-3.5,2025-03-05T05:40:00.000Z,14,,5.3,1,,30,45,1,1,1,3,1,false",
    );
    // Unit conversions and vector means leave long tails (seen on an archive written by WeeWX itself).
    expect(
      dailyJson({ ...march[4], tx: 21.110229731242967, gustMax: 40.23360000000001, gustDir: 1.86e-7 }),
    ).toMatchObject({ tx: 21.1, gustMax: 40, gustDir: 0 });
    expect(
      periodJson(summarizeMonth("2025-03", [{ ...march[4], tn: -0.04 }], LATER)).extremes.tnMin,
    ).toMatchObject({ value: 0 });
  });

  it("return an incomplete rain total apart", () => {
    const holed = summarizeMonth(
      "2025-03",
      march.map((d) => (d.date === "2025-03-02" ? { ...d, rr: null } : d)),
      LATER,
    );
    expect(periodJson(holed)).toMatchObject({ rr: null, rrIncompleteSum: 30, missing: { rr: 1 } });
    expect(periodJson(summary)).toMatchObject({ rr: 31, rrIncompleteSum: null });
  });

  it("give a month's values flagged by the quality control, in JSON and as the CSV's last two columns", () => {
    expect(periodJson(summary).quality).toEqual({ erroneous: 0, suspect: 0 });
    expect(periodJson(summary, { erroneous: 4, suspect: 2 }).quality).toEqual({ erroneous: 4, suspect: 2 });
    const [header, line] = periodsCsv([summary], () => ({ erroneous: 4, suspect: 2 })).split("\r\n");
    expect(header.endsWith(",dju,qcErroneous,qcSuspect")).toBe(true);
    expect(line.endsWith(",4,2")).toBe(true);
  });

  it("give each record the values of its parameter's sensors flagged that day, in JSON and CSV", () => {
    const tables = recordTables(
      new Map([
        ["txHigh", [{ date: "2025-03-05", value: 21.04, at: utc("2025-03-05T13:10") }]],
        ["rr", [{ date: "2025-03-05", value: 12.3, at: null }]],
      ]),
    );
    // Temperature values flagged on the 5th; the rain gauge's were fine.
    const qualityOf = (parameter: { sensors: readonly string[] }) =>
      parameter.sensors.includes("TEMPERATURE") ? { erroneous: 6, suspect: 1 } : { erroneous: 0, suspect: 0 };
    const [tx, rr] = recordsJson(tables, qualityOf);
    expect(tx.entries).toEqual([
      {
        rank: 1,
        date: "2025-03-05",
        value: 21,
        time: "2025-03-05T13:10:00.000Z",
        quality: { erroneous: 6, suspect: 1 },
      },
    ]);
    expect(rr.entries[0].quality).toEqual({ erroneous: 0, suspect: 0 });
    expect(recordsCsv(tables, qualityOf).trim().split("\r\n")).toEqual([
      "parameter,rank,date,value,unit,time,qcErroneous,qcSuspect",
      "txHigh,1,2025-03-05,21,°C,2025-03-05T13:10:00.000Z,6,1",
      "rr,1,2025-03-05,12.3,mm,,0,0",
    ]);
  });
});

describe("charts and series", () => {
  it("draw a month as SVG with a line per temperature and gaps where values are missing", () => {
    const svg = monthChartSvg(
      march.map((d) => (d.date === "2025-03-15" ? { ...d, tx: null, tnTxMean: null } : d)),
      31,
      "temperature",
      "Mars <2025>",
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('aria-label="Mars &lt;2025&gt;"');
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(3);
    expect(paths[0].match(/M/g)).toHaveLength(2); // Tx breaks on the 15th
    expect(paths[2].match(/M/g)).toHaveLength(1); // Tn does not
    const rain = monthChartSvg(march, 31, "rain", "Pluie");
    expect(
      rain.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#1c7ed6"\/>/g),
    ).toHaveLength(31 + 1); // + the legend's swatch
  });

  it("run rain totals that restart each month and each year", () => {
    const totals = runningRainTotals([
      { date: "2024-12-30", rr: 2 },
      { date: "2024-12-31", rr: null },
      { date: "2025-01-01", rr: 5 },
      { date: "2025-01-02", rr: 1 },
      { date: "2025-02-01", rr: 3 },
    ]);
    expect(totals.month.map(([, v]) => v)).toEqual([2, 2, 5, 6, 3]);
    expect(totals.year.map(([, v]) => v)).toEqual([2, 2, 5, 6, 9]);
    expect(totals.month[0][0]).toBe(utc("2024-12-30T12:00"));
  });

  it("lay hourly aggregates out by local day and hour for the heat-maps", () => {
    const records: Observation[] = [];
    for (let t = utc("2025-03-29T20:00"); t <= utc("2025-03-30T04:00"); t += 300) {
      records.push({
        dateTime: t,
        interval: 5,
        outTemp: (t - utc("2025-03-29T20:00")) / 3600,
        rain: 0.1,
        outHumidity: 80,
        dewpoint: 2,
      });
    }
    const byHour = new Map<number, Observation[]>();
    for (const r of records)
      byHour.set(hourStart(r.dateTime), [...(byHour.get(hourStart(r.dateTime)) ?? []), r]);
    const hours: HourRow[] = [...byHour].map(([start, rs]) => ({
      start,
      aggregate: aggregateRecords(rs, start + 3600),
    }));
    const map = yearHeatmap(hours, 2025, "Europe/Paris");
    expect(map.days).toHaveLength(365);
    const d29 = map.days.indexOf("2025-03-29");
    const d30 = map.days.indexOf("2025-03-30");
    // UTC 22:00–23:00 is 23:00 in Paris (UTC+1) on the 29th; UTC 01:00–02:00 is 03:00 (UTC+2) on the 30th.
    expect(map.values.temperature[d29][23]).toBeCloseTo((2 + 1 / 12 + 3) / 2, 1);
    expect(map.values.rain[d29][23]).toBeCloseTo(1.2, 9);
    expect(map.values.temperature[d30][2]).toBeNull(); // the hour skipped by the DST change
    expect(map.values.humidity[d30][3]).toBe(80);
  });
});

describe("reliability", () => {
  it("averages the Tn and Tx coverage over the expected days, a day without records counting 0", () => {
    const days = [
      day("2025-03-01", { tnCoverage: 1, txCoverage: 0.9 }),
      day("2025-03-02", { tnCoverage: 0.5, txCoverage: 1 }),
      day("2025-03-04", { tnCoverage: 1, txCoverage: 1 }),
      day("2025-03-05", { tnCoverage: 1, txCoverage: 1, partial: true }),
    ];
    const [row] = coverageByMonth(days, utc("2025-03-05T12:00")); // 4 March is the last final day
    expect(row).toEqual({
      month: "2025-03",
      expected: 4,
      present: 3,
      tnMean: 2.5 / 4,
      txMean: 2.9 / 4,
      below80: 2, // the 2nd (50 %) and the missing 3rd
      atMost95: 3,
    });
  });
});
