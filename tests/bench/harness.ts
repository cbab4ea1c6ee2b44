// Shared pieces of the benchmarks: machine description, running the out-of-process load
// generator, and percentiles.
import { execFileSync, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

export const benchDir = import.meta.dirname;

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  sent: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  body: string;
  headers: Record<string, string>;
  uniqueHeader?: string;
  /** Requests per second over all connections (autocannon's overallRate); unset: as fast as answered. */
  overallRate?: number;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(benchDir, "load.mjs"), JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(out.trim().split("\n").pop()!));
    });
  });
}

export function machineDescription(): string {
  const cpus = os.cpus();
  let postgres = "";
  try {
    postgres = execFileSync("psql", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    postgres = "psql not found";
  }
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
    `- Memory: ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `- OS: ${os.type()} ${os.release()}`,
    `- Node: ${process.version}`,
    `- PostgreSQL: ${postgres}`,
    `- Date: ${new Date().toISOString()}`,
  ].join("\n");
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}

export const seconds = () => Number(process.env.BENCH_SECONDS || 10);
