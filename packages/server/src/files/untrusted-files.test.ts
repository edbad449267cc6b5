// Hostile uploads: a 60 KB .docx that unpacks to 20 MB, an archive that lies about its sizes, a file
// that needs more memory than a worker may take. Each is refused with a stable code and a Chinese
// message while /api/health keeps answering; a large, honest workbook is read in a worker thread.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMultipart } from "../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";
import { UntrustedFileReader } from "./untrusted-files.ts";
import { checkDeclaredZipLimits, OFFICE_ZIP_LIMITS } from "./zip-limits.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let inspectionId: number;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A .docx whose document.xml holds `paragraphs` copies of one paragraph. */
async function makeDocx(paragraph: string, paragraphs: number): Promise<Buffer> {
  const body = `<w:p><w:r><w:t>${paragraph}</w:t></w:r></w:p>`.repeat(paragraphs);
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", RELS);
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return Buffer.from(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } }));
}

/** Rewrites the sizes an archive declares for one entry (central directory and local header). */
function declareSize(archive: Buffer, entryName: string, declared: number): Buffer {
  const out = Buffer.from(archive);
  const name = Buffer.from(entryName);
  for (let i = 0; i < out.length - 4; i += 1) {
    const signature = out.readUInt32LE(i);
    if (signature === 0x02014b50 && out.subarray(i + 46, i + 46 + name.length).equals(name)) out.writeUInt32LE(declared, i + 24);
    if (signature === 0x04034b50 && out.subarray(i + 30, i + 30 + name.length).equals(name)) out.writeUInt32LE(declared, i + 22);
  }
  return out;
}

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
  inspectionId = (await context.app.inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: office.headers, payload: { name: "上传安全轮次" } })).json().id;
});

afterAll(async () => {
  await context?.close();
});

function uploadNotice(fileName: string, bytes: Uint8Array) {
  const body = buildMultipart({}, { field: "file", fileName, contentType: "application/octet-stream", bytes });
  return context.app.inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/imports/notice/preview`, headers: { ...office.headers, ...body.headers }, payload: body.payload });
}

/** Sends health requests until `work` settles; returns the statuses seen meanwhile. */
async function healthWhile<T>(work: Promise<T>): Promise<{ result: T; statuses: number[] }> {
  let isDone = false;
  const statuses: number[] = [];
  const settled = work.finally(() => {
    isDone = true;
  });
  do {
    statuses.push((await context.app.inject({ method: "GET", url: "/api/health" })).statusCode);
    await new Promise((resolve) => setTimeout(resolve, 20));
  } while (!isDone && statuses.length < 100_000);
  return { result: await settled, statuses };
}

describe("decompression limits", () => {
  it("refuses the 60 KB docx that unpacks to 20 MB, with a stable code, while the server keeps answering", async () => {
    const bomb = await makeDocx("整改", 20 * 1024 * 1024 / 40);
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const { result, statuses } = await healthWhile(uploadNotice("炸弹通报.docx", bomb));
    expect(result.statusCode).toBe(413);
    expect(result.json().error).toMatchObject({ code: "FILE_LIMIT_EXCEEDED", details: { limit: "ratio" } });
    expect(result.json().error.message).toMatch(/压缩比.*疑似“压缩炸弹”/);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it("refuses an archive that declares smaller sizes than it holds, when the worker inflates it", async () => {
    const honest = await makeDocx("整改措施落实情况", 200_000);
    const liar = declareSize(honest, "word/document.xml", 100_000);
    expect(() => checkDeclaredZipLimits(liar)).not.toThrow();
    const response = await uploadNotice("伪造通报.docx", liar);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: "FILE_LIMIT_EXCEEDED", details: { limit: "declared_size" } });
  });

  it("refuses too many entries and too much in total before inflating anything", async () => {
    const zip = new JSZip();
    for (let i = 0; i <= OFFICE_ZIP_LIMITS.maxEntries; i += 1) zip.file(`x/${i}.xml`, "<a/>");
    const many = Buffer.from(await zip.generateAsync({ type: "uint8array" }));
    expect(() => checkDeclaredZipLimits(many)).toThrow(expect.objectContaining({ code: "FILE_LIMIT_EXCEEDED", details: { limit: "entries" } }));
    const broken = await uploadNotice("坏文件.docx", Buffer.from("PK\u0003\u0004 not really a zip"));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe("UNSUPPORTED_FILE");
  });
});

describe("work in worker threads", () => {
  it("reads a large, honest Excel ledger in a worker thread while /api/health answers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("整改台账");
    sheet.addRow(["序号", "问题类别", "反馈问题", "整改措施", "责任领导", "责任部门", "责任人", "完成时限", "整改进展", "整改状态"]);
    for (let i = 1; i <= 10000; i += 1) {
      sheet.addRow([i, `类别${i % 7}`, `第${i}个反馈问题：制度执行不到位，台账记录不完整，需要逐项核对整改。`, `整改措施${i}：建立健全制度，按月检查落实。`, "王某", `部门${i % 9}`, "李某", "2026-12-31", "正在推进", "整改推进中"]);
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(bytes.byteLength).toBeGreaterThan(400 * 1024);
    const body = buildMultipart({}, { field: "file", fileName: "大台账.xlsx", contentType: "application/octet-stream", bytes });
    let threadsSeen = 0;
    const watch = setInterval(() => void context.services.imports.files.threadCount().then((n) => (threadsSeen = Math.max(threadsSeen, n))), 5);
    try {
      const { result, statuses } = await healthWhile(
        context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/imports/ledger/preview`, headers: { ...office.headers, ...body.headers }, payload: body.payload }),
      );
      expect(result.statusCode, result.body).toBe(200);
      expect(result.json().rowCount).toBe(10000);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 200)).toBe(true);
    } finally {
      clearInterval(watch);
    }
    expect(threadsSeen).toBeGreaterThan(0);
  });

  it("stops a worker that needs more memory than allowed, answering FILE_LIMIT_EXCEEDED, and serves the next file", async () => {
    const reader = new UntrustedFileReader({ maxHeapMb: 24 });
    try {
      // About 6 MB of varied text: within every byte limit, but mammoth needs far more than 24 MB for it.
      const text = Array.from({ length: 400 }, (_, i) => `第${i}段：${"整改落实情况说明与佐证材料核对".repeat(20)}${i * 7919}`).join("");
      const heavy = await makeDocx(text, 40);
      await expect(reader.readNoticeText(heavy, "大通报.docx")).rejects.toMatchObject({ code: "FILE_LIMIT_EXCEEDED", details: { limit: "memory" } });
      const small = await reader.readNoticeText(Buffer.from("关于整改进展情况的通报\n一、问题"), "小通报.txt");
      expect(small.text).toContain("整改进展");
    } finally {
      await reader.close();
    }
  });

  it("stops a task that runs past the time limit (a backstop behind the byte limits)", async () => {
    const reader = new UntrustedFileReader({ timeoutMs: 1 });
    try {
      await expect(reader.readNoticeText(Buffer.from("<p>通报</p>"), "a.html")).rejects.toMatchObject({ code: "FILE_LIMIT_EXCEEDED", details: { limit: "time" } });
    } finally {
      await reader.close();
    }
  });
});
