import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataDir, dataDirProblem, developmentDataDirs } from "@/lib/data-dirs";
import { formatEnvLine, parseEnvFile, setEnvFileValue } from "@/lib/env-file";

describe("settings file (systemd EnvironmentFile reading)", () => {
  it("reads a sender with spaces and angle brackets, quoted or not, as systemd does", () => {
    const { values, problems } = parseEnvFile(
      [
        "# Météo06 production settings",
        "MAIL_FROM=Météo06 <noreply@meteo06.fr>",
        'QUOTED="Météo06 <noreply@meteo06.fr>"',
        "  SPACED = a value with spaces   ",
        "SINGLE='keeps \\n and $HOME as written'",
        'ESCAPED="a \\"quote\\", a \\\\ and \\$5"',
        "; another comment",
        "EMPTY=",
        "URL=mysql://meteo06_app:p%40ss@127.0.0.1:3306/meteo06",
        "MAIL_FROM=Météo06 <alertes@meteo06.fr>",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(values).toEqual({
      MAIL_FROM: "Météo06 <alertes@meteo06.fr>", // the last assignment wins
      QUOTED: "Météo06 <noreply@meteo06.fr>",
      SPACED: "a value with spaces",
      SINGLE: "keeps \\n and $HOME as written",
      ESCAPED: 'a "quote", a \\ and $5',
      EMPTY: "",
      URL: "mysql://meteo06_app:p%40ss@127.0.0.1:3306/meteo06",
    });
  });

  it("names each malformed line", () => {
    const { values, problems } = parseEnvFile(
      'GOOD=1\nthis is not a setting\n2BAD=x\nOPEN="never closed\nAFTER="x" trailing\n',
    );
    expect(values).toEqual({ GOOD: "1" });
    expect(problems).toEqual([
      'line 2: "this is not a setting" is not KEY=value',
      'line 3: "2BAD=x" is not KEY=value',
      'line 4: OPEN has no closing "',
      'line 5: AFTER has text after its closing "',
    ]);
  });

  it("writes what systemd, a shell and the parser read back identically", () => {
    const tricky = ["Météo06 <noreply@meteo06.fr>", 'a "b" \\ $HOME `cmd`', "plain-value_1.2:3/4@x", ""];
    const text = tricky.map((value, i) => formatEnvLine(`K${i}`, value)).join("\n");
    expect(text.split("\n")[2]).toBe("K2=plain-value_1.2:3/4@x");
    expect(Object.values(parseEnvFile(text).values)).toEqual(tricky);
    const dir = mkdtempSync(path.join(tmpdir(), "m06-env-"));
    writeFileSync(path.join(dir, "env"), `${text}\n`);
    const fromShell = execFileSync("sh", ["-c", `set -a; . ./env; printf '%s\\0' "$K0" "$K1" "$K2" "$K3"`], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(fromShell.split("\0").slice(0, 4)).toEqual(tricky);
  });

  it("replaces a setting in place and keeps everything else", () => {
    const text = "# comment\nA=1\nB=2\nA=3\n";
    expect(setEnvFileValue(text, "A", "x y")).toBe('# comment\nB=2\nA="x y"\n');
    expect(setEnvFileValue(text, "C", "4")).toBe("# comment\nA=1\nB=2\nA=3\nC=4\n");
    expect(setEnvFileValue("", "C", "4")).toBe("C=4\n");
  });
});

describe("data folders", () => {
  it("default to /var/lib/meteo06 in production and to the project's .data in development", () => {
    expect(dataDir("MEDIA_DIR", { NODE_ENV: "production" })).toBe("/var/lib/meteo06/media");
    expect(dataDir("WEBCAM_DIR", { NODE_ENV: "production" })).toBe("/var/lib/meteo06/webcam");
    expect(dataDir("STATION_PHOTOS_DIR", { NODE_ENV: "production" })).toBe("/var/lib/meteo06/station-photos");
    expect(dataDir("MEDIA_DIR", {})).toBe(path.resolve(".data/media"));
    expect(developmentDataDirs("/src/meteo06").WEBCAM_DIR).toBe("/src/meteo06/.data/webcam");
    expect(dataDir("MEDIA_DIR", { NODE_ENV: "production", MEDIA_DIR: "/srv/media/" })).toBe("/srv/media/");
  });

  it("refuse a relative path and a path inside the build, in one line naming the setting", () => {
    expect(() => dataDir("MEDIA_DIR", { MEDIA_DIR: ".data/media" })).toThrow(
      'MEDIA_DIR must be an absolute path such as /var/lib/meteo06/media (got ".data/media")',
    );
    expect(dataDirProblem("WEBCAM_DIR", "/opt/meteo06/app/.next/standalone/.data/webcam")).toBe(
      'WEBCAM_DIR must be outside the build (.next), which every deploy replaces (got "/opt/meteo06/app/.next/standalone/.data/webcam")',
    );
    expect(dataDirProblem("STATION_PHOTOS_DIR", undefined)).toBeNull();
  });
});
