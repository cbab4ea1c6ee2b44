// Issue 15, point 1: SQLite runs an automatic checkpoint inside the commit that takes the log past
// 1,000 pages, synchronously. On the thread that answers HTTP that commit is an acknowledgement,
// and the checkpoint's copy and fsync stopped the event loop. That connection must never
// checkpoint on its own; the background work checkpoints instead (walCheckpointLoop.server.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { checkpointWal } from "../../../app/db.factory";

describe("SQLite checkpoints and the thread that answers HTTP", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", "wal_checkpoint");
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("never checkpoints from the HTTP thread's commits, and a passive checkpoint from the background copies the whole log", async () => {
    const payload = "x".repeat(2_000);
    // About 3,000 pages of log in 30 commits: SQLite's default would have checkpointed (and
    // restarted the log) in one of these commits, twice over.
    for (let commit = 0; commit < 30; commit++) {
      await database.db.webhookEvent.createMany({
        data: Array.from({ length: 50 }, (_, i) => ({ deliveryKey: `wal-${commit}-${i}`, shop: "wal.myshopify.com", topic: "customers/redact", payload })),
      });
    }
    const { frames, checkpointed } = await checkpointWal(database.db);
    expect(frames).toBeGreaterThan(2_000);
    expect(checkpointed).toBe(frames);
    const [{ wal_autocheckpoint }] = await database.db.$queryRawUnsafe<Array<{ wal_autocheckpoint: number | bigint }>>("PRAGMA wal_autocheckpoint");
    expect(Number(wal_autocheckpoint)).toBe(0);
  });
});
