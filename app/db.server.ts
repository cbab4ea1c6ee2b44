// The one Prisma client of the app process.
import { createDb, type Db } from "./db.factory";

export { prepareDatabase, databaseProvider, type Db, type Prisma } from "./db.factory";

declare global {
  var privacyDeskDb: Db | undefined;
}

// Reused across Vite's module reloads in development so connections are not leaked.
const db: Db = globalThis.privacyDeskDb ?? createDb();
globalThis.privacyDeskDb = db;

export default db;
