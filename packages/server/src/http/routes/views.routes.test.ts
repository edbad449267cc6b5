// Views a clerk expects (issue 8): the search box, the audit-log filters and Excel export of lists.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoResult } from "../../services/demo.service.ts";
import { createTestContext, type TestContext } from "../../test/test-app.ts";

let context: TestContext;
let demo: DemoResult;
const headers = new Map<string, Record<string, string>>();

async function get(username: string, url: string) {
  return context.app.inject({ method: "GET", url, headers: headers.get(username) });
}

async function readSheet(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

beforeAll(async () => {
  context = await createTestContext();
  demo = await context.services.demo.loadDemo(null);
  for (const account of demo.accounts) {
    const response = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: account.username, password: account.password } });
    headers.set(account.username, { cookie: response.cookies.map((c) => `${c.name}=${c.value}`).join("; "), "x-csrf-token": response.json().csrfToken });
  }
});

afterAll(async () => {
  await context?.close();
});

describe("search", () => {
  it("finds findings, measures and register rows the user may see", async () => {
    const office = (await get("demo_zgb", `/api/search?q=${encodeURIComponent("财务管理办法")}`)).json();
    const kinds = office.items.map((h: { kind: string; title: string; detail: string | null }) => [h.kind, h.title, h.detail]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["measure", "修订学校财务管理办法，明确食堂结余资金使用范围", "违规发放津补贴问题时有发生"],
        ["rule", "青禾县教育系统学校财务管理办法（修订）", "青教发〔2026〕9号"],
      ]),
    );
    const byDocNumber = (await get("demo_zgb", `/api/search?q=${encodeURIComponent("青教发〔2026〕5号")}`)).json();
    expect(byDocNumber.items.map((h: { kind: string }) => h.kind)).toEqual(["rule"]);
    const petition = (await get("demo_zgb", `/api/search?q=${encodeURIComponent("校车超员")}`)).json();
    expect(petition.items.map((h: { kind: string; inspectionName: string }) => [h.kind, h.inspectionName])).toEqual([["petition", "十五届县委第三轮巡察"]]);
    const owner = (await get("demo_zgb", `/api/search?q=${encodeURIComponent("韩书平")}`)).json();
    expect(owner.items.length).toBeGreaterThan(2);
    expect(owner.items.every((h: { kind: string }) => h.kind === "measure")).toBe(true);
  });

  it("keeps other departments' and other units' records out of a user's results", async () => {
    const staff = (await get("demo_cw", `/api/search?q=${encodeURIComponent("消防通道")}`)).json();
    expect(staff.items).toEqual([]);
    const own = (await get("demo_cw", `/api/search?q=${encodeURIComponent("津补贴")}`)).json();
    expect(own.items.length).toBeGreaterThan(0);
    // A department sees its measures and their findings, never the unit's registers.
    expect(new Set(own.items.map((h: { kind: string }) => h.kind))).toEqual(new Set(["finding", "measure"]));
    const supervisor = (await get("demo_xcb", `/api/search?q=${encodeURIComponent("办法")}`)).json();
    expect(new Set(supervisor.items.map((h: { orgName: string }) => h.orgName))).toEqual(new Set(["青禾县教育局", "青禾县卫生健康局"]));
    const literal = (await get("demo_zgb", `/api/search?q=${encodeURIComponent("%")}`)).json();
    expect(literal.items).toEqual([]);
    const empty = await get("demo_zgb", "/api/search?q=%20");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe("请输入要搜索的内容");
  });
});

describe("audit log filters", () => {
  it("filters by who, what, when and where within the user's scope", async () => {
    const measure = (await get("demo_jcjy", "/api/measures?q=" + encodeURIComponent("整合生源不足"))).json().items[0];
    await context.app.inject({ method: "POST", url: `/api/measures/${measure.id}/progress`, headers: headers.get("demo_jcjy"), payload: { text: "完成第三所教学点整合。" } });
    const byActor = (await get("demo_xcb", `/api/audit?actor=${encodeURIComponent("林晓岚")}`)).json();
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((e: { actorName: string }) => e.actorName.startsWith("林晓岚"))).toBe(true);
    expect(byActor.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["progress", "create"]));
    // Audit instants come from the database clock, so the day is taken from the entry itself.
    const entry = byActor.items.find((e: { action: string }) => e.action === "progress");
    const shanghaiDay = (iso: string, shift = 0) => new Date(Date.parse(iso) + 8 * 3600_000 + shift * 86_400_000).toISOString().slice(0, 10);
    const sameDay = (await get("demo_xcb", `/api/audit?action=progress&from=${shanghaiDay(entry.at)}&to=${shanghaiDay(entry.at)}`)).json();
    expect(sameDay.items.map((e: { id: number }) => e.id)).toContain(entry.id);
    expect(sameDay.items.every((e: { action: string }) => e.action === "progress")).toBe(true);
    expect(entry.orgName).toBe("基础教育股");
    const dayBefore = (await get("demo_xcb", `/api/audit?action=progress&from=${shanghaiDay(entry.at, -1)}&to=${shanghaiDay(entry.at, -1)}`)).json();
    expect(dayBefore.items.map((e: { id: number }) => e.id)).not.toContain(entry.id);
    const unit = (await context.db.query<{ id: number }>("select id from orgs where name = '青禾县卫生健康局'"))[0].id;
    const within = (await get("demo_xcb", `/api/audit?orgId=${unit}&pageSize=200`)).json();
    expect(within.items.length).toBeGreaterThan(0);
    expect(within.items.every((e: { orgName: string }) => ["青禾县卫生健康局", "医政医管股", "办公室", "规划财务股"].includes(e.orgName))).toBe(true);
    expect((await get("demo_cw", `/api/audit?orgId=${unit}`)).statusCode).toBe(404);
    const badRange = await get("demo_xcb", "/api/audit?from=2026-06-15&to=2026-06-01");
    expect(badRange.statusCode).toBe(400);
    expect(badRange.json().error.message).toBe("开始日期不能晚于结束日期");
  });
});

describe("Excel export of lists", () => {
  it("exports the measures list with the screen's filters and scope", async () => {
    const list = (await get("demo_cw", "/api/measures?pageSize=100")).json();
    const response = await get("demo_cw", "/api/exports/lists/measures");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    expect(decodeURIComponent(String(response.headers["content-disposition"]))).toContain("整改措施-2026-06-15.xlsx");
    const rows = await readSheet(response.rawPayload);
    expect(rows[0][0]).toBe("整改措施");
    expect(rows[1][0]).toMatch(/^导出人：韩书平　导出日期：2026-06-15　共 \d+ 条$/);
    expect(rows[2]).toEqual(["问题", "整改措施", "类型", "责任领导", "责任部门", "责任人", "完成时限", "整改状态", "佐证材料", "销号审核中"]);
    expect(rows.slice(3).map((r) => r[1]).sort()).toEqual(list.items.map((m: { text: string }) => m.text).sort());
    expect(new Set(rows.slice(3).map((r) => r[4]))).toEqual(new Set(["计划财务股"]));
    const overdue = await readSheet((await get("demo_zgb", `/api/exports/lists/measures?inspectionId=${demo.inspectionId}&overdue=true`)).rawPayload);
    const overdueList = (await get("demo_zgb", `/api/measures?inspectionId=${demo.inspectionId}&overdue=true&pageSize=100`)).json();
    expect(overdue.length - 3).toBe(overdueList.total);
  });

  it("exports audit, users, roll-up, statistics and rounds to those who may see them", async () => {
    const audit = await readSheet((await get("demo_xcb", "/api/exports/lists/audit?action=progress")).rawPayload);
    expect(audit[2]).toEqual(["时间", "操作人", "操作", "对象", "编号", "单位"]);
    expect(audit.slice(3).every((r) => r[2] === "报送进展")).toBe(true);
    expect((await get("demo_zgb", "/api/exports/lists/users")).statusCode).toBe(403);
    const rollup = await readSheet((await get("demo_xcb", "/api/exports/lists/rollup")).rawPayload);
    expect(rollup.slice(3).map((r) => r[1]).sort()).toEqual(["青禾县交通运输局", "青禾县卫生健康局", "青禾县教育局"].sort());
    const stats = await readSheet((await get("demo_xcb", "/api/exports/lists/stats")).rawPayload);
    expect(stats.slice(3).filter((r) => r[0] === "按责任部门" && r[1].startsWith("办公室（")).map((r) => r[1]).sort()).toEqual(
      ["办公室（青禾县交通运输局）", "办公室（青禾县卫生健康局）", "办公室（青禾县教育局）"].sort(),
    );
    const rounds = await readSheet((await get("demo_zgb", "/api/exports/lists/inspections")).rawPayload);
    expect(rounds.slice(3).map((r) => r[1])).toEqual(["青禾县教育局"]);
    expect((await get("demo_zgb", "/api/exports/lists/nonsense")).statusCode).toBe(400);
  });
});
