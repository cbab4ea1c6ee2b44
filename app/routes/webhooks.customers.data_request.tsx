import { webhookAction, webhookLoader } from "../webhookRoute.server";

export const action = webhookAction("customers/data_request");
export const loader = webhookLoader;
