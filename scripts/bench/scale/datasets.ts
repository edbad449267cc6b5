// Benchmark datasets, generated once with `zhenggai demo --scale N --seed bench` and reused by later
// runs: an embedded data directory under bench-results/scale-data/, or a database named
// zg_bench_<N> on the PostgreSQL server of DATABASE_URL (use a server of your own for 1M: it takes
// a few GB). A dataset is reused only when its recorded size and seed match.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runCli, type Target } from "./app-process.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DATA = path.join(root, "bench-results/scale-data");
export const BENCH_SEED = "bench";
export const BENCH_ADMIN = { username: "zg_bench_admin", password: "BenchAdmin2026x" };

/** A ready dataset. */
export interface Dataset {
  target: Target;
  measures: number;
  /** Seconds the generation took, when this run generated it. */
  generatedSeconds: number | null;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function recordedScale(url: string): Promise<{ measures: number; seed: string } | null> {
  try {
    return await withClient(url, async (client) => {
      const rows = await client.query("select value from app_settings where key = 'scale_demo'");
      return (rows.rows[0]?.value as { measures: number; seed: string } | undefined) ?? null;
    });
  } catch {
    return null;
  }
}

function generate(target: Target, measures: number): number {
  process.stdout.write(`  生成 ${measures} 条措施的数据集（${target.kind}）…\n`);
  const result = runCli(target, ["demo", "--scale", String(measures), "--seed", BENCH_SEED], { inheritStderr: true });
  runCli(target, ["user", "add", "--admin", "-u", BENCH_ADMIN.username, "-n", "基准测试管理员", "--password-stdin"], { input: `${BENCH_ADMIN.password}\n` });
  return result.seconds;
}

/** The embedded dataset of this size, generated when missing. */
export function pgliteDataset(measures: number): Dataset {
  const dataDir = path.join(DATA, `pglite-${measures}-${BENCH_SEED}`);
  const marker = path.join(dataDir, "dataset.json");
  const target: Target = { kind: "pglite", dataDir };
  if (existsSync(marker)) return { target, measures, generatedSeconds: null };
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const seconds = generate(target, measures);
  writeFileSync(marker, JSON.stringify({ measures, seed: BENCH_SEED, seconds }));
  return { target, measures, generatedSeconds: seconds };
}

/** The PostgreSQL dataset of this size on DATABASE_URL's server, generated when missing. */
export async function postgresDataset(serverUrl: string, measures: number): Promise<Dataset> {
  const name = `zg_bench_${measures}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const target: Target = { kind: "postgres", url: url.toString() };
  const recorded = await recordedScale(target.url);
  if (recorded?.measures === measures && recorded.seed === BENCH_SEED) return { target, measures, generatedSeconds: null };
  await withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  return { target, measures, generatedSeconds: generate(target, measures) };
}

/** Reads a JSON file written by an earlier run, or null. */
export function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}
