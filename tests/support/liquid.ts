// Renders the theme app extension's blocks outside Shopify, with liquidjs and the Shopify objects,
// tags and filters the blocks use. Tests and the sandbox storefront page share it, so what the
// sandbox shows is what the tests checked.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Liquid, Tag, type TagToken, type TopLevelToken, type Emitter, type Context } from "liquidjs";

export const extensionRoot = path.resolve(import.meta.dirname, "../../extensions/privacy-desk");

export type StorefrontLocale = "ja" | "en";

export interface BlockSchema {
  name: string;
  target: "section" | "head" | "body" | "compliance_head";
  javascript?: string;
  stylesheet?: string;
  settings?: Array<{ type: string; id?: string; default?: unknown }>;
}

export interface RenderOptions {
  settings?: Record<string, unknown>;
  /** The visitor's storefront language (request.locale.iso_code); "ja" by default. */
  locale?: string;
  /** App-owned metafields as Liquid sees them: { privacy_desk: { policy: { value } } }. */
  metafields?: Record<string, Record<string, { value: unknown }>>;
  request?: { design_mode?: boolean; path?: string };
  blockId?: string;
  /** Shopify's global `customer`: the logged-in customer, or none (nil in Liquid). */
  customer?: { name: string; email: string; phone?: string | null; first_name?: string; last_name?: string } | null;
  /** Where asset_url points; the sandbox serves the extension's assets/ there. */
  assetBase?: string;
}

export interface RenderedBlock {
  /** The block as Shopify places it: wrapped in its shopify-block div. */
  html: string;
  schema: BlockSchema;
  /** The tags Shopify adds for the schema's stylesheet (in <head>) and javascript (deferred). */
  headTags: string;
  scriptTags: string;
}

/** Discards a tag's body, like Shopify does for {% schema %} and {% doc %} at render time. */
function discardingTag(name: string) {
  return class extends Tag {
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      for (;;) {
        const next = remainTokens.shift();
        if (!next) throw new Error(`{% ${name} %} is not closed`);
        if (next.kind === 4 /* TokenKind.Tag */ && (next as TagToken).name === `end${name}`) return;
      }
    }
    *render(_ctx: Context, _emitter: Emitter): Generator<unknown, void, unknown> {}
  };
}

const localeFiles: Record<string, Record<string, unknown>> = {};
function localeMessages(locale: string): Record<string, unknown> {
  const file = locale === "ja" ? "ja.default.json" : `${locale}.json`;
  localeFiles[file] ??= JSON.parse(readFileSync(path.join(extensionRoot, "locales", file), "utf8"));
  return localeFiles[file];
}

function lookup(messages: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Shopify's `t`: the visitor's locale, then the default locale; `_html` keys are not escaped. */
export function translateStorefront(locale: string, key: string, vars: Record<string, unknown> = {}): string {
  const template = lookup(localeMessages(locale), key) ?? lookup(localeMessages("ja"), key);
  if (template === undefined) return `translation missing: ${locale}.${key}`;
  const filled = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, name: string) => escapeHtml(vars[name] ?? ""));
  return key.endsWith("_html") ? filled : filled.replace(/[&<>"']/g, (c) => escapeHtml(c));
}


function createEngine(locale: string, assetBase: string): Liquid {
  const engine = new Liquid({
    root: [path.join(extensionRoot, "blocks")],
    partials: [path.join(extensionRoot, "snippets")],
    extname: ".liquid",
    strictFilters: true,
    cache: false,
  });
  engine.registerTag("schema", discardingTag("schema"));
  engine.registerTag("doc", discardingTag("doc"));
  engine.registerFilter("t", (key: string, ...args: unknown[]) => {
    const vars: Record<string, unknown> = {};
    for (const arg of args) if (Array.isArray(arg)) vars[String(arg[0])] = arg[1];
    return translateStorefront(locale, key, vars);
  });
  engine.registerFilter("asset_url", (name: string) => `${assetBase.replace(/\/$/, "")}/${name}`);
  return engine;
}

export function blockSource(blockFile: string): string {
  const file = blockFile.endsWith(".liquid") ? blockFile : `${blockFile}.liquid`;
  return readFileSync(path.join(extensionRoot, "blocks", file), "utf8");
}

export function blockSchema(blockFile: string): BlockSchema {
  const match = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(blockSource(blockFile));
  if (!match) throw new Error(`${blockFile} has no schema`);
  return JSON.parse(match[1]) as BlockSchema;
}

function defaultSettings(schema: BlockSchema): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) {
    if (!setting.id) continue;
    settings[setting.id] = setting.default ?? (setting.type === "checkbox" ? false : "");
  }
  return settings;
}

/** Renders one block file (e.g. "request-form") as the storefront would show it. */
export async function renderAppBlock(blockFile: string, options: RenderOptions = {}): Promise<RenderedBlock> {
  const schema = blockSchema(blockFile);
  const locale = (options.locale ?? "ja").split("-")[0];
  const assetBase = options.assetBase ?? "/extensions/privacy-desk/assets";
  const engine = createEngine(locale === "en" ? "en" : "ja", assetBase);
  const blockId = options.blockId ?? `AbCd${blockFile.replace(/[^a-z]/gi, "").slice(0, 8)}1`;
  const html = await engine.parseAndRender(blockSource(blockFile), {
    block: {
      id: blockId,
      settings: { ...defaultSettings(schema), ...options.settings },
      shopify_attributes: options.request?.design_mode ? `data-shopify-editor-block="${escapeHtml(blockId)}"` : "",
    },
    app: { metafields: options.metafields ?? {} },
    customer: options.customer ?? null,
    request: {
      locale: { iso_code: options.locale ?? "ja" },
      design_mode: options.request?.design_mode ?? false,
      path: options.request?.path ?? "/",
    },
  });
  const asset = (name: string) => `${assetBase.replace(/\/$/, "")}/${name}`;
  return {
    html: `<div id="shopify-block-${escapeHtml(blockId)}" class="shopify-block shopify-app-block">${html}</div>`,
    schema,
    headTags: schema.stylesheet ? `<link rel="stylesheet" href="${asset(schema.stylesheet)}">` : "",
    scriptTags: schema.javascript ? `<script src="${asset(schema.javascript)}" defer></script>` : "",
  };
}

/** The metafield value the app writes at publish, in the shape Liquid reads. */
export function policyMetafield(value: unknown): RenderOptions["metafields"] {
  return { privacy_desk: { policy: { value } } };
}
