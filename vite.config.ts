import { vitePlugin as remix } from "@remix-run/dev";
import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig, type Plugin, type UserConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The generated Prisma clients load a Wasm query compiler from their own folder, so they stay
// out of the bundle and are reached at run time through package.json's "#prisma/*" imports.
// In development (scripts/dev.mjs) Vite runs the server code itself and would evaluate those
// CommonJS files as ES modules, which fails; there each one is a small module that has Node
// require() it (once per process, like production) and re-exports what it exports.
const requireFromRoot = createRequire(path.join(import.meta.dirname, "package.json"));
const PRISMA_CLIENT = /^#prisma\/(sqlite|postgres)$/;
const prismaClientsThroughNode: Plugin = {
  name: "privacy-desk:prisma-clients-through-node",
  apply: "serve",
  enforce: "pre",
  resolveId(id, _importer, options) {
    return options?.ssr && PRISMA_CLIENT.test(id) ? `\0${id}` : null;
  },
  load(id) {
    if (!id.startsWith("\0") || !PRISMA_CLIENT.test(id.slice(1))) return null;
    const specifier = JSON.stringify(id.slice(1));
    const names = Object.keys(requireFromRoot(id.slice(1)) as object).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== "default");
    return [
      `import { createRequire } from "node:module";`,
      `const client = createRequire(${JSON.stringify(path.join(import.meta.dirname, "package.json"))})(${specifier});`,
      `export default client;`,
      ...names.map((name) => `export const ${name} = client.${name};`),
    ].join("\n");
  },
};

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
    prismaClientsThroughNode,
  ],
  build: {
    assetsInlineLimit: 0,
    rollupOptions: { external: (id) => id.startsWith("#prisma/") },
  },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
}) satisfies UserConfig;
