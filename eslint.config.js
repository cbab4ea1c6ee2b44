import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    // extensions/*/dist and shopify.d.ts are written by Shopify CLI's app build.
    ignores: ["node_modules/", "build/", "prisma/generated/", "tests/output/", ".cache/", "extensions/**/assets/*.min.js", "extensions/*/dist/", "extensions/*/shopify.d.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Logs go through app/log.server.ts, which drops personal data; scripts and tests may print.
      "no-console": "error",
    },
  },
  {
    files: ["scripts/**", "tests/**", "sandbox/**", "*.mjs", "*.config.*"],
    rules: { "no-console": "off" },
  },
);
