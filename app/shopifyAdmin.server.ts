// Admin GraphQL for a shop, outside any request: background jobs and actions use the shop's stored
// offline token and post to Shopify's documented endpoint. Compliance webhooks never need this.
import db from "./db.server";
import { apiVersion, sessionStorage } from "./shopify.server";
import { AdminApiError, type AdminGraphql, type AdminGraphqlResult } from "./privacy/adminApi";
import type { OfflineTokenStatus } from "./privacy/webhooks/installCheck";

export class NoOfflineSessionError extends AdminApiError {
  constructor() {
    super("The shop has no offline access token (is the app installed?)", "NO_SESSION");
  }
}

export async function adminGraphqlForShop(shop: string): Promise<AdminGraphql> {
  const session = await sessionStorage.loadSession(`offline_${shop}`);
  if (!session?.accessToken) throw new NoOfflineSessionError();
  const endpoint = `https://${shop}/admin/api/${apiVersion}/graphql.json`;
  const accessToken = session.accessToken;
  return async <T,>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-Shopify-Access-Token": accessToken,
      },
      body: JSON.stringify({ query, variables }),
    });
    if (response.status === 429) {
      return { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] } as AdminGraphqlResult<T>;
    }
    if (!response.ok) throw new AdminApiError(`Shopify answered HTTP ${response.status}`, `HTTP_${response.status}`);
    return (await response.json()) as AdminGraphqlResult<T>;
  };
}

// Needs no access scope: any working offline token may read its own shop.
const INSTALL_CHECK_QUERY = `#graphql
  query InstallCheck {
    shop {
      id
    }
  }
`;

/**
 * Asks Shopify whether the shop's stored offline token still works (the cheapest query there is),
 * within `timeoutMs`: Shopify answers a webhook's sender's wait of 5 s, and this runs before it.
 * 401 is a token Shopify revoked (it does so at uninstall); anything else unexpected is unknown.
 */
export async function offlineTokenStatus(shop: string, timeoutMs = 2_500): Promise<OfflineTokenStatus> {
  // The same sessions the shop/redact handler counts as "installed".
  const session = await db.session.findFirst({ where: { shop, isOnline: false }, select: { accessToken: true } });
  if (!session?.accessToken) return "none";
  try {
    const response = await fetch(`https://${shop}/admin/api/${apiVersion}/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Shopify-Access-Token": session.accessToken },
      body: JSON.stringify({ query: INSTALL_CHECK_QUERY }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // 404: the shop itself is gone (closed), so no token of it works.
    if (response.status === 401 || response.status === 404) return "revoked";
    if (!response.ok) return "unknown";
    const answer = (await response.json()) as { data?: { shop?: { id?: unknown } | null } };
    return typeof answer.data?.shop?.id === "string" ? "valid" : "unknown";
  } catch {
    return "unknown";
  }
}
