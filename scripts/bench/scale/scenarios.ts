// The HTTP scenarios of the scale benchmark: the ledger pages, detail, dashboards, roll-up and an
// export, each measured at 1, 10 and 50 connections against /api/health on the same server in the
// same run (measured right before it at the same concurrency).
import { getJson } from "./app-process.ts";
import { runLoad, type LoadResult } from "./load.ts";

/** What a scenario is held to. */
export type ScenarioKind = "ledger" | "rollup" | "other";

/** One scenario, resolved to a URL on the dataset. */
export interface Scenario {
  key: string;
  name: string;
  path: string;
  kind: ScenarioKind;
  /** Connection counts to measure at. */
  connections: number[];
  note?: string;
}

/** One measured level of a scenario, with its /api/health baseline. */
export interface LevelResult extends LoadResult {
  health: LoadResult;
  /** Throughput as a share of /api/health's at the same concurrency. */
  ratio: number;
}

/** A measured scenario. */
export interface ScenarioResult extends Scenario {
  levels: LevelResult[];
  /** The very first request, before any warm-up (caches cold), ms. */
  coldMs?: number;
}

interface Page<T> {
  items: T[];
  total: number;
}

/** Picks rounds, a finding and a search word on the dataset and builds the scenario list. */
export async function resolveScenarios(baseUrl: string, cookie: string, options: { quick: boolean; sampleProject: string }): Promise<Scenario[]> {
  const rounds = await getJson<Page<{ id: number; feedbackDate: string; findingCount: number }>>(baseUrl, "/api/inspections?pageSize=50", cookie);
  const round = rounds.items.find((r) => r.findingCount >= 20) ?? rounds.items[0];
  const oldest = (await getJson<Page<{ id: number }>>(baseUrl, `/api/inspections?pageSize=1&page=${rounds.total}`, cookie)).items[0];
  const findings = await getJson<Page<{ id: number }>>(baseUrl, `/api/findings?inspectionId=${round.id}&pageSize=1`, cookie);
  const measures = await getJson<Page<unknown>>(baseUrl, "/api/measures?pageSize=1", cookie);
  const deepPage = Math.max(1, Math.min(2000, Math.floor(measures.total / 50 / 2)));
  const all = options.quick ? [1, 10, 50] : [1, 10, 50];
  const heavy = [1, 10];
  return [
    { key: "findings_round", name: "问题清单：一轮，每页 50", path: `/api/findings?inspectionId=${round.id}&pageSize=50`, kind: "ledger", connections: all },
    { key: "measures_round", name: "任务清单：一轮，每页 50", path: `/api/measures?inspectionId=${round.id}&pageSize=50`, kind: "ledger", connections: all },
    { key: "findings_status", name: "问题清单：按状态筛选（全部单位）", path: "/api/findings?status=in_progress&pageSize=50", kind: "ledger", connections: all },
    { key: "measures_status", name: "任务清单：按状态筛选（全部单位）", path: "/api/measures?status=in_progress&pageSize=50", kind: "ledger", connections: all },
    { key: "measures_overdue", name: "任务清单：逾期（全部单位）", path: "/api/measures?overdue=true&pageSize=50", kind: "ledger", connections: all },
    { key: "measures_search", name: "任务清单：文本检索 q=", path: `/api/measures?q=${encodeURIComponent(options.sampleProject)}&pageSize=50`, kind: "ledger", connections: all, note: `q=${options.sampleProject}` },
    { key: "measures_deep", name: `任务清单：第 ${deepPage} 页`, path: `/api/measures?page=${deepPage}&pageSize=50`, kind: "ledger", connections: all },
    { key: "finding_detail", name: "问题详情（含措施）", path: `/api/findings/${findings.items[0].id}`, kind: "other", connections: all },
    { key: "dashboard_all", name: "工作台：全部单位", path: "/api/dashboard", kind: "other", connections: heavy },
    { key: "dashboard_round", name: "统计：一轮的工作台", path: `/api/dashboard?inspectionId=${round.id}`, kind: "other", connections: all },
    { key: "timeline_old", name: "完成进度曲线（最早一轮）", path: `/api/dashboard/timeline?inspectionId=${oldest.id}`, kind: "other", connections: all },
    { key: "rollup", name: "汇总排名：全部单位", path: "/api/rollup", kind: "rollup", connections: heavy },
    { key: "export_pdf", name: "通报导出 PDF（一轮）", path: `/api/inspections/${round.id}/exports?kind=notice&format=pdf`, kind: "other", connections: [1, 4] },
  ];
}

/**
 * Waits until the server has finished work the client gave up on (requests past their timeout still
 * run on the server): /api/health must answer within 250 ms, or two minutes pass.
 */
async function drain(baseUrl: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const started = Date.now();
    try {
      await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(30_000) });
      if (Date.now() - started < 250) return;
    } catch {
      // still busy
    }
  }
}

/** Measures one scenario at each of its connection counts, each after a health baseline. */
export async function measureScenario(
  baseUrl: string,
  cookie: string,
  scenario: Scenario,
  options: { durationMs: number; timeoutMs: number; log: (line: string) => void },
): Promise<ScenarioResult> {
  const headers = { cookie };
  await drain(baseUrl);
  const cold = await runLoad({ url: `${baseUrl}${scenario.path}`, headers, connections: 1, durationMs: 0, timeoutMs: options.timeoutMs });
  // Warm-up: caches, JIT, the first page of each index.
  await runLoad({ url: `${baseUrl}${scenario.path}`, headers, connections: 1, durationMs: Math.min(1000, options.durationMs), timeoutMs: options.timeoutMs });
  const levels: LevelResult[] = [];
  for (const connections of scenario.connections) {
    await drain(baseUrl);
    const health = await runLoad({ url: `${baseUrl}/api/health`, headers, connections, durationMs: options.durationMs, timeoutMs: options.timeoutMs });
    const result = await runLoad({ url: `${baseUrl}${scenario.path}`, headers, connections, durationMs: options.durationMs, timeoutMs: options.timeoutMs });
    const level = { ...result, health, ratio: health.rps > 0 ? result.rps / health.rps : Number.NaN };
    levels.push(level);
    options.log(
      `    ${scenario.name} @${connections}: p50 ${level.p50.toFixed(1)} ms, p99 ${level.p99.toFixed(1)} ms, ${level.rps.toFixed(1)} req/s ` +
        `(${(level.ratio * 100).toFixed(1)}% of health ${health.rps.toFixed(0)} req/s)${level.errors ? `, ${level.errors} errors` : ""}${level.timeouts ? `, ${level.timeouts} timeouts` : ""}`,
    );
  }
  return { ...scenario, levels, coldMs: cold.p50 };
}

/** /api/health while `exports` PDF exports of a round run back to back: the event loop must not stall. */
export async function measureHealthDuringExports(
  baseUrl: string,
  cookie: string,
  exportPath: string,
  options: { durationMs: number; timeoutMs: number },
): Promise<{ alone: LoadResult; duringExports: LoadResult; exportsDone: number }> {
  const headers = { cookie };
  const alone = await runLoad({ url: `${baseUrl}/api/health`, headers, connections: 10, durationMs: options.durationMs, timeoutMs: options.timeoutMs });
  let stop = false;
  let exportsDone = 0;
  const exporter = (async () => {
    while (!stop) {
      const response = await fetch(`${baseUrl}${exportPath}`, { headers });
      await response.arrayBuffer();
      exportsDone += 1;
    }
  })();
  const duringExports = await runLoad({ url: `${baseUrl}/api/health`, headers, connections: 10, durationMs: options.durationMs, timeoutMs: options.timeoutMs });
  stop = true;
  await exporter;
  return { alone, duringExports, exportsDone };
}
