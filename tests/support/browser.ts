// What every browser test needs: Debian's Chromium with flags for a headless, offline machine, and
// the embedded admin as Shopify would frame it: App Bridge replaced by the stub, session tokens
// minted locally, and every page error or console error collected so a test can fail on it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { root } from "./database";
import { BROWSER_UA, TEST_API_KEY, TEST_API_SECRET } from "./app";
import { mintSessionToken } from "./sessionToken";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });

const appBridgeStub = readFileSync(path.join(root, "tests/support/app-bridge-stub.js"), "utf8");

/** A desktop-sized page for the embedded admin of `shop`, signed in as staff user 9001. */
export async function openEmbeddedAdminPage(browser: Browser, shop: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, userAgent: BROWSER_UA });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.addInitScript(
    ({ shop, apiKey }) => {
      (window as unknown as { __APP_BRIDGE_STUB__: unknown }).__APP_BRIDGE_STUB__ = {
        apiKey,
        shop,
        idToken: () => (window as unknown as { __token: string }).__token,
      };
    },
    { shop, apiKey: TEST_API_KEY },
  );
  // Fresh one-minute session tokens for every fetch the stub signs.
  // 9001 is a staff member of the fixture shops (Emma Fischer in the demo shop).
  await page.exposeFunction("__mintToken", () => mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001" }));
  await page.addInitScript(() => {
    const holder = window as unknown as { __token: string; __mintToken: () => Promise<string> };
    const refresh = async () => {
      holder.__token = await holder.__mintToken();
    };
    void refresh();
    setInterval(refresh, 20_000);
  });
  await page.route("https://cdn.shopify.com/**", (route) =>
    route.request().url().endsWith(".js")
      ? route.fulfill({ status: 200, contentType: "text/javascript", body: appBridgeStub })
      : route.fulfill({ status: 200, contentType: "text/css", body: "" }),
  );
  return page;
}

/**
 * Waits until React has hydrated the element `locator` points at. Server-rendered controls are
 * visible before hydration, and an event fired on them then (a select's change) reaches no handler
 * and is not replayed; on a loaded machine that gap lasts seconds.
 */
export async function waitForHydration(locator: Locator, timeout = 30_000): Promise<void> {
  await locator.waitFor({ timeout });
  await locator.evaluate(
    (node, limit) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (Object.keys(node).some((key) => key.startsWith("__reactProps$"))) resolve();
          else if (Date.now() - started > limit) reject(new Error("React never hydrated this element"));
          else setTimeout(check, 50);
        };
        check();
      }),
    timeout,
  );
}
