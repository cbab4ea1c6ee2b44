// Reading a proxied request's body with a hard size limit, before anything parses it.
import { cleanStrings, cleanText } from "../cleanText";
export const MAX_BODY_BYTES = 16 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super("request body too large");
    this.name = "BodyTooLargeError";
  }
}

export async function readLimitedText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Form posts (no-JS and the enhanced fetch) and JSON bodies (the consent banner). */
export function parseBody(text: string, contentType: string | null): Record<string, unknown> {
  if ((contentType ?? "").includes("application/json")) {
    try {
      const value: unknown = JSON.parse(text || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? cleanStrings(value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[cleanText(key)] = cleanText(value);
  return fields;
}
