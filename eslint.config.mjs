import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const frameworkImports = {
  patterns: [
    { group: ["next", "next/*", "react", "react-dom", "@prisma/*", "@/lib/db/*", "@/lib/data/*"], message: "This folder is pure: no framework or database imports." },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "lib/db/generated/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    // The parser and the search library stay pure so they can run anywhere (scripts, tests, server).
    files: ["lib/minutes/**/*.ts", "lib/search/**/*.ts", "lib/text/**/*.ts"],
    rules: { "no-restricted-imports": ["error", frameworkImports] },
  },
  {
    // Pages read the database only through lib/data.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@prisma/*", "@/lib/db/*", "pg"], message: "Read data through lib/data." }] }],
      // Prefetching every link in view cost phones 100–300 ms of main-thread time per page
      // (Lighthouse total blocking time); the page cache answers a click in milliseconds anyway.
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXOpeningElement[name.name='Link']:not(:has(JSXAttribute[name.name='prefetch']))",
          message: "Give every <Link> prefetch={false} (see README, Lighthouse).",
        },
      ],
    },
  },
]);
