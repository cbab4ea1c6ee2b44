// Admin GraphQL for a shop, outside any request: background jobs and actions use the shop's stored
// offline token and post to Shopify's documented endpoint. Compliance webhooks never need this.
import { apiVersion, sessionStorage } from "./shopify.server";
import { AdminApiError, type AdminGraphql, type AdminGraphqlResult } from "./privacy/adminApi";

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
