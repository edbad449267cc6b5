// Runs the real app as a child process (the compiled CLI, `zhenggai serve`), as users run it, so the
// benchmark sees its start-up, its memory and its HTTP stack; and runs one-off CLI commands.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** The launcher users run. */
export const CLI = path.join(root, "packages/cli/bin/zhenggai.js");

/** Where an app instance keeps its data: an embedded data directory or a PostgreSQL database. */
export type Target = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/** Environment for the app on a target. */
export function envFor(target: Target, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ZG_LOG_LEVEL: "warn", ...extra };
  delete env.DATABASE_URL;
  delete env.ZG_DATA_DIR;
  if (target.kind === "pglite") env.ZG_DATA_DIR = target.dataDir;
  else env.DATABASE_URL = target.url;
  return env;
}

/** Runs a CLI command to completion; throws with its stderr when it fails (unless allowed). */
export function runCli(target: Target, args: string[], options: { input?: string; allowStatus?: number[]; inheritStderr?: boolean } = {}): { stdout: string; stderr: string; status: number; seconds: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: envFor(target),
    input: options.input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["pipe", "pipe", options.inheritStderr ? "inherit" : "pipe"],
  });
  const status = result.status ?? 1;
  if (status !== 0 && !(options.allowStatus ?? []).includes(status)) {
    throw new Error(`zhenggai ${args.slice(0, 3).join(" ")} failed (${status}): ${result.stderr ?? ""}${result.error ?? ""}`);
  }
  return { stdout: result.stdout ?? "", stderr: result.stderr ?? "", status, seconds: (Date.now() - started) / 1000 };
}

/** Resident memory of a process in MB (Linux /proc), or NaN elsewhere. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** A running app server. */
export interface AppServer {
  url: string;
  pid: number;
  /** Seconds from spawn until the server printed its address. */
  startSeconds: number;
  /** Largest resident memory seen so far (sampled every 250 ms), MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Starts `zhenggai serve` on a free port and waits until it listens. */
export async function startApp(target: Target, extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, "serve", "-p", "0"], { env: envFor(target, extraEnv), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /已启动：(http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  const startSeconds = (Date.now() - started) / 1000;
  let peak = rssMb(child.pid as number);
  const sampler = setInterval(() => {
    const now = rssMb(child.pid as number);
    if (now > peak) peak = now;
  }, 250);
  return {
    url,
    pid: child.pid as number,
    startSeconds,
    peakRssMb: () => peak,
    async stop() {
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Logs in over HTTP and returns the cookie header. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** GET as JSON with a cookie. */
export async function getJson<T>(baseUrl: string, pathAndQuery: string, cookie: string): Promise<T> {
  const response = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}
