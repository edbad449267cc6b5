// Entry of the worker threads of TaskPool (Piscina calls the default export): runs the named task
// and answers with the result (a byte result transferred, not copied) or the error as a value, so an
// AppError keeps its code and Chinese message across the thread boundary.
import Piscina from "piscina";
import { runTask, toWireError, type TaskName, type WorkerReply } from "./tasks.ts";

/** Runs one task of tasks.ts. */
export default async function runWorkerTask(message: { task: TaskName; payload: never }): Promise<WorkerReply> {
  try {
    const result: unknown = await runTask(message.task, message.payload);
    if (result instanceof Uint8Array && result.buffer instanceof ArrayBuffer && result.byteOffset === 0 && result.byteLength === result.buffer.byteLength) {
      return Piscina.move(result) as Uint8Array;
    }
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}
