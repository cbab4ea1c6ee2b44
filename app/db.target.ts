// Which database a DATABASE_URL names. Shared by the runtime (db.server.ts), the Prisma CLI
// config and the scripts, so they can never disagree.

export type DatabaseTarget =
  | { provider: "sqlite"; url: string }
  | { provider: "postgresql"; url: string };

export const DEFAULT_SQLITE_URL = "file:prisma/dev.sqlite";

export class UnsupportedDatabaseUrlError extends Error {
  constructor(scheme: string) {
    // The URL itself may carry a password, so only its scheme is named.
    super(
      `DATABASE_URL has an unsupported scheme "${scheme}". Use file:<path> for SQLite ` +
        `or postgres://user@host:port/database for PostgreSQL.`,
    );
    this.name = "UnsupportedDatabaseUrlError";
  }
}

export function databaseTarget(databaseUrl: string | undefined): DatabaseTarget {
  const url = (databaseUrl ?? "").trim();
  if (url === "") return { provider: "sqlite", url: DEFAULT_SQLITE_URL };
  if (url.startsWith("file:")) return { provider: "sqlite", url };
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? "(none)";
  throw new UnsupportedDatabaseUrlError(scheme);
}
