// Who is acting and for which shop, for every desk route. The actor recorded on the timeline is the
// staff member's Shopify user id from the session token, never their name or email.
import { authenticate } from "../../shopify.server";

export interface StaffSession {
  shop: string;
  actor: string;
}

export async function staffSession(request: Request): Promise<StaffSession> {
  const context = await authenticate.admin(request);
  const user = "sessionToken" in context ? context.sessionToken?.sub : undefined;
  return { shop: context.session.shop, actor: user ? `staff:${user}` : "staff" };
}

/** Another shop's id answers exactly like an id that never existed. */
export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}
