// Two app processes on one PostgreSQL database, behind a loopback round-robin proxy, as a load
// balancer would put them: setup, sessions, evidence, sign-off, optimistic concurrency, audit and
// logout stay correct whichever process answers. Each process has its own files directory, so
// evidence must travel through the shared store; sessions are cached for five minutes, so a logout
// or a revoked grant must reach the other process through PostgreSQL's notifications.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeDemoEvidencePdf } from "../demo/evidence-pdf.ts";
import { createScratchDatabaseUrl } from "../test/test-database.ts";
import { buildMultipart } from "../test/multipart.ts";

const isPostgres = inject("testDbKind") === "postgres";
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../cli/bin/zhenggai.js");

interface AppProcess {
  child: ChildProcess;
  url: string;
  setupToken: string | null;
  dir: string;
}

let scratch: { url: string | null; drop(): Promise<void> };
const apps: AppProcess[] = [];
let proxy: http.Server;
let proxyUrl: string;

async function startApp(databaseUrl: string): Promise<AppProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-multi-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, ZG_DATA_DIR: dir, ZG_LOG_LEVEL: "warn", ZG_AUTH_CACHE_SECONDS: "300" };
  const child = spawn(process.execPath, [cli, "serve", "-p", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      // Setup is still needed, so the address line is followed by the process's own setup token.
      const url = /已启动：(http:\/\/\S+)/.exec(output)?.[1];
      const token = /初始化口令（仅本次有效）：(\S+)/.exec(output)?.[1];
      if (url && token) resolve({ child, url, setupToken: token, dir });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`app exited (${code}): ${output}`)));
  });
}

/** Alternates requests between the two processes. */
function startProxy(targets: string[]): Promise<string> {
  let next = 0;
  proxy = http.createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]);
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => proxy.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`)));
}

interface Session {
  cookie: string;
  csrf: string;
}

async function call(base: string, method: string, url: string, options: { session?: Session; body?: unknown; raw?: { payload: Buffer; headers: Record<string, string> } } = {}) {
  const headers: Record<string, string> = {};
  if (options.session) {
    headers.cookie = options.session.cookie;
    headers["x-csrf-token"] = options.session.csrf;
  }
  let body: BodyInit | undefined;
  if (options.raw) {
    Object.assign(headers, options.raw.headers);
    body = new Uint8Array(options.raw.payload);
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${base}${url}`, { method, headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(bytes.toString("utf8")) : null;
  return { status: response.status, json, bytes, cookies: response.headers.getSetCookie() };
}

async function login(base: string, username: string, password: string): Promise<Session> {
  const response = await call(base, "POST", "/api/auth/login", { body: { username, password } });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return { cookie: response.cookies.map((c) => c.split(";")[0]).join("; "), csrf: response.json.csrfToken };
}

/** Polls until `check` holds (notifications are asynchronous); fails after ten seconds. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("condition not reached within ten seconds");
}

beforeAll(async () => {
  if (!isPostgres) return;
  scratch = await createScratchDatabaseUrl("postgres");
  // One after the other: the second starts once the first has issued (and printed) its token.
  apps.push(await startApp(scratch.url as string));
  apps.push(await startApp(scratch.url as string));
  proxyUrl = await startProxy(apps.map((app) => app.url));
});

afterAll(async () => {
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  for (const app of apps) {
    const exited = new Promise((resolve) => app.child.once("exit", resolve));
    app.child.kill("SIGTERM");
    await exited;
    rmSync(app.dir, { recursive: true, force: true });
  }
  await scratch?.drop();
});

describe.skipIf(!isPostgres)("several app processes on one PostgreSQL (round-robin)", () => {
  const password = "Passw0rd-multi";
  let admin: Session;
  let unitId: number;
  let deptId: number;
  const people: Record<string, { id: number; session: Session }> = {};
  let measureId: number;
  let otherMeasureId: number;

  it("accepts the first process's setup token after the second one started", async () => {
    const [a, b] = apps;
    expect(a.setupToken).toBeTruthy();
    expect(b.setupToken).toBeTruthy();
    expect(b.setupToken).not.toBe(a.setupToken);
    const setup = await call(b.url, "POST", "/api/setup", { body: { token: a.setupToken, username: "admin", displayName: "管理员", password, orgName: "测试巡察办" } });
    expect(setup.status, JSON.stringify(setup.json)).toBe(201);
    admin = await login(proxyUrl, "admin", password);
    for (let i = 0; i < 4; i += 1) expect((await call(proxyUrl, "GET", "/api/auth/me", { session: admin })).status).toBe(200);
    const root = setup.json.orgId as number;
    unitId = (await call(proxyUrl, "POST", "/api/orgs", { session: admin, body: { parentId: root, kind: "unit", name: "甲单位" } })).json.id;
    deptId = (await call(proxyUrl, "POST", "/api/orgs", { session: admin, body: { parentId: unitId, kind: "department", name: "甲单位一股" } })).json.id;
    const roles: [string, string, number][] = [["staff", "department", deptId], ["head", "department", deptId], ["leader", "leader", unitId], ["zgb", "rectification_office", unitId]];
    for (const [name, role, orgId] of roles) {
      const created = await call(proxyUrl, "POST", "/api/users", { session: admin, body: { username: name, displayName: `${name}用户`, password, grants: [{ orgId, role }] } });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      people[name] = { id: created.json.id, session: await login(proxyUrl, name, password) };
    }
    // Sign-off goes to people: "head" heads the department (the measures name their 责任领导).
    const department = await call(proxyUrl, "GET", `/api/orgs/${deptId}`, { session: admin });
    const headSet = await call(proxyUrl, "PATCH", `/api/orgs/${deptId}`, { session: admin, body: { version: department.json.version, headUserId: people.head.id } });
    expect(headSet.status, JSON.stringify(headSet.json)).toBe(200);
  });

  it("serves evidence uploaded through one process from the other, whose files directory never saw it", async () => {
    const zgb = people.zgb.session;
    const round = (await call(proxyUrl, "POST", `/api/orgs/${unitId}/inspections`, { session: zgb, body: { name: "多进程测试轮次", feedbackDate: "2026-01-10" } })).json.id;
    const finding = (await call(proxyUrl, "POST", `/api/inspections/${round}/findings`, { session: zgb, body: { title: "多进程问题" } })).json.id;
    const measure = { text: "多进程措施", departmentId: deptId, ownerName: "staff用户", ownerUserId: people.staff.id, leaderUserId: people.leader.id, dueDate: "2026-12-31" };
    measureId = (await call(proxyUrl, "POST", `/api/findings/${finding}/measures`, { session: zgb, body: measure })).json.id;
    otherMeasureId = (await call(proxyUrl, "POST", `/api/findings/${finding}/measures`, { session: zgb, body: { ...measure, text: "另一条措施" } })).json.id;
    const pdf = await makeDemoEvidencePdf("multi-process evidence");
    const upload = await call(apps[0].url, "POST", `/api/measures/${measureId}/evidence`, {
      session: people.staff.session,
      raw: buildMultipart({ description: "验收材料" }, { field: "file", fileName: "验收材料.pdf", contentType: "application/pdf", bytes: pdf }),
    });
    expect(upload.status, JSON.stringify(upload.json)).toBe(201);
    const download = await call(apps[1].url, "GET", `/api/evidence/${upload.json.id}/file`, { session: people.staff.session });
    expect(download.status).toBe(200);
    expect(createHash("sha256").update(download.bytes).digest("hex")).toBe(createHash("sha256").update(pdf).digest("hex"));
  });

  it("runs the sign-off chain across both processes with separation of duties and one audit entry per step", async () => {
    const submitted = await call(proxyUrl, "POST", `/api/measures/${measureId}/closures`, { session: people.staff.session, body: { targetStatus: "completed" } });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(201);
    const closureId = submitted.json.id as number;
    const decide = (base: string, who: string) => call(base, "POST", `/api/closures/${closureId}/decision`, { session: people[who].session, body: { decision: "approved" } });
    expect((await decide(apps[0].url, "head")).status).toBe(200);
    // The department head already decided a step: refused by the other process too.
    expect((await decide(apps[1].url, "head")).status).toBeGreaterThanOrEqual(400);
    expect((await decide(apps[1].url, "leader")).status).toBe(200);
    const last = await decide(apps[0].url, "zgb");
    expect(last.status, JSON.stringify(last.json)).toBe(200);
    expect(last.json.measureStatus).toBe("completed");
    const measure = await call(apps[1].url, "GET", `/api/measures/${measureId}`, { session: people.zgb.session });
    expect(measure.json.measure.status).toBe("completed");
    const audit = await call(proxyUrl, "GET", `/api/audit?entity=closure&entityId=${closureId}&pageSize=50`, { session: admin });
    expect(audit.json.items.filter((entry: { action: string }) => entry.action === "approve")).toHaveLength(3);
  });

  it("lets exactly one of two simultaneous edits of the same version win", async () => {
    const current = await call(proxyUrl, "GET", `/api/measures/${otherMeasureId}`, { session: people.zgb.session });
    const version = current.json.measure.version as number;
    const edits = await Promise.all(
      apps.map((app, i) => call(app.url, "PATCH", `/api/measures/${otherMeasureId}`, { session: people.zgb.session, body: { version, note: `进程${i + 1}的修改` } })),
    );
    expect(edits.map((edit) => edit.status).sort()).toEqual([200, 409]);
    const updates = await call(proxyUrl, "GET", `/api/audit?entity=measure&entityId=${otherMeasureId}&pageSize=50`, { session: admin });
    expect(updates.json.items.filter((entry: { action: string }) => entry.action === "update")).toHaveLength(1);
  });

  it("ends a session everywhere on logout, and a revoked grant everywhere, though sessions are cached for minutes", async () => {
    const staff = people.staff.session;
    expect((await call(apps[1].url, "GET", "/api/auth/me", { session: staff })).status).toBe(200);
    expect((await call(apps[0].url, "POST", "/api/auth/logout", { session: staff })).status).toBe(200);
    await eventually(async () => (await call(apps[1].url, "GET", "/api/auth/me", { session: staff })).status === 401);
    const leader = people.leader.session;
    expect((await call(apps[0].url, "GET", `/api/measures/${measureId}`, { session: leader })).status).toBe(200);
    const users = (await call(proxyUrl, "GET", "/api/users?pageSize=100", { session: admin })).json;
    const row = (users.items ?? users).find((u: { username: string }) => u.username === "leader");
    const revoked = await call(apps[1].url, "PATCH", `/api/users/${row.id}`, { session: admin, body: { version: row.version, isActive: false } });
    expect(revoked.status, JSON.stringify(revoked.json)).toBe(200);
    await eventually(async () => (await call(apps[0].url, "GET", `/api/measures/${measureId}`, { session: leader })).status === 401);
  });
});
