// The ledger is append-only: apart from erasure, no source file may update or delete its rows.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const ALLOWED = new Set(["app/privacy/erasure.ts"]);
const MUTATION = /consentRecord\s*\.\s*(update|updateMany|upsert|delete|deleteMany|createMany)\b|(UPDATE|DELETE\s+FROM)\s+"?ConsentRecord"?/;
// Rows appended together (a worker's batch of Shopify's updates) go through the ledger's own
// recordConsents, which validates each as recordConsent does; nowhere else writes several at once.
const APPEND_MANY = /consentRecord\s*\.\s*createMany\b/;
const LEDGER = "app/privacy/consent/ledger.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx|mjs|js)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("consent ledger is append-only", () => {
  it("has no update or delete of ConsentRecord outside app/privacy/erasure.ts", () => {
    const offenders = sources(path.join(root, "app"))
      .map((file) => path.relative(root, file).split(path.sep).join("/"))
      .filter((file) => {
        if (ALLOWED.has(file)) return false;
        const text = readFileSync(path.join(root, file), "utf8");
        return MUTATION.test(file === LEDGER ? text.replace(new RegExp(APPEND_MANY, "g"), "") : text);
      });
    expect(offenders).toEqual([]);
  });

  it("would catch such a call (the pattern is not vacuous)", () => {
    expect(MUTATION.test("await tx.consentRecord.update({ where })")).toBe(true);
    expect(MUTATION.test("db.consentRecord.deleteMany({})")).toBe(true);
    expect(MUTATION.test('DELETE FROM "ConsentRecord"')).toBe(true);
    expect(MUTATION.test("db.consentRecord.create({ data })")).toBe(false);
  });
});
