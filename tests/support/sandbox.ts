// Starts `sandbox/start.ts` as a newcomer would, on a free port with the given database, for the
// sandbox's browser test and the storefront benchmark. The caller has built the app: the sandbox
// must not rebuild build/ under a running suite.
import { spawn, type ChildProcess } from "node:child_process";
import { root } from "./database";
import { freePort } from "./app";

export interface SandboxProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export interface RunningSandbox {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function runSandbox(env: Record<string, string>): SandboxProcess {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/start.ts"], {
    cwd: root,
    env: { ...process.env, PRIVACY_DESK_QUIET: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function startSandbox(databaseUrl: string): Promise<RunningSandbox> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const run = runSandbox({ PORT: String(port), DATABASE_URL: databaseUrl, SANDBOX_SKIP_BUILD: "1", NODE_ENV: "" });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`sandbox exited during start:\n${run.output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      run.child.kill("SIGTERM");
      throw new Error(`sandbox did not start within 60 s:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    url,
    child: run.child,
    output: run.output,
    async stop() {
      if (run.child.exitCode !== null) return;
      run.child.kill("SIGTERM");
      await run.exited;
    },
  };
}
