import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { EmptyPage } from "../components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function PolicyPage() {
  return <EmptyPage title="policy.title" heading="policy.empty.heading" body="policy.empty.body" />;
}
