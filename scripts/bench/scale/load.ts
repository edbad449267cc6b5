// A small closed-loop HTTP load generator: N connections (keep-alive), each sending its next
// request as soon as the previous answer is read, for a fixed time. Latencies are whole
// request/response times seen by the client.
import http from "node:http";
import { performance } from "node:perf_hooks";

/** What one load run measured. */
export interface LoadResult {
  connections: number;
  requests: number;
  /** Non-2xx answers and socket errors. */
  errors: number;
  /** Requests abandoned after the per-request timeout. */
  timeouts: number;
  p50: number;
  p99: number;
  max: number;
  /** Completed requests per second over the run (until the last answer). */
  rps: number;
}

/** Options of a load run. */
export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  /** Per request; a slower answer counts as a timeout. */
  timeoutMs?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function request(agent: http.Agent, url: URL, headers: Record<string, string>, timeoutMs: number): Promise<"ok" | "error" | "timeout"> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode && res.statusCode < 300 ? "ok" : "error"));
      res.on("error", () => resolve("error"));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve("timeout");
    });
    req.on("error", () => resolve("error"));
  });
}

/** Runs the load and returns latency percentiles (ms) and throughput. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  let lastDone = started;
  // Every connection sends at least one request, then keeps going until the deadline.
  const worker = async (): Promise<void> => {
    for (let first = true; first || performance.now() < deadline; first = false) {
      const t0 = performance.now();
      const outcome = await request(agent, url, options.headers ?? {}, timeoutMs);
      const t1 = performance.now();
      lastDone = Math.max(lastDone, t1);
      if (outcome === "timeout") timeouts += 1;
      else {
        latencies.push(t1 - t0);
        if (outcome === "error") errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const elapsed = Math.max(1, lastDone - started);
  return {
    connections: options.connections,
    requests: latencies.length,
    errors,
    timeouts,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    rps: (latencies.length / elapsed) * 1000,
  };
}
