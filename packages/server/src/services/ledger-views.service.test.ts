import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let inspectionId: number;
let findingIds: number[];
let measureIds: number[];

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
  const inject = context.app.inject.bind(context.app);
  inspectionId = (await inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: office.headers, payload: { name: "视图测试", feedbackDate: "2026-01-10" } })).json().id;
  findingIds = [];
  measureIds = [];
  for (const title of ["逾期问题", "无措施问题", "责任不全问题"]) {
    findingIds.push((await inject({ method: "POST", url: `/api/inspections/${inspectionId}/findings`, headers: office.headers, payload: { title } })).json().id);
  }
  measureIds.push((await inject({ method: "POST", url: `/api/findings/${findingIds[0]}/measures`, headers: office.headers, payload: { text: "早已到期的措施", departmentId: orgs.deptA1, ownerName: "张三", dueDate: "2026-03-01" } })).json().id);
  measureIds.push((await inject({ method: "POST", url: `/api/findings/${findingIds[2]}/measures`, headers: office.headers, payload: { text: "没有责任人的措施", dueDate: "2026-12-31" } })).json().id);
});

afterAll(async () => {
  await context?.close();
});

describe("ledger views", () => {
  it("flags findings and filters by flag", async () => {
    const inject = context.app.inject.bind(context.app);
    const all = (await inject({ method: "GET", url: `/api/findings?inspectionId=${inspectionId}`, headers: office.headers })).json();
    const flagsOf = Object.fromEntries(all.items.map((f: { title: string; flags: string[] }) => [f.title, f.flags]));
    expect(flagsOf).toEqual({ 逾期问题: ["OVERDUE"], 无措施问题: ["NO_MEASURES"], 责任不全问题: ["INCOMPLETE_RESPONSIBILITY"] });
    const overdue = (await inject({ method: "GET", url: `/api/findings?inspectionId=${inspectionId}&flag=OVERDUE`, headers: office.headers })).json();
    expect(overdue.items.map((f: { id: number }) => f.id)).toEqual([findingIds[0]]);
    const bad = await inject({ method: "GET", url: `/api/findings?inspectionId=${inspectionId}&flag=WHATEVER`, headers: office.headers });
    expect(bad.statusCode).toBe(400);
  });

  it("bulk-assigns measures in one transaction, all or nothing, with audit", async () => {
    const inject = context.app.inject.bind(context.app);
    const refused = await inject({ method: "POST", url: "/api/measures/bulk-assign", headers: office.headers, payload: { ids: [...measureIds, 999999], ownerName: "李四" } });
    expect(refused.statusCode).toBe(404);
    const unchanged = await context.db.query("select count(*) as n from measures where owner_name = '李四'");
    expect(unchanged[0].n).toBe(0);
    const foreign = await inject({ method: "POST", url: "/api/measures/bulk-assign", headers: office.headers, payload: { ids: measureIds, departmentId: orgs.deptB1 } });
    expect(foreign.statusCode).toBe(400);
    const done = await inject({ method: "POST", url: "/api/measures/bulk-assign", headers: office.headers, payload: { ids: measureIds, ownerName: "李四", departmentId: orgs.deptA2 } });
    expect(done.json()).toEqual({ updated: 2 });
    const rows = await context.db.query("select owner_name, department_id from measures where id = any($1::bigint[]) order by id", [measureIds]);
    expect(rows).toEqual([
      { owner_name: "李四", department_id: orgs.deptA2 },
      { owner_name: "李四", department_id: orgs.deptA2 },
    ]);
    const audit = await context.db.query("select count(*) as n from audit_log where action = 'bulk_assign'");
    expect(audit[0].n).toBe(2);
    const dept = await createTestUser(context, "department", orgs.deptA2);
    expect((await inject({ method: "POST", url: "/api/measures/bulk-assign", headers: dept.headers, payload: { ids: measureIds, ownerName: "王五" } })).statusCode).toBe(403);
  });

  it("gives a weekly completion timeline from the feedback date", async () => {
    const timeline = (await context.app.inject({ method: "GET", url: `/api/dashboard/timeline?inspectionId=${inspectionId}`, headers: office.headers })).json();
    expect(timeline.items[0]).toEqual({ date: "2026-01-10", completed: 0, total: 2 });
    expect(timeline.items.at(-1).date).toBe("2026-06-15");
    for (const point of timeline.items) expect(point.total).toBe(2);
  });

  it("lists registers linked to a finding", async () => {
    const inject = context.app.inject.bind(context.app);
    await inject({ method: "POST", url: `/api/inspections/${inspectionId}/rules`, headers: office.headers, payload: { title: "关联制度", findingIds: [findingIds[0]] } });
    await inject({ method: "POST", url: `/api/inspections/${inspectionId}/rules`, headers: office.headers, payload: { title: "无关制度" } });
    await inject({ method: "POST", url: `/api/inspections/${inspectionId}/accountabilities`, headers: office.headers, payload: { kind: "interview", findingId: findingIds[0] } });
    const rules = (await inject({ method: "GET", url: `/api/rules?findingId=${findingIds[0]}`, headers: office.headers })).json();
    expect(rules.items.map((r: { title: string }) => r.title)).toEqual(["关联制度"]);
    const accountability = (await inject({ method: "GET", url: `/api/accountabilities?findingId=${findingIds[0]}`, headers: office.headers })).json();
    expect(accountability.total).toBe(1);
    const petitions = (await inject({ method: "GET", url: `/api/petitions?findingId=${findingIds[0]}`, headers: office.headers })).json();
    expect(petitions.total).toBe(0);
  });
});
