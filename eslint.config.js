// Lint: package boundaries (STYLE.md: dependencies run one way) plus basic TypeScript hygiene.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const restrict = (patterns) => ["error", { patterns }];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "bench-results/**", "artifacts/**", "data/**"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.base],
    rules: {
      "no-debugger": "error",
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
  },
  {
    // core is pure: no IO, no Node built-ins, nothing of ours.
    files: ["packages/core/src/**/*.ts"],
    ignores: ["packages/core/src/**/*.test.ts", "packages/core/src/**/test-*.ts", "packages/core/src/**/fixtures/**"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["@zhenggai/*"], message: "core imports nothing of ours." },
        { group: ["node:*", "fs", "path", "os", "child_process", "http", "https", "net"], message: "core does no IO: take inputs as arguments." },
        { group: ["../../*/src/*", "../../../*"], message: "stay inside packages/core." },
      ]),
    },
  },
  {
    files: ["packages/server/src/**/*.ts"],
    ignores: ["packages/server/src/**/*.test.ts", "packages/server/src/test/**"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["@zhenggai/web", "@zhenggai/cli", "../../../web/*", "../../../cli/*"], message: "server depends on core only." },
      ]),
    },
  },
  {
    files: ["packages/server/src/services/**/*.ts"],
    ignores: ["packages/server/src/services/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["fastify", "@fastify/*", "../http/*"], message: "services never import Fastify: routes adapt HTTP to services." },
        { group: ["@zhenggai/web", "@zhenggai/cli"], message: "server depends on core only." },
      ]),
    },
  },
  {
    files: ["packages/server/src/http/**/*.ts"],
    ignores: ["packages/server/src/http/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["../repositories/*", "../../repositories/*", "../db/*", "../../db/*", "pg", "@electric-sql/*"], message: "routes never run SQL: call a service." },
      ]),
    },
  },
  {
    files: ["packages/web/src/**/*.ts", "packages/web/src/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    files: ["packages/web/src/**/*.ts", "packages/web/src/**/*.tsx"],
    ignores: ["packages/web/src/**/*.test.ts", "packages/web/src/e2e/**"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["@zhenggai/server", "@zhenggai/cli", "../../server/*", "../../../server/*", "node:*"], message: "web depends on core only (types and pure helpers)." },
      ]),
    },
  },
  {
    files: ["packages/cli/src/**/*.ts"],
    ignores: ["packages/cli/src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["@zhenggai/web", "../../../server/src/*", "../../../core/src/*"], message: "cli uses the server and core packages by name." },
      ]),
    },
  },
);
