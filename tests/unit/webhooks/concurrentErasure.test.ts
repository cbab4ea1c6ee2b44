// Two app instances on one PostgreSQL database: instance A is processing a customer's data request
// (received first) when instance B processes the same customer's redact (received after it). The
// redact must take effect after the data request, whichever transaction commits first: no request
// carrying the person's data may outlive the erasure.
//
// The dangerous interleaving: A's handler has created the request and marked its event done but
// has not committed yet, when B's erasure looks for the person's requests (it cannot see A's
// uncommitted row under READ COMMITTED) and then finds A's event already done. Both commit: the
// erasure missed the request. SQLite runs as one instance with one writer, so only PostgreSQL can
// interleave this way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { createDb, type Db } from "../../../app/db.factory";
import { claimEvents, processClaimed, processEvent } from "../../../app/privacy/webhooks/worker";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";
import { compliancePayloads } from "../../support/webhooks";
import "../../../app/privacy/webhooks/dataRequestHandler";
import "../../../app/privacy/webhooks/lifecycleHandlers";

const SHOP = "race-erasure.myshopify.com";
const HANAKO = { id: 7301, email: "hanako.race@example.jp", phone: "+81 90 7301 7301" };

/** A client whose transactions stop, after their work and before COMMIT, until `release` is called. */
function heldAtCommit(db: Db) {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const atCommit = new Promise<void>((resolve) => (reached = resolve));
  const held = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return (work: (tx: unknown) => Promise<unknown>, options?: object) =>
        target.$transaction(async (tx) => {
          const result = await work(tx);
          reached();
          await gate;
          return result;
        }, options);
    },
  }) as Db;
  return { held, release, atCommit };
}

describe("a redact processed by one instance while another processes the same person's data request (PostgreSQL)", () => {
  let database: TestDatabase;
  let instanceA: Db;
  let instanceB: Db;

  beforeAll(async () => {
    database = await createTestDatabase("postgres", "race_erasure");
    instanceA = createDb(database.target);
    instanceB = createDb(database.target);
  }, 60_000);
  afterAll(async () => {
    await instanceA?.$disconnect();
    await instanceB?.$disconnect();
    await database?.drop();
  });

  it("erases the request the data request opened, though it committed after the erasure began", async () => {
    const received = Date.now();
    const rows = [
      { deliveryKey: "race-data-request", topic: "customers/data_request", payload: compliancePayloads.dataRequest(SHOP, HANAKO), receivedAt: new Date(received - 2) },
      { deliveryKey: "race-redact", topic: "customers/redact", payload: compliancePayloads.customerRedact(SHOP, HANAKO), receivedAt: new Date(received - 1) },
    ];
    await database.db.webhookEvent.createMany({
      data: rows.map((row) => ({
        ...row,
        shop: SHOP,
        payload: JSON.stringify(row.payload),
        subjectKey: deliverySubjectKey(SHOP, row.topic, row.payload),
      })),
    });

    // Each instance claims one event, as two workers polling a moment apart do.
    const [dataRequest] = await claimEvents(instanceA, "worker-a", new Date(), 1);
    const [redact] = await claimEvents(instanceB, "worker-b", new Date(), 1);
    expect(dataRequest.topic).toBe("customers/data_request");
    expect(redact.topic).toBe("customers/redact");

    const a = heldAtCommit(instanceA);
    const processingA = processEvent(a.held, "worker-a", dataRequest, undefined, new Map());
    await a.atCommit;
    const processingB = processEvent(instanceB, "worker-b", redact, undefined, new Map());
    // B either waits for A's commit or finishes first; A commits a moment later in both cases.
    await Promise.race([processingB, new Promise((resolve) => setTimeout(resolve, 500))]);
    a.release();
    const [resultA, resultB] = await Promise.all([processingA, processingB]);
    expect(resultB.outcome).toBe("done");
    expect(["done", "retry"]).toContain(resultA.outcome);

    // Whatever A's outcome, nothing about Hanako is readable once both are done.
    const requests = await database.db.privacyRequest.findMany({ where: { shop: SHOP } });
    const readable = requests.filter((request) => request.email !== "" || request.shopifyCustomerId !== null || request.phone !== "");
    expect(readable).toEqual([]);
    const events = await database.db.webhookEvent.findMany({ where: { shop: SHOP }, select: { deliveryKey: true, payload: true } });
    expect(events.filter((event) => event.payload !== "")).toEqual([]);
  });

  describe("a claim whose lease runs out while its holder is still processing the batch", () => {
    const LEASE = 1_000;
    const redacts = (label: string) =>
      database.db.webhookEvent.createMany({
        data: Array.from({ length: 20 }, (_, i) => {
          const payload = compliancePayloads.customerRedact(SHOP, { id: 7400 + (i % 10), email: `lease${i % 10}@example.jp` });
          return { deliveryKey: `${label}-${i}`, shop: SHOP, topic: "customers/redact", payload: JSON.stringify(payload), subjectKey: deliverySubjectKey(SHOP, "customers/redact", payload) };
        }),
      });
    const settle = async () => {
      await database.db.erasureReceipt.deleteMany();
      await database.db.webhookEvent.deleteMany();
    };

    it("is taken over by the other instance and takes effect once, when the takeover comes first", async () => {
      await settle();
      await redacts("lease-first");
      const start = new Date();
      const claimedByA = await claimEvents(instanceA, "worker-a", start, 200, LEASE);
      expect(claimedByA).toHaveLength(20);
      const claimedByB = await claimEvents(instanceB, "worker-b", new Date(start.getTime() + LEASE + 1), 200, LEASE);
      expect(claimedByB).toHaveLength(20);
      // A carries on with what it claimed: every transaction finds its lock gone and rolls back.
      const resultsA = await processClaimed(instanceA, "worker-a", claimedByA);
      expect(resultsA.every(({ result }) => result.outcome === "retry")).toBe(true);
      expect(await database.db.erasureReceipt.count()).toBe(0);
      const resultsB = await processClaimed(instanceB, "worker-b", claimedByB);
      expect(resultsB.every(({ result }) => result.outcome === "done")).toBe(true);
      expect(await database.db.erasureReceipt.count()).toBe(20);
      expect(await database.db.webhookEvent.count({ where: { status: "done" } })).toBe(20);
    });

    it("takes effect once when the old holder's batch commits while the takeover waits for it", async () => {
      await settle();
      await redacts("lease-late");
      const start = new Date();
      const claimedByA = await claimEvents(instanceA, "worker-a", start, 200, LEASE);
      const a = heldAtCommit(instanceA);
      const processingA = processClaimed(a.held, "worker-a", claimedByA);
      await a.atCommit;
      const takeover = claimEvents(instanceB, "worker-b", new Date(start.getTime() + LEASE + 1), 200, LEASE);
      await new Promise((resolve) => setTimeout(resolve, 300));
      a.release();
      const [resultsA, claimedByB] = await Promise.all([processingA, takeover]);
      expect(resultsA.every(({ result }) => result.outcome === "done")).toBe(true);
      // What B read as stale was done by the time its conditional UPDATE could look at it.
      expect(await processClaimed(instanceB, "worker-b", claimedByB)).toEqual([]);
      expect(await database.db.erasureReceipt.count()).toBe(20);
      expect(await database.db.webhookEvent.count({ where: { status: "done" } })).toBe(20);
    });
  });
});
