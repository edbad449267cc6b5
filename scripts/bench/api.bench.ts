// API latency on the embedded database with the demo ledger loaded, against the health route
// (a trivial query) measured in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildApp, createServices, migrate, openDatabase } from "../../packages/server/src/index.ts";
import type { BenchResult } from "../bench.ts";

/** Title shown by `npm run bench`. */
export const title = "接口延迟（嵌入式 PGlite，演示数据）";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median in-process latency of the main ledger routes, and their ratio to /api/health. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-bench-api-"));
  const db = await openDatabase({ databaseUrl: null, dataDir: dir });
  try {
    await migrate(db);
    const services = createServices(db, { filesDir: path.join(dir, "files"), sessionTtlHours: 1, yellowDays: 10 });
    const demo = await services.demo.loadDemo(null);
    const app = await buildApp({ services, config: { maxUploadBytes: 1024 * 1024, logLevel: "silent", sessionTtlHours: 1 }, loginRateLimit: 10_000 });
    const office = demo.accounts.find((a) => a.role === "rectification_office");
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: office?.username, password: office?.password } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const routes = [
      { name: "健康检查 /api/health（基准）", url: "/api/health" },
      { name: "任务清单 /api/measures", url: `/api/measures?inspectionId=${demo.inspectionId}&pageSize=50` },
      { name: "问题清单含检查标记 /api/findings", url: `/api/findings?inspectionId=${demo.inspectionId}&pageSize=50` },
      { name: "工作台统计 /api/dashboard", url: `/api/dashboard?inspectionId=${demo.inspectionId}` },
    ];
    const medians = new Map<string, number>();
    for (const route of routes) {
      for (let i = 0; i < 10; i++) await app.inject({ method: "GET", url: route.url, headers: { cookie } });
      const times: number[] = [];
      for (let i = 0; i < 100; i++) {
        const start = performance.now();
        const response = await app.inject({ method: "GET", url: route.url, headers: { cookie } });
        times.push(performance.now() - start);
        if (response.statusCode !== 200) throw new Error(`${route.url}: ${response.statusCode}`);
      }
      medians.set(route.name, median(times));
    }
    await app.close();
    const baseline = medians.get(routes[0].name) as number;
    return routes.map((route) => ({
      name: route.name,
      value: Math.round((medians.get(route.name) as number) * 100) / 100,
      unit: "ms",
      note: route === routes[0] ? "每个请求含会话校验" : `基准的 ${((medians.get(route.name) as number) / baseline).toFixed(1)} 倍`,
    }));
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
