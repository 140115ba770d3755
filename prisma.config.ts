import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (`prisma generate`, and `prisma migrate status` on machines that have the
// schema engine). The app and our migration runner read DATABASE_URL themselves.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/meteo06" },
});
