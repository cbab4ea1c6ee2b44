import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type UserConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The generated Prisma clients load a Wasm query compiler from their own folder, so they stay
// out of the bundle and are reached at run time through package.json's "#prisma/*" imports.

export default defineConfig({
  server: { port: Number(process.env.PORT || 3000) },
  plugins: [
    process.env.VITEST
      ? null
      : remix({
          ignoredRouteFiles: ["**/.*"],
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_lazyRouteDiscovery: true,
            v3_singleFetch: true,
            v3_routeConfig: false,
          },
        }),
    tsconfigPaths(),
  ],
  build: {
    assetsInlineLimit: 0,
    rollupOptions: { external: (id) => id.startsWith("#prisma/") },
  },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
}) satisfies UserConfig;
