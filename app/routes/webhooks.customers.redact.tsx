import { webhookAction, webhookLoader } from "../webhookRoute.server";

export const action = webhookAction("customers/redact");
export const loader = webhookLoader;
