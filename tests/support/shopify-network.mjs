// Preloaded (node --import) into the app process by tests and the sandbox, never by production:
// requests the app makes to https://<shop>.myshopify.com/admin/... go to the Admin API stand-in on
// loopback named by SHOPIFY_ADMIN_STANDIN_URL, unchanged otherwise (same path, headers and body).
const standIn = process.env.SHOPIFY_ADMIN_STANDIN_URL;
const realFetch = globalThis.fetch;

globalThis.fetch = async function fetchThroughStandIn(input, init) {
  const request = input instanceof Request ? input : null;
  const target = new URL(request ? request.url : String(input));
  if (target.hostname.endsWith(".myshopify.com") && target.pathname.startsWith("/admin/")) {
    if (!standIn) throw new Error("SHOPIFY_ADMIN_STANDIN_URL is not set: no Shopify to talk to");
    const rerouted = new URL(target.pathname + target.search, standIn);
    const headers = new Headers(init?.headers ?? request?.headers);
    // The stand-in serves several shops; it learns which from the host the app meant.
    headers.set("X-Standin-Shop", target.hostname);
    return realFetch(rerouted, { ...init, method: init?.method ?? request?.method, headers, body: init?.body ?? request?.body, duplex: "half" });
  }
  if (target.hostname !== "127.0.0.1" && target.hostname !== "localhost" && target.hostname !== "[::1]") {
    throw new Error(`no network here: refused a request to ${target.hostname}`);
  }
  return realFetch(input, init);
};
