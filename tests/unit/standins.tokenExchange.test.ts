// The token exchange stand-in answers as Shopify documents: client credentials checked (401
// invalid_client), the session token's HS256 signature, audience, destination shop and expiry
// checked (400 invalid_subject_token), an online token with the associated_user of the token's sub,
// an offline token with the shop's scopes; JSON and form-encoded bodies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN, OTHER_SHOP } from "../support/fixtures";
import { mintSessionToken } from "../support/sessionToken";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/appCredentials";
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, ONLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from "../support/tokenExchange";

let standIn: AdminApiStandIn;
beforeAll(async () => {
  standIn = await startAdminApiStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

const token = (options: Partial<Parameters<typeof mintSessionToken>[0]> = {}) =>
  mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, ...options });

async function exchange(fields: Record<string, string>, { shop = DEMO_SHOP, form = false } = {}) {
  const body = { client_id: TEST_API_KEY, client_secret: TEST_API_SECRET, grant_type: TOKEN_EXCHANGE_GRANT, subject_token_type: ID_TOKEN_TYPE, requested_token_type: ONLINE_TOKEN_TYPE, ...fields };
  const response = await fetch(`${standIn.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json", Accept: "application/json", "X-Standin-Shop": shop },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("token exchange", () => {
  it("gives an online token with the staff member the session token names", async () => {
    const answer = await exchange({ subject_token: token({ userId: "42" }) });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ expires_in: 86399, associated_user: { id: 42, first_name: "美咲", last_name: "井上", account_owner: true, locale: "ja" } });
    expect(String(answer.json.access_token)).toMatch(/^shpua_/);
    expect(answer.json.scope).toBe(answer.json.associated_user_scope);
  });

  it("answers each shop with its own staff, and a form-encoded body too", async () => {
    const answer = await exchange({ subject_token: token({ shop: OTHER_SHOP, userId: "42" }) }, { shop: OTHER_SHOP, form: true });
    expect(answer.status).toBe(200);
    expect(answer.json.associated_user).toMatchObject({ first_name: "一郎", last_name: "別所" });
  });

  it("gives the offline token without a user", async () => {
    const answer = await exchange({ subject_token: token(), requested_token_type: OFFLINE_TOKEN_TYPE });
    expect(answer.status).toBe(200);
    expect(answer.json.access_token).toBe(FIXTURE_ACCESS_TOKEN);
    expect(answer.json.associated_user).toBeUndefined();
  });

  it("refuses wrong client credentials with 401 invalid_client", async () => {
    expect(await exchange({ subject_token: token(), client_secret: "guess" })).toMatchObject({ status: 401, json: { error: "invalid_client" } });
    expect(await exchange({ subject_token: token(), client_id: "another-app" })).toMatchObject({ status: 401, json: { error: "invalid_client" } });
  });

  it("refuses a session token that is forged, for another app or shop, expired, or names no staff member", async () => {
    const refused = { status: 400, json: { error: "invalid_subject_token" } };
    expect(await exchange({ subject_token: token({ secret: "not-the-app-secret" }) })).toMatchObject(refused);
    expect(await exchange({ subject_token: token({ apiKey: "another-app" }) })).toMatchObject(refused);
    // A token minted for the other shop, presented at the demo shop.
    expect(await exchange({ subject_token: token({ shop: OTHER_SHOP }) })).toMatchObject(refused);
    expect(await exchange({ subject_token: token({ issuedAt: Math.floor(Date.now() / 1000) - 3600 }) })).toMatchObject(refused);
    expect(await exchange({ subject_token: token({ userId: "999" }) })).toMatchObject(refused);
    expect(await exchange({ subject_token: "not-a-jwt" })).toMatchObject(refused);
  });

  it("refuses a request missing the grant or asking for an unknown token type", async () => {
    expect(await exchange({ subject_token: token(), grant_type: "authorization_code" })).toMatchObject({ status: 400, json: { error: "invalid_request" } });
    expect(await exchange({ subject_token: token(), requested_token_type: "urn:example:other" })).toMatchObject({ status: 400, json: { error: "invalid_request" } });
  });

  it("records what was asked", () => {
    expect(standIn.tokenExchanges[0]).toEqual({ shop: DEMO_SHOP, requestedTokenType: ONLINE_TOKEN_TYPE, userId: "42", status: 200 });
  });
});
