// Worker threads for CPU-heavy or untrusted work, so the thread that answers HTTP requests is never
// blocked and a task that runs away is stopped by memory and time limits. One module, two uses:
//  - WorkerPool runs one worker entry (its default export handles a task) on Piscina with limits;
//    the sandboxed reading of uploads (files/untrusted-files.ts, workers/extract.worker.ts) uses it
//    with tight limits.
//  - TaskPool runs the named tasks of tasks.ts (document rendering, Excel ledgers) on a WorkerPool
//    whose entry is task-worker.ts; the export service uses it. Size 0 runs tasks inline.
// Entries are resolved by worker-script.ts: a compiled `.js` beside the `.ts` (the ahead-of-time
// build, dist/) is used as is; from the TypeScript sources the entry is bundled once with esbuild.
// A service owns its pool; main.ts closes it.
import Piscina from "piscina";
import { AppError } from "../errors.ts";
import { fromWireError, runTask, type TaskName, type TaskPayload, type TaskResult, type WorkerReply } from "./tasks.ts";
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
  /** What the tasks work on, for the Chinese messages of limits hit (default 文件). */
  subject?: string;
}

/** Runs tasks in worker threads with memory and time limits. */
export class WorkerPool<Task, Result> {
  private readonly options: Required<WorkerPoolOptions>;
  private pool: Promise<Piscina<Task, Result>> | null = null;

  constructor(options: WorkerPoolOptions) {
    this.options = { maxThreads: 2, idleMs: 30_000, maxQueue: 32, maxHeapMb: 768, timeoutMs: 120_000, subject: "文件", ...options };
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
    return new AppError("FILE_LIMIT_EXCEEDED", `${options.subject}内容过于庞大，处理时超出内存上限（${options.maxHeapMb} MB），已停止处理`, { limit: "memory" });
  }
  if (name === "AbortError" || /aborted/i.test(message)) {
    return new AppError("FILE_LIMIT_EXCEEDED", `${options.subject}处理时间超过上限（${Math.round(options.timeoutMs / 1000)} 秒），已停止处理`, { limit: "time" });
  }
  if (/Task queue is at limit/.test(message)) {
    return new AppError("SERVICE_UNAVAILABLE", `服务器正忙于处理其他${options.subject}，请稍后重试`);
  }
  return error;
}

/** What task-worker.ts is sent: a task's name and payload. */
export interface TaskMessage {
  task: TaskName;
  payload: unknown;
}

/** The named tasks of tasks.ts on worker threads (exports off the event loop). */
export class TaskPool {
  /** Number of threads; 0 runs tasks on the calling thread (no isolation from the event loop). */
  readonly size: number;
  private readonly pool: WorkerPool<TaskMessage, WorkerReply> | null;

  constructor(options: { size: number; idleMs?: number; maxHeapMb?: number; timeoutMs?: number }) {
    this.size = Math.max(0, Math.floor(options.size));
    this.pool =
      this.size === 0
        ? null
        : new WorkerPool<TaskMessage, WorkerReply>({
            entry: new URL("./task-worker.ts", import.meta.url),
            maxThreads: this.size,
            idleMs: options.idleMs ?? 30_000,
            // Exports queue behind each other rather than being refused; a render is bounded by its round.
            maxQueue: 1000,
            maxHeapMb: options.maxHeapMb ?? 4096,
            timeoutMs: options.timeoutMs ?? 600_000,
            subject: "导出文档",
          });
  }

  /** Runs a task on a worker (queued while all are busy); rejects with the task's own error. */
  async run<N extends TaskName>(task: N, payload: TaskPayload<N>, transfer: ArrayBuffer[] = []): Promise<TaskResult<N>> {
    if (!this.pool) return runTask(task, payload);
    const reply = await this.pool.run({ task, payload }, transfer);
    if (reply instanceof Uint8Array) return reply as TaskResult<N>;
    if (reply.ok) return reply.result as TaskResult<N>;
    throw fromWireError(reply.error);
  }

  /** Threads running now (tests). */
  threadCount(): Promise<number> {
    return this.pool ? this.pool.threadCount() : Promise.resolve(0);
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}
