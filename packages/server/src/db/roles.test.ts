// Two roles on PostgreSQL: migrations run as the owner, the app serves as a role that can append
// to the audit trail but neither change it nor switch its protection off. Runs in the PostgreSQL
// pass; uses the roles .ci/run creates (ZG_TEST_OWNER_URL / ZG_TEST_APP_URL) or makes its own.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { loadConfig } from "../config.ts";
import { openRuntime, type Runtime } from "../main.ts";
import { openPostgres, type Database } from "./database.ts";
import { runOnServer } from "../test/test-database.ts";
import { describeAuditProtection } from "./roles.ts";

const isPostgres = inject("testDbKind") === "postgres";
if (!isPostgres) console.warn("[db roles] SKIPPED on the embedded database: roles need a PostgreSQL server (the PostgreSQL pass runs this file)");

const suffix = `${process.pid}_${Date.now() % 100000}`;
const database = `zg_roles_${suffix}`;
let ownerUrl = "";
let appUrl = "";
let createdRoles: string[] = [];
let runtime: Runtime | null = null;
let filesDir = "";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

beforeAll(async () => {
  if (!isPostgres) return;
  if (process.env.ZG_TEST_OWNER_URL && process.env.ZG_TEST_APP_URL) {
    ownerUrl = process.env.ZG_TEST_OWNER_URL;
    appUrl = process.env.ZG_TEST_APP_URL;
  } else {
    const owner = `zg_owner_${suffix}`;
    const app = `zg_app_${suffix}`;
    await runOnServer(`create role ${owner} login`);
    await runOnServer(`create role ${app} login`);
    createdRoles = [app, owner];
    const base = new URL(process.env.DATABASE_URL as string);
    base.username = owner;
    ownerUrl = base.toString();
    base.username = app;
    appUrl = base.toString();
  }
  const ownerRole = decodeURIComponent(new URL(ownerUrl).username);
  // On PostgreSQL 15+ schema public belongs to the database's owner, so the owner role may create
  // tables there and nobody else may.
  await runOnServer(`create database ${database} owner ${ownerRole}`);
  ownerUrl = withDatabase(ownerUrl, database);
  appUrl = withDatabase(appUrl, database);
  filesDir = mkdtempSync(path.join(os.tmpdir(), "zg-roles-"));
  runtime = await openRuntime(loadConfig({ DATABASE_URL: appUrl, ZG_DATABASE_OWNER_URL: ownerUrl, ZG_FILES_DIR: filesDir, ZG_DATA_DIR: filesDir }));
});

afterAll(async () => {
  if (!isPostgres) return;
  await runtime?.close();
  await runOnServer(`drop database if exists ${database} with (force)`);
  for (const role of createdRoles) await runOnServer(`drop role if exists ${role}`);
  if (filesDir) rmSync(filesDir, { recursive: true, force: true });
});

describe.runIf(isPostgres)("the app's database role", () => {
  it("serves the app: the migrations ran as the owner and the app writes the ledger and its audit", async () => {
    const services = (runtime as Runtime).services;
    const rows = await (runtime as Runtime).db.query<{ current_user: string }>("select current_user");
    expect(rows[0].current_user).toBe(decodeURIComponent(new URL(appUrl).username));
    const user = await services.users.createUser(null, {
      username: "role_admin",
      displayName: "角色测试管理员",
      password: "Passw0rd-roles",
      grants: [{ orgId: (await (runtime as Runtime).db.query<{ id: number }>("insert into orgs (kind, name) values ('office', '角色测试巡察办') returning id"))[0].id, role: "admin" }],
    });
    expect(user.id).toBeGreaterThan(0);
    await services.auth.login("role_admin", "wrong-password-1", { ip: "127.0.0.1" }).catch(() => undefined);
    const audit = await (runtime as Runtime).db.query<{ action: string }>("select action from audit_log order by id");
    expect(audit.map((a) => a.action)).toEqual(["create", "login_failed"]);
    expect((await services.audit.verifyChain(null)).isIntact).toBe(true);
    expect(await describeAuditProtection((runtime as Runtime).db)).toEqual({ isProtected: true, reason: null });
  });

  it("cannot change, delete, truncate or unprotect the audit trail, nor change the schema", async () => {
    const db = (runtime as Runtime).db;
    const refusals = [
      "update audit_log set action = 'x'",
      "delete from audit_log",
      "truncate audit_log",
      "alter table audit_log disable trigger audit_log_no_update",
      "alter table audit_log disable trigger all",
      "drop trigger audit_log_no_update on audit_log",
      "alter table audit_log drop constraint audit_log_hash_required",
      "drop table audit_log",
      "create table shadow (id int)",
      "create or replace function audit_log_append_only() returns trigger language plpgsql as $$ begin return new; end; $$",
      "insert into schema_migrations (version) values ('9999_forged')",
      "set session_replication_role = replica",
    ];
    for (const sql of refusals) {
      await expect(db.query(sql), sql).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|42P01)$/) });
    }
    expect((await db.query<{ n: number }>("select count(*) as n from audit_log"))[0].n).toBe(2);
  });

  it("lets the owner see the difference: a superuser or owner connection is reported as unprotected", async () => {
    const owner: Database = await openPostgres(ownerUrl, 1);
    try {
      expect((await describeAuditProtection(owner)).isProtected).toBe(false);
    } finally {
      await owner.close();
    }
  });
});
