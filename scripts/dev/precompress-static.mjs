// The build's assets as nginx serves them (deploy/nginx: gzip_static, brotli_static): each script,
// stylesheet, SVG and JSON of .next/standalone/.next/static gets its .gz and .br beside it, compressed
// once at the strongest levels here rather than at every request (which costs the server's CPU while a
// phone waits).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const ROOT = ".next/standalone/.next/static";
const COMPRESSIBLE = /\.(js|css|svg|json)$/;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

const files = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((name) => COMPRESSIBLE.test(name))
  .map((name) => path.join(ROOT, name));

await Promise.all(
  files.map(async (file) => {
    const body = readFileSync(file);
    const [br, gz] = await Promise.all([
      brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
      gzipped(body, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
  }),
);
console.log(`› precompressed: ${files.length} assets (.br, .gz)`);
