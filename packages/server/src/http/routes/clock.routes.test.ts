import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { morningOf } from "../../test/clock-fixture.ts";
import { buildMultipart } from "../../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, TEST_PASSWORD, type OrgFixture, type TestContext, type TestUser } from "../../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let owner: TestUser;
let principal: TestUser;
let inspector: TestUser;
let otherUnit: TestUser;
let roundId: number;
let findingId: number;
let measureId: number;

async function call<T = Record<string, unknown>>(user: TestUser, method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const response = await context.app.inject({ method, url, headers: user.headers, payload: payload as never });
  return { status: response.statusCode, body: (response.headers["content-type"]?.toString().includes("json") ? response.json() : response.body) as T };
}

async function unread(user: TestUser): Promise<number> {
  return (await call<{ unread: number }>(user, "GET", "/api/notifications/unread-count")).body.unread;
}

beforeAll(async () => {
  context = await createTestContext({ now: morningOf("2026-06-15") });
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA, "整改办甲");
  owner = await createTestUser(context, "department", orgs.deptA1, "责任人乙");
  principal = await createTestUser(context, "leader", orgs.unitA, "主要负责人丙");
  inspector = await createTestUser(context, "inspection_office", orgs.office, "巡察办丁");
  otherUnit = await createTestUser(context, "rectification_office", orgs.unitB, "乙单位整改办");
  roundId = (await call<{ id: number }>(office, "POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "时钟接口测试", feedbackDate: "2026-05-01" })).body.id;
  findingId = (await call<{ id: number }>(office, "POST", `/api/inspections/${roundId}/findings`, { title: "接口测试问题" })).body.id;
  const measure = await call<{ id: number; dueDate: string }>(office, "POST", `/api/findings/${findingId}/measures`, { text: "修订接口测试制度", departmentId: orgs.deptA1, ownerUserId: owner.actor.userId, ownerName: "责任人乙", dueDate: "2026-06-30" });
  measureId = measure.body.id;
});
afterAll(async () => context?.close());

describe("deadline rules and the round's clock", () => {
  it("computes the round's windows and gives a new measure its default due date", async () => {
    const clock = await call<{ windows: { key: string; date: string; state: string }[] }>(office, "GET", `/api/inspections/${roundId}/clock`);
    expect(clock.body.windows.map((w) => `${w.key} ${w.date} ${w.state}`)).toEqual([
      "plan_due 2026-06-01 past",
      "concentrated_end 2026-07-01 upcoming",
      "report_due 2026-07-01 upcoming",
      "evaluation 2026-08-01 upcoming",
      "public_period 2026-08-01 upcoming",
      "follow_up 2026-11-01 upcoming",
    ]);
    const created = await call<{ dueDate: string; originalDueDate: string }>(office, "POST", `/api/findings/${findingId}/measures`, { text: "按规则默认时限的措施", kind: "deadline" });
    expect(created.body).toMatchObject({ dueDate: "2026-07-01", originalDueDate: "2026-07-01" });
  });

  it("lets the 巡察办 set its units' rules, checked in Chinese, and the lights follow them", async () => {
    const current = await call<{ rules: Record<string, unknown>; canEdit: boolean }>(inspector, "GET", `/api/orgs/${orgs.office}/clock-rules`);
    expect(current.body.canEdit).toBe(true);
    const rules = current.body.rules as { ladder: { key: string; days: number }[]; weeklyReportDay: number };
    const wider = { ...rules, ladder: rules.ladder.map((s) => (s.key === "yellow" ? { ...s, days: 20 } : s)) };
    const bad = await call<{ error: { code: string; message: string } }>(inspector, "PUT", `/api/orgs/${orgs.office}/clock-rules`, { rules: { ...wider, ladder: [...wider.ladder, wider.ladder[0]] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/期限规则有误：.*重复/);
    expect((await call(office, "PUT", `/api/orgs/${orgs.unitA}/clock-rules`, { rules: wider })).status).toBe(403);
    expect((await call(inspector, "PUT", `/api/orgs/${orgs.office}/clock-rules`, { rules: wider })).status).toBe(200);
    // Due 06-30, today 06-15: 15 days left, yellow under a 20-day yellow step (green under the default 10).
    const list = await call<{ items: { id: number; light: string }[] }>(office, "GET", `/api/measures?inspectionId=${roundId}`);
    expect(list.body.items.find((m) => m.id === measureId)?.light).toBe("yellow");
    const unitRules = await call<{ definedAt: number; yellowDays: number }>(office, "GET", `/api/orgs/${orgs.unitA}/clock-rules`);
    expect(unitRules.body).toMatchObject({ definedAt: orgs.office, yellowDays: 20 });
    expect((await call(inspector, "PUT", `/api/orgs/${orgs.office}/clock-rules`, { rules: null })).status).toBe(200);
    const after = await call<{ items: { id: number; light: string }[] }>(office, "GET", `/api/measures?inspectionId=${roundId}`);
    expect(after.body.items.find((m) => m.id === measureId)?.light).toBe("green");
  });
});

describe("extension request → approval", () => {
  it("moves the due date, keeps the original, and tells the people concerned", async () => {
    const ownerUnreadBefore = await unread(owner);
    const tooEarly = await call<{ error: { message: string } }>(owner, "POST", `/api/measures/${measureId}/extensions`, { requestedDueDate: "2026-06-20", reason: "测试" });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.message).toContain("应晚于当前完成时限");
    const requested = await call<{ id: number; state: string }>(owner, "POST", `/api/measures/${measureId}/extensions`, { requestedDueDate: "2026-08-31", reason: "需待上级文件印发后同步修订" });
    expect(requested.status).toBe(201);
    expect((await call(owner, "POST", `/api/measures/${measureId}/extensions`, { requestedDueDate: "2026-09-30", reason: "再申请" })).status).toBe(409);
    // The configured approver (整改办 by default) is told; the requester cannot decide their own request.
    const inbox = await call<{ items: { kind: string; link: string }[] }>(office, "GET", "/api/notifications?unread=true");
    expect(inbox.body.items.some((n) => n.kind === "extension_requested" && n.link === `/measures/${measureId}`)).toBe(true);
    expect((await call(owner, "POST", `/api/extensions/${requested.body.id}/decision`, { decision: "approved" })).status).toBe(403);
    expect((await call(principal, "POST", `/api/extensions/${requested.body.id}/decision`, { decision: "approved" })).status).toBe(403);
    const decided = await call<{ state: string; measureDueDate: string }>(office, "POST", `/api/extensions/${requested.body.id}/decision`, { decision: "approved", note: "同意" });
    expect(decided.body).toMatchObject({ state: "approved", measureDueDate: "2026-08-31" });

    const measure = await call<{ measure: { dueDate: string; originalDueDate: string } }>(owner, "GET", `/api/measures/${measureId}`);
    expect(measure.body.measure).toMatchObject({ dueDate: "2026-08-31", originalDueDate: "2026-06-30" });
    // A second extension keeps the first original and records the date it replaced.
    const second = await call<{ id: number }>(owner, "POST", `/api/measures/${measureId}/extensions`, { requestedDueDate: "2026-09-30", reason: "配套资金尚未到位" });
    await call(office, "POST", `/api/extensions/${second.body.id}/decision`, { decision: "approved" });
    const history = await call<{ originalDueDate: string; dueDate: string; items: { previousDueDate: string; requestedDueDate: string; state: string }[] }>(owner, "GET", `/api/measures/${measureId}/extensions`);
    expect(history.body.originalDueDate).toBe("2026-06-30");
    expect(history.body.dueDate).toBe("2026-09-30");
    expect(history.body.items.map((e) => `${e.previousDueDate}→${e.requestedDueDate} ${e.state}`)).toEqual(["2026-06-30→2026-08-31 approved", "2026-08-31→2026-09-30 approved"]);
    expect(await unread(owner)).toBe(ownerUnreadBefore + 2);
    const decidedNotes = await call<{ items: { kind: string; title: string }[] }>(owner, "GET", "/api/notifications");
    expect(decidedNotes.body.items[0]).toMatchObject({ kind: "extension_decided", title: "延期申请已批准：修订接口测试制度" });

    // Extensions count in statistics and the ledger export carries both dates.
    const dashboard = await call<{ extensions: Record<string, number> }>(office, "GET", `/api/dashboard?inspectionId=${roundId}`);
    expect(dashboard.body.extensions).toEqual({ requested: 2, approved: 2, pending: 0, measuresExtended: 1 });
    const snapshot = await call<{ findings: { measures: { id: string; dueDate: string; originalDueDate: string }[] }[] }>(office, "GET", `/api/inspections/${roundId}/snapshot`);
    expect(snapshot.body.findings[0].measures.find((m) => m.id === String(measureId))).toMatchObject({ dueDate: "2026-09-30", originalDueDate: "2026-06-30" });
  });

  it("requires a reason to refuse, and refuses people of another unit", async () => {
    const request = await call<{ id: number }>(owner, "POST", `/api/measures/${measureId}/extensions`, { requestedDueDate: "2026-10-31", reason: "第三次申请" });
    expect((await call(office, "POST", `/api/extensions/${request.body.id}/decision`, { decision: "rejected" })).status).toBe(400);
    expect((await call(otherUnit, "POST", `/api/extensions/${request.body.id}/decision`, { decision: "approved" })).status).toBe(404);
    const rejected = await call<{ state: string; measureDueDate: string }>(office, "POST", `/api/extensions/${request.body.id}/decision`, { decision: "rejected", note: "已延期两次，不再延期" });
    expect(rejected.body).toMatchObject({ state: "rejected", measureDueDate: "2026-09-30" });
  });
});

describe("directive → reply → overdue escalation", () => {
  it("issues a directive on a measure, the unit replies with evidence, the issuer closes it", async () => {
    const officeUnread = await unread(office);
    expect((await call(office, "POST", "/api/directives", { measureId, text: "整改办不能督办自己", replyDue: "2026-06-25" })).status).toBe(403);
    const issued = await call<{ id: number; orgId: number; findingId: number; inspectionId: number; version: number }>(inspector, "POST", "/api/directives", {
      measureId,
      text: "请说明接口测试制度修订进度",
      replyDue: "2026-06-25",
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ orgId: orgs.unitA, findingId, inspectionId: roundId });
    expect(await unread(office)).toBe(officeUnread + 1);
    expect(await unread(otherUnit)).toBe(0);

    const upload = buildMultipart({}, { field: "file", fileName: "回复说明.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.4 回复材料") });
    const file = await context.app.inject({ method: "POST", url: `/api/directives/${issued.body.id}/files`, headers: { ...office.headers, ...upload.headers }, payload: upload.payload });
    expect(file.statusCode).toBe(201);
    expect((await call(inspector, "POST", `/api/directives/${issued.body.id}/close`, { version: issued.body.version })).status).toBe(409);
    const replied = await call<{ state: string; version: number }>(office, "POST", `/api/directives/${issued.body.id}/reply`, { replyText: "已完成初稿，正在征求意见", version: issued.body.version });
    expect(replied.body.state).toBe("replied");
    const inspectorInbox = await call<{ items: { kind: string; link: string }[] }>(inspector, "GET", "/api/notifications");
    expect(inspectorInbox.body.items[0]).toMatchObject({ kind: "directive_replied", link: `/directives/${issued.body.id}` });
    const closed = await call<{ state: string }>(inspector, "POST", `/api/directives/${issued.body.id}/close`, { note: "回复属实", version: replied.body.version });
    expect(closed.body.state).toBe("closed");
    const detail = await call<{ directive: { state: string; fileCount: number }; files: { fileName: string }[]; history: { action: string }[] }>(office, "GET", `/api/directives/${issued.body.id}`);
    expect(detail.body.directive).toMatchObject({ state: "closed", fileCount: 1 });
    expect(detail.body.history.map((h) => h.action).reverse()).toEqual(["create", "evidence", "reply", "close"]);
  });

  it("escalates an unanswered directive after its reply date, once, and counts it in the roll-up", async () => {
    const issued = await call<{ id: number }>(inspector, "POST", `/api/inspections/${roundId}/directives`, { text: "请报送集中整改期工作安排", replyDue: "2026-06-20" });
    context.clock.now = morningOf("2026-06-21");
    await context.services.scheduler.tick();
    await context.services.scheduler.tick();
    const escalations = await context.db.query<{ userId: number }>(
      `select n.user_id as "userId" from notifications n join clock_events e on e.id = n.event_id where e.record_type = 'directive' and e.record_id = $1 and e.step_key = 'overdue'`,
      [issued.body.id],
    );
    expect(escalations.map((e) => e.userId).sort()).toEqual([office.actor.userId, principal.actor.userId, inspector.actor.userId].sort());
    // Sessions live by the same clock, so the rest is read through the services on that day.
    const overdue = await context.services.directives.list(inspector.actor, { isOverdue: true, page: 1, pageSize: 20 });
    expect(overdue.items.map((d) => [d.id, d.isOverdue])).toEqual([[issued.body.id, true]]);
    const rollup = await context.services.dashboard.getRollup(inspector.actor);
    expect(rollup.find((r) => r.orgId === orgs.unitA)).toMatchObject({ directives: 2, openDirectives: 1, overdueDirectives: 1 });
    context.clock.now = morningOf("2026-06-15");
    expect((await call<{ items: unknown[] }>(inspector, "GET", "/api/directives?overdue=true")).body.items).toEqual([]);
  });
});

describe("约谈 records", () => {
  it("records who talked to whom, when, about which items, and lists them in their register", async () => {
    const input = { orgId: orgs.unitA, inspectionId: roundId, interviewer: "巡察办丁", interviewee: "主要负责人丙", heldOn: "2026-06-12", location: "县委巡察办会议室", subject: "整改进度滞后", measureIds: [measureId], findingIds: [findingId], outcome: "责令一周内报送整改计划" };
    expect((await call(owner, "POST", "/api/interviews", input)).status).toBe(404);
    expect((await call(inspector, "POST", "/api/interviews", { ...input, heldOn: "2026-07-01" })).status).toBe(400);
    expect((await call(inspector, "POST", "/api/interviews", { ...input, measureIds: [999_999] })).status).toBe(400);
    const created = await call<{ id: number; version: number }>(inspector, "POST", "/api/interviews", input);
    expect(created.status).toBe(201);
    const edited = await call<{ outcome: string }>(inspector, "PATCH", `/api/interviews/${created.body.id}`, { ...input, outcome: "责令三日内报送整改计划", version: created.body.version });
    expect(edited.body.outcome).toBe("责令三日内报送整改计划");
    const register = await call<{ items: { interviewee: string; unitName: string; measureIds: number[] }[] }>(office, "GET", `/api/interviews?orgId=${orgs.unitA}`);
    expect(register.body.items).toEqual([expect.objectContaining({ interviewee: "主要负责人丙", unitName: "甲单位", measureIds: [measureId] })]);
    expect((await call<{ items: unknown[] }>(otherUnit, "GET", "/api/interviews")).body.items).toEqual([]);
    const rollup = await call<{ items: { orgId: number; interviews: number }[] }>(inspector, "GET", "/api/rollup");
    expect(rollup.body.items.find((r) => r.orgId === orgs.unitA)?.interviews).toBe(1);
  });
});

describe("the bell", () => {
  it("shows the unread count and clears on reading", async () => {
    const count = await unread(owner);
    expect(count).toBeGreaterThan(0);
    const list = await call<{ items: { id: number }[] }>(owner, "GET", "/api/notifications?unread=true&pageSize=1");
    expect((await call<{ marked: number; unread: number }>(owner, "POST", "/api/notifications/read", { ids: [list.body.items[0].id] })).body).toEqual({ marked: 1, unread: count - 1 });
    // Someone else's notification is not theirs to mark.
    expect((await call<{ marked: number }>(office, "POST", "/api/notifications/read", { ids: [list.body.items[0].id] })).body.marked).toBe(0);
    expect((await call<{ unread: number }>(owner, "POST", "/api/notifications/read", {})).body.unread).toBe(0);
    expect(await unread(owner)).toBe(0);
  });

  it("keeps each person's e-mail choices", async () => {
    const bad = await call<{ error: { message: string } }>(owner, "PUT", "/api/notifications/settings", { email: "不是邮箱", emailKinds: [] });
    expect(bad.body.error.message).toBe("邮箱地址格式不正确");
    const saved = await call<{ email: string; emailKinds: string[]; isMailConfigured: boolean }>(owner, "PUT", "/api/notifications/settings", { email: "owner@example.cn", emailKinds: ["reminder"] });
    expect(saved.body).toEqual({ email: "owner@example.cn", emailKinds: ["reminder"], isMailConfigured: false });
  });
});

/** Logs a test user in again (sessions expire by the test clock). */
async function relogin(user: TestUser): Promise<TestUser> {
  const response = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: user.actor.username, password: TEST_PASSWORD } });
  const body = response.json() as { csrfToken: string };
  return { actor: user.actor, headers: { cookie: response.cookies.map((c) => `${c.name}=${c.value}`).join("; "), "x-csrf-token": body.csrfToken } };
}

describe("weekly report", () => {
  it("is generated, edited, exported as DOCX and sent; supervisors see who has not sent", async () => {
    // Friday 06-19: the period is the week 06-13 … 06-19 in which the directives and extensions above happened.
    context.clock.now = morningOf("2026-06-19");
    [office, owner, inspector] = await Promise.all([relogin(office), relogin(owner), relogin(inspector)]);
    const status = await call<{ periodEnd: string; units: { orgId: number; state: string | null }[] }>(inspector, "GET", "/api/weekly-reports/status");
    expect(status.body.periodEnd).toBe("2026-06-19");
    // The scheduler's run on 06-21 above already generated it: a draft, not yet sent.
    expect(status.body.units.find((u) => u.orgId === orgs.unitA)?.state).toBe("draft");
    expect(status.body.units.find((u) => u.orgId === orgs.unitB)).toBeUndefined();
    expect((await call(owner, "POST", `/api/orgs/${orgs.unitA}/weekly-reports`)).status).toBe(404);
    const generated = await call<{ id: number; version: number; content: { totals: { measures: number } } }>(office, "POST", `/api/orgs/${orgs.unitA}/weekly-reports`);
    expect(generated.status).toBe(201);
    expect(generated.body.content.totals.measures).toBe(2);
    const edited = await call<{ version: number }>(office, "PATCH", `/api/weekly-reports/${generated.body.id}`, { summary: "本周召开整改推进会一次。", nextSteps: "下周完成制度修订。", version: generated.body.version });
    const docx = await context.app.inject({ method: "GET", url: `/api/weekly-reports/${generated.body.id}/export?format=docx`, headers: office.headers });
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain("甲单位");
    expect(text).toContain("巡察整改工作周汇报");
    expect(text).toContain("本周召开整改推进会一次。");
    expect(text).toContain("下周完成制度修订。");
    expect(text).toContain("请说明接口测试制度修订进度");
    expect(text).toContain("请报送集中整改期工作安排");
    expect(text).toContain("需待上级文件印发后同步修订");
    expect(text).toContain("本周申请延期3项");
    const sent = await call<{ state: string }>(office, "POST", `/api/weekly-reports/${generated.body.id}/send`, { version: edited.body.version });
    expect(sent.body.state).toBe("sent");
    expect((await call(office, "PATCH", `/api/weekly-reports/${generated.body.id}`, { summary: "改", nextSteps: "", version: edited.body.version + 1 })).status).toBe(409);
    const after = await call<{ units: { orgId: number; state: string | null }[] }>(inspector, "GET", "/api/weekly-reports/status");
    expect(after.body.units.find((u) => u.orgId === orgs.unitA)?.state).toBe("sent");
    const inbox = await call<{ items: { kind: string }[] }>(inspector, "GET", "/api/notifications");
    expect(inbox.body.items[0].kind).toBe("weekly_report");
  });
});
