// The Flow triggers the app declares (extensions/*/shopify.extension.toml of type flow_trigger), as
// Shopify Flow knows them once deployed: each handle with its fields. A customer_reference field is
// the payload key customer_id (Shopify CLI's deploy config turns `<object>_reference` into
// `<object>_id`); any other field is its `key`.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";

export interface DeclaredFlowField {
  key: string;
  type: string;
}

export interface DeclaredFlowTrigger {
  handle: string;
  name: string;
  description: string;
  fields: DeclaredFlowField[];
  directory: string;
}

const root = path.resolve(import.meta.dirname, "../..");

interface TriggerToml {
  extensions: Array<{ type: string; handle: string; name: string; description?: string }>;
  settings?: { fields?: Array<{ type: string; key?: string }> };
}

export function declaredFlowTriggers(extensionsDir = path.join(root, "extensions")): DeclaredFlowTrigger[] {
  const triggers: DeclaredFlowTrigger[] = [];
  for (const entry of readdirSync(extensionsDir, { withFileTypes: true })) {
    const file = path.join(extensionsDir, entry.name, "shopify.extension.toml");
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const toml = parseToml(readFileSync(file, "utf8")) as unknown as TriggerToml;
    const extension = toml.extensions?.[0];
    if (extension?.type !== "flow_trigger") continue;
    triggers.push({
      handle: extension.handle,
      name: extension.name,
      description: extension.description ?? "",
      directory: entry.name,
      fields: (toml.settings?.fields ?? []).map((field) =>
        field.type.endsWith("_reference") ? { key: `${field.type.replace(/_reference$/, "")}_id`, type: field.type } : { key: field.key ?? "", type: field.type },
      ),
    });
  }
  return triggers.sort((a, b) => a.handle.localeCompare(b.handle));
}

/**
 * Flow's check of one flowTriggerReceive call, with the messages Shopify answers (recorded from a
 * real store: an unknown handle, a payload over 50,000 bytes, missing arguments), and the same
 * "Errors validating schema" form for a payload that does not match the trigger's fields.
 */
export function flowTriggerErrors(
  triggers: DeclaredFlowTrigger[],
  handle: unknown,
  payload: unknown,
): Array<{ field: string[]; message: string }> {
  const schemaError = (messages: string[]) => [{ field: ["body"], message: `Errors validating schema:\n  ${messages.join("\n  ")}\n` }];
  if (typeof handle !== "string" || !handle.trim() || payload === null || payload === undefined) {
    return [{ field: ["handle"], message: "`handle` and `payload` arguments are required" }];
  }
  if (Buffer.byteLength(JSON.stringify(payload), "utf8") > 50_000) return schemaError(["Properties size exceeds the limit of 50000 bytes."]);
  const trigger = triggers.find((candidate) => candidate.handle === handle);
  if (!trigger) return schemaError([`Invalid handle '${handle}'.`]);
  if (typeof payload !== "object" || Array.isArray(payload)) return schemaError(["Type error: payload is not an Object."]);
  const messages: string[] = [];
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    const field = trigger.fields.find((candidate) => candidate.key === key);
    if (!field) {
      messages.push(`Invalid field: '${key}'.`);
      continue;
    }
    const shown = typeof value === "string" ? value : JSON.stringify(value);
    if (field.type.endsWith("_reference")) {
      // Flow looks the object up when a workflow runs, not on receipt; here only the id's form counts.
      if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) messages.push(`Type error for field '${key}': ${shown} is not an Integer.`);
    } else if (field.type === "boolean") {
      if (typeof value !== "boolean") messages.push(`Type error for field '${key}': ${shown} is not a Boolean.`);
    } else if (field.type === "number_decimal") {
      if (typeof value !== "number") messages.push(`Type error for field '${key}': ${shown} is not a Number.`);
    } else if (typeof value !== "string") {
      messages.push(`Type error for field '${key}': ${shown} is not a String.`);
    } else if (field.type === "url" && !/^https?:\/\/[^\s]+$/.test(value)) {
      messages.push(`Type error for field '${key}': ${value} is not an absolute URL.`);
    } else if (field.type === "email" && !/^[^\s@]+@[^\s@]+$/.test(value)) {
      messages.push(`Type error for field '${key}': ${value} is not an Email.`);
    }
  }
  return messages.length ? schemaError(messages) : [];
}
