// The sandbox's layer in front of the app (server.mjs `before` hook): its own pages, session tokens
// for the App Bridge stub, the App Proxy and webhook senders, and — for the app's own answers —
// the App Bridge CDN script swapped for the stub and the admin's frame-ancestors opened to the
// sandbox page. None of this is in the production build: server.mjs passes no `before` there.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { mintCustomerAccountToken, mintSessionToken, adminHost } from "../tests/support/sessionToken";
import { signedProxyQuery } from "../tests/support/appProxy";
import { signedWebhook, webhookPath } from "../tests/support/webhooks";
import { renderAppBlock, policyMetafield } from "../tests/support/liquid";
import { adminPage, storefrontPage, storefrontRegion, webhooksPage, type CustomerChoice } from "./pages";
import { sandboxLanguage, sandboxText } from "./text";
import { webhookPayload, WEBHOOK_TOPICS } from "./webhookPayloads";
import { accountPage, bundlePath, customerPage, flowLogPage, uiExtension, uiFramePage, type AccountView, type FlowLogRow, type SandboxCustomer } from "./surfaces";
import { APP_URL as EXTENSION_APP_URL } from "../extensions/privacy-account-page/src/appUrl";

/**
 * `?blocks=` on the storefront page, for measuring what the theme extension costs (issue 5):
 * all (default), none (the same page without the app's blocks and embed), markup (their HTML and
 * CSS without their scripts).
 */
export const STOREFRONT_BLOCK_MODES = ["all", "none", "markup"] as const;
export type StorefrontBlockMode = (typeof STOREFRONT_BLOCK_MODES)[number];

export function storefrontBlockMode(value: string | null): StorefrontBlockMode {
  return (STOREFRONT_BLOCK_MODES as readonly string[]).includes(value ?? "") ? (value as StorefrontBlockMode) : "all";
}

export const APP_BRIDGE_CDN_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
const STUB_PATH = "/sandbox/app-bridge-stub.js";

export interface SandboxOptions {
  root: string;
  appUrl: string;
  shop: string;
  apiKey: string;
  apiSecret: string;
  customers: Array<CustomerChoice & { email: string | null; phone: string | null }>;
  /** The policy metafield value the app last published, or null. */
  publishedPolicy: () => { version: number } | null;
  /** Fallback for the storefront before anything is published. */
  seedPolicy: () => unknown;
  reset: () => Promise<void>;
  /** Shopify's side of an uninstall, done before the sandbox sends app/uninstalled. */
  uninstallApp: () => void;
  /** The demo shop's customers as the Admin API stand-in holds them (for the customer page and the account). */
  shopCustomers: () => SandboxCustomer[];
  /** The app's Flow outbox for the demo shop, newest first, and whether the shop's switch is on. */
  flowLog: () => Promise<{ enabled: boolean; rows: FlowLogRow[] }>;
  /** The triggers the Flow stand-in accepted. */
  flowReceived: () => Array<{ handle: string; payload: Record<string, unknown>; receivedAt: string }>;
  /** Admin GraphQL for the demo shop: the admin extensions' `shopify.query`. */
  adminGraphql: (query: string, variables: Record<string, unknown>) => Promise<unknown>;
}

const STATIC_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
  res.end(body);
}

async function sendFile(res: ServerResponse, file: string): Promise<boolean> {
  try {
    const body = await readFile(file);
    send(res, 200, STATIC_TYPES[path.extname(file)] ?? "application/octet-stream", body);
    return true;
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function cookie(req: IncomingMessage, name: string): string {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(req.headers.cookie ?? "");
  return match ? decodeURIComponent(match[1]) : "";
}

/**
 * Rewrites what the app sends to the browser, in the sandbox only: the App Bridge script and its
 * preload point at the stub, and the admin's frame-ancestors (Shopify admin's origins) also allow
 * the sandbox page that frames the app.
 */
function rewriteAppResponse(res: ServerResponse) {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    const lower = name.toLowerCase();
    if (lower === "link" && typeof value === "string") value = value.split(APP_BRIDGE_CDN_URL).join(STUB_PATH);
    if (lower === "content-security-policy" && typeof value === "string") {
      value = value.replace(/frame-ancestors ([^;]*)/, (_whole, sources: string) => `frame-ancestors 'self' ${sources}`);
    }
    if (lower === "content-length" && isHtml()) return res;
    return setHeader(name, value);
  };
  const isHtml = () => String(res.getHeader("content-type") ?? "").startsWith("text/html");
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return write(chunk, ...rest);
    chunks.push(Buffer.from(chunk as Uint8Array | string));
    return true;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (!isHtml()) return end(...args);
    const [chunk] = args;
    if (chunk !== undefined && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Uint8Array | string));
    const html = Buffer.concat(chunks).toString("utf8").split(APP_BRIDGE_CDN_URL).join(STUB_PATH);
    res.removeHeader("content-length");
    return end(html);
  }) as typeof res.end;
}

export function createSandboxLayer(options: SandboxOptions) {
  const publicDir = path.join(options.root, "sandbox/public");
  const assetsDir = path.join(options.root, "extensions/privacy-desk/assets");

  function frameSrc(language: string, appPath: string): string {
    const url = new URL(appPath, options.appUrl);
    url.searchParams.set("embedded", "1");
    url.searchParams.set("shop", options.shop);
    url.searchParams.set("host", adminHost(options.shop));
    url.searchParams.set("locale", language);
    url.searchParams.set("id_token", mintSessionToken({ shop: options.shop, apiKey: options.apiKey, secret: options.apiSecret }));
    return url.pathname + url.search;
  }

  async function storefront(req: IncomingMessage, res: ServerResponse, url: URL, proxyAnswer?: string) {
    const language = sandboxLanguage(url.searchParams.get("lang") ?? (cookie(req, "sbx_lang") || null));
    const published = options.publishedPolicy();
    const policy = published ?? options.seedPolicy();
    const metafields = policyMetafield(policy);
    // Liquid's `customer` for the shopper the toolbar is acting as, as Shopify gives it to blocks:
    // `name` is the given name, then the family name, whatever the language.
    const loggedIn = options.shopCustomers().find((candidate) => String(candidate.id) === cookie(req, "sbx_customer"));
    const customer = loggedIn
      ? {
          name: [loggedIn.firstName, loggedIn.lastName].filter(Boolean).join(" "),
          first_name: loggedIn.firstName ?? "",
          last_name: loggedIn.lastName ?? "",
          email: loggedIn.email ?? "",
          phone: loggedIn.phone,
        }
      : null;
    const render = (block: string) =>
      renderAppBlock(block, { locale: language, metafields, customer, assetBase: "/sandbox/extension-assets", request: { path: url.pathname } });
    const mode = storefrontBlockMode(url.searchParams.get("blocks"));
    const rendered =
      proxyAnswer || mode === "none" ? [] : await Promise.all([render("privacy-policy"), render("request-form"), render("consent-banner")]);
    const blocks = mode === "markup" ? rendered.map((block) => ({ ...block, scriptTags: "" })) : rendered;
    const policyNote =
      mode !== "all" && !proxyAnswer
        ? sandboxText(language, mode === "none" ? "blocksNone" : "blocksMarkup")
        : published
          ? sandboxText(language, "policyPublished", { version: published.version })
          : sandboxText(language, "policyUnpublished");
    send(
      res,
      200,
      "text/html; charset=utf-8",
      storefrontPage({
        language,
        shop: options.shop,
        customers: options.customers,
        loggedInCustomerId: cookie(req, "sbx_customer"),
        region: storefrontRegion(cookie(req, "sbx_region")),
        policyNote,
        blocks,
        proxyAnswer,
      }),
    );
  }

  // Shopify's App Proxy: /apps/privacy/<x> on the storefront → <app>/proxy/<x>, with the shopper's
  // query plus shop, logged_in_customer_id, path_prefix and timestamp, signed with the app secret.
  async function forwardProxy(req: IncomingMessage, res: ServerResponse, url: URL) {
    const rest = url.pathname.slice("/apps/privacy".length);
    const extra: Record<string, string> = {};
    for (const [key, value] of url.searchParams) {
      if (!["signature", "shop", "logged_in_customer_id", "path_prefix", "timestamp"].includes(key)) extra[key] = value;
    }
    const query = signedProxyQuery(
      { shop: options.shop, secret: options.apiSecret, loggedInCustomerId: cookie(req, "sbx_customer") },
      extra,
    );
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "accept", "accept-language", "user-agent"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
    const answer = await fetch(`${options.appUrl}/proxy${rest}?${query}`, {
      method: req.method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      redirect: "manual",
    });
    const type = answer.headers.get("content-type") ?? "";
    const text = await answer.text();
    if (type.startsWith("application/liquid")) {
      // Shopify renders a Liquid answer inside the shop's theme; the sandbox's theme is its storefront page.
      res.statusCode = answer.status;
      return storefront(req, res, url, `<section class="sbx-store__section">${text}</section>`);
    }
    const passOn: Record<string, string> = {};
    for (const name of ["location", "retry-after"]) {
      const value = answer.headers.get(name);
      if (value) passOn[name] = value;
    }
    send(res, answer.status, type || "text/plain; charset=utf-8", text, passOn);
  }

  async function sendWebhook(req: IncomingMessage, res: ServerResponse) {
    let input: { topic?: unknown; payload?: unknown };
    try {
      input = JSON.parse((await readBody(req)).toString("utf8"));
    } catch {
      return send(res, 400, "application/json", JSON.stringify({ error: "body must be JSON" }));
    }
    const topic = String(input.topic ?? "");
    if (!WEBHOOK_TOPICS.includes(topic)) return send(res, 400, "application/json", JSON.stringify({ error: `unknown topic ${topic}` }));
    const payload = typeof input.payload === "string" ? input.payload : JSON.stringify(input.payload ?? {});
    if (topic === "app/uninstalled") options.uninstallApp();
    const delivery = signedWebhook({ topic, shop: options.shop, payload, secret: options.apiSecret });
    const started = performance.now();
    const answer = await fetch(`${options.appUrl}${webhookPath(topic)}`, { method: "POST", headers: delivery.headers, body: delivery.body });
    const answerBody = await answer.text();
    const result = {
      request: { url: webhookPath(topic), headers: delivery.headers },
      status: answer.status,
      statusText: answer.statusText,
      milliseconds: Math.round((performance.now() - started) * 10) / 10,
      headers: Object.fromEntries(answer.headers),
      body: answerBody,
    };
    send(res, 200, "application/json", JSON.stringify(result));
  }

  /** The customer the account pages are signed in as: the storefront's logged-in customer, else the second demo customer. */
  function accountCustomer(req: IncomingMessage, all: SandboxCustomer[]): SandboxCustomer {
    const chosen = cookie(req, "sbx_customer");
    return all.find((customer) => String(customer.id) === chosen) ?? all[1] ?? all[0];
  }

  async function surfaces(req: IncomingMessage, res: ServerResponse, url: URL, language: "ja" | "en"): Promise<boolean> {
    const { pathname } = url;
    if (pathname === "/sandbox/customers") {
      const all = options.shopCustomers();
      const customer = all.find((candidate) => String(candidate.id) === url.searchParams.get("id")) ?? all[1] ?? all[0];
      send(res, 200, "text/html; charset=utf-8", customerPage({ language, shop: options.shop, customers: all, customer }));
      return true;
    }
    if (pathname === "/sandbox/account") {
      const all = options.shopCustomers();
      const as = url.searchParams.get("as");
      if (as !== null) {
        const known = all.some((customer) => String(customer.id) === as);
        const view = url.searchParams.get("view") ?? "privacy";
        res.writeHead(303, { Location: `/sandbox/account?view=${encodeURIComponent(view)}&lang=${language}`, "Set-Cookie": `sbx_customer=${known ? encodeURIComponent(as) : ""}; Path=/; SameSite=Lax` }).end();
        return true;
      }
      const requested = url.searchParams.get("view");
      const view: AccountView = requested === "profile" || requested === "orders" ? requested : "privacy";
      send(res, 200, "text/html; charset=utf-8", accountPage({ language, shop: options.shop, customers: all, customer: accountCustomer(req, all), view }));
      return true;
    }
    if (pathname === "/sandbox/flow") {
      const log = await options.flowLog();
      send(res, 200, "text/html; charset=utf-8", flowLogPage({ language, shop: options.shop, enabled: log.enabled, rows: log.rows, received: options.flowReceived() }));
      return true;
    }
    if (pathname === "/sandbox/ui-frame") {
      const extension = uiExtension(url.searchParams.get("handle") ?? "");
      const target = url.searchParams.get("target") ?? "";
      if (!extension || !extension.targets.includes(target)) return false;
      const customerId = extension.surface === "account" ? String(accountCustomer(req, options.shopCustomers()).id) : (url.searchParams.get("customer") ?? "").replace(/\D/g, "");
      send(
        res,
        200,
        "text/html; charset=utf-8",
        uiFramePage({ frame: url.searchParams.get("frame") ?? "main", surface: extension.surface, target, handle: extension.handle, locale: language, shop: options.shop, customerId, appUrl: EXTENSION_APP_URL }),
      );
      return true;
    }
    const bundle = /^\/sandbox\/ui-extensions\/([a-z0-9-]+)\.js$/.exec(pathname);
    if (bundle) {
      const extension = uiExtension(bundle[1]);
      return extension ? sendFile(res, bundlePath(options.root, extension)) : false;
    }
    const locale = /^\/sandbox\/ui-extensions\/([a-z0-9-]+)\/locales\/(ja|en)\.json$/.exec(pathname);
    if (locale) {
      const extension = uiExtension(locale[1]);
      if (!extension) return false;
      const file = locale[2] === "ja" ? "ja.default.json" : "en.json";
      const body = await readFile(path.join(options.root, "extensions", extension.directory, "locales", file), "utf8").catch(() => null);
      if (body === null) return false;
      send(res, 200, "application/json; charset=utf-8", body);
      return true;
    }
    if (pathname === "/sandbox/customer-account-token") {
      // Shopify gives the extension a token for the customer who is signed in, not one the page asks for.
      const customer = accountCustomer(req, options.shopCustomers());
      const token = mintCustomerAccountToken({ shop: options.shop, apiKey: options.apiKey, secret: options.apiSecret, customerId: customer.id });
      send(res, 200, "application/json", JSON.stringify({ token }));
      return true;
    }
    return false;
  }

  return async function sandboxLayer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", options.appUrl);
    const { pathname } = url;
    const language = sandboxLanguage(url.searchParams.get("lang"));
    const get = req.method === "GET" || req.method === "HEAD";

    if (get && pathname === "/favicon.ico") {
      // The app ships no favicon; answering here keeps the browser console clean in the sandbox.
      res.writeHead(204, { "Cache-Control": "max-age=86400" }).end();
      return true;
    }
    if (get && pathname === "/" && !url.searchParams.has("shop")) {
      res.writeHead(302, { Location: "/sandbox" }).end();
      return true;
    }
    if (pathname.startsWith("/apps/privacy")) {
      await forwardProxy(req, res, url);
      return true;
    }
    if (!pathname.startsWith("/sandbox")) {
      rewriteAppResponse(res);
      return false;
    }

    if (get && pathname === STUB_PATH) return sendFile(res, path.join(options.root, "tests/support/app-bridge-stub.js"));
    if (get && pathname.startsWith("/sandbox/assets/")) {
      const name = path.basename(pathname);
      if (await sendFile(res, path.join(publicDir, name))) return true;
    }
    if (get && pathname.startsWith("/sandbox/extension-assets/")) {
      const name = path.basename(pathname);
      if (await sendFile(res, path.join(assetsDir, name))) return true;
    }
    if (get && (await surfaces(req, res, url, language))) return true;
    if (req.method === "POST" && pathname === "/sandbox/graphql") {
      let input: { query?: unknown; variables?: unknown };
      try {
        input = JSON.parse((await readBody(req)).toString("utf8"));
      } catch {
        send(res, 400, "application/json", JSON.stringify({ errors: [{ message: "body must be JSON" }] }));
        return true;
      }
      if (url.searchParams.get("surface") !== "admin" || typeof input.query !== "string") {
        send(res, 400, "application/json", JSON.stringify({ errors: [{ message: "only the admin surface queries the Admin API here" }] }));
        return true;
      }
      send(res, 200, "application/json", JSON.stringify(await options.adminGraphql(input.query, (input.variables ?? {}) as Record<string, unknown>)));
      return true;
    }
    if (get && pathname === "/sandbox/session-token") {
      const shop = url.searchParams.get("shop");
      if (shop !== options.shop) {
        send(res, 404, "application/json", JSON.stringify({ error: "unknown shop" }));
        return true;
      }
      const token = mintSessionToken({ shop, apiKey: options.apiKey, secret: options.apiSecret });
      send(res, 200, "application/json", JSON.stringify({ token }));
      return true;
    }
    if (get && pathname === "/sandbox") {
      const appPath = url.searchParams.get("path") ?? "/app";
      const safePath = appPath.startsWith("/app") ? appPath : "/app";
      send(res, 200, "text/html; charset=utf-8", adminPage({ language, shop: options.shop, frameSrc: frameSrc(language, safePath) }));
      return true;
    }
    if (get && pathname === "/sandbox/storefront") {
      const as = url.searchParams.get("as");
      if (as !== null) {
        const known = as === "" || options.customers.some((customer) => String(customer.id) === as);
        res.writeHead(303, {
          Location: `/sandbox/storefront?lang=${language}`,
          "Set-Cookie": `sbx_customer=${known ? encodeURIComponent(as) : ""}; Path=/; SameSite=Lax`,
        });
        res.end();
        return true;
      }
      // The toolbar's region switch and "reset the stored consent" (the Customer Privacy API
      // stand-in keeps the visitor's choice in the sbx_tracking_consent cookie, as Shopify keeps it
      // in a cookie of its own).
      const region = url.searchParams.get("region");
      if (region !== null || url.searchParams.get("consent") === "reset") {
        const cookies = [];
        if (region !== null) cookies.push(`sbx_region=${storefrontRegion(region)}; Path=/; SameSite=Lax`);
        if (url.searchParams.get("consent") === "reset") cookies.push("sbx_tracking_consent=; Path=/; Max-Age=0; SameSite=Lax");
        res.writeHead(303, { Location: `/sandbox/storefront?lang=${language}`, "Set-Cookie": cookies });
        res.end();
        return true;
      }
      res.setHeader("Set-Cookie", `sbx_lang=${language}; Path=/; SameSite=Lax`);
      await storefront(req, res, url);
      return true;
    }
    if (get && pathname === "/sandbox/webhooks") {
      send(res, 200, "text/html; charset=utf-8", webhooksPage({ language, shop: options.shop, topics: WEBHOOK_TOPICS, customers: options.customers }));
      return true;
    }
    if (get && pathname === "/sandbox/webhooks/payload") {
      const topic = url.searchParams.get("topic") ?? "";
      const customer = options.customers.find((candidate) => String(candidate.id) === url.searchParams.get("customer"));
      if (!WEBHOOK_TOPICS.includes(topic)) {
        send(res, 400, "application/json", JSON.stringify({ error: `unknown topic ${topic}` }));
        return true;
      }
      send(res, 200, "application/json", JSON.stringify(webhookPayload(topic, options.shop, customer), null, 2));
      return true;
    }
    if (req.method === "POST" && pathname === "/sandbox/webhooks/send") {
      await sendWebhook(req, res);
      return true;
    }
    if (req.method === "POST" && pathname === "/sandbox/reset") {
      await options.reset();
      const back = url.searchParams.get("back") === "webhooks" ? "/sandbox/webhooks" : "/sandbox";
      res.writeHead(303, { Location: `${back}?lang=${language}` }).end();
      return true;
    }
    send(res, 404, "text/plain; charset=utf-8", "Not found in the sandbox");
    return true;
  };
}
