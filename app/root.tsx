import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolveLocale } from "./i18n/locale";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  return { lang: resolveLocale(url.searchParams.get("locale"), request.headers.get("accept-language")) };
};

export const shouldRevalidate = () => false;

export default function App() {
  const { lang } = useLoaderData<typeof loader>();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
