import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

/**
 * The local copy of wp-content/uploads used by the WordPress fixtures, made with sharp: a JPEG with
 * EXIF orientation 6 (rotated) and GPS coordinates, a PNG, a WebP and a PDF (not an image). The
 * fixtures also reference files that are absent on purpose (webcam-perdue.jpg).
 */
export async function writeUploadsTree(dir: string): Promise<void> {
  const file = (relative: string, data: Buffer) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), data);
  };
  // Stored 1200×800 landscape but tagged "rotate 90° clockwise": upright it is 800×1200.
  file(
    "2019/07/orage-nice.jpg",
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#3a5f8a" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "Canon" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "43/1 41/1 0/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "7/1 16/1 0/1",
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer(),
  );
  file(
    "2019/07/grele-cagnes.png",
    await sharp({ create: { width: 640, height: 480, channels: 4, background: "#dddddd" } })
      .png()
      .toBuffer(),
  );
  file(
    "2021/03/neige-colmiane.jpg",
    await sharp({ create: { width: 2000, height: 1333, channels: 3, background: "#f0f4f8" } })
      .jpeg()
      .toBuffer(),
  );
  file(
    "2023/10/aline-cumuls.webp",
    await sharp({ create: { width: 1024, height: 768, channels: 3, background: "#2266aa" } })
      .webp()
      .toBuffer(),
  );
  file("2023/10/bilan-octobre.pdf", Buffer.from("%PDF-1.4\n% not an image\n"));
}
