// Sign-off by person (issue 8): each step goes to the person it belongs to, delegation is explicit,
// and a step nobody could sign refuses the submission with a message naming it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMultipart } from "../../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let admin: TestUser;
let office: TestUser;
let secretary: TestUser;
let leader: TestUser;
let otherLeader: TestUser;
let head: TestUser;
let owner: TestUser;
let findingId: number;

type Inject = TestContext["app"]["inject"];
const call = (user: TestUser, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
  (context.app.inject as Inject)({ method, url, headers: user.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function newMeasure(text: string, people: Record<string, unknown>): Promise<number> {
  const created = await call(office, "POST", `/api/findings/${findingId}/measures`, { text, departmentId: orgs.deptA1, dueDate: "2026-09-30", ...people });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  const upload = buildMultipart({}, { field: "file", fileName: "会议纪要.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.4 minutes") });
  const uploaded = await context.app.inject({ method: "POST", url: `/api/measures/${id}/evidence`, headers: { ...owner.headers, ...upload.headers }, payload: upload.payload });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  return id;
}

async function pendingFor(user: TestUser): Promise<{ id: number; measureId: number; nextStep: string; onBehalfOfName: string | null }[]> {
  const response = await call(user, "GET", "/api/closures/pending");
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

async function setHead(userId: number | null): Promise<void> {
  const org = (await call(admin, "GET", `/api/orgs/${orgs.deptA1}`)).json();
  const updated = await call(admin, "PATCH", `/api/orgs/${orgs.deptA1}`, { version: org.version, headUserId: userId });
  expect(updated.statusCode, updated.body).toBe(200);
}

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  admin = await createTestUser(context, "admin", orgs.office, "管理员");
  office = await createTestUser(context, "rectification_office", orgs.unitA, "整改办钱");
  secretary = await createTestUser(context, "rectification_office", orgs.unitA, "办公室秘书");
  leader = await createTestUser(context, "leader", orgs.unitA, "周领导");
  otherLeader = await createTestUser(context, "leader", orgs.unitA, "孙领导");
  head = await createTestUser(context, "department", orgs.deptA1, "李股长");
  owner = await createTestUser(context, "department", orgs.deptA1, "王科员");
  const inspection = await call(office, "POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "签字路由测试轮次", feedbackDate: "2026-01-10" });
  const finding = await call(office, "POST", `/api/inspections/${inspection.json().id}/findings`, { title: "会议记录不规范" });
  findingId = finding.json().id;
});

afterAll(async () => {
  await context?.close();
});

describe("sign-off routed to people", () => {
  it("refuses to submit while a step has nobody to sign it, naming the step", async () => {
    const measureId = await newMeasure("规范会议记录", { leaderUserId: leader.actor.userId, ownerUserId: owner.actor.userId });
    const noHead = await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" });
    expect(noHead.statusCode).toBe(422);
    expect(noHead.json().error.message).toBe(
      "无法提交销号：“责任部门负责人审核”环节没有可签字的人——责任部门“甲单位一股”未设置负责人，请管理员在“系统管理 → 组织机构与签字流程”中指定",
    );
    expect(noHead.json().error.details).toMatchObject({ refusal: "NO_SIGNER", stepIndex: 0, role: "department" });

    // A department of one: its head is the submitter, who may not sign their own request.
    await setHead(owner.actor.userId);
    const selfHead = await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" });
    expect(selfHead.statusCode).toBe(422);
    expect(selfHead.json().error.message).toMatch(/^无法提交销号：“责任部门负责人审核”环节没有可签字的人——签字人王科员就是提交人/);

    // A leader written as a name only (as imports do) cannot be routed to.
    await setHead(head.actor.userId);
    const nameOnly = await newMeasure("建立会议记录抽查制度", { leaderName: "赵某某", ownerUserId: owner.actor.userId });
    const unlinked = await call(owner, "POST", `/api/measures/${nameOnly}/closures`, { targetStatus: "completed" });
    expect(unlinked.statusCode).toBe(422);
    expect(unlinked.json().error.message).toBe("无法提交销号：“责任领导签字确认”环节没有可签字的人——本措施的责任领导“赵某某”尚未关联用户账号，请整改办在台账中关联");
    const rows = await context.db.query("select count(*) as n from closures where measure_id = any($1::bigint[])", [[measureId, nameOnly]]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it("links a name-only leader to an account in bulk, after which submission routes to them", async () => {
    const unlinked = (await call(office, "GET", `/api/orgs/${orgs.unitA}/unlinked-people`)).json().items;
    expect(unlinked).toEqual(expect.arrayContaining([{ field: "leader", name: "赵某某", measureCount: 1, suggestedUserIds: [] }]));
    const linked = await call(office, "POST", `/api/orgs/${orgs.unitA}/link-people`, { field: "leader", name: "赵某某", userId: otherLeader.actor.userId });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toEqual({ updated: 1 });
    const after = (await call(office, "GET", `/api/orgs/${orgs.unitA}/unlinked-people`)).json().items;
    expect(after.find((u: { name: string }) => u.name === "赵某某")).toBeUndefined();
    const measures = (await call(office, "GET", "/api/measures?q=抽查制度")).json().items;
    expect(measures[0]).toMatchObject({ leaderUserId: otherLeader.actor.userId, leaderName: "孙领导" });
    const history = (await call(office, "GET", `/api/measures/${measures[0].id}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toContain("link_person");
  });

  it("lets the named 责任领导 and only them sign; a second leader sees nothing to sign", async () => {
    const measureId = await newMeasure("会议记录全面自查", { leaderUserId: leader.actor.userId, ownerUserId: owner.actor.userId });
    const submitted = await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const closureId = submitted.json().id;
    expect(submitted.json().chain).toEqual([
      { role: "department", label: "责任部门负责人审核", assigneeId: String(head.actor.userId), assigneeName: "李股长" },
      { role: "leader", label: "责任领导签字确认", assigneeId: String(leader.actor.userId), assigneeName: "周领导" },
      { role: "rectification_office", label: "整改办对账销号" },
    ]);

    // Step 1 belongs to the head: the leaders see nothing yet, and another department user may not sign.
    expect((await pendingFor(head)).map((p) => p.id)).toEqual([closureId]);
    expect(await pendingFor(leader)).toEqual([]);
    expect(await pendingFor(otherLeader)).toEqual([]);
    const colleague = await createTestUser(context, "department", orgs.deptA1, "一股同事");
    const wrongHead = await call(colleague, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" });
    expect(wrongHead.statusCode).toBe(403);
    expect(wrongHead.json().error.message).toBe("当前环节“责任部门负责人审核”须由李股长本人或其授权的代签人签字");
    const headSigned = await call(head, "POST", `/api/closures/${closureId}/decision`, { decision: "approved", opinion: "材料齐全，同意" });
    expect(headSigned.statusCode, headSigned.body).toBe(200);

    // Step 2 belongs to 周领导 alone.
    expect((await pendingFor(leader)).map((p) => [p.id, p.nextStep, p.onBehalfOfName])).toEqual([[closureId, "责任领导签字确认", null]]);
    expect(await pendingFor(otherLeader)).toEqual([]);
    expect(await pendingFor(office)).toEqual([]);
    const second = await call(otherLeader, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" });
    expect(second.statusCode).toBe(403);
    expect(second.json().error.code).toBe("FORBIDDEN");
    expect(second.json().error.message).toBe("当前环节“责任领导签字确认”须由周领导本人或其授权的代签人签字");
    const asAdmin = await call(admin, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" });
    expect(asAdmin.statusCode).toBe(403);
    expect((await call(leader, "POST", `/api/closures/${closureId}/decision`, { decision: "approved", opinion: "同意销号" })).statusCode).toBe(200);

    // Step 3 is open to the unit's 整改办 role.
    expect((await pendingFor(office)).map((p) => p.id)).toEqual([closureId]);
    expect((await pendingFor(secretary)).map((p) => p.id)).toEqual([closureId]);
    expect((await call(office, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" })).statusCode).toBe(200);

    const detail = (await call(office, "GET", `/api/measures/${measureId}`)).json();
    expect(detail.measure.status).toBe("completed");
    expect(detail.closures[0].decisions.map((d: { userName: string; reason: string; onBehalfOf: number | null }) => [d.userName, d.reason, d.onBehalfOf])).toEqual([
      ["李股长", "材料齐全，同意", null],
      ["周领导", "同意销号", null],
      ["整改办钱", "同意", null],
    ]);
    // Each decision, with its 审核意见, is in the measure's own history.
    const approvals = detail.history.filter((h: { action: string }) => h.action === "approve").map((h: { actorName: string; after: { step: string; opinion: string } }) => [h.actorName.split("（")[0], h.after.step, h.after.opinion]);
    expect(approvals.reverse()).toEqual([
      ["李股长", "责任部门负责人审核", "材料齐全，同意"],
      ["周领导", "责任领导签字确认", "同意销号"],
      ["整改办钱", "整改办对账销号", "同意"],
    ]);
  });

  it("refuses a return without an 审核意见 and records the one given", async () => {
    const measureId = await newMeasure("会议记录归档", { leaderUserId: leader.actor.userId, ownerUserId: owner.actor.userId });
    const closureId = (await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" })).json().id;
    const bare = await call(head, "POST", `/api/closures/${closureId}/decision`, { decision: "returned" });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toBe("退回时须填写审核意见（退回理由）");
    expect((await call(head, "POST", `/api/closures/${closureId}/decision`, { decision: "returned", opinion: "缺少归档目录" })).statusCode).toBe(200);
    const detail = (await call(office, "GET", `/api/measures/${measureId}`)).json();
    expect(detail.closures[0].state).toBe("returned");
    expect(detail.history.find((h: { action: string }) => h.action === "return").after).toMatchObject({ step: "责任部门负责人审核", opinion: "缺少归档目录" });
  });

  it("lets a delegate sign on the leader's behalf (代签), recorded, until the delegation is revoked", async () => {
    const measureId = await newMeasure("会议记录培训", { leaderUserId: leader.actor.userId, ownerUserId: owner.actor.userId });
    const closureId = (await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" })).json().id;
    expect((await call(head, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" })).statusCode).toBe(200);

    // Anyone can list the people of their own unit to pick a delegate, department staff through their department.
    const colleagues = await call(head, "GET", `/api/orgs/${orgs.deptA1}/people`);
    expect(colleagues.statusCode).toBe(200);
    expect(colleagues.json().items.map((p: { displayName: string }) => p.displayName)).toEqual(expect.arrayContaining(["周领导", "办公室秘书", "王科员"]));
    expect((await call(head, "GET", `/api/orgs/${orgs.unitB}/people`)).statusCode).toBe(404);

    // Without a delegation the secretary cannot sign the leader's step.
    expect(await pendingFor(secretary)).toEqual([]);
    const refused = await call(secretary, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" });
    expect(refused.statusCode).toBe(403);

    // Someone else cannot delegate the leader's signature; the leader can.
    const forged = await call(secretary, "POST", "/api/delegations", { principalId: leader.actor.userId, delegateId: secretary.actor.userId, reason: "冒名授权" });
    expect(forged.statusCode).toBe(403);
    const outsider = await createTestUser(context, "department", orgs.deptB1, "乙单位干部");
    // A person of another unit is not found (their name and account state are not the leader's to learn).
    const crossUnit = await call(leader, "POST", "/api/delegations", { delegateId: outsider.actor.userId, reason: "外出" });
    expect(crossUnit.statusCode).toBe(404);
    expect(crossUnit.body).not.toContain("乙单位干部");
    const created = await call(leader, "POST", "/api/delegations", { delegateId: secretary.actor.userId, endsOn: "2026-06-30", reason: "外出学习期间" });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ principalName: "周领导", delegateName: "办公室秘书", startsOn: "2026-06-15", endsOn: "2026-06-30", isActive: true });

    expect((await pendingFor(secretary)).map((p) => [p.id, p.onBehalfOfName])).toEqual([[closureId, "周领导"]]);
    expect((await pendingFor(leader)).map((p) => p.id)).toEqual([closureId]);
    expect(await pendingFor(otherLeader)).toEqual([]);
    const signed = await call(secretary, "POST", `/api/closures/${closureId}/decision`, { decision: "approved", opinion: "受周领导委托，同意" });
    expect(signed.statusCode, signed.body).toBe(200);

    // The delegate signed one step and may not sign the next one as well.
    expect((await pendingFor(secretary))).toEqual([]);
    const twice = await call(secretary, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.message).toBe("同一人不能在销号流程中重复签字");
    expect((await call(office, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" })).statusCode).toBe(200);

    const detail = (await call(office, "GET", `/api/measures/${measureId}`)).json();
    expect(detail.closures[0].decisions[1]).toMatchObject({ userName: "办公室秘书", onBehalfOf: leader.actor.userId, onBehalfOfName: "周领导", reason: "受周领导委托，同意" });
    expect(detail.history.find((h: { action: string; after: { step: string } }) => h.action === "approve" && h.after.step === "责任领导签字确认").after.onBehalfOf).toEqual({ userId: leader.actor.userId, name: "周领导" });

    // Revoked: the secretary no longer sees the leader's steps; the audit trail keeps both records.
    const revoked = await call(leader, "POST", `/api/delegations/${created.json().id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().isActive).toBe(false);
    const next = await newMeasure("会议记录考核", { leaderUserId: leader.actor.userId, ownerUserId: owner.actor.userId });
    const nextClosure = (await call(owner, "POST", `/api/measures/${next}/closures`, { targetStatus: "completed" })).json().id;
    expect((await call(head, "POST", `/api/closures/${nextClosure}/decision`, { decision: "approved" })).statusCode).toBe(200);
    expect(await pendingFor(secretary)).toEqual([]);
    const audit = (await call(admin, "GET", "/api/audit?entity=delegation")).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(["revoke", "create"]);
  });

  it("routes to a delegate when the leader's account is deactivated, and refuses when there is none", async () => {
    const measureId = await newMeasure("会议记录电子化", { leaderUserId: otherLeader.actor.userId, ownerUserId: owner.actor.userId });
    const user = (await call(admin, "GET", "/api/users")).json().items.find((u: { id: number }) => u.id === otherLeader.actor.userId);
    expect((await call(admin, "PATCH", `/api/users/${user.id}`, { version: user.version, isActive: false })).statusCode).toBe(200);
    const refused = await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe("无法提交销号：“责任领导签字确认”环节没有可签字的人——签字人孙领导的账号已停用，且没有有效的代签授权");
    const delegated = await call(admin, "POST", "/api/delegations", { principalId: otherLeader.actor.userId, delegateId: secretary.actor.userId, reason: "孙领导调离前的过渡安排" });
    expect(delegated.statusCode, delegated.body).toBe(201);
    const submitted = await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" });
    expect(submitted.statusCode, submitted.body).toBe(201);
  });
});

describe("回头看 by the unit itself and by supervisors", () => {
  it("lets the 整改办 re-check its own closed measure (自查); a rebound reopens it with a new due date and keeps the sign-off", async () => {
    const measureId = await newMeasure("会议记录月度通报", { leaderUserId: leader.actor.userId, ownerUserId: owner.actor.userId });
    const closureId = (await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" })).json().id;
    for (const signer of [head, leader, office]) expect((await call(signer, "POST", `/api/closures/${closureId}/decision`, { decision: "approved" })).statusCode).toBe(200);

    // Department staff may not re-check; the unit's 整改办 may (自查), a supervisor may (督查).
    expect((await call(owner, "POST", `/api/measures/${measureId}/reviews`, { outcome: "confirmed" })).statusCode).toBe(403);
    const confirmed = await call(office, "POST", `/api/measures/${measureId}/reviews`, { outcome: "confirmed", note: "抽查三个月记录，均规范" });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json()).toMatchObject({ kind: "self", outcome: "confirmed", newDueDate: null });
    const asSupervisor = await call(office, "POST", `/api/measures/${measureId}/reviews`, { outcome: "confirmed", kind: "supervision" });
    expect(asSupervisor.statusCode).toBe(403);

    const noDate = await call(office, "POST", `/api/measures/${measureId}/reviews`, { outcome: "rebound", note: "十月记录又缺失" });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.message).toBe("认定反弹时须确定新的完成时限");
    const pastDate = await call(office, "POST", `/api/measures/${measureId}/reviews`, { outcome: "rebound", note: "十月记录又缺失", newDueDate: "2026-06-01" });
    expect(pastDate.json().error.message).toBe("新的完成时限应晚于复查日期");
    const rebound = await call(office, "POST", `/api/measures/${measureId}/reviews`, { outcome: "rebound", note: "十月记录又缺失", newDueDate: "2026-08-31" });
    expect(rebound.statusCode, rebound.body).toBe(201);
    expect(rebound.json()).toMatchObject({ kind: "self", outcome: "rebound", newDueDate: "2026-08-31" });

    const detail = (await call(office, "GET", `/api/measures/${measureId}`)).json();
    expect(detail.measure).toMatchObject({ status: "in_progress", dueDate: "2026-08-31", originalDueDate: "2026-09-30" });
    const closure = detail.closures.find((c: { id: number }) => c.id === closureId);
    expect(closure).toMatchObject({ state: "approved", reopenReviewId: rebound.json().id });
    expect(closure.reopenedAt).toBeTruthy();
    expect(closure.decisions).toHaveLength(3);
    expect(detail.reviews.map((r: { kind: string; outcome: string; reviewerName: string }) => [r.kind, r.outcome, r.reviewerName])).toEqual([
      ["self", "rebound", "整改办钱"],
      ["self", "confirmed", "整改办钱"],
    ]);
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(["self_review", "reschedule", "status", "approve", "submit_closure"]));

    // Reopened, it can be worked and submitted again; the new closure is routed afresh.
    const again = await call(owner, "POST", `/api/measures/${measureId}/closures`, { targetStatus: "completed" });
    expect(again.statusCode, again.body).toBe(201);
    const inspector = await createTestUser(context, "inspection_office", orgs.office, "巡察办干部");
    for (const signer of [head, leader, office]) expect((await call(signer, "POST", `/api/closures/${again.json().id}/decision`, { decision: "approved" })).statusCode).toBe(200);
    const supervised = await call(inspector, "POST", `/api/measures/${measureId}/reviews`, { outcome: "confirmed" });
    expect(supervised.json()).toMatchObject({ kind: "supervision" });
  });
});
