// What every records route needs from the admin request: the shop it is scoped to and who acts.
import { staffSession } from "../../privacy/desk/staffSession.server";
import type { FormInput } from "../../privacy/records/validation";

export async function recordsStaff(request: Request): Promise<{ shop: string; actor: string }> {
  // The staff member's Shopify user id, never their name or email: audit details stay free of personal data.
  return staffSession(request);
}

export async function formInput(request: Request): Promise<FormInput> {
  const form = await request.formData();
  const input: FormInput = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") input[key] = value;
  return input;
}

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}
