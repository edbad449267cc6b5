// Closed oracles: a user learns nothing about records they may not read, neither from what a list
// filter matches nor from which error a write gets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let deptA1: TestUser;
let inspectionId: number;

beforeAll(async () => {
  // Today is 2026-06-15 in the test clock: a due date in May is overdue.
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
  deptA1 = await createTestUser(context, "department", orgs.deptA1);
  const post = async (url: string, payload: Record<string, unknown>) => (await context.app.inject({ method: "POST", url, headers: office.headers, payload })).json() as { id: number };
  inspectionId = (await post(`/api/orgs/${orgs.unitA}/inspections`, { name: "神谕测试轮次" })).id;
  const finding = await post(`/api/inspections/${inspectionId}/findings`, { title: "公共问题标题" });
  await post(`/api/findings/${finding.id}/measures`, { text: "一股自己的措施", departmentId: orgs.deptA1, dueDate: "2026-12-31" });
  await post(`/api/findings/${finding.id}/measures`, { text: "二股保密措施内容", departmentId: orgs.deptA2, leaderName: "隐藏领导", dueDate: "2026-05-01" });
});

afterAll(async () => {
  await context?.close();
});

async function listFindings(user: TestUser, query: string): Promise<{ total: number; items: { measureCount: number; flags: string[] }[] }> {
  const response = await context.app.inject({ method: "GET", url: `/api/findings?inspectionId=${inspectionId}&${query}`, headers: user.headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe("list filters match only what the user may read", () => {
  it("lets the unit's office find the finding through every filter (the control)", async () => {
    expect((await listFindings(office, `q=${encodeURIComponent("保密")}`)).total).toBe(1);
    expect((await listFindings(office, `leader=${encodeURIComponent("隐藏领导")}`)).total).toBe(1);
    expect((await listFindings(office, `departmentId=${orgs.deptA2}`)).total).toBe(1);
    expect((await listFindings(office, "overdue=true")).total).toBe(1);
    expect((await listFindings(office, "flag=OVERDUE")).total).toBe(1);
    expect((await listFindings(office, "")).items[0].measureCount).toBe(2);
  });

  it("gives a department nothing about another department's measure of the same finding", async () => {
    expect((await listFindings(deptA1, "")).total).toBe(1);
    expect((await listFindings(deptA1, `q=${encodeURIComponent("保密")}`)).total).toBe(0);
    expect((await listFindings(deptA1, `q=${encodeURIComponent("二股保密措施")}`)).total).toBe(0);
    expect((await listFindings(deptA1, `leader=${encodeURIComponent("隐藏领导")}`)).total).toBe(0);
    expect((await listFindings(deptA1, `departmentId=${orgs.deptA2}`)).total).toBe(0);
    expect((await listFindings(deptA1, "overdue=true")).total).toBe(0);
    expect((await listFindings(deptA1, "flag=OVERDUE")).total).toBe(0);
    const [item] = (await listFindings(deptA1, "")).items;
    expect(item.measureCount).toBe(1);
    expect(item.flags).not.toContain("OVERDUE");
    // Its own text still matches.
    expect((await listFindings(deptA1, `q=${encodeURIComponent("一股自己")}`)).total).toBe(1);
  });
});

describe("permission before version", () => {
  it("answers another unit's notice with 404 whatever version is sent, and a stale version of an own notice with 409", async () => {
    const notice = (await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/notices`, headers: office.headers, payload: { title: "神谕通报" } })).json();
    const outsider = await createTestUser(context, "rectification_office", orgs.unitB);
    for (const version of [notice.version, notice.version + 5]) {
      for (const to of ["approved", "published", "withdrawn", "draft"]) {
        const response = await context.app.inject({ method: "POST", url: `/api/notices/${notice.id}/transition`, headers: outsider.headers, payload: { to, version } });
        expect(response.statusCode).toBe(404);
      }
      const patch = await context.app.inject({ method: "PATCH", url: `/api/notices/${notice.id}`, headers: outsider.headers, payload: { version, title: "改" } });
      expect(patch.statusCode).toBe(404);
    }
    const stale = await context.app.inject({ method: "POST", url: `/api/notices/${notice.id}/transition`, headers: office.headers, payload: { to: "draft", version: notice.version + 5 } });
    expect(stale.statusCode).toBe(409);
  });
});
