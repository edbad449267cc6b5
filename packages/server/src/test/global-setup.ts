import type { TestProject } from "vitest/node";
import { prepareTestTemplate } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDbKind: "pglite" | "postgres";
    pgliteDumpPath: string;
    postgresTemplate: string;
  }
}

/** Builds one migrated template database that each test file clones. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await prepareTestTemplate();
  project.provide("testDbKind", template.kind);
  project.provide("pgliteDumpPath", template.pgliteDumpPath);
  project.provide("postgresTemplate", template.postgresTemplate);
  process.stdout.write(`[db tests] database engine: ${template.kind}\n`);
  return template.cleanup;
}
