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
import { claimEvents, processEvent } from "../../../app/privacy/webhooks/worker";
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
});
