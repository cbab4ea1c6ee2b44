// Rotating the app's hash key, and the hashes stored before keys were derived, through the built
// server: a subject hashed under an old key is still erased; the server refuses to start while a
// key that keyed stored rows is missing; changing the client secret changes nothing stored.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, databaseText, root, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_SECRET, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { compliancePayloads } from "../support/webhooks";
import { OTHER_TEST_HASH_KEY, TEST_HASH_KEY } from "../support/hashKey";
import { emailSubjectHash } from "../../app/privacy/keyedHash";
import { deliver, waitForInbox, waitForProcessedLog } from "./webhooks.helpers";

const SHOP = "rotation-shop.myshopify.com";
const KEY_A = TEST_HASH_KEY;
const KEY_B = OTHER_TEST_HASH_KEY;

let ipCounter = 1;

async function fileRequest(app: RunningApp, email: string, secret = TEST_API_SECRET, message = "開示をお願いします。") {
  const query = signedProxyQuery({ shop: SHOP, secret });
  const response = await fetch(`${app.url}/proxy/requests?${query}`, {
    method: "POST",
    headers: {
      "User-Agent": BROWSER_UA,
      Accept: "application/json",
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Forwarded-For": `198.51.100.${ipCounter++}`,
    },
    body: new URLSearchParams({ locale: "ja", type: "disclosure", name: "山田 花子", email, delivery: "electronic", message, consent: "1", website: "" }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { reference: string };
}

async function startFails(database: TestDatabase, env: Record<string, string>): Promise<string> {
  try {
    const app = await startApp({ database, env });
    await app.stop();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the app started");
}

/** The migration's own statement that marks hashes stored before keys were derived. */
function legacyMarkerSql(kind: "sqlite" | "postgres"): string {
  const folder = path.join(root, kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations");
  const migration = readdirSync(folder).find((name) => name.endsWith("_hash_key_use"))!;
  const sql = readFileSync(path.join(folder, migration, "migration.sql"), "utf8");
  return sql.slice(sql.indexOf("INSERT INTO"));
}

describe(`hash keys on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp | undefined;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "hashkeys");
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("erases an email-only subject created under key A after a restart with key B first and A listed as previous", async () => {
    const email = "rotated.hanako@example.jp";
    app = await startApp({ database, env: { PRIVACY_DESK_HASH_KEY: KEY_A } });
    await fileRequest(app, email);
    await app.stop();
    app = undefined;
    // A provision record about her, keyed (as the records page does) by her email's hash under A.
    const hashA = emailSubjectHash(SHOP, email);
    await db().provisionRecord.create({
      data: {
        shop: SHOP,
        direction: "provided",
        firstProvidedAt: new Date(),
        lastProvidedAt: new Date(),
        counterpartyName: "配送業者",
        subjectHash: hashA,
        subjectLabel: "花子さん (電話で依頼)",
        basis: "consent",
        retentionEndsAt: new Date(Date.now() + 3 * 365 * 86_400_000),
      },
    });
    expect(await db().consentRecord.count({ where: { shop: SHOP, subjectKey: `email:${hashA}` } })).toBe(1);
    expect(await db().formSubmission.count({ where: { shop: SHOP, subjectHash: hashA } })).toBe(1);

    // Dropping A would let her rows escape the erasure: the server refuses, naming the variable.
    expect(await startFails(database, { PRIVACY_DESK_HASH_KEY: KEY_B })).toMatch(/PRIVACY_DESK_PREVIOUS_HASH_KEYS/);

    app = await startApp({ database, env: { PRIVACY_DESK_HASH_KEY: KEY_B, PRIVACY_DESK_PREVIOUS_HASH_KEYS: KEY_A, WEBHOOK_WORKER_POLL_MS: "200" } });
    const payload = { ...compliancePayloads.customerRedact(SHOP, { id: 1 }), customer: { email, phone: null } };
    expect((await deliver(app, { topic: "customers/redact", shop: SHOP, payload })).status).toBe(200);
    await waitForInbox(db());
    // "Processed" is logged once the freed space is reclaimed, after the event is marked done.
    await waitForProcessedLog(app!, "customers/redact", 1);

    expect(await db().consentRecord.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().formSubmission.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().privacyRequest.count({ where: { shop: SHOP, redacted: false } })).toBe(0);
    const provision = await db().provisionRecord.findFirstOrThrow({ where: { shop: SHOP } });
    expect(provision.subjectLabel).toBe("");
    expect(await databaseText(database)).not.toContain(email);
  });

  it("finds what was hashed before keys were derived through PRIVACY_DESK_LEGACY_HASH_KEY, and will not start without it", async () => {
    const email = "legacy.taro@example.jp";
    // Rows as the app wrote them before: HMAC-SHA256 keyed with the client secret itself.
    const legacyHash = createHmac("sha256", TEST_API_SECRET).update(`subject\u001f${SHOP}\u001f${email}`).digest("hex");
    const request = await db().privacyRequest.create({
      data: { shop: SHOP, reference: "PD-2026-90001", type: "disclosure", source: "storefront", email, customerName: "鈴木 太郎", dueAt: new Date(Date.now() + 86_400_000) },
    });
    const before = new Date(Date.now() - 60_000);
    await db().consentRecord.create({ data: { shop: SHOP, subjectKey: `email:${legacyHash}`, kind: "policy", granted: true, source: "storefront_form", choiceAt: before } });
    await db().formSubmission.create({ data: { shop: SHOP, fingerprint: "old", requestId: request.id, reference: request.reference, subjectHash: legacyHash, createdAt: before } });
    await db().$executeRawUnsafe(legacyMarkerSql(database.kind));
    expect((await db().hashKeyUse.findMany()).map((row) => row.keyId)).toContain("legacy");

    expect(await startFails(database, { PRIVACY_DESK_HASH_KEY: KEY_B, PRIVACY_DESK_PREVIOUS_HASH_KEYS: KEY_A })).toMatch(/PRIVACY_DESK_LEGACY_HASH_KEY/);
    // A wrong value (here, a client secret rotated since) is caught against a stored submission.
    expect(
      await startFails(database, { PRIVACY_DESK_HASH_KEY: KEY_B, PRIVACY_DESK_PREVIOUS_HASH_KEYS: KEY_A, PRIVACY_DESK_LEGACY_HASH_KEY: "some-other-secret" }),
    ).toMatch(/does not reproduce/);

    app = await startApp({
      database,
      env: { PRIVACY_DESK_HASH_KEY: KEY_B, PRIVACY_DESK_PREVIOUS_HASH_KEYS: KEY_A, PRIVACY_DESK_LEGACY_HASH_KEY: TEST_API_SECRET, WEBHOOK_WORKER_POLL_MS: "200" },
    });
    const payload = { ...compliancePayloads.customerRedact(SHOP, { id: 1 }), customer: { email, phone: null } };
    expect((await deliver(app, { topic: "customers/redact", shop: SHOP, payload })).status).toBe(200);
    await waitForInbox(db());
    // "Processed" is logged once the freed space is reclaimed, after the event is marked done.
    await waitForProcessedLog(app!, "customers/redact", 1);
    expect(await db().consentRecord.count({ where: { shop: SHOP, subjectKey: `email:${legacyHash}` } })).toBe(0);
    expect(await db().formSubmission.count({ where: { shop: SHOP, subjectHash: legacyHash } })).toBe(0);
    expect(await databaseText(database)).not.toContain(email);
  });

  it("changing the client secret changes nothing stored: the same shopper keeps the same subject", async () => {
    const email = "same.person@example.jp";
    const env = { PRIVACY_DESK_HASH_KEY: KEY_B, PRIVACY_DESK_PREVIOUS_HASH_KEYS: KEY_A, PRIVACY_DESK_LEGACY_HASH_KEY: TEST_API_SECRET };
    app = await startApp({ database, env });
    await fileRequest(app, email);
    await app.stop();
    app = await startApp({ database, env: { ...env, SHOPIFY_API_SECRET: "a-rotated-client-secret" } });
    await fileRequest(app, email, "a-rotated-client-secret", "二度目の依頼です。");
    const keys = await db().consentRecord.findMany({ where: { shop: SHOP, subjectKey: { startsWith: "email:" } }, select: { subjectKey: true } });
    expect(keys).toHaveLength(2);
    expect(keys[0].subjectKey).toBe(keys[1].subjectKey);
  });
});
