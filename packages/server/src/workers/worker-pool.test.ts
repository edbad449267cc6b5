import { buildNoticeDocument, buildNoticeModelFromLedger, createSampleLedgerSnapshot } from "@zhenggai/core";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { renderDocument } from "../exports/render-document.ts";
import { fromWireError, toWireError } from "./tasks.ts";
import { WorkerPool } from "./worker-pool.ts";

const TEXTS = { organisation: ["整改工作有序推进。"], nextSteps: ["持续推进。"], contacts: { phones: [], emails: [], postal: [] }, publicPeriod: null, date: "2025-07-01" };
const pool = new WorkerPool({ size: 2, idleMs: 2000 });

afterAll(async () => {
  await pool.close();
});

describe("worker pool (exports off the event loop)", () => {
  it("renders in worker threads what the calling thread renders, even from TypeScript sources (Node 20 needs tsx in the worker)", async () => {
    const document = buildNoticeDocument(buildNoticeModelFromLedger(createSampleLedgerSnapshot({ findings: 6, seed: 3 }), TEXTS));
    const html = await pool.run("render-document", { document, format: "html" });
    expect(Buffer.from(html).toString("utf8")).toBe(Buffer.from(await renderDocument(document, "html")).toString("utf8"));
    // More tasks than threads queue up and all finish.
    const docs = await Promise.all(Array.from({ length: 5 }, () => pool.run("render-document", { document, format: "docx" })));
    for (const bytes of docs) {
      const zip = await JSZip.loadAsync(bytes);
      expect(await zip.file("word/document.xml")?.async("string")).toContain("整改工作有序推进");
    }
    const workbook = await pool.run("write-ledger-workbook", { snapshot: createSampleLedgerSnapshot({ findings: 3, seed: 4 }) });
    expect(Buffer.from(workbook.subarray(0, 2)).toString("latin1")).toBe("PK");
  });

  it("rejects with the task's error and keeps serving; AppErrors cross the thread boundary with their code", async () => {
    const unknown = await pool.run("no-such-task" as never, {} as never).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(Error);
    expect(String(unknown)).toContain("unknown worker task");
    const ok = await pool.run("render-document", { document: buildNoticeDocument(buildNoticeModelFromLedger(createSampleLedgerSnapshot({ findings: 2, seed: 5 }), TEXTS)), format: "html" });
    expect(ok.byteLength).toBeGreaterThan(100);
    const crossed = fromWireError(toWireError(new AppError("UNSUPPORTED_FILE", "无法读取该 PDF 文件", { page: 3 })));
    expect(crossed).toBeInstanceOf(AppError);
    expect(crossed).toMatchObject({ code: "UNSUPPORTED_FILE", message: "无法读取该 PDF 文件", details: { page: 3 } });
  });
});
