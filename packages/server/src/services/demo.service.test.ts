import { canPerform, checkSignoffActor, computeCompletionStats, isCompletedStatus, isSignoffComplete, type SignoffStep, type Status } from "@zhenggai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EDUCATION } from "../demo/demo-data.ts";
import { createTestContext, type TestContext } from "../test/test-app.ts";
import { AccessScope, type Actor } from "./access.ts";
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
    expect(demo.accounts.map((a) => a.role).sort()).toEqual(["department", "department", "department", "discipline", "inspection_office", "leader", "leader", "rectification_office"]);
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

  it("obeys the product's own rules: every signature by the step's person or role, never the submitter", async () => {
    const closures = await context.db.query<{ id: number; measureId: number; chain: SignoffStep[]; submittedBy: number; state: string; orgId: number; departmentId: number | null; leaderUserId: number | null; headUserId: number | null }>(
      `select c.id, c.measure_id as "measureId", c.chain, c.submitted_by as "submittedBy", c.state, m.org_id as "orgId",
              m.department_id as "departmentId", m.leader_user_id as "leaderUserId", d.head_user_id as "headUserId"
         from closures c join measures m on m.id = c.measure_id left join orgs d on d.id = m.department_id order by c.id`,
    );
    expect(closures.length).toBeGreaterThanOrEqual(13);
    const grantsOf = async (userId: number) => AccessScope.load(context.db, { userId, username: "", displayName: "", grants: [] });
    let signatures = 0;
    for (const closure of closures) {
      // The submitter could submit: a 责任部门 of the measure or the unit's 整改办.
      const submitter = await grantsOf(closure.submittedBy);
      expect(canPerform(submitter.rolesAt([closure.orgId, closure.departmentId]), "submit_closure"), `closure ${closure.id} submitter`).toBe(true);
      const decisions = await context.db.query<{ stepIndex: number; userId: number; decision: "approved" | "returned"; onBehalfOf: number | null }>(
        `select step_index as "stepIndex", user_id as "userId", decision, on_behalf_of as "onBehalfOf" from closure_decisions where closure_id = $1 order by id`,
        [closure.id],
      );
      const replayed: { stepIndex: number; userId: string; decision: "approved" | "returned" }[] = [];
      for (const decision of decisions) {
        const step = closure.chain[decision.stepIndex];
        // Independently of the stored routing: the leader step is the measure's 责任领导, the department step its department's head.
        if (step.role === "leader") expect(decision.userId, `closure ${closure.id} leader step`).toBe(closure.leaderUserId);
        if (step.role === "department") expect(decision.userId, `closure ${closure.id} department step`).toBe(closure.headUserId);
        expect(decision.onBehalfOf).toBeNull();
        // And by the product's own check, with the signer's real roles on the measure.
        const scope = await grantsOf(decision.userId);
        const check = checkSignoffActor(closure.chain, replayed, String(closure.submittedBy), { userId: String(decision.userId), roles: scope.rolesAt([closure.orgId, closure.departmentId]) });
        expect(check, `closure ${closure.id} step ${decision.stepIndex}`).toMatchObject({ ok: true, stepIndex: decision.stepIndex });
        replayed.push({ stepIndex: decision.stepIndex, userId: String(decision.userId), decision: decision.decision });
        signatures += 1;
      }
      expect(isSignoffComplete(closure.chain, replayed), `closure ${closure.id} complete`).toBe(closure.state === "approved");
    }
    expect(signatures).toBe(closures.length * 3);

    // Every completed measure has evidence and an approved, unreopened closure; progress and evidence
    // are by people who may report on the measure.
    const measures = await context.db.query<{ id: number; status: Status; orgId: number; departmentId: number | null; evidence: number; approved: number }>(
      `select m.id, m.status, m.org_id as "orgId", m.department_id as "departmentId",
              (select count(*) from evidence e where e.measure_id = m.id) as evidence,
              (select count(*) from closures c where c.measure_id = m.id and c.state = 'approved' and c.reopened_at is null) as approved
         from measures m`,
    );
    for (const m of measures.filter((row) => isCompletedStatus(row.status))) {
      expect(Number(m.evidence), `measure ${m.id} evidence`).toBeGreaterThan(0);
      expect(Number(m.approved), `measure ${m.id} closure`).toBe(1);
    }
    const authors = await context.db.query<{ userId: number; orgId: number; departmentId: number | null }>(
      `select p.author_id as "userId", m.org_id as "orgId", m.department_id as "departmentId" from progress_reports p join measures m on m.id = p.measure_id
       union all select e.uploaded_by, m.org_id, m.department_id from evidence e join measures m on m.id = e.measure_id`,
    );
    for (const author of authors) {
      expect(canPerform((await grantsOf(author.userId)).rolesAt([author.orgId, author.departmentId]), "report_progress")).toBe(true);
    }
    const reviews = await context.db.query<{ userId: number; orgId: number; kind: string }>(`select reviewed_by as "userId", org_id as "orgId", kind from reviews`);
    for (const review of reviews) {
      expect(canPerform((await grantsOf(review.userId)).rolesAt([review.orgId]), review.kind === "self" ? "self_review" : "review")).toBe(true);
    }
  });

  it("links 责任领导 and 责任人 to accounts, leaving one name-only leader to show as unlinked", async () => {
    const linked = await context.db.query<{ n: number }>("select count(*) as n from measures where leader_user_id is null or owner_user_id is null");
    const unlinked = await context.db.query<{ leaderName: string }>(`select distinct leader_name as "leaderName" from measures where leader_user_id is null`);
    expect(unlinked.map((r) => r.leaderName)).toEqual(["宋景行"]);
    expect(Number(linked[0].n)).toBe(2);
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

