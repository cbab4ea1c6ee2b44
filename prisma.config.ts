// The Prisma CLI's view of the database: the JS schema engine and a driver adapter, so nothing is
// downloaded. DATABASE_URL picks the provider, and with it the schema and migration folder.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseTarget } from "./app/db.target";

const target = databaseTarget(process.env.DATABASE_URL);
const folder = target.provider === "postgresql" ? "prisma/postgres" : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    if (target.provider === "postgresql") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { cliPgPool } = await import("./app/db.pg-pool");
      return new PrismaPg(cliPgPool(target.url));
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: target.url });
  },
});
