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

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
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
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited during start:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`app did not start within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    process: child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export const projectRoot = root;
export const serverPath = path.join(root, "server.mjs");
