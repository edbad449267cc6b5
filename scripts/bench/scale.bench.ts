// `npm run bench -- scale [--quick] [--engines pglite,postgres] [--before]`: the province-scale
// benchmark. On a generated dataset (`zhenggai demo --scale N`, kept between runs) it starts the app
// as users do and measures the ledger pages, finding detail, dashboards, the supervisors' roll-up,
// statistics and a notice export at 1, 10 and 50 connections, each against /api/health on the same
// server in the same run; the server's memory; /api/health during exports; and the import of 1,000
// notices. Full run: PGlite at 100k measures, and PostgreSQL at 1M when DATABASE_URL is set (point it
// at a server of your own). --quick: 10k on both, short windows, 100 notices.
// Writes bench-results/scale.json and its section of BENCHMARKS.md; `--before` saves the run as
// scripts/bench/scale/before.json, the baseline later runs are compared with.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCALE_SAMPLE_PROJECT } from "../../packages/server/src/demo/scale-dataset.ts";
import type { BenchReport, BenchResult } from "../bench.ts";
import { login, runCli, startApp, type Target } from "./scale/app-process.ts";
import { BENCH_ADMIN, pgliteDataset, postgresDataset, readJson, type Dataset } from "./scale/datasets.ts";
import { writeNotices } from "./scale/notices.ts";
import { checkTargets, renderScaleMarkdown, type ScaleReport, type ScaleRun } from "./scale/report.ts";
import { measureHealthDuringExports, measureScenario, resolveScenarios } from "./scale/scenarios.ts";

/** Title of the section in BENCHMARKS.md. */
export const title = "Province scale: ledger, dashboards and roll-up at 100k (PGlite) and 1M (PostgreSQL) measures";
/** Takes minutes to an hour: only `npm run bench -- scale` runs it. */
export const onlyWhenNamed = true;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BEFORE = path.join(root, "scripts/bench/scale/before.json");
const log = (line: string): void => void process.stdout.write(`${line}\n`);

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Imports notice files into a fresh embedded database (one unit), timing the whole CLI process. */
async function benchNoticeImport(count: number): Promise<ScaleRun["noticeImport"]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-bench-import-"));
  try {
    const target: Target = { kind: "pglite", dataDir: path.join(dir, "data") };
    runCli(target, ["demo", "--scale", "100", "--seed", "import"]);
    const { openDatabase } = await import("../../packages/server/src/index.ts");
    const db = await openDatabase({ databaseUrl: null, dataDir: target.dataDir });
    const unitId = (await db.query<{ id: number }>("select id from orgs where kind = 'unit' order by id limit 1"))[0].id;
    const before = Number((await db.query<{ n: number }>("select count(*) as n from inspections"))[0].n);
    await db.close();
    const files = writeNotices(path.join(dir, "notices"), count);
    log(`  导入 ${count} 份通报…`);
    const result = runCli(target, ["import", ...files, "--org", String(unitId)], { inheritStderr: true });
    const check = await openDatabase({ databaseUrl: null, dataDir: target.dataDir });
    const rounds = Number((await check.query<{ n: number }>("select count(*) as n from inspections"))[0].n) - before;
    await check.close();
    log(`  导入 ${count} 份通报：${result.seconds.toFixed(1)} s，新建 ${rounds} 个巡察轮次`);
    return { notices: count, seconds: result.seconds, rounds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchDataset(dataset: Dataset, engine: ScaleRun["engine"], quick: boolean): Promise<ScaleRun> {
  log(`  ${engine}，${dataset.measures} 条措施：启动服务…`);
  const server = await startApp(dataset.target);
  try {
    const cookie = await login(server.url, BENCH_ADMIN.username, BENCH_ADMIN.password);
    const rssAfterStartMb = server.peakRssMb();
    const scenarios = await resolveScenarios(server.url, cookie, { quick, sampleProject: SCALE_SAMPLE_PROJECT });
    const durationMs = quick ? 1500 : 6000;
    const timeoutMs = quick ? 30_000 : 60_000;
    const results = [];
    for (const scenario of scenarios) results.push(await measureScenario(server.url, cookie, scenario, { durationMs, timeoutMs, log }));
    const exportPath = scenarios.find((s) => s.key === "export_pdf")?.path;
    const healthDuringExports = exportPath ? await measureHealthDuringExports(server.url, cookie, exportPath, { durationMs: quick ? 3000 : 8000, timeoutMs }) : null;
    if (healthDuringExports) log(`    /api/health 在导出期间：p99 ${healthDuringExports.duringExports.p99.toFixed(1)} ms（单独 ${healthDuringExports.alone.p99.toFixed(1)} ms）`);
    return {
      engine,
      measures: dataset.measures,
      generatedSeconds: dataset.generatedSeconds,
      serverStartSeconds: server.startSeconds,
      rssAfterStartMb,
      rssPeakMb: server.peakRssMb(),
      poolSize: engine === "pglite" ? "embedded (one connection)" : (process.env.ZG_DB_POOL_SIZE ?? "default"),
      scenarios: results,
      healthDuringExports,
      noticeImport: null,
    };
  } finally {
    await server.stop();
  }
}

/** Runs the scale benchmark. */
export async function run(args: string[]): Promise<BenchReport> {
  const quick = args.includes("--quick");
  const engines = (option(args, "--engines") ?? "pglite,postgres").split(",");
  const pgliteScale = Number(option(args, "--pglite-scale") ?? (quick ? 10_000 : 100_000));
  const postgresScale = Number(option(args, "--postgres-scale") ?? (quick ? 10_000 : 1_000_000));
  const report: ScaleReport = {
    at: new Date().toISOString(),
    quick,
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? "unknown",
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      loadAverage: os.loadavg(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    runs: [],
  };
  if (engines.includes("pglite")) {
    const run = await benchDataset(pgliteDataset(pgliteScale), "pglite", quick);
    run.noticeImport = await benchNoticeImport(quick ? 100 : 1000);
    report.runs.push(run);
  }
  if (engines.includes("postgres")) {
    if (process.env.DATABASE_URL) report.runs.push(await benchDataset(await postgresDataset(process.env.DATABASE_URL, postgresScale), "postgres", quick));
    else log("  已跳过 PostgreSQL：未设置 DATABASE_URL / skipped PostgreSQL: DATABASE_URL is not set");
  }
  mkdirSync(path.join(root, "bench-results"), { recursive: true });
  writeFileSync(path.join(root, "bench-results/scale.json"), JSON.stringify(report, null, 2));
  if (args.includes("--before")) {
    // Engines may be measured by separate invocations: keep the other runs of the baseline.
    const previous = readJson<ScaleReport>(BEFORE);
    const kept = (previous?.runs ?? []).filter((r) => !report.runs.some((n) => n.engine === r.engine && n.measures === r.measures));
    writeFileSync(BEFORE, `${JSON.stringify({ ...report, runs: [...kept, ...report.runs] }, null, 2)}\n`);
  }
  const before = args.includes("--before") ? null : readJson<ScaleReport>(BEFORE);
  const results: BenchResult[] = report.runs.flatMap(checkTargets).map((c) => ({
    name: `${c.engine} ${c.measures}: ${c.what}`,
    value: Number.parseFloat(c.value),
    unit: c.value.replace(/^[\d.]+\s*/, ""),
    target: c.target,
    isMet: c.isMet,
  }));
  return { results, markdown: renderScaleMarkdown(report, before) };
}
