import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Role } from "@zhenggai/core";
import type { FastifyInstance } from "fastify";
import { inject } from "vitest";
import type { MailConfig } from "../config.ts";
import type { Database } from "../db/database.ts";
import { buildApp } from "../http/app.ts";
import type { Actor } from "../services/access.ts";
import { createServices, type Services } from "../services/index.ts";
import { createTestDatabase } from "./test-database.ts";

/** A fresh database, services and HTTP app for one test file. */
export interface TestContext {
  db: Database;
  services: Services;
  app: FastifyInstance;
  filesDir: string;
  /** Current time used by the services; tests may move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

/** Builds a TestContext on the engine chosen for this run (PGlite, or PostgreSQL in CI). */
export async function createTestContext(
  options: { loginRateLimit?: number; now?: Date; webDir?: string; mail?: MailConfig; publicUrl?: string; trustProxy?: boolean | number | string[] } = {},
): Promise<TestContext> {
  const db = await createTestDatabase({
    kind: inject("testDbKind"),
    pgliteDumpPath: inject("pgliteDumpPath"),
    postgresTemplate: inject("postgresTemplate"),
  });
  const filesDir = mkdtempSync(path.join(os.tmpdir(), "zg-files-"));
  const clock = { now: options.now ?? new Date("2026-06-15T02:00:00Z") };
  const services = createServices(db, { filesDir, sessionTtlHours: 12, yellowDays: 10, mail: options.mail ?? null, publicUrl: options.publicUrl }, () => clock.now);
  const app = await buildApp({
    services,
    config: { maxUploadBytes: 2 * 1024 * 1024, logLevel: "silent", sessionTtlHours: 12, trustProxy: options.trustProxy },
    loginRateLimit: options.loginRateLimit ?? 1000,
    webDir: options.webDir,
  });
  return {
    db,
    services,
    app,
    filesDir,
    clock,
    async close() {
      await app.close();
      await db.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** The standard fixture org tree: an office with two units, each with two departments. */
export interface OrgFixture {
  office: number;
  unitA: number;
  unitB: number;
  deptA1: number;
  deptA2: number;
  deptB1: number;
}

/** Creates the fixture org tree directly (it is set-up, not behaviour under test). */
export async function createOrgFixture(db: Database): Promise<OrgFixture> {
  const insert = async (parentId: number | null, kind: string, name: string): Promise<number> =>
    (await db.query<{ id: number }>("insert into orgs (parent_id, kind, name) values ($1, $2, $3) returning id", [parentId, kind, name]))[0].id;
  const office = await insert(null, "office", "测试县委巡察办");
  const unitA = await insert(office, "unit", "甲单位");
  const unitB = await insert(office, "unit", "乙单位");
  return {
    office,
    unitA,
    unitB,
    deptA1: await insert(unitA, "department", "甲单位一股"),
    deptA2: await insert(unitA, "department", "甲单位二股"),
    deptB1: await insert(unitB, "department", "乙单位一股"),
  };
}

/** A logged-in test user: actor for service calls, cookie and CSRF header for HTTP calls. */
export interface TestUser {
  actor: Actor;
  headers: Record<string, string>;
}

let userCounter = 0;
export const TEST_PASSWORD = "Passw0rd-test";

/** Creates a user with one role on one org and logs them in over HTTP. */
export async function createTestUser(context: TestContext, role: Role, orgId: number, name?: string): Promise<TestUser> {
  userCounter += 1;
  const username = `u${userCounter}_${role}`.slice(0, 60);
  await context.services.users.createUser(null, { username, displayName: name ?? `${role}用户${userCounter}`, password: TEST_PASSWORD, grants: [{ orgId, role }] });
  const response = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: TEST_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const body = response.json() as { user: Actor; csrfToken: string };
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { actor: body.user, headers: { cookie, "x-csrf-token": body.csrfToken } };
}
