import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { fromWireError, runTask, type TaskName, type TaskPayload, type TaskResult, type WorkerReply } from "./tasks.ts";

// CPU-heavy work (rendering a round's PDF takes seconds) runs on worker threads so one user's export
// never stalls the event loop that answers everyone else. Tasks are named in tasks.ts; a worker runs
// task-worker.ts, which calls the same runTask. Other heavy work (e.g. text extraction of untrusted
// uploads) joins by adding a task there.
//
// WARNING (Node 20): a worker does not inherit the main thread's TypeScript loader. Compiled
// (dist/) the entry is task-worker.js and runs as is; from the sources (tsx, Vitest) it is
// task-worker.ts, and the worker first registers tsx itself (see spawn below).

const ENTRY = new URL(`./task-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

function spawn(): Worker {
  if (!ENTRY.pathname.endsWith(".ts")) return new Worker(ENTRY);
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(ENTRY.href)}); })`;
  return new Worker(code, { eval: true });
}

interface Job {
  id: number;
  task: TaskName;
  payload: unknown;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idleTimer: NodeJS.Timeout | null;
}

/** A fixed-size pool of task workers, started on demand and stopped when idle. */
export class WorkerPool {
  /** Number of threads; 0 runs tasks on the calling thread (no isolation from the event loop). */
  readonly size: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private isClosed = false;

  constructor(options: { size: number; idleMs?: number }) {
    this.size = Math.max(0, Math.floor(options.size));
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** Runs a task on a worker (queued while all are busy); rejects with the task's own error. */
  async run<N extends TaskName>(task: N, payload: TaskPayload<N>, transfer: ArrayBuffer[] = []): Promise<TaskResult<N>> {
    if (this.isClosed) throw new Error("worker pool is closed");
    if (this.size === 0) return runTask(task, payload);
    return new Promise<TaskResult<N>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, payload, transfer, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; queued tasks fail. */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("worker pool closed"));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.startSlot();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task, payload: job.payload }, job.transfer);
    }
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: spawn(), job: null, idleTimer: null };
    slot.worker.on("message", (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      if (reply.ok) job.resolve(reply.result);
      else job.reject(fromWireError(reply.error));
      this.release(slot);
    });
    slot.worker.on("error", (error) => this.fail(slot, error));
    slot.worker.on("exit", (code) => {
      if (this.slots.includes(slot)) this.fail(slot, new Error(`worker exited (${code})`));
    });
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    // An idle worker neither keeps the process alive nor lingers: it stops after idleMs.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      if (slot.job !== null) return;
      this.slots.splice(this.slots.indexOf(slot), 1);
      void slot.worker.terminate();
    }, this.idleMs);
    slot.idleTimer.unref();
    this.dispatch();
  }

  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.job?.reject(error);
    slot.job = null;
    void slot.worker.terminate();
    this.dispatch();
  }
}
