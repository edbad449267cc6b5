// `npm run bench -- crash`: SIGKILL under write load. A real server (loopback only) takes concurrent
// writes; at a random moment it is killed with SIGKILL and started again on the same data. Every
// write the server had acknowledged (answered 201) must still be there, and the audit hash chain
// must still verify. Bounded: ZG_BENCH_KILLS kills per engine (default 50), 4 writers.
import { randomInt } from "node:crypto";
import os from "node:os";
import type { BenchResult } from "../bench.ts";
import { benchStores, BenchClient, percentile, setUpAdministrator, startServer, stopServer, type BenchStore } from "./server-process.ts";

/** Title shown by `npm run bench`. */
export const title = "崩溃恢复：写入压力下 SIGKILL（bench -- crash）";
/** Long-running: only when asked for by name. */
export const isOnDemand = true;

const KILLS = Number(process.env.ZG_BENCH_KILLS ?? 50);
const WRITERS = 4;

interface EngineResult {
  kills: number;
  acknowledged: number;
  lost: number;
  missing: string[];
  restartMs: number[];
  isChainIntact: boolean;
  chainEntries: number;
}

async function crashEngine(store: BenchStore): Promise<EngineResult> {
  let server = await startServer(store);
  const { client: admin, username, password } = await setUpAdministrator(server);
  const office = (await admin.call("GET", "/api/orgs")).json.items[0].id as number;
  const unit = (await admin.call("POST", "/api/orgs", { parentId: office, kind: "unit", name: "崩溃测试单位" })).json.id as number;
  const inspection = (await admin.call("POST", `/api/orgs/${unit}/inspections`, { name: "崩溃测试轮次" })).json.id as number;
  const finding = (await admin.call("POST", `/api/inspections/${inspection}/findings`, { title: "崩溃测试问题" })).json.id as number;
  const result: EngineResult = { kills: 0, acknowledged: 0, lost: 0, missing: [], restartMs: [], isChainIntact: false, chainEntries: 0 };
  let sequence = 0;
  for (let kill = 0; kill < KILLS; kill += 1) {
    const client = new BenchClient(server.url);
    await client.login(username, password);
    const acknowledged: { id: number; text: string }[] = [];
    let isRunning = true;
    const writer = async () => {
      while (isRunning) {
        const text = `崩溃测试措施 ${(sequence += 1)}`;
        try {
          const response = await client.call("POST", `/api/findings/${finding}/measures`, { text });
          if (response.status === 201) acknowledged.push({ id: response.json.id, text });
          else if (response.status >= 500) throw new Error(`write answered ${response.status}`);
        } catch (error) {
          if (isRunning && !(error instanceof TypeError)) throw error;
          // A connection cut by the kill: the write's fate is unknown, so it is not counted.
          return;
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, () => writer());
    // Let the load run for a random while, then kill without warning.
    await new Promise((resolve) => setTimeout(resolve, randomInt(150, 1200)));
    await stopServer(server, "SIGKILL");
    isRunning = false;
    await Promise.allSettled(writers);
    result.kills += 1;
    result.acknowledged += acknowledged.length;
    const started = performance.now();
    server = await startServer(store);
    result.restartMs.push(performance.now() - started);
    admin.base = server.url;
    await admin.login(username, password);
    for (const write of acknowledged) {
      const response = await admin.call("GET", `/api/measures/${write.id}`);
      if (response.status !== 200 || response.json?.measure?.text !== write.text) {
        result.lost += 1;
        result.missing.push(`${write.id}:${write.text}`);
      }
    }
  }
  const verification = await admin.call("GET", "/api/audit/verify");
  result.isChainIntact = verification.json?.isIntact === true;
  result.chainEntries = verification.json?.chained ?? 0;
  await stopServer(server, "SIGTERM");
  return result;
}

/** Runs the kill loop on each engine. */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const store of await benchStores("crash")) {
    try {
      const outcome = await crashEngine(store);
      const engine = store.engine === "pglite" ? "PGlite" : "PostgreSQL";
      results.push(
        {
          name: `${engine}：SIGKILL 次数`,
          value: outcome.kills,
          unit: "次",
          target: "≥ 50",
          isMet: outcome.kills >= 50,
          note: `${WRITERS} 个并发写入者，每次加载 0.15–1.2 秒后强杀；结束时机器负载 ${os.loadavg()[0].toFixed(1)}，${os.cpus().length} 核`,
        },
        { name: `${engine}：已确认的写入`, value: outcome.acknowledged, unit: "条", note: "服务返回 201 的新增整改措施" },
        {
          name: `${engine}：丢失的已确认写入`,
          value: outcome.lost,
          unit: "条",
          target: "= 0",
          isMet: outcome.lost === 0,
          note: outcome.missing.slice(0, 5).join("；"),
        },
        {
          name: `${engine}：重启后审计哈希链`,
          value: outcome.chainEntries,
          unit: "条",
          target: "完整",
          isMet: outcome.isChainIntact,
          note: outcome.isChainIntact ? "zhenggai audit verify 通过" : "哈希链断裂",
        },
        { name: `${engine}：重启到可服务（中位数 / 最长）`, value: Math.round(percentile(outcome.restartMs, 50)), unit: "ms", note: `最长 ${Math.round(Math.max(...outcome.restartMs))} ms（含 tsx 启动）` },
      );
    } finally {
      await store.dispose();
    }
  }
  return results;
}
