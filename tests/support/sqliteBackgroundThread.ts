// Test stand-in for the app's background thread on SQLite: the app's own connection code
// (createDb, prepareDatabase) in a worker thread, which opens a transaction that writes, holds it
// until told to end it, then commits or rolls it back. Messages: "open" (sent when the write lock
// is held), "ended" (sent when the transaction is over); the parent sends "commit" or "rollback".
import { parentPort, workerData } from "node:worker_threads";
import { once } from "node:events";
import { adoptSignalBuffer } from "../../app/background.signals";
import { createDb, prepareDatabase } from "../../app/db.factory";

const { url, shop, signals } = workerData as { url: string; shop: string; signals: SharedArrayBuffer };
adoptSignalBuffer(signals);
const db = createDb({ provider: "sqlite", url });
await prepareDatabase(db, "sqlite");
const port = parentPort!;
await db
  .$transaction(async (tx) => {
    await tx.webhookEvent.create({ data: { deliveryKey: "background-thread", shop, topic: "test/thread", payload: "{}" } });
    port.postMessage("open");
    const [decision] = await once(port, "message");
    if (decision === "rollback") throw new Error("rolled back on purpose");
  })
  .catch(() => undefined);
port.postMessage("ended");
await db.$disconnect();
