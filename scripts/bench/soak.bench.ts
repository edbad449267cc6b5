// `npm run bench -- soak`: mixed load on a real server (loopback only) for a set time: reads of the
// ledger and dashboards, progress reports, evidence uploads, sign-ins and exports, by several
// simulated users at once. Reports errors, p50/p99 latency and the server's memory at start and end.
// Bounded: ZG_BENCH_SOAK_SECONDS per engine (default 60), 8 simulated users.
import os from "node:os";
import type { BenchResult } from "../bench.ts";
import { benchStores, BenchClient, percentile, residentMb, setUpAdministrator, startServer, stopServer, type BenchStore } from "./server-process.ts";

/** Title shown by `npm run bench`. */
export const title = "持续混合负载（bench -- soak）";
/** Long-running: only when asked for by name. */
export const isOnDemand = true;

const SECONDS = Number(process.env.ZG_BENCH_SOAK_SECONDS ?? 60);
const USERS = 8;
const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n% soak evidence\n"));

interface Sample {
  kind: string;
  ms: number;
  isError: boolean;
}

async function soakEngine(store: BenchStore): Promise<{ samples: Sample[]; memoryStart: number; memoryEnd: number; errors: string[] }> {
  const server = await startServer(store);
  try {
    const { client: admin } = await setUpAdministrator(server);
    const demo = (await admin.call("POST", "/api/demo")).json as { inspectionId: number; accounts: { username: string; password: string; role: string }[] };
    const office = demo.accounts.find((a) => a.role === "rectification_office")!;
    const department = demo.accounts.find((a) => a.role === "department")!;
    const measures = (await admin.call("GET", `/api/measures?inspectionId=${demo.inspectionId}&pageSize=200`)).json.items as { id: number; departmentId: number }[];
    const notices = (await admin.call("GET", `/api/notices?inspectionId=${demo.inspectionId}`)).json.items as { id: number }[];
    const memoryStart = residentMb(server.child.pid as number);
    const samples: Sample[] = [];
    const errors: string[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    const user = async (index: number) => {
      const account = index % 2 === 0 ? office : department;
      const client = new BenchClient(server.url);
      await client.login(account.username, account.password);
      let step = 0;
      while (Date.now() < deadline) {
        step += 1;
        const measure = measures[(index * 31 + step) % measures.length];
        const roll = (index * 7 + step * 13) % 100;
        let kind: string;
        let send: () => Promise<{ status: number }>;
        if (roll < 35) {
          kind = "任务清单";
          send = () => client.call("GET", `/api/measures?inspectionId=${demo.inspectionId}&pageSize=50`);
        } else if (roll < 50) {
          kind = "问题清单";
          send = () => client.call("GET", `/api/findings?inspectionId=${demo.inspectionId}&pageSize=50`);
        } else if (roll < 62) {
          kind = "措施详情";
          send = () => client.call("GET", `/api/measures/${measure.id}`);
        } else if (roll < 72) {
          kind = "工作台";
          send = () => client.call("GET", `/api/dashboard?inspectionId=${demo.inspectionId}`);
        } else if (roll < 84) {
          kind = "报送进展";
          send = () => client.call("POST", `/api/measures/${measure.id}/progress`, { text: `持续负载进展 ${index}-${step}` });
        } else if (roll < 90) {
          kind = "上传佐证";
          const form = new FormData();
          form.append("file", new Blob([PDF], { type: "application/pdf" }), `材料${index}-${step}.pdf`);
          send = () => client.call("POST", `/api/measures/${measure.id}/evidence`, form);
        } else if (roll < 95) {
          kind = "审计日志";
          send = () => client.call("GET", "/api/audit?pageSize=50");
        } else if (roll < 98 && notices.length) {
          kind = "通报检查";
          send = () => client.call("GET", `/api/notices/${notices[0].id}/check`);
        } else {
          kind = "登录";
          send = async () => {
            await client.login(account.username, account.password);
            return { status: 200 };
          };
        }
        const started = performance.now();
        let status = 0;
        try {
          status = (await send()).status;
        } catch (error) {
          errors.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
        }
        // A department user acting on another department's measure is refused (403/404) by design:
        // that is not an error of the server.
        const isError = status === 0 || status >= 500 || (status >= 400 && ![403, 404].includes(status));
        if (isError && status) errors.push(`${kind}: ${status}`);
        samples.push({ kind, ms: performance.now() - started, isError });
      }
    };
    await Promise.all(Array.from({ length: USERS }, (_, index) => user(index)));
    const memoryEnd = residentMb(server.child.pid as number);
    return { samples, memoryStart, memoryEnd, errors };
  } finally {
    await stopServer(server, "SIGTERM");
  }
}

/** Runs the mixed load on each engine. */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const store of await benchStores("soak")) {
    try {
      const { samples, memoryStart, memoryEnd, errors } = await soakEngine(store);
      const engine = store.engine === "pglite" ? "PGlite" : "PostgreSQL";
      const times = samples.map((s) => s.ms);
      const errorCount = samples.filter((s) => s.isError).length;
      results.push(
        {
          name: `${engine}：请求数（${SECONDS} 秒，${USERS} 个并发用户）`,
          value: samples.length,
          unit: "个",
          note: `${(samples.length / SECONDS).toFixed(1)} 个/秒；结束时机器负载（1 分钟平均）${os.loadavg()[0].toFixed(1)}，${os.cpus().length} 核`,
        },
        { name: `${engine}：错误`, value: errorCount, unit: "个", target: "= 0", isMet: errorCount === 0, note: [...new Set(errors)].slice(0, 3).join("；") },
        { name: `${engine}：延迟 p50`, value: Math.round(percentile(times, 50) * 10) / 10, unit: "ms" },
        { name: `${engine}：延迟 p99`, value: Math.round(percentile(times, 99) * 10) / 10, unit: "ms" },
        { name: `${engine}：服务进程内存（开始 → 结束）`, value: memoryEnd, unit: "MB", note: `开始 ${memoryStart} MB，结束 ${memoryEnd} MB（RSS）` },
      );
      const kinds = [...new Set(samples.map((s) => s.kind))];
      for (const kind of kinds) {
        const own = samples.filter((s) => s.kind === kind).map((s) => s.ms);
        results.push({ name: `${engine}：${kind} p50 / p99`, value: Math.round(percentile(own, 50) * 10) / 10, unit: "ms", note: `p99 ${Math.round(percentile(own, 99) * 10) / 10} ms，${own.length} 次` });
      }
    } finally {
      await store.dispose();
    }
  }
  return results;
}
