import { webhookAction, webhookLoader } from "../webhookRoute.server";

export const action = webhookAction("app/scopes_update");
export const loader = webhookLoader;
