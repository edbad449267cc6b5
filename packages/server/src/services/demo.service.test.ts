import { computeCompletionStats } from "@zhenggai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EDUCATION } from "../demo/demo-data.ts";
import { createTestContext, type TestContext } from "../test/test-app.ts";
import type { Actor } from "./access.ts";
import type { DemoResult } from "./demo.service.ts";
import { findRegister } from "./register.service.ts";

let context: TestContext;
let demo: DemoResult;
const actors = new Map<string, Actor>();

beforeAll(async () => {
  context = await createTestContext({ now: new Date("2026-11-22T02:00:00Z") });
  demo = await context.services.demo.loadDemo(null);
  // The running server's scheduler would do this within a minute.
  await context.services.scheduler.sweep();
  for (const account of demo.accounts) {
    const { session } = await context.services.auth.login(account.username, account.password);
    actors.set(account.username, session.actor);
  }
});

afterAll(async () => {
  await context?.close();
});

describe("demo data", () => {
  it("creates accounts for every role that can log in with the printed passwords", () => {
    expect(demo.accounts.map((a) => a.role).sort()).toEqual(["department", "department", "discipline", "inspection_office", "leader", "rectification_office"]);
    expect(actors.size).toBe(demo.accounts.length);
  });

  it("gives the 整改办 a dashboard whose figures agree with the ledger snapshot", async () => {
    const office = actors.get("demo_zgb") as Actor;
    const dashboard = await context.services.dashboard.getDashboard(office, demo.inspectionId);
    const snapshot = await context.services.dashboard.buildSnapshot(office, demo.inspectionId);
    expect(snapshot.findings).toHaveLength(DEMO_EDUCATION.findings.length);
    expect(dashboard.findings).toEqual(computeCompletionStats(snapshot.findings.map((f) => f.status)));
    expect(dashboard.measures.total).toBe(snapshot.findings.flatMap((f) => f.measures).length);
    expect(dashboard.overdue).toBeGreaterThan(0);
    expect(dashboard.byDepartment.length).toBeGreaterThan(3);
    expect(snapshot.registers.rules).toHaveLength(3);
    expect(snapshot.registers.accountability).toHaveLength(6);
    expect(snapshot.registers.recoveries[0].amountFen).toBe(12_600_000);
    expect(snapshot.registers.petitions).toEqual({ total: 3, closed: 2 });
    const allowance = snapshot.findings.find((f) => f.title === "违规发放津补贴问题时有发生");
    const linkedRules = await context.services.registers.list(office, findRegister("rules")!, { findingId: Number(allowance?.id), page: 1, pageSize: 10 });
    expect(linkedRules.items.map((r) => r.title)).toEqual(["青禾县教育系统学校财务管理办法（修订）"]);
  });

  it("shows a rebound measure reopened by 回头看 with its history", async () => {
    const office = actors.get("demo_zgb") as Actor;
    const measures = await context.services.measures.listMeasures(office, { inspectionId: demo.inspectionId, text: "消防通道", page: 1, pageSize: 10 });
    const detail = await context.services.measures.getMeasure(office, measures.items[0].id);
    expect(detail.measure.status).toBe("in_progress");
    expect(detail.reviews[0].outcome).toBe("rebound");
    expect(detail.closures[0].decisions).toHaveLength(3);
    expect(detail.history.length).toBeGreaterThan(3);
  });

  it("lets supervisors rank the three units and department staff see only their department", async () => {
    const rollup = await context.services.dashboard.getRollup(actors.get("demo_xcb") as Actor);
    expect(rollup.map((r) => r.orgName).sort()).toEqual(["青禾县交通运输局", "青禾县卫生健康局", "青禾县教育局"].sort());
    expect(rollup.map((r) => r.rank)).toEqual([1, 2, 3]);
    const staff = actors.get("demo_cw") as Actor;
    const mine = await context.services.measures.listMeasures(staff, { page: 1, pageSize: 100 });
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.items.map((m) => m.departmentName))).toEqual(new Set(["计划财务股"]));
  });

  it("shows the clock: reminders and an escalation, an extension, a replied directive, a 约谈 and this week's report", async () => {
    const staff = actors.get("demo_jcjy") as Actor;
    const inbox = await context.services.notifications.list(staff, { page: 1, pageSize: 100 });
    expect(inbox.items.some((n) => n.kind === "escalation" && n.title.includes("建立信息化设备使用情况月通报制度"))).toBe(true);
    const leader = await context.services.notifications.list(actors.get("demo_leader") as Actor, { page: 1, pageSize: 100 });
    expect(leader.items.some((n) => n.kind === "reminder" && n.title.includes("完成首批闲置设备跨校调剂"))).toBe(true);
    const office = actors.get("demo_zgb") as Actor;
    const kindergarten = await context.services.measures.listMeasures(office, { inspectionId: demo.inspectionId, text: "城东片区", page: 1, pageSize: 10 });
    const extensions = await context.services.extensions.listForMeasure(office, kindergarten.items[0].id);
    expect(extensions).toMatchObject({ originalDueDate: "2026-08-31", dueDate: "2027-03-31" });
    expect(extensions.items.map((e) => e.state)).toEqual(["approved"]);
    const directives = await context.services.directives.list(actors.get("demo_xcb") as Actor, { page: 1, pageSize: 10 });
    expect(directives.items.map((d) => d.state).sort()).toEqual(["open", "replied"]);
    const replied = await context.services.directives.get(office, directives.items.find((d) => d.state === "replied")!.id);
    expect(replied.files.map((f) => f.fileName)).toEqual(["采购审计进度说明.pdf"]);
    const interviews = await context.services.interviews.list(office, { page: 1, pageSize: 10 });
    expect(interviews.items).toHaveLength(1);
    expect((await context.services.weeklyReports.list(office)).filter((r) => r.orgId === demo.unitOrgId)).toHaveLength(1);
    // The demo's own records obey the product's rules: the request came from the measure's department, the 整改办 decided it.
    const requester = demo.accounts.find((a) => a.username === "demo_cw");
    expect(extensions.items[0].requesterName).toBe(requester?.displayName);
  });
});

