// Statistics 按责任部门 group by department id (issue 8): two units' 办公室 are two groups, each
// shown with its unit; leaders likewise by account, not by name.
import { labelOfGroup } from "@zhenggai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let supervisor: TestUser;
let officeA: TestUser;

async function addDepartment(unitId: number, name: string): Promise<number> {
  return (await context.db.query<{ id: number }>("insert into orgs (parent_id, kind, name) values ($1, 'department', $2) returning id", [unitId, name]))[0].id;
}

async function addRound(user: TestUser, unitId: number, measures: { departmentId: number; leaderName: string; status?: "in_progress" }[]): Promise<void> {
  const inject = context.app.inject.bind(context.app);
  const inspection = (await inject({ method: "POST", url: `/api/orgs/${unitId}/inspections`, headers: user.headers, payload: { name: "统计测试轮次" } })).json();
  const finding = (await inject({ method: "POST", url: `/api/inspections/${inspection.id}/findings`, headers: user.headers, payload: { title: "公文处理不规范" } })).json();
  for (const [index, m] of measures.entries()) {
    const created = await inject({ method: "POST", url: `/api/findings/${finding.id}/measures`, headers: user.headers, payload: { text: `措施${index + 1}`, departmentId: m.departmentId, leaderName: m.leaderName } });
    expect(created.statusCode, created.body).toBe(201);
    if (m.status) {
      const row = created.json();
      expect((await inject({ method: "POST", url: `/api/measures/${row.id}/status`, headers: user.headers, payload: { status: m.status, version: row.version } })).statusCode).toBe(200);
    }
  }
}

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  supervisor = await createTestUser(context, "inspection_office", orgs.office, "巡察办");
  officeA = await createTestUser(context, "rectification_office", orgs.unitA, "甲整改办");
  const officeB = await createTestUser(context, "rectification_office", orgs.unitB, "乙整改办");
  const bureauA = await addDepartment(orgs.unitA, "办公室");
  const bureauB = await addDepartment(orgs.unitB, "办公室");
  // Two leaders called 王明 in two units; the same 办公室 name in both.
  await addRound(officeA, orgs.unitA, [{ departmentId: bureauA, leaderName: "王明", status: "in_progress" }, { departmentId: bureauA, leaderName: "王明" }, { departmentId: orgs.deptA1, leaderName: "李华" }]);
  await addRound(officeB, orgs.unitB, [{ departmentId: bureauB, leaderName: "王明" }]);
});

afterAll(async () => {
  await context?.close();
});

describe("statistics by department", () => {
  it("keeps two units' 办公室 apart and names the unit of each", async () => {
    const dashboard = (await context.app.inject({ method: "GET", url: "/api/dashboard", headers: supervisor.headers })).json();
    const departments = dashboard.byDepartment.map((g: { key: string; label: string; unitName: string; total: number; notCompleted: number }) => [labelOfGroup(g), g.total]);
    expect(departments).toEqual([
      ["办公室（甲单位）", 2],
      ["办公室（乙单位）", 1],
      ["甲单位一股（甲单位）", 1],
    ]);
    expect(new Set(dashboard.byDepartment.map((g: { key: string }) => g.key)).size).toBe(3);
    const leaders = dashboard.byLeader.map((g: { key: string; label: string; unitName: string; total: number }) => [labelOfGroup(g), g.total]);
    expect(leaders).toEqual([
      ["王明（甲单位）", 2],
      ["李华（甲单位）", 1],
      ["王明（乙单位）", 1],
    ]);
  });

  it("gives a unit only its own departments", async () => {
    const dashboard = (await context.app.inject({ method: "GET", url: "/api/dashboard", headers: officeA.headers })).json();
    expect(dashboard.byDepartment.map((g: { label: string }) => g.label)).toEqual(["办公室", "甲单位一股"]);
    expect(dashboard.byDepartment.every((g: { unitName: string }) => g.unitName === "甲单位")).toBe(true);
  });
});
