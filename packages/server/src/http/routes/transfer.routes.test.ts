import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSampleLedgerSnapshot } from "@zhenggai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeLedgerWorkbook } from "../../exports/xlsx/ledger-writer.ts";
import { buildMultipart } from "../../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../../test/test-app.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const noticeBytes = readFileSync(path.resolve(here, "../../../../core/src/parser/fixtures/hexi-street.txt"));
const CHINESE = /[\u4e00-\u9fff]/;

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let leader: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA, "整改办张三");
  leader = await createTestUser(context, "leader", orgs.unitA);
  outsider = await createTestUser(context, "rectification_office", orgs.unitB);
});

afterAll(async () => {
  await context?.close();
});

function upload(user: TestUser, url: string, file: { fileName: string; bytes: Uint8Array; contentType?: string }, fields: Record<string, string> = {}) {
  const body = buildMultipart(fields, { field: "file", fileName: file.fileName, contentType: file.contentType ?? "application/octet-stream", bytes: file.bytes });
  return context.app.inject({ method: "POST", url, headers: { ...user.headers, ...body.headers }, payload: body.payload });
}

async function count(table: string): Promise<number> {
  return Number((await context.db.query<{ n: number }>(`select count(*) as n from ${table}`))[0].n);
}

describe("transfer routes in the OpenAPI document", () => {
  it("lists the import, export and check routes", async () => {
    const paths = Object.keys((await context.app.inject({ method: "GET", url: "/api/openapi.json" })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/orgs/{id}/imports/notice/preview",
        "/api/orgs/{id}/imports/notice",
        "/api/inspections/{id}/imports/ledger/preview",
        "/api/inspections/{id}/imports/ledger",
        "/api/inspections/{id}/exports",
        "/api/notices/{id}/check",
      ]),
    );
  });
});

describe("notice import over HTTP", () => {
  let inspectionId: number;

  it("previews the findings without writing", async () => {
    const before = await count("findings");
    const response = await upload(office, `/api/orgs/${orgs.unitA}/imports/notice/preview`, { fileName: "河西街道通报.txt", bytes: noticeBytes, contentType: "text/plain" });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.plan.findings.map((f: { title: string }) => f.title)).toEqual(["理论中心组学习制度执行不严格", "意识形态阵地管理存在漏洞", "为民服务窗口办事效率低", "违规使用公务用车"]);
    expect(preview.checks.map((c: { code: string }) => c.code)).toContain("COUNT_MISMATCH");
    expect(await count("findings")).toBe(before);
  });

  it("imports (201), records the import in the audit trail under the user, and answers 200 unchanged the second time", async () => {
    const auditBefore = await count("audit_log");
    const first = await upload(office, `/api/orgs/${orgs.unitA}/imports/notice`, { fileName: "河西街道通报.txt", bytes: noticeBytes });
    expect(first.statusCode).toBe(201);
    inspectionId = first.json().inspectionId;
    const entries = await context.db.query<{ action: string; entity: string; actor_name: string; after: { source?: { fileName: string } } }>(
      "select action, entity, actor_name, after from audit_log where id > (select coalesce(max(id), 0) - $1 from audit_log) order by id",
      [(await count("audit_log")) - auditBefore],
    );
    expect(entries.every((entry) => entry.action === "import" && entry.actor_name.includes("整改办张三"))).toBe(true);
    expect(entries.map((entry) => entry.entity)).toEqual(["inspection", "finding", "measure", "finding", "measure", "finding", "measure", "finding", "measure"]);
    expect(entries[0].after.source?.fileName).toBe("河西街道通报.txt");

    const auditAfter = await count("audit_log");
    const second = await upload(office, `/api/orgs/${orgs.unitA}/imports/notice`, { fileName: "河西街道通报.txt", bytes: noticeBytes });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ isChanged: false, inspectionId, changes: [] });
    expect(await count("audit_log")).toBe(auditAfter);
  });

  it.each([
    { name: "an old Word file", fileName: "通报.doc", code: "UNSUPPORTED_FILE", message: /另存为 \.docx/ },
    { name: "a picture", fileName: "通报.png", code: "UNSUPPORTED_FILE", message: /不支持的文件类型/ },
    { name: "a broken PDF", fileName: "通报.pdf", code: "UNSUPPORTED_FILE", message: /PDF/ },
  ])("answers 400 $code in Chinese for $name", async ({ fileName, code, message }) => {
    const response = await upload(office, `/api/orgs/${orgs.unitA}/imports/notice`, { fileName, bytes: Buffer.from("不是通报") });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toMatch(message);
  });

  it("answers 400 without a multipart body, 413 for a file over the limit, and 400 for an empty file", async () => {
    const plain = await context.app.inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/imports/notice`, headers: office.headers, payload: { file: "x" } });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.message).toMatch(CHINESE);
    const huge = await upload(office, `/api/orgs/${orgs.unitA}/imports/notice`, { fileName: "big.txt", bytes: Buffer.alloc(3 * 1024 * 1024, 0x41) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("PAYLOAD_TOO_LARGE");
    const empty = await upload(office, `/api/orgs/${orgs.unitA}/imports/notice`, { fileName: "empty.txt", bytes: new Uint8Array() });
    expect(empty.statusCode).toBe(400);
  });

  it("answers 404 to a user of another unit, 403 to a leader, 401 without a session and 400 for a bad id", async () => {
    expect((await upload(outsider, `/api/orgs/${orgs.unitA}/imports/notice`, { fileName: "a.txt", bytes: noticeBytes })).statusCode).toBe(404);
    expect((await upload(leader, `/api/orgs/${orgs.unitA}/imports/notice/preview`, { fileName: "a.txt", bytes: noticeBytes })).statusCode).toBe(403);
    const anonymous = await context.app.inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/imports/notice` });
    expect(anonymous.statusCode).toBe(401);
    const badId = await upload(office, "/api/orgs/abc/imports/notice", { fileName: "a.txt", bytes: noticeBytes });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.code).toBe("VALIDATION_FAILED");
  });

  describe("exports and the notice check", () => {
    it("downloads each kind with a Chinese file name in Content-Disposition", async () => {
      for (const [kind, format] of [["notice", "docx"], ["report", "md"], ["principal_report", "txt"], ["ledger", "xlsx"]]) {
        const response = await context.app.inject({ method: "GET", url: `/api/inspections/${inspectionId}/exports?kind=${kind}&format=${format}`, headers: office.headers });
        expect(response.statusCode, `${kind}/${format}`).toBe(200);
        const disposition = String(response.headers["content-disposition"]);
        expect(disposition).toMatch(new RegExp(`^attachment; filename="export\\.${format}"; filename\\*=UTF-8''%E[0-9A-F%]+.*\\.${format}$`));
        expect(decodeURIComponent(disposition.split("''")[1])).toMatch(CHINESE);
        expect(response.rawPayload.byteLength).toBeGreaterThan(100);
      }
    });

    it("validates kind and format in Chinese and hides other units' rounds", async () => {
      const badKind = await context.app.inject({ method: "GET", url: `/api/inspections/${inspectionId}/exports?kind=poem&format=docx`, headers: office.headers });
      expect(badKind.statusCode).toBe(400);
      expect(badKind.json().error.code).toBe("VALIDATION_FAILED");
      expect(badKind.json().error.message).toMatch(CHINESE);
      const missing = await context.app.inject({ method: "GET", url: `/api/inspections/${inspectionId}/exports?kind=notice`, headers: office.headers });
      expect(missing.statusCode).toBe(400);
      const mismatch = await context.app.inject({ method: "GET", url: `/api/inspections/${inspectionId}/exports?kind=ledger&format=pdf`, headers: office.headers });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().error.message).toMatch(/xlsx/);
      const hidden = await context.app.inject({ method: "GET", url: `/api/inspections/${inspectionId}/exports?kind=report&format=md`, headers: outsider.headers });
      expect(hidden.statusCode).toBe(404);
      const readonly = await context.app.inject({ method: "GET", url: `/api/inspections/${inspectionId}/exports?kind=report&format=md`, headers: leader.headers });
      expect(readonly.statusCode).toBe(200);
    });

    it("checks a notice: figures and warnings; 404 for another unit", async () => {
      const draft = (await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/notices`, headers: office.headers, payload: { texts: { organisation: "巡察反馈的8个问题，已完成整改6个，正在整改2个。" } } })).json();
      const response = await context.app.inject({ method: "GET", url: `/api/notices/${draft.id}/check`, headers: office.headers });
      expect(response.statusCode).toBe(200);
      const check = response.json();
      expect(check.figures).toMatchObject({ problemsTotal: 4, completed: 3 });
      expect(check.canApprove).toBe(false);
      expect(check.mismatches.map((m: { message: string }) => m.message).join("")).toMatch(/问题总数为8，台账计算为4/);
      const refused = await context.app.inject({ method: "POST", url: `/api/notices/${draft.id}/transition`, headers: leader.headers, payload: { to: "approved", version: draft.version } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: "INVALID_TRANSITION" });
      expect(refused.json().error.message).toMatch(/不能审核通过/);
      expect((await context.app.inject({ method: "GET", url: `/api/notices/${draft.id}/check`, headers: outsider.headers })).statusCode).toBe(404);
    });
  });
});

describe("Excel ledger import over HTTP", () => {
  it("previews the column mapping and imports into a round", async () => {
    const round = (await context.app.inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: office.headers, payload: { name: "台账导入轮次" } })).json();
    const bytes = await writeLedgerWorkbook(createSampleLedgerSnapshot({ seed: 4, findings: 4, immediateFindings: 0 }));
    const preview = await upload(office, `/api/inspections/${round.id}/imports/ledger/preview`, { fileName: "整改台账.xlsx", bytes });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().findings).toHaveLength(4);
    expect(preview.json().columns[2]).toEqual({ column: 3, header: "反馈问题", field: "finding" });
    const imported = await upload(office, `/api/inspections/${round.id}/imports/ledger`, { fileName: "整改台账.xlsx", bytes }, { createDepartments: "true" });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ findingsCreated: 4, unmatchedDepartments: [] });
    const findings = (await context.app.inject({ method: "GET", url: `/api/findings?inspectionId=${round.id}`, headers: office.headers })).json();
    expect(findings.total).toBe(4);
  });

  it("refuses .xls, a bad column mapping, a leader and another unit", async () => {
    const round = (await context.app.inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: office.headers, payload: { name: "台账导入轮次2" } })).json();
    const bytes = await writeLedgerWorkbook(createSampleLedgerSnapshot({ seed: 5, findings: 2, immediateFindings: 0 }));
    const xls = await upload(office, `/api/inspections/${round.id}/imports/ledger`, { fileName: "台账.xls", bytes });
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error).toMatchObject({ code: "UNSUPPORTED_FILE" });
    expect(xls.json().error.message).toMatch(/另存为 \.xlsx/);
    const badMapping = await upload(office, `/api/inspections/${round.id}/imports/ledger/preview`, { fileName: "台账.xlsx", bytes }, { columnMapping: "{oops" });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().error.message).toMatch(/columnMapping/);
    const unknownField = await upload(office, `/api/inspections/${round.id}/imports/ledger/preview`, { fileName: "台账.xlsx", bytes }, { columnMapping: JSON.stringify({ 3: "colour" }) });
    expect(unknownField.statusCode).toBe(400);
    expect((await upload(leader, `/api/inspections/${round.id}/imports/ledger`, { fileName: "台账.xlsx", bytes })).statusCode).toBe(403);
    expect((await upload(outsider, `/api/inspections/${round.id}/imports/ledger`, { fileName: "台账.xlsx", bytes })).statusCode).toBe(404);
  });
});
