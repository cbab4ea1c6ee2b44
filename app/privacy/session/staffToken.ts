// Which session tokens belong to a staff member. Shopify signs the tokens of the embedded admin and
// of customer account extensions with the same client secret, and the library's admin check reads
// the shop from any token's `dest` that parses as a URL, so a customer's token whose `dest` were
// `https://<shop>` would open that shop's desk. A staff token is issued by the shop's admin
// (`iss` = `https://<shop>/admin`, `dest` = `https://<shop>`) and names a staff user by number.

export interface TokenClaims {
  iss?: unknown;
  dest?: unknown;
  sub?: unknown;
}

export function isStaffToken(claims: TokenClaims, shop?: string): boolean {
  if (typeof claims.iss !== "string" || typeof claims.dest !== "string") return false;
  let dest: URL;
  try {
    dest = new URL(claims.dest);
  } catch {
    return false;
  }
  if (dest.protocol !== "https:" || (shop !== undefined && dest.hostname !== shop)) return false;
  return claims.iss === `https://${dest.hostname}/admin` && /^\d{1,20}$/.test(String(claims.sub ?? ""));
}

/** The token a request to the embedded admin carries: a fetch's bearer token, or a document's id_token. */
export function presentedToken(request: Request): string | null {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer) return bearer;
  try {
    return new URL(request.url).searchParams.get("id_token");
  } catch {
    return null;
  }
}

/** The claims of a JWT, unverified: only ever used to refuse, never to trust. */
export function unverifiedClaims(token: string): TokenClaims | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return claims && typeof claims === "object" ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}
