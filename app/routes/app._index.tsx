import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { EmptyPage } from "../components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function DashboardPage() {
  return (
    <EmptyPage
      title="dashboard.title"
      heading="dashboard.empty.heading"
      body="dashboard.empty.body"
      action={{ label: "dashboard.empty.action", url: "/app/requests" }}
    />
  );
}
