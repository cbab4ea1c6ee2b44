import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { EmptyPage } from "../components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function ConsentPage() {
  return <EmptyPage title="consent.title" heading="consent.empty.heading" body="consent.empty.body" />;
}
