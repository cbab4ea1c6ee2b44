import { webhookAction, webhookLoader } from "../webhookRoute.server";

export const action = webhookAction("customers_marketing_consent/update");
export const loader = webhookLoader;
