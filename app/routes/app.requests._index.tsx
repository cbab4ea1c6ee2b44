import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { EmptyPage } from "../components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function RequestsPage() {
  return <EmptyPage title="requests.title" heading="requests.empty.heading" body="requests.empty.body" />;
}
