// The outcome registers through the HTTP API: create, edit and void with audit and history, totals,
// the notice's figures taken from them, and their Excel exports read back with a real reader.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let roundId: number;
let findingId: number;

async function call(user: TestUser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) {
  const response = await context.app.inject({ method, url, headers: user.headers, payload: payload as never });
  const isJson = String(response.headers["content-type"] ?? "").includes("json");
  return { status: response.statusCode, body: isJson ? response.json() : null, raw: response.rawPayload, headers: response.headers };
}

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA, "登记员");
  const round = await call(office, "POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "登记测试轮次", feedbackDate: "2026-03-01" });
  roundId = round.body.id;
  findingId = (await call(office, "POST", `/api/inspections/${roundId}/findings`, { title: "违规发放津补贴" })).body.id;
});

afterAll(async () => {
  await context?.close();
});

// One record per register, then an edit of it.
const CASES = [
  { name: "rules", entity: "rule", create: () => ({ title: "津补贴发放管理办法", docNumber: "测发〔2026〕1号", issuedDate: "2026-04-01", findingIds: [findingId] }), edit: { docNumber: "测发〔2026〕2号" } },
  { name: "accountabilities", entity: "accountability", create: () => ({ kind: "admonishment", people: 2, personName: "张某、李某", decidedDate: "2026-04-10", findingId }), edit: { people: 3 } },
  { name: "recoveries", entity: "recovery", create: () => ({ kind: "refunded", amountFen: 123456, recoveredDate: "2026-04-20", findingId }), edit: { amountFen: 123457 } },
  { name: "petitions", entity: "petition", create: () => ({ subject: "反映某校收费问题", receivedDate: "2026-03-05" }), edit: { state: "closed", closedDate: "2026-04-30" } },
  { name: "leads", entity: "lead", create: () => ({ subject: "某股室负责人违规收受礼金", receivedDate: "2026-03-06", people: 1 }), edit: { state: "transferred", transferredDate: "2026-03-20" } },
] as const;

describe("every outcome register", () => {
  it.each(CASES)("$name: create, edit and void, each audited and in the record's history; the voided record keeps its content", async ({ name, entity, create, edit }) => {
    const created = await call(office, "POST", `/api/inspections/${roundId}/${name}`, create());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const edited = await call(office, "PATCH", `/api/${name}/${created.body.id}`, { version: created.body.version, ...edit });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject(edit);
    // A second record, voided: kept whole, out of the totals.
    const extra = await call(office, "POST", `/api/inspections/${roundId}/${name}`, create());
    const voided = await call(office, "POST", `/api/${name}/${extra.body.id}/void`, { version: extra.body.version, reason: "重复登记" });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ ...create(), voidReason: "重复登记" });
    const deleted = await call(office, "DELETE", `/api/${name}/${extra.body.id}?version=${voided.body.version}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.message).toMatch(/不能删除，只能作废/);
    const editVoided = await call(office, "PATCH", `/api/${name}/${extra.body.id}`, { version: voided.body.version, ...edit });
    expect(editVoided.status).toBe(409);

    const history = (await call(office, "GET", `/api/${name}/${extra.body.id}/history`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["void", "create"]);
    expect(history[0]).toMatchObject({ entity, after: { reason: "重复登记" }, actorName: expect.stringContaining("登记员") });
    const editHistory = (await call(office, "GET", `/api/${name}/${created.body.id}/history`)).body.items;
    expect(editHistory.map((h: { action: string }) => h.action)).toEqual(["update", "create"]);

    const list = (await call(office, "GET", `/api/${name}?inspectionId=${roundId}`)).body;
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([created.body.id]);
    expect(list.summary).toMatchObject({ count: 1, voided: 1 });
    const withVoided = (await call(office, "GET", `/api/${name}?inspectionId=${roundId}&includeVoided=true`)).body;
    expect(withVoided.items).toHaveLength(2);
  });

  it("refuses bad input with Chinese sentences naming the field", async () => {
    const kind = await call(office, "POST", `/api/inspections/${roundId}/accountabilities`, { kind: "firing" });
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toMatch(/^“问责方式”的取值无效/);
    const amount = await call(office, "POST", `/api/inspections/${roundId}/recoveries`, { kind: "recovered", amountFen: 0 });
    expect(amount.body.error.message).toBe("“金额（元）”不能小于 1。");
    const foreign = await call(office, "POST", `/api/inspections/${roundId}/rules`, { title: "他轮问题的制度", findingIds: [999999] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toBe("“关联问题”须是本轮巡察的问题。");
  });

  it("filters by kind, state, text and date, with totals over what counts", async () => {
    const round = (await call(office, "POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "筛选测试轮次" })).body.id;
    for (const [kind, amountFen, date] of [["refunded", 1050, "2026-04-01"], ["recovered", 20000, "2026-05-01"], ["recovered", 1, "2026-06-01"]] as const) {
      await call(office, "POST", `/api/inspections/${round}/recoveries`, { kind, amountFen, recoveredDate: date, note: kind === "refunded" ? "食堂清退" : null });
    }
    const all = (await call(office, "GET", `/api/recoveries?inspectionId=${round}`)).body;
    expect(all.summary).toEqual({ count: 3, voided: 0, amountFen: 21051, byKind: { refunded: 1, recovered: 2 }, amountFenByKind: { refunded: 1050, recovered: 20001 } });
    expect((await call(office, "GET", `/api/recoveries?inspectionId=${round}&kind=recovered`)).body.summary.amountFen).toBe(20001);
    expect((await call(office, "GET", `/api/recoveries?inspectionId=${round}&q=食堂`)).body.total).toBe(1);
    expect((await call(office, "GET", `/api/recoveries?inspectionId=${round}&dateFrom=2026-04-15&dateTo=2026-05-31`)).body.summary.amountFen).toBe(20000);
  });

  it("give the notice its figures: voided records do not count", async () => {
    const notice = await call(office, "POST", `/api/inspections/${roundId}/notices`, {});
    const { figures } = (await call(office, "GET", `/api/notices/${notice.body.id}/check`)).body;
    const summary = async (name: string) => (await call(office, "GET", `/api/${name}?inspectionId=${roundId}`)).body.summary;
    expect(figures.rulesMade).toBe((await summary("rules")).count);
    expect(figures.accountability).toEqual({ total: (await summary("accountabilities")).people, byType: { 诫勉: 3 } });
    expect((await summary("accountabilities")).peopleByKind).toEqual({ admonishment: 3 });
    expect(figures.funds).toEqual([{ yuan: 1234.57, text: "1234.57元", label: "清退违规资金" }]);
    expect(figures.petitions).toEqual({ total: 1, closed: 1 });
    expect(figures.clues).toEqual({ total: 1, transferred: 1, closed: 0 });
  });

  it("never print the names of people held accountable in the notice", async () => {
    const file = await context.app.inject({ method: "GET", url: `/api/inspections/${roundId}/exports?kind=notice&format=txt`, headers: office.headers });
    expect(file.body).toContain("诫勉");
    expect(file.body).not.toContain("张某");
  });

  it("export to Excel: one row per record, voided ones marked with their reason, totals over what counts", async () => {
    const response = await call(office, "GET", `/api/recoveries/export?inspectionId=${roundId}`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    expect(decodeURIComponent(String(response.headers["content-disposition"]))).toContain("清退追缴登记表-登记测试轮次.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.raw as never);
    const sheet = workbook.getWorksheet("清退追缴");
    expect(sheet).toBeTruthy();
    const rows = sheet!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(rows[0][0]).toBe("登记测试轮次清退追缴登记表");
    expect(rows[1]).toEqual(["序号", "类别", "金额（元）", "日期", "关联问题", "备注", "状态", "作废原因"]);
    expect(rows[2].slice(0, 3)).toEqual([1, "清退", 1234.57]);
    expect(rows[2][3]).toEqual(new Date(Date.UTC(2026, 3, 20)));
    expect(rows[2][4]).toBe("问题1：违规发放津补贴");
    expect(rows[3].slice(1, 3)).toEqual(["清退", 1234.56]);
    expect(rows[3].slice(6)).toEqual(["已作废", "重复登记"]);
    expect(rows[4].slice(0, 3)).toEqual(["合计（不含已作废）", "1 条", 1234.57]);

    const accountability = await call(office, "GET", `/api/accountabilities/export?inspectionId=${roundId}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(accountability.raw as never);
    const header = (book.getWorksheet("问责")!.getRow(2).values as unknown[]).slice(1);
    expect(header).toContain("被问责人姓名（不公开）");
  });

  it("export the round's 立行立改 items", async () => {
    await call(office, "POST", `/api/inspections/${roundId}/findings`, { title: "巡察期间发现食堂卫生问题当即整改", source: "immediate", dueDate: "2026-02-20" });
    const response = await call(office, "GET", `/api/immediate-fixes/export?inspectionId=${roundId}`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.raw as never);
    const sheet = workbook.getWorksheet("立行立改")!;
    const values = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(values.slice(0, 5)).toEqual([1, "2", "", "巡察期间发现食堂卫生问题当即整改", new Date(Date.UTC(2026, 1, 20))]);
    expect(values[5]).toBe("未启动");
  });
});
