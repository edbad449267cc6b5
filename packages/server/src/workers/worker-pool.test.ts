// The worker pool runs a TypeScript worker entry as tests and the tsx-run CLI have it (bundled on
// demand), and uses a compiled `.js` entry as it is when an ahead-of-time build put one beside it;
// the task pool runs exports off the event loop on it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildNoticeDocument, buildNoticeModelFromLedger, createSampleLedgerSnapshot } from "@zhenggai/core";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { renderDocument } from "../exports/render-document.ts";
import { fromWireError, toWireError } from "./tasks.ts";
import { TaskPool, WorkerPool } from "./worker-pool.ts";
import { resolveWorkerScript } from "./worker-script.ts";

const TEXTS = { organisation: ["整改工作有序推进。"], nextSteps: ["持续推进。"], contacts: { phones: [], emails: [], postal: [] }, publicPeriod: null, date: "2025-07-01" };
const taskPool = new TaskPool({ size: 2, idleMs: 2000 });

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-worker-"));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await taskPool.close();
});

describe("worker entries", () => {
  it("bundles a TypeScript entry (with its relative TypeScript imports) and runs it in a worker thread", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "double.ts"), "export function double(n: number): number { return n * 2; }\n");
    writeFileSync(
      path.join(dir, "calc.worker.ts"),
      'import { isMainThread } from "node:worker_threads";\nimport { double } from "./double.ts";\nexport default async function run(task: { n: number }): Promise<{ value: number; isMainThread: boolean }> { return { value: double(task.n), isMainThread }; }\n',
    );
    const script = await resolveWorkerScript(pathToFileURL(path.join(dir, "calc.worker.ts")));
    expect(script).toMatch(/calc\.worker-[0-9a-f]{16}\.mjs$/);
    const pool = new WorkerPool<{ n: number }, { value: number; isMainThread: boolean }>({ entry: pathToFileURL(path.join(dir, "calc.worker.ts")) });
    try {
      expect(await pool.run({ n: 21 })).toEqual({ value: 42, isMainThread: false });
    } finally {
      await pool.close();
    }
  });

  it("takes a compiled .js entry beside the .ts as it is", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "echo.worker.ts"), "export default async function run(task: unknown): Promise<unknown> { return task; }\n");
    writeFileSync(path.join(dir, "echo.worker.js"), "export default async function run(task) { return { compiled: true, task }; }\n");
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    expect(await resolveWorkerScript(pathToFileURL(path.join(dir, "echo.worker.ts")))).toBe(path.join(dir, "echo.worker.js"));
    const pool = new WorkerPool<unknown, unknown>({ entry: pathToFileURL(path.join(dir, "echo.worker.ts")) });
    try {
      expect(await pool.run({ a: 1 })).toEqual({ compiled: true, task: { a: 1 } });
    } finally {
      await pool.close();
    }
  });
});

describe("worker pool (exports off the event loop)", () => {
  it("renders in worker threads what the calling thread renders, even from TypeScript sources (the entry is bundled for the worker)", async () => {
    const document = buildNoticeDocument(buildNoticeModelFromLedger(createSampleLedgerSnapshot({ findings: 6, seed: 3 }), TEXTS));
    const html = await taskPool.run("render-document", { document, format: "html" });
    expect(Buffer.from(html).toString("utf8")).toBe(Buffer.from(await renderDocument(document, "html")).toString("utf8"));
    expect(await taskPool.threadCount()).toBeGreaterThan(0);
    // More tasks than threads queue up and all finish.
    const docs = await Promise.all(Array.from({ length: 5 }, () => taskPool.run("render-document", { document, format: "docx" })));
    for (const bytes of docs) {
      const zip = await JSZip.loadAsync(bytes);
      expect(await zip.file("word/document.xml")?.async("string")).toContain("整改工作有序推进");
    }
    const workbook = await taskPool.run("write-ledger-workbook", { snapshot: createSampleLedgerSnapshot({ findings: 3, seed: 4 }) });
    expect(Buffer.from(workbook.subarray(0, 2)).toString("latin1")).toBe("PK");
  });

  it("rejects with the task's error and keeps serving; AppErrors cross the thread boundary with their code", async () => {
    const unknown = await taskPool.run("no-such-task" as never, {} as never).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(Error);
    expect(String(unknown)).toContain("unknown worker task");
    const ok = await taskPool.run("render-document", { document: buildNoticeDocument(buildNoticeModelFromLedger(createSampleLedgerSnapshot({ findings: 2, seed: 5 }), TEXTS)), format: "html" });
    expect(ok.byteLength).toBeGreaterThan(100);
    const crossed = fromWireError(toWireError(new AppError("UNSUPPORTED_FILE", "无法读取该 PDF 文件", { page: 3 })));
    expect(crossed).toBeInstanceOf(AppError);
    expect(crossed).toMatchObject({ code: "UNSUPPORTED_FILE", message: "无法读取该 PDF 文件", details: { page: 3 } });
  });
});
