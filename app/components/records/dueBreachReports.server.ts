// Loader helper for the dashboard: `const dueBreachReports = await loadDueBreachReports(session.shop)`.
import db from "../../db.server";
import { dueBreachReports, type DueBreachReport } from "../../privacy/records/breaches";

export function loadDueBreachReports(shop: string, now = new Date()): Promise<DueBreachReport[]> {
  return dueBreachReports(db, shop, now);
}
