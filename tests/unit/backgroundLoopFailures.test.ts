// The Flow, mail and disclosure-job loops and the webhook inbox worker poll every few seconds; while
// the database is unreachable each logs its failure at first, then once a minute with the count,
// and its end once, by the error's kind only (log.loopFailures.server.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const state = vi.hoisted(() => {
  process.env.WEBHOOK_WORKER_POLL_MS = "1000";
  return { failing: false };
});
const polling = vi.hoisted(() => [] as Array<{ name: string; run: (stopping: () => boolean) => Promise<void> }>);
const background = vi.hoisted(() => [] as Array<{ name: string; start(): void; stop(): Promise<void> }>);

/** What a database that cannot be reached throws; its message quotes someone, as messages may. */
const unreachable = () => Object.assign(new Error("connect ECONNREFUSED for someone@example.jp"), { code: "ECONNREFUSED" });
const whileReachable = <T>(value: T) => async () => {
  if (state.failing) throw unreachable();
  return value;
};

vi.mock("../../app/db.server", () => ({
  default: { webhookEvent: { findMany: whileReachable([]) } },
  databaseProvider: () => "postgresql",
  prepareDatabase: async () => {},
}));
vi.mock("../../app/background.server", () => ({
  registerPollingLoop: (loop: (typeof polling)[number]) => polling.push(loop),
  registerBackgroundLoop: (loop: (typeof background)[number]) => background.push(loop),
}));
vi.mock("../../app/shopifyAdmin.server", () => ({ adminGraphqlForShop: async () => ({}), NoOfflineSessionError: class extends Error {} }));
vi.mock("../../app/privacy/flow/flowOutbox", () => ({
  deliverDueFlowTriggers: whileReachable({ sent: 0, retried: 0, failed: 0, skipped: 0 }),
  purgeSettledFlowTriggers: whileReachable(0),
}));
vi.mock("../../app/privacy/requests/dueSoon", () => ({ queueDueSoonNotices: whileReachable(0) }));
vi.mock("../../app/privacy/mail/delivery", () => ({
  deliverDueMail: whileReachable({ sent: 0, retried: 0, failed: 0, unconfigured: 0 }),
  closeMailTransports: () => {},
}));
vi.mock("../../app/privacy/shopSetup", () => ({ learnShopName: async () => null }));
vi.mock("../../app/privacy/disclosure/disclosureJob", () => ({ runNextDisclosureJob: whileReachable(null) }));

type Line = Record<string, unknown>;

function capture(): Line[] {
  const written: Line[] = [];
  const write = (line: unknown) => void written.push(JSON.parse(String(line)) as Line);
  vi.spyOn(console, "error").mockImplementation(write);
  vi.spyOn(console, "warn").mockImplementation(write);
  vi.spyOn(console, "log").mockImplementation(write);
  return written;
}

/** Five good polls a second apart, 125 failing ones, five good ones again. */
async function outage(poll: () => Promise<void>) {
  const runFor = async (seconds: number) => {
    for (let second = 0; second < seconds; second++) await poll();
  };
  await runFor(5);
  state.failing = true;
  await runFor(125);
  state.failing = false;
  await runFor(5);
}

const expected = (prefix: string) => [
  { level: "error", event: `${prefix}.worker_error`, errorKind: "Error:ECONNREFUSED", failures: 1, failingMs: undefined },
  { level: "error", event: `${prefix}.worker_error`, errorKind: "Error:ECONNREFUSED", failures: 61, failingMs: undefined },
  { level: "error", event: `${prefix}.worker_error`, errorKind: "Error:ECONNREFUSED", failures: 121, failingMs: undefined },
  { level: "warn", event: `${prefix}.worker_recovered`, errorKind: undefined, failures: 125, failingMs: 125_000 },
];

const shape = (written: Line[]) => written.map(({ level, event, errorKind, failures, failingMs }) => ({ level, event, errorKind, failures, failingMs }));

describe("background loops while the database is unreachable", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["performance", "Date", "setTimeout", "clearTimeout"] });
  });
  afterAll(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it.each([
    ["flow-outbox", "flow", () => import("../../app/privacy/flow/flowLoop.server")],
    ["mail-outbox", "mail", () => import("../../app/privacy/mail/mailLoop.server")],
    ["disclosure-jobs", "disclosure", () => import("../../app/privacy/disclosure/jobLoop.server")],
  ])("the %s loop logs an outage at first, once a minute with a count, and its end once", async (name, prefix, load) => {
    await load();
    const loop = polling.find((registered) => registered.name === name)!;
    const written = capture();
    await outage(async () => {
      await loop.run(() => false);
      vi.advanceTimersByTime(1_000);
    });
    expect(shape(written)).toEqual(expected(prefix));
    expect(JSON.stringify(written)).not.toMatch(/@|connect/);
    vi.restoreAllMocks();
  });

  it("the webhook inbox worker logs an outage at first, once a minute with a count, and its end once", async () => {
    await import("../../app/webhookWorker.server");
    const loop = background.find((registered) => registered.name === "webhook-inbox")!;
    const written = capture();
    loop.start();
    await outage(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    const stopped = loop.stop();
    await vi.runAllTimersAsync();
    await stopped;
    expect(shape(written)).toEqual(expected("webhook"));
    expect(JSON.stringify(written)).not.toMatch(/@|connect/);
  });
});
