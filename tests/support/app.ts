// Starts the production build of the app (server.mjs over build/) as a child process on a free
// loopback port, with Shopify replaced at the HTTP boundary by the stand-ins.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { root, type TestDatabase } from "./database";
import { TEST_HASH_KEY } from "./hashKey";

export { TEST_API_KEY, TEST_API_SECRET } from "./appCredentials";
import { TEST_API_KEY, TEST_API_SECRET } from "./appCredentials";
/** A browser's user agent: the Shopify library answers 410 to bots (curl, Node's fetch). */
export const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartAppOptions {
  database: TestDatabase;
  adminApiUrl?: string;
  env?: Record<string, string>;
  port?: number;
}

/** How many times a start whose probed port was taken before the app bound it is tried on another. */
const PORT_ATTEMPTS = 5;

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAppOn(options.port ?? (await freePort()), options);
    } catch (error) {
      // freePort's port is free only when probed: until the app binds it, any process on the
      // machine may take it (other test runs, benchmarks, a stand-in of this one). That race is the
      // harness's, so another port is tried; a caller's own port, or any other failure, is not.
      if (!(error instanceof PortTaken) || options.port !== undefined || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

class PortTaken extends Error {}

/** The line server.mjs prints once its own socket listens: proof that the port is this child's. */
const listeningLine = (url: string) => `Privacy Desk listening on ${url}`;

async function startAppOn(port: number, options: StartAppOptions): Promise<RunningApp> {
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["--import", "./tests/support/shopify-network.mjs", "server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      SHOPIFY_APP_URL: url,
      PRIVACY_DESK_HASH_KEY: process.env.PRIVACY_DESK_HASH_KEY || TEST_HASH_KEY,
      DATABASE_URL: options.database.url,
      SHOPIFY_ADMIN_STANDIN_URL: options.adminApiUrl ?? "",
      // The app's log is captured here, never printed, and some tests read it.
      PRIVACY_DESK_QUIET: "0",
      // The SMTP catcher listens on loopback; tests of the refusal set it to "0".
      PRIVACY_DESK_ALLOW_PRIVATE_SMTP: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let listening!: () => void;
  const listened = new Promise<void>((resolve) => (listening = resolve));
  const take = (chunk: Buffer) => {
    output += chunk;
    if (output.includes(listeningLine(url))) listening();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Output still in the pipes when the child exits arrives before "close".
  const closed = new Promise<string>((resolve) => child.once("close", (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)));

  // Ready when this child says it listens, not when something answers on the port: a process that
  // took the port first would answer /healthz while this child dies of EADDRINUSE.
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    listened.then(() => "listening" as const),
    closed.then((how) => ({ exited: how })),
    new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), 30_000))),
  ]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    child.kill("SIGKILL");
    await exited;
    throw new Error(`app did not start within 30 s:\n${output}`);
  }
  if (outcome !== "listening") {
    if (/\bEADDRINUSE\b/.test(output)) throw new PortTaken(`port ${port} was taken before the app bound it:\n${output}`);
    // The cause first: a failure message's first lines are what test-all shows.
    const cause = output.split("\n").find((line) => /cannot start|Error\b/.test(line)) ?? "";
    throw new Error(`app exited during start (${outcome.exited}): ${cause}\n${output}`);
  }
  let stopping = false;
  // An app that dies under a test fails it with ECONNREFUSED and nothing more: its log says why.
  void closed.then((how) => {
    if (!stopping) console.error(`app on port ${port} exited while in use (${how}); its last output:\n${output.split("\n").slice(-40).join("\n")}`);
  });
  return {
    url,
    port,
    process: child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export const projectRoot = root;
export const serverPath = path.join(root, "server.mjs");
