// Shared by the crash and soak benchmarks: a real `zhenggai serve` child process on loopback, on the
// embedded database or on a throwaway PostgreSQL database, and a small HTTP client for it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runOnServer } from "../../packages/server/src/test/test-database.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "packages/cli/bin/zhenggai.js");

/** Where a benchmark's server keeps its data. */
export interface BenchStore {
  engine: "pglite" | "postgres";
  dataDir: string;
  databaseUrl: string | null;
  dispose(): Promise<void>;
}

/** The engines to measure: PGlite always, PostgreSQL when DATABASE_URL names a server (a scratch database is created on it). */
export async function benchStores(label: string): Promise<BenchStore[]> {
  const stores: BenchStore[] = [await createStore("pglite", label)];
  if (process.env.DATABASE_URL) stores.push(await createStore("postgres", label));
  return stores;
}

async function createStore(engine: "pglite" | "postgres", label: string): Promise<BenchStore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `zg-bench-${label}-`));
  if (engine === "pglite") return { engine, dataDir, databaseUrl: null, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const name = `zg_bench_${label}_${process.pid}`;
  await runOnServer(`drop database if exists ${name} with (force)`);
  await runOnServer(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${name}`;
  return {
    engine,
    dataDir,
    databaseUrl: url.toString(),
    dispose: async () => {
      await runOnServer(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A running server. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the server printed so far. */
  output(): string;
}

/** Starts `zhenggai serve` on 127.0.0.1 with a free port and resolves once it listens. */
export function startServer(store: BenchStore): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ZG_DATA_DIR: store.dataDir, HOST: "127.0.0.1", PORT: "0", ZG_LOG_LEVEL: "silent" };
    delete env.DATABASE_URL;
    if (store.databaseUrl) env.DATABASE_URL = store.databaseUrl;
    const child = spawn(process.execPath, [cli, "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let isReady = false;
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /已启动：(http:\/\/[^\s]+)/.exec(output)?.[1];
      if (url && !isReady) {
        isReady = true;
        resolve({ child, url, output: () => output });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code, signal) => {
      if (!isReady) reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** The one-time setup token the server prints on an empty database (waits for the line, bounded). */
async function setupTokenOf(server: ServerProcess): Promise<string> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const token = /初始化口令（仅本次有效）：(\S+)/.exec(server.output())?.[1];
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no setup token printed:\n${server.output()}`);
}

/** Stops a server with a signal and waits for it to exit. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill(signal);
  await exited;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** A signed-in client of the server: cookie and CSRF header on every call. */
export class BenchClient {
  base: string;
  private cookie = "";
  private csrf = "";

  constructor(base: string) {
    this.base = base;
  }

  /** Sends one request; returns status and parsed JSON (or null). */
  async call(method: string, pathname: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = { cookie: this.cookie, "x-csrf-token": this.csrf, ...extraHeaders };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(new URL(pathname, this.base), { method, headers, body: payload });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, json };
  }

  /** Signs in and keeps the session. */
  async login(username: string, password: string): Promise<void> {
    const response = await fetch(new URL("/api/auth/login", this.base), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    this.cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    this.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
  }
}

/** Runs first-run setup with the printed token and signs the administrator in. */
export async function setUpAdministrator(server: ServerProcess): Promise<{ client: BenchClient; username: string; password: string }> {
  const username = "bench_admin";
  const password = "BenchPassw0rd";
  const client = new BenchClient(server.url);
  const setup = await client.call("POST", "/api/setup", { token: await setupTokenOf(server), username, displayName: "基准测试管理员", password, orgName: "基准测试巡察办", orgKind: "office" });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.json)}`);
  await client.login(username, password);
  return { client, username, password };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
