// Reading requests always goes through the shop: an id from another shop finds nothing, so the
// route answers 404 exactly as for an id that never existed.
import type { DeskDb } from "./deskSettings";
import { RequestNotFoundError } from "./requestTypes";
import type { PrivacyRequest } from "./createRequest";

export async function findRequestForShop(db: DeskDb, shop: string, id: string): Promise<PrivacyRequest | null> {
  if (!shop || typeof id !== "string" || !id || id.length > 64) return null;
  return db.privacyRequest.findFirst({ where: { id, shop } });
}

export async function getRequestForShop(db: DeskDb, shop: string, id: string): Promise<PrivacyRequest> {
  const request = await findRequestForShop(db, shop, id);
  if (!request) throw new RequestNotFoundError();
  return request;
}

export async function findRequestByReference(db: DeskDb, shop: string, reference: string): Promise<PrivacyRequest | null> {
  if (!shop || !reference) return null;
  return db.privacyRequest.findUnique({ where: { shop_reference: { shop, reference: reference.trim().toUpperCase() } } });
}
