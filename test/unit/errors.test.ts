import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api";
import { ArchiveError } from "@/lib/archive/reader";
import { ConfigError } from "@/lib/config";
import { ForbiddenError, UserError } from "@/lib/errors";
import { MediaError } from "@/lib/media/pipeline";
import { PartnerSettingsError } from "@/lib/partners/settings";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("errors that explain themselves", () => {
  it("are all UserErrors, and keep their own class", () => {
    const errors = [
      new ApiError(400, "Paramètre invalide"),
      new MediaError(413, "Fichier trop lourd"),
      new ForbiddenError(),
      new ConfigError(["DATABASE_URL is missing"]),
      new PartnerSettingsError("STATIC_FTP_TIMEOUT must be a number"),
      new ArchiveError("unreachable", "weewx_nice", "archive unreachable"),
    ];
    for (const error of errors) expect(error).toBeInstanceOf(UserError);
    expect(new MediaError(413, "Fichier trop lourd")).toBeInstanceOf(ApiError);
    expect(new ApiError(400, "x")).not.toBeInstanceOf(MediaError);
    expect(new ForbiddenError()).not.toBeInstanceOf(ApiError);
    expect(new Error("a crash")).not.toBeInstanceOf(UserError);
  });

  it("are recognised when thrown by another copy of the module (Next bundles one per layer)", () => {
    const fromOtherCopy = Object.assign(new Error("refusé"), { [Symbol.for("meteo06.user-error")]: true });
    expect(fromOtherCopy).toBeInstanceOf(UserError);
  });

  it("is the one base: no error class of lib/ or scripts/ extends Error directly", () => {
    const files = ["lib", "scripts"].flatMap((folder) =>
      readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
        .filter((file) => /\.tsx?$/.test(file) && !file.startsWith("generated"))
        .map((file) => path.join(folder, file)),
    );
    const direct = files.filter(
      (file) =>
        file !== path.join("lib", "errors.ts") &&
        /class \w+ extends Error\b/.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(direct).toEqual([]);
  });
});
