// Entry of a worker thread of WorkerPool: runs each task it is sent and answers with the result
// (byte buffers transferred, not copied) or the error.
import { parentPort } from "node:worker_threads";
import { runTask, toWireError, type TaskName, type WorkerReply } from "./tasks.ts";

parentPort?.on("message", async (message: { id: number; task: TaskName; payload: never }) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const result = await runTask(message.task, message.payload);
    if (result instanceof Uint8Array && result.buffer instanceof ArrayBuffer && result.byteOffset === 0 && result.byteLength === result.buffer.byteLength) {
      transfer.push(result.buffer);
    }
    reply = { id: message.id, ok: true, result };
  } catch (error) {
    reply = { id: message.id, ok: false, error: toWireError(error) };
  }
  parentPort?.postMessage(reply, transfer);
});
