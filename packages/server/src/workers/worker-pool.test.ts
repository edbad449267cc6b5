// The worker pool runs a TypeScript worker entry as tests and the tsx-run CLI have it (bundled on
// demand), and uses a compiled `.js` entry as it is when an ahead-of-time build put one beside it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool } from "./worker-pool.ts";
import { resolveWorkerScript } from "./worker-script.ts";

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-worker-"));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
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
