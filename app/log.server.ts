// The app's only logger. Log lines carry ids, topics, counts and timings, never personal data:
// any field whose name suggests personal data is replaced before it is written.
import { isMainThread } from "node:worker_threads";

const PERSONAL_FIELD = /(email|phone|name|address|message|body|payload|token|secret|password|ip)/i;

type Fields = Record<string, string | number | boolean | null | undefined>;

function scrub(fields: Fields | undefined): Fields | undefined {
  if (!fields) return undefined;
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = PERSONAL_FIELD.test(key) ? "[redacted]" : value;
  return out;
}

function write(level: "info" | "warn" | "error", event: string, fields?: Fields) {
  if (level === "info" && process.env.PRIVACY_DESK_QUIET === "1") return;
  // Lines from the background thread (server.mjs, on SQLite) say so.
  const line = JSON.stringify({ level, event, at: new Date().toISOString(), ...(isMainThread ? {} : { thread: "background" }), ...scrub(fields) });
  // eslint-disable-next-line no-console
  (level === "error" ? console.error : level === "warn" ? console.warn : console.log)(line);
}

export const log = {
  info: (event: string, fields?: Fields) => write("info", event, fields),
  warn: (event: string, fields?: Fields) => write("warn", event, fields),
  error: (event: string, fields?: Fields) => write("error", event, fields),
};

/** An error's class and code, never its message (messages can quote the data that failed). */
export function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? `${error.name}:${code}` : error.name;
  }
  return typeof error;
}
