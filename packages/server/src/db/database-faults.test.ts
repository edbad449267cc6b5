// PostgreSQL going away under a running app: connections killed by the server and a full stop and
// start. The app must neither crash nor hang: it answers 503 in Chinese while the server is away
// and serves again once it is back, without a restart. The test runs its own throwaway cluster
// (never the shared one) and runs once, in the PostgreSQL pass.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { buildApp } from "../http/app.ts";
import { createServices } from "../services/index.ts";
import { runOnServer } from "../test/test-database.ts";
import { migrate } from "./migrate.ts";
import { openPostgres, type Database } from "./database.ts";

function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin/initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

const bin = findPostgresBin();
const shouldRun = inject("testDbKind") === "postgres" && bin !== null;
if (!shouldRun) console.warn("[database faults] SKIPPED: runs in the PostgreSQL pass with PostgreSQL's server binaries installed (/usr/lib/postgresql/*/bin)");

const isRoot = process.getuid?.() === 0;
let dataDir = "";
let port = 0;
let db: Database | null = null;
let app: FastifyInstance | null = null;
let filesDir = "";
const connectionErrors: unknown[] = [];

/** Runs a PostgreSQL server binary, as the postgres account when the test runs as root (initdb refuses root). */
function pgCommand(name: string, args: string[]): void {
  const command = path.join(bin as string, name);
  if (isRoot) execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
  else execFileSync(command, args, { stdio: "pipe" });
}

function startCluster(): void {
  pgCommand("pg_ctl", ["-D", dataDir, "-l", path.join(dataDir, "log"), "-w", "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${dataDir}`, "start"]);
}

function stopCluster(mode: "fast" | "immediate"): void {
  pgCommand("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "stop"]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
    server.on("error", reject);
  });
}

async function superuserQuery(sql: string): Promise<void> {
  await runOnServer(sql, `postgres://postgres@127.0.0.1:${port}/postgres`);
}

/** Asks the health route until it answers 200 (bounded: the server needs a moment to accept connections). */
async function waitForHealth(): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 100 && status !== 200; attempt += 1) {
    status = (await (app as FastifyInstance).inject({ method: "GET", url: "/api/health" })).statusCode;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return status;
}

beforeAll(async () => {
  if (!shouldRun) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "zg-pgfault-"));
  if (isRoot) chownSync(dataDir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  pgCommand("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  port = await freePort();
  startCluster();
  await superuserQuery("create database zg_fault");
  db = await openPostgres(`postgres://postgres@127.0.0.1:${port}/zg_fault`, 4, { onConnectionError: (error) => connectionErrors.push(error) });
  await migrate(db);
  filesDir = mkdtempSync(path.join(os.tmpdir(), "zg-pgfault-files-"));
  const services = createServices(db, { filesDir, sessionTtlHours: 12, yellowDays: 10 });
  app = await buildApp({ services, config: { maxUploadBytes: 1024 * 1024, logLevel: "silent", sessionTtlHours: 12 } });
  await db.query("insert into orgs (kind, name) values ('office', '故障测试巡察办')");
}, 120_000);

afterAll(async () => {
  if (!shouldRun) return;
  await app?.close();
  await db?.close().catch(() => undefined);
  try {
    stopCluster("immediate");
  } catch {
    // Already stopped.
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
});

describe.runIf(shouldRun)("PostgreSQL going away under the running app", () => {
  it("survives its connections being killed by the server and carries on", async () => {
    expect((await (app as FastifyInstance).inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    // Hold some idle connections in the pool, then have the server terminate every one of them.
    await Promise.all([1, 2, 3].map(() => (db as Database).query("select pg_sleep(0.05)")));
    await superuserQuery("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'zg_fault' and pid <> pg_backend_pid()");
    expect(await waitForHealth()).toBe(200);
    expect(connectionErrors.length).toBeGreaterThan(0);
  });

  it("answers 503 in Chinese while PostgreSQL is stopped, then recovers by itself when it starts again", async () => {
    const before = (await (db as Database).query<{ n: number }>("select count(*) as n from orgs"))[0].n;
    stopCluster("fast");
    const health = await (app as FastifyInstance).inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(503);
    expect(health.json().error).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(health.json().error.message).toMatch(/数据库暂时无法连接/);
    // A sign-in (reads, then a transaction) gets the same answer, not a 500 and not a crash.
    const login = await (app as FastifyInstance).inject({ method: "POST", url: "/api/auth/login", payload: { username: "nobody", password: "Passw0rd-x" } });
    expect(login.statusCode).toBe(503);
    await expect((db as Database).transaction(async (tx) => tx.query("select 1"))).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });

    startCluster();
    expect(await waitForHealth()).toBe(200);
    await (db as Database).transaction(async (tx) => tx.query("insert into orgs (kind, name) values ('office', '恢复后写入')"));
    expect((await (db as Database).query<{ n: number }>("select count(*) as n from orgs"))[0].n).toBe(before + 1);
  });
});
