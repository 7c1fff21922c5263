// Lint for app/, db/, scripts/, tests/, server.ts and the tool configs: TypeScript's recommended
// rules, the rules of hooks, a size limit for app modules, and the import boundaries from the
// conventions (server code never reaches the browser bundle, routes never talk to the database
// directly). The layers as a whole, and cycles, are checked by dependency-cruiser
// (.dependency-cruiser.cjs), which `npm run lint` runs after ESLint.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const SOURCES = ["app/**/*.{ts,tsx}", "db/**/*.ts", "scripts/**/*.ts", "tests/**/*.ts", "server.ts", "*.config.ts"];

const serverModules = {
  regex: "\\.server(\\.[jt]sx?)?$",
  // A type-only import is erased at compile time, so it cannot leak server code.
  allowTypeImports: true,
  message:
    "Server-only module: the classic compiler empties it in the browser bundle without a word. Keep *.server imports in routes, models, lib and jobs.",
};

export default tseslint.config(
  {
    ignores: ["build/", "public/build/", "data/", "node_modules/", ".cache/", "test-results/", "playwright-report/"],
  },
  {
    files: SOURCES,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { "react-hooks": reactHooks },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Namespaces are how Remix/Express augment their types (AppLoadContext).
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      // Input normalisation strips control characters on purpose.
      "no-control-regex": "off",
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    // A module past ~300 lines is doing two things: split it along the seam (docs/architecture.md).
    files: ["app/**/*.{ts,tsx}"],
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ["app/components/**", "app/schemas/**", "app/permissions.ts", "app/statuses.ts", "app/roles.ts", "app/shapes.ts", "app/idea-links.ts", "app/i18n/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [serverModules] }],
    },
  },
  {
    files: ["app/routes/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^drizzle-orm(/.*)?$",
              message: "Routes stay thin: call a model function (app/models) instead of querying here.",
            },
            {
              regex: "(^|/)db/schema(\\.[jt]s)?$",
              message: "Routes stay thin: the database schema belongs to app/models.",
            },
          ],
        },
      ],
    },
  },
);
