// Start-up, whole process as users see it: `zhenggai --help`, `zhenggai parse` of a 30 KB notice,
// and `npm start` until /api/health answers (on a new data directory, as right after install, and
// again on the same one), each the median of several runs against `node -e 0` timed in the same run.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { BenchResult } from "../bench.ts";
import { CLI } from "./scale/app-process.ts";
import { writeNoticeOfSize } from "./scale/notices.ts";

/** Title of this benchmark in BENCHMARKS.md. */
export const title = "Start-up: CLI and server, whole process";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const start = performance.now();
    const result = spawnSync(command, args, { env, encoding: "utf8", cwd: root });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: exit ${result.status}\n${result.stderr}`);
    if (i > 0) times.push(performance.now() - start); // the first run warms the file cache
  }
  return median(times) / 1000;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Seconds from `npm start` until /api/health answers 200. */
async function timeNpmStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ZG_DATA_DIR: dataDir, ZG_LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const start = performance.now();
  const child = spawn("npm", ["start"], { cwd: root, env, stdio: "ignore", detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode})`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) return (performance.now() - start) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-(child.pid as number), "SIGTERM");
    await exited;
  }
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** Measures the CLI and the server's start against `node -e 0`. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-bench-startup-"));
  try {
    const node = timeCommand(process.execPath, ["-e", "0"]);
    const help = timeCommand(process.execPath, [CLI, "--help"]);
    const notice = writeNoticeOfSize(dir, 30 * 1024);
    const parse = timeCommand(process.execPath, [CLI, "parse", notice.file]);
    const firstStarts: number[] = [];
    const restarts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const dataDir = path.join(dir, `data-${i}`);
      firstStarts.push(await timeNpmStart(dataDir));
      restarts.push(await timeNpmStart(dataDir));
    }
    const first = median(firstStarts);
    const again = median(restarts);
    return [
      { name: "node -e 0 (baseline)", value: round(node), unit: "s" },
      { name: "zhenggai --help", value: round(help), unit: "s", target: "≤ 0.5 s", isMet: help <= 0.5, note: `${(help / node).toFixed(1)} × node -e 0` },
      { name: `zhenggai parse (${(notice.bytes / 1024).toFixed(0)} KB notice)`, value: round(parse), unit: "s", target: "≤ 0.8 s", isMet: parse <= 0.8, note: `${(parse / node).toFixed(1)} × node -e 0` },
      { name: "npm start → /api/health, new data directory", value: round(first), unit: "s", target: "≤ 3 s", isMet: first <= 3, note: `median of 3: ${firstStarts.map((s) => s.toFixed(2)).join(" / ")}; ${os.loadavg()[0].toFixed(1)} load average` },
      { name: "npm start → /api/health, existing data directory", value: round(again), unit: "s", target: "≤ 3 s", isMet: again <= 3, note: `median of 3: ${restarts.map((s) => s.toFixed(2)).join(" / ")}` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
