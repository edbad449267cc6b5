import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let leader: TestUser;
let inspectionId: number;
let findingId: number;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
  leader = await createTestUser(context, "leader", orgs.unitA);
  const round = await context.services.inspections.createInspection(office.actor, orgs.unitA, { name: "公开测试轮次", groupName: "县委第一巡察组", feedbackDate: "2026-01-10" });
  inspectionId = round.id;
  const finding = await context.services.findings.createFinding(office.actor, round.id, { title: "村级财务公开不及时" });
  findingId = finding.id;
  await context.services.measures.createMeasure(office.actor, finding.id, { text: "每季度公开村级财务", departmentId: orgs.deptA1, ownerName: "赵六", dueDate: "2026-09-30" });
});

afterAll(async () => {
  await context?.close();
});

describe("publishing a notice to the public", () => {
  it("shows the public only published notices, frozen at publication, with comments during the period", async () => {
    const inject = context.app.inject.bind(context.app);
    const draft = await context.services.notices.createNotice(office.actor, inspectionId, {
      noticeDate: "2026-06-15",
      publicStart: "2026-06-15",
      publicEnd: "2026-06-21",
      contacts: { phones: ["0000-1234567"], emails: [], postal: [] },
    });
    expect((await inject({ method: "GET", url: `/api/public/notices/${draft.id}` })).statusCode).toBe(404);
    const check = await context.services.notices.checkNotice(office.actor, draft.id);
    expect(check.warnings.find((w) => w.code === "PLAN_MISSING")?.message).toMatch(/1个未完成的问题没有填写整改计划/);

    // The warning blocks approval until someone acknowledges it.
    await expect(context.services.notices.transitionNotice(leader.actor, draft.id, { to: "approved", version: draft.version })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    for (const warning of check.warnings.filter((w) => w.needsAcknowledgement)) await context.services.notices.acknowledgeWarning(office.actor, draft.id, { key: warning.key as string });
    const approved = await context.services.notices.transitionNotice(leader.actor, draft.id, { to: "approved", version: draft.version });
    const published = await context.services.notices.transitionNotice(office.actor, draft.id, { to: "published", version: approved.version });
    expect(published.state).toBe("published");

    const view = (await inject({ method: "GET", url: `/api/public/notices/${draft.id}` })).json();
    expect(view.html).toContain("村级财务公开不及时");
    expect(view.html).not.toContain("<script");
    expect(view).toMatchObject({ contacts: { phones: ["0000-1234567"] }, isCommentOpen: true });
    expect(view).not.toHaveProperty("figures");
    expect(view).not.toHaveProperty("approvedBy");

    // Later ledger edits do not change what was published.
    const finding = await context.services.findings.getFinding(office.actor, findingId);
    await context.services.findings.updateFinding(office.actor, findingId, { version: finding.version, title: "改过的标题" });
    const again = (await inject({ method: "GET", url: `/api/public/notices/${draft.id}` })).json();
    expect(again.html).toBe(view.html);
    expect(again.sha256).toBe(view.sha256);

    const list = (await inject({ method: "GET", url: "/api/public/notices" })).json();
    expect(list.items.map((n: { id: number }) => n.id)).toEqual([draft.id]);

    const comment = await inject({ method: "POST", url: `/api/public/notices/${draft.id}/comments`, payload: { text: "建议公开每季度财务明细", contact: "匿名" } });
    expect(comment.statusCode).toBe(201);
    const saved = context.clock.now;
    context.clock.now = new Date("2026-07-01T02:00:00Z");
    const late = await inject({ method: "POST", url: `/api/public/notices/${draft.id}/comments`, payload: { text: "公示期过后的意见" } });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe("不在公示期内，暂不接收意见");
    context.clock.now = saved;

    const comments = await context.services.notices.listComments(office.actor, draft.id);
    expect(comments.map((c) => c.text)).toEqual(["建议公开每季度财务明细"]);
  });
});
