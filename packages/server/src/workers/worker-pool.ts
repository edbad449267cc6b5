// A pool of worker threads for CPU-heavy or untrusted work (reading uploaded files today; large
// exports may follow), so the thread that answers HTTP requests is never blocked and a task that
// runs away is stopped by byte, memory and time limits. A service owns its pool; main.ts closes it.
import Piscina from "piscina";
import { AppError } from "../errors.ts";
import { resolveWorkerScript } from "./worker-script.ts";

/** Options of a pool. */
export interface WorkerPoolOptions {
  /** The worker module (`new URL("./x.worker.ts", import.meta.url)`); its default export handles one task. */
  entry: URL;
  /** Threads at most (default 2). Threads start on demand and stop after idleMs. */
  maxThreads?: number;
  idleMs?: number;
  /** Tasks waiting beyond the running ones before new ones are refused with SERVICE_UNAVAILABLE. */
  maxQueue?: number;
  /** Heap limit of each worker in MB: a task needing more ends its worker and fails with FILE_LIMIT_EXCEEDED. */
  maxHeapMb?: number;
  /** Longest a task may run before its worker is ended (a backstop: the real limits are byte counts). */
  timeoutMs?: number;
}

/** Runs tasks in worker threads with memory and time limits. */
export class WorkerPool<Task, Result> {
  private readonly options: Required<WorkerPoolOptions>;
  private pool: Promise<Piscina<Task, Result>> | null = null;

  constructor(options: WorkerPoolOptions) {
    this.options = { maxThreads: 2, idleMs: 30_000, maxQueue: 32, maxHeapMb: 768, timeoutMs: 120_000, ...options };
  }

  private start(): Promise<Piscina<Task, Result>> {
    this.pool ??= resolveWorkerScript(this.options.entry).then((filename) => {
      const pool = new Piscina<Task, Result>({
        filename,
        minThreads: 0,
        maxThreads: this.options.maxThreads,
        idleTimeout: this.options.idleMs,
        maxQueue: this.options.maxQueue,
        resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      });
      // A worker dying outside a task must not take the process with it.
      pool.on("error", (error) => process.stderr.write(`[zhenggai] worker error: ${error instanceof Error ? error.message : String(error)}\n`));
      return pool;
    });
    return this.pool;
  }

  /** Runs one task; limits hit become FILE_LIMIT_EXCEEDED, a full queue SERVICE_UNAVAILABLE. */
  async run(task: Task, transferList?: ArrayBuffer[]): Promise<Result> {
    const pool = await this.start();
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      return await pool.run(task, { signal, transferList: transferList as never });
    } catch (error) {
      throw translateWorkerError(error, this.options);
    }
  }

  /** Threads currently running (tests and benchmarks). */
  async threadCount(): Promise<number> {
    return this.pool ? (await this.pool).threads.length : 0;
  }

  /** Ends every thread. */
  async close(): Promise<void> {
    if (!this.pool) return;
    const pool = await this.pool;
    this.pool = null;
    await pool.destroy();
  }
}

function translateWorkerError(error: unknown, options: Required<WorkerPoolOptions>): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string } | null)?.code;
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ERR_WORKER_OUT_OF_MEMORY") {
    return new AppError("FILE_LIMIT_EXCEEDED", `文件内容过于庞大，处理时超出内存上限（${options.maxHeapMb} MB），已停止处理`, { limit: "memory" });
  }
  if (name === "AbortError" || /aborted/i.test(message)) {
    return new AppError("FILE_LIMIT_EXCEEDED", `文件处理时间超过上限（${Math.round(options.timeoutMs / 1000)} 秒），已停止处理`, { limit: "time" });
  }
  if (/Task queue is at limit/.test(message)) {
    return new AppError("SERVICE_UNAVAILABLE", "服务器正忙于处理其他文件，请稍后重试");
  }
  return error;
}
