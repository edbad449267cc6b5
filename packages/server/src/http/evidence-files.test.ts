// Evidence uploads are judged by content; downloads are attachments unless they are PDF or plain images.
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDemoEvidencePdf } from "../demo/evidence-pdf.ts";
import { buildMultipart } from "../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let dept: TestUser;
let measureId: number;

const HTML = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 7)]);
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  const office = await createTestUser(context, "rectification_office", orgs.unitA);
  dept = await createTestUser(context, "department", orgs.deptA1);
  const post = async (url: string, payload: Record<string, unknown>) => (await context.app.inject({ method: "POST", url, headers: office.headers, payload })).json() as { id: number };
  const inspection = await post(`/api/orgs/${orgs.unitA}/inspections`, { name: "佐证测试轮次" });
  const finding = await post(`/api/inspections/${inspection.id}/findings`, { title: "佐证测试问题" });
  measureId = (await post(`/api/findings/${finding.id}/measures`, { text: "佐证测试措施", departmentId: orgs.deptA1 })).id;
});

afterAll(async () => {
  await context?.close();
});

async function upload(fileName: string, bytes: Uint8Array, contentType = "application/octet-stream") {
  const body = buildMultipart({}, { field: "file", fileName, contentType, bytes });
  return context.app.inject({ method: "POST", url: `/api/measures/${measureId}/evidence`, headers: { ...dept.headers, ...body.headers }, payload: body.payload });
}

describe("evidence uploads are sniffed by content", () => {
  it.each([
    ["a binary renamed .pdf", "整改报告.pdf", ELF, /不是PDF 文件（实际内容为 ELF 格式）/],
    ["a web page named .pdf", "整改报告.pdf", HTML, /实际内容为网页/],
    ["a web page named .jpg", "现场照片.jpg", HTML, /不是JPEG 图片/],
    ["a web page named .doc", "会议记录.doc", HTML, /不是旧版 Word/],
    ["a web page named .txt", "说明.txt", HTML, /不是纯文本文件/],
    ["a PNG named .jpg", "现场照片.jpg", PNG, /实际内容为 PNG 格式/],
    ["a binary named .txt", "说明.txt", ELF, /不是纯文本文件/],
  ])("refuses %s", async (_name, fileName, bytes, message) => {
    const response = await upload(fileName, bytes, "application/pdf");
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("UNSUPPORTED_FILE");
    expect(response.json().error.message).toMatch(message);
  });

  it("accepts real files and serves them inline only when they are PDF or images", async () => {
    const pdf = await makeDemoEvidencePdf("测试材料");
    const docx = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("会议纪要")] }] })));
    const cases = [
      { name: "文件.pdf", bytes: pdf, disposition: /^inline;/, type: "application/pdf" },
      { name: "照片.png", bytes: PNG, disposition: /^inline;/, type: "image/png" },
      { name: "纪要.docx", bytes: docx, disposition: /^attachment;/, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
      { name: "说明.txt", bytes: Buffer.from("\ufeff整改说明：已完成。"), disposition: /^attachment;/, type: "text/plain" },
      { name: "记录.txt", bytes: Buffer.from("\ufeff记录", "utf16le"), disposition: /^attachment;/, type: "text/plain" },
    ];
    for (const item of cases) {
      const response = await upload(item.name, item.bytes);
      expect(response.statusCode, `${item.name}: ${response.body}`).toBe(201);
      const file = await context.app.inject({ method: "GET", url: `/api/evidence/${response.json().id}/file`, headers: dept.headers });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toContain(item.type);
      expect(file.headers["content-disposition"]).toMatch(item.disposition);
      expect(file.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(item.name)}`);
      expect(file.headers["x-content-type-options"]).toBe("nosniff");
      if (item.disposition.source.includes("attachment")) expect(file.headers["content-security-policy"]).toMatch(/^sandbox;/);
    }
  });
});
