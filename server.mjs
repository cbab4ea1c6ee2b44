// Production HTTP server: static assets from build/client, everything else through Remix, and the
// app's background work (webhook inbox, jobs, mail, purges, Flow) in the same process: on SQLite
// in a worker thread of its own (this same file, started by startBackground), so that none of it
// runs on the thread that answers HTTP.
// `node server.mjs` starts it; the sandbox imports createAppServer and adds its own pages in front.
import http from "node:http";
import { once } from "node:events";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler, createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";

const root = path.dirname(fileURLToPath(import.meta.url));
const clientDir = path.join(root, "build/client");
const serverBuildPath = path.join(root, "build/server/index.js");

const CONTENT_TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

function serveStatic(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (pathname === "/" || pathname.includes("..")) return false;
  const file = path.join(clientDir, pathname);
  if (!file.startsWith(clientDir + path.sep)) return false;
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  res.statusCode = 200;
  res.setHeader("Content-Type", CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream");
  res.setHeader("Content-Length", stat.size);
  // Vite fingerprints everything under /assets, so those never change.
  res.setHeader("Cache-Control", pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600");
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
  return true;
}

function toFetchRequest(req, res) {
  const origin = `http://${req.headers.host ?? "localhost"}`;
  const url = new URL(req.url, origin);
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

function decodablePath(url) {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

/** A positive number from the environment, or `fallback` when unset or not one. */
function positive(value, fallback) {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Unverified webhook bodies are read (up to 1 MB) before their signature can be checked, so what
 * anyone can make the process hold is bounded here: bytes of bodies being read at once, per
 * process (declared Content-Length reserved up front, bytes beyond it counted as they arrive),
 * and how long one body may take. Shopify sends a whole delivery at once and retries 5xx; a
 * refused delivery stored nothing, so nothing acknowledged is lost.
 */
export function webhookBodyLimits(env = process.env) {
  return {
    budgetBytes: positive(env.WEBHOOK_INFLIGHT_BODY_BYTES, 64 * 1024 * 1024),
    timeoutMs: positive(env.WEBHOOK_BODY_TIMEOUT_MS, 5_000),
    retryAfterSeconds: 5,
  };
}

/**
 * How long a client may hold a connection without finishing a request. Node's defaults let one
 * that trickles its headers keep the socket for 60 s, checked only every 30 s, and a body for
 * 300 s. Every honest client (Shopify's webhooks and App Proxy, a browser, a load balancer) sends
 * its headers at once and bodies here are a few KB, so: 10 s for the headers of each request (on
 * a kept-alive connection too), 30 s for a whole request (a webhook body has its own 5 s), checked
 * every second. An idle kept-alive connection stays 65 s: longer than a load balancer's idle
 * timeout (60 s on the common ones), or it may send a request on a connection we just closed.
 * The environment overrides each, for tests.
 */
export function httpTimeouts(env = process.env) {
  const headersTimeout = positive(env.HTTP_HEADERS_TIMEOUT_MS, 10_000);
  return {
    headersTimeout,
    // Node refuses a headers timeout longer than the request timeout.
    requestTimeout: Math.max(headersTimeout, positive(env.HTTP_REQUEST_TIMEOUT_MS, 30_000)),
    keepAliveTimeout: positive(env.HTTP_KEEP_ALIVE_TIMEOUT_MS, 65_000),
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  };
}

/** A webhook body not read: `status` is the answer (503 past the budget, 408 too slow). */
class WebhookBodyRefused extends Error {
  constructor(status) {
    super(status === 503 ? "webhook body budget exhausted" : "webhook body too slow");
    this.status = status;
  }
}

/** The bytes of unverified webhook bodies being read in this process; O(1) per delivery. */
function bodyBudget(capacity) {
  let inUse = 0;
  return {
    /** Takes `bytes` from the budget, or returns false (nothing taken). */
    take(bytes) {
      if (inUse + bytes > capacity) return false;
      inUse += bytes;
      return true;
    },
    give(bytes) {
      inUse -= bytes;
    },
  };
}

/** A webhook delivery as verification reads it, straight from Node's request. */
function incomingDelivery(req, budget, limits) {
  return {
    method: req.method,
    header(name) {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    body: (limit) => readBodyWithin(req, limit, budget, limits),
  };
}

/**
 * At most `limit` bytes of the body, or null when it is longer; the rest is left unread.
 * Rejects with WebhookBodyRefused past the budget or the time; whatever it took from the budget
 * is given back on every way out (end, too long, error, close, timeout).
 */
function readBodyWithin(req, limit, budget, limits) {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  // What the client declares is only taken as a floor: bytes past it are counted as they come.
  let reserved = Number.isFinite(declared) && declared > 0 ? declared : 0;
  if (!budget.take(reserved)) return Promise.reject(new WebhookBodyRefused(503));
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let finished = false;
    const finish = (value, error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      budget.give(reserved);
      reserved = 0;
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(null);
        return;
      }
      if (size > reserved) {
        if (!budget.take(size - reserved)) {
          req.pause();
          finish(undefined, new WebhookBodyRefused(503));
          return;
        }
        reserved = size;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onError = (error) => finish(undefined, error);
    // A sender that goes away mid-body ends the read; nothing is stored or acknowledged.
    const onClose = () => finish(undefined, new Error("request closed before its body ended"));
    const timer = setTimeout(() => {
      req.pause();
      finish(undefined, new WebhookBodyRefused(408));
    }, limits.timeoutMs);
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/**
 * Answers a refused body and closes the connection: its unread rest is still on the socket. The
 * socket goes a second after the answer, not at once: destroyed with unread bytes, it resets,
 * and the sender may lose the answer (and its Retry-After) with it.
 */
function refuseBody(res, refusal, limits) {
  const headers = { Connection: "close", "Content-Length": "0" };
  if (refusal.status === 503) headers["Retry-After"] = String(limits.retryAfterSeconds);
  const socket = res.socket;
  res.writeHead(refusal.status, headers).end(() => setTimeout(() => socket?.destroy(), 1_000).unref());
}

async function sendFetchResponse(res, response) {
  res.statusCode = response.status;
  res.statusMessage = response.statusText;
  const setCookies = response.headers.getSetCookie?.() ?? [];
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") continue;
    res.setHeader(key, value);
  }
  if (setCookies.length) res.setHeader("set-cookie", setCookies);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export async function loadServerBuild() {
  return import(pathToFileURL(serverBuildPath).href);
}

/**
 * Builds (without listening) the app's HTTP server. `before(req, res)` may answer a request first
 * and return true; the sandbox uses it for its own pages. Production passes nothing.
 * `build` is the server build, or (development, scripts/dev.mjs) a function returning the current
 * one, so each request meets the code as it is after Vite's last reload; development also leaves
 * assets to Vite (`serveClientFiles: false`) instead of a possibly stale build/client.
 */
export function createAppServer(build, { before, serveClientFiles = true } = {}) {
  const handleRemix = createRequestHandler(build, process.env.NODE_ENV ?? "production");
  const currentBuild = typeof build === "function" ? build : () => build;
  const bodyLimits = webhookBodyLimits();
  const budget = bodyBudget(bodyLimits.budgetBytes);
  const { keepAliveTimeout, ...timeouts } = httpTimeouts();
  const server = http.createServer(timeouts, async (req, res) => {
    try {
      if (req.url.startsWith("/webhooks/")) {
        const { handleWebhookDelivery, webhookAnswerHeaders } = (await currentBuild()).entry.module;
        let status;
        try {
          status = handleWebhookDelivery ? await handleWebhookDelivery(req.url.split("?")[0], incomingDelivery(req, budget, bodyLimits)) : null;
        } catch (error) {
          if (!(error instanceof WebhookBodyRefused)) throw error;
          refuseBody(res, error, bodyLimits);
          return;
        }
        if (status !== null) {
          res.writeHead(status, webhookAnswerHeaders(status)).end();
          return;
        }
      }
      // A path whose percent-escapes do not decode (%E0%A4%A, %ZZ) names nothing: 400, where the
      // router would fail on it with a 500.
      if (!decodablePath(req.url)) {
        res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad Request");
        return;
      }
      if (before && (await before(req, res))) return;
      if (serveClientFiles && serveStatic(req, res)) return;
      const response = await handleRemix(toFetchRequest(req, res));
      await sendFetchResponse(res, response);
    } catch (error) {
      console.error("request failed:", error instanceof Error ? error.message : "unknown error");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      } else res.destroy();
    }
  });
  server.keepAliveTimeout = keepAliveTimeout;
  return server;
}

/**
 * Starts the app's background work and returns the function that stops it. On SQLite (where
 * better-sqlite3's statements run synchronously on the thread that calls them) it runs in a worker
 * thread with its own connection to the same file; the two threads share SQLite's write lock and a
 * few counters in shared memory (app/background.signals.ts), nothing else. A thread that dies is
 * started again: the inbox is durable and a claim whose holder died is taken over after its lease.
 * `preload`: module URLs the thread imports first, as the sandbox's process did (its network stand-in).
 */
export async function startBackground(build, { preload = [] } = {}) {
  const entry = build.entry.module;
  if (!entry.backgroundRunsInThread?.()) {
    await entry.startBackgroundWork?.();
    return async () => entry.stopBackgroundWork?.();
  }
  let stopping = false;
  let thread;
  const start = async () => {
    thread = new Worker(new URL(import.meta.url), { workerData: { privacyDeskBackground: entry.sharedSignalBuffer(), preload } });
    const started = await Promise.race([once(thread, "message").then(() => true), once(thread, "exit").then(() => false)]);
    if (!started) throw new Error("the background thread stopped while starting");
    thread.once("exit", (code) => {
      if (stopping) return;
      console.error(JSON.stringify({ level: "error", event: "background.thread_exited", code, at: new Date().toISOString() }));
      setTimeout(() => void start().catch(() => {}), 1_000).unref();
    });
  };
  await start();
  return async () => {
    stopping = true;
    const exited = once(thread, "exit");
    thread.postMessage("stop");
    await exited;
  };
}

/** The background thread: the same server build, its own database connection, only the loops. */
async function runBackgroundThread() {
  for (const url of workerData.preload ?? []) await import(url);
  const build = await loadServerBuild();
  const entry = build.entry.module;
  entry.adoptSignalBuffer(workerData.privacyDeskBackground);
  await entry.startBackgroundWork();
  parentPort.once("message", async () => {
    await entry.stopBackgroundWork();
    process.exit(0);
  });
  parentPort.postMessage("started");
}

export async function main() {
  let build;
  try {
    build = await loadServerBuild();
  } catch (error) {
    // Configuration errors are thrown while the build's modules load; name them and stop.
    console.error(`Privacy Desk cannot start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  try {
    await build.entry.module.prepareApp?.();
  } catch (error) {
    console.error(`Privacy Desk cannot start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  const server = createAppServer(build);
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || "0.0.0.0";
  await new Promise((resolve) => server.listen(port, host, resolve));
  console.log(`Privacy Desk listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  const stopBackground = await startBackground(build);
  const shutdown = async () => {
    server.close();
    await stopBackground();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

if (!isMainThread && workerData?.privacyDeskBackground) {
  await runBackgroundThread();
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
