// Stand-in for Shopify's OAuth token exchange (POST https://<shop>/admin/oauth/access_token), as
// Shopify documents it for embedded apps: the app sends its client_id and client_secret, grant_type
// urn:ietf:params:oauth:grant-type:token-exchange, the session token App Bridge gave it as
// subject_token (subject_token_type urn:ietf:params:oauth:token-type:id_token) and the
// requested_token_type (online or offline access token). Shopify checks the session token's HS256
// signature with the client secret and its claims (aud = client id, dest = the shop, exp/nbf), and
// answers an online request with a user-scoped token and the associated_user.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FixtureShop } from "./fixtures";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
/** Shopify's online access tokens last a day (expires_in 86399 in its examples). */
const ONLINE_LIFETIME_S = 86_399;
/** The clock skew Shopify's libraries allow on session tokens. */
const LEEWAY_S = 10;

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenExchangeRecord {
  shop: string;
  requestedTokenType: string;
  userId: string | null;
  status: number;
}

type Answer = { status: number; json: unknown };
const error = (status: number, code: string, description: string): Answer => ({ status, json: { error: code, error_description: description } });

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The session token's claims when its signature and times hold for this app and shop, else null. */
function verifiedClaims(token: string, app: AppCredentials, shop: string, nowS: number): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, body, signature] = parts;
  const expected = createHmac("sha256", app.clientSecret).update(`${header}.${body}`).digest("base64url");
  if (!safeEqual(signature, expected)) return null;
  let claims: Record<string, unknown>;
  try {
    if ((JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string }).alg !== "HS256") return null;
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (claims.aud !== app.clientId) return null;
  const dest = String(claims.dest ?? "").replace(/^https:\/\//, "");
  if (dest !== shop) return null;
  if (typeof claims.exp !== "number" || claims.exp + LEEWAY_S < nowS) return null;
  if (typeof claims.nbf === "number" && claims.nbf - LEEWAY_S > nowS) return null;
  return claims;
}

/** Answers one token exchange request for `fixture` (the shop the request was addressed to). */
export function answerTokenExchange(
  fixture: FixtureShop,
  rawBody: string,
  contentType: string,
  app: AppCredentials,
  nowMs: number,
  record: (entry: TokenExchangeRecord) => void,
): Answer {
  let params: Record<string, string>;
  try {
    params = contentType.includes("application/json")
      ? (JSON.parse(rawBody) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(rawBody));
  } catch {
    return error(400, "invalid_request", "The request body could not be parsed.");
  }
  const requested = String(params.requested_token_type ?? "");
  const done = (answer: Answer, userId: string | null = null) => {
    record({ shop: fixture.domain, requestedTokenType: requested, userId, status: answer.status });
    return answer;
  };
  if (params.client_id !== app.clientId || !safeEqual(String(params.client_secret ?? ""), app.clientSecret)) {
    return done(error(401, "invalid_client", "Client authentication failed."));
  }
  if (params.grant_type !== TOKEN_EXCHANGE_GRANT || params.subject_token_type !== ID_TOKEN_TYPE || !params.subject_token) {
    return done(error(400, "invalid_request", "grant_type, subject_token and subject_token_type are required."));
  }
  if (requested !== ONLINE_TOKEN_TYPE && requested !== OFFLINE_TOKEN_TYPE) {
    return done(error(400, "invalid_request", "requested_token_type is not supported."));
  }
  const claims = verifiedClaims(String(params.subject_token), app, fixture.domain, Math.floor(nowMs / 1000));
  if (!claims) return done(error(400, "invalid_subject_token", "The session token could not be verified."));
  const scope = fixture.grantedScopes.join(",");
  if (requested === OFFLINE_TOKEN_TYPE) return done({ status: 200, json: { access_token: fixture.accessToken, scope } });

  const userId = String(claims.sub ?? "");
  const staff = fixture.staff.find((member) => String(member.id) === userId);
  if (!staff) return done(error(400, "invalid_subject_token", "The session token's user is not a staff member of this shop."), userId);
  return done(
    {
      status: 200,
      json: {
        access_token: `shpua_${randomBytes(16).toString("hex")}`,
        scope,
        expires_in: ONLINE_LIFETIME_S,
        associated_user_scope: scope,
        associated_user: {
          id: staff.id,
          first_name: staff.firstName,
          last_name: staff.lastName,
          email: staff.email,
          account_owner: staff.accountOwner,
          locale: staff.locale,
          collaborator: false,
          email_verified: true,
        },
      },
    },
    userId,
  );
}
