import { webhookAction, webhookLoader } from "../webhookRoute.server";

export const action = webhookAction("app/uninstalled");
export const loader = webhookLoader;
