import { webhookAction, webhookLoader } from "../webhookRoute.server";

export const action = webhookAction("shop/redact");
export const loader = webhookLoader;
