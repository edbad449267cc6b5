// The publishing gate over HTTP: errors block approval, each warning is acknowledged by a person
// (who, when, which warning recorded), and the approver sees and signs off on those acknowledgements.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let leader: TestUser;

async function call(user: TestUser, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) {
  const response = await context.app.inject({ method, url, headers: user.headers, payload: payload as never });
  return { status: response.statusCode, body: response.json() };
}

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA, "整改办王五");
  leader = await createTestUser(context, "leader", orgs.unitA, "分管领导赵六");
});

afterAll(async () => {
  await context?.close();
});

describe("the publishing gate", () => {
  it("blocks on an error, then on each unacknowledged warning, and records who acknowledged which", async () => {
    const round = (await call(office, "POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "发布关口测试", feedbackDate: "2026-03-01" })).body;
    const finding = (await call(office, "POST", `/api/inspections/${round.id}/findings`, { title: "合同管理不规范" })).body;
    await call(office, "POST", `/api/findings/${finding.id}/measures`, { text: "修订合同管理办法", dueDate: "2026-09-30" });
    const notice = (await call(office, "POST", `/api/inspections/${round.id}/notices`, { texts: { organisation: "巡察反馈的3个问题，已完成整改3个。" }, noticeDate: "2026-06-15" })).body;

    // A figure that contradicts the ledger is an error: approval refused, and it cannot be acknowledged away.
    let check = (await call(office, "GET", `/api/notices/${notice.id}/check`)).body;
    expect(check.canApprove).toBe(false);
    expect(check.blockers[0]).toMatch(/通报中问题总数为3，台账计算为1/);
    const refused = await call(leader, "POST", `/api/notices/${notice.id}/transition`, { to: "approved", version: notice.version, figures: check.figures });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/不能审核通过/);

    const fixed = (await call(office, "PATCH", `/api/notices/${notice.id}`, { version: notice.version, texts: { organisation: "局党组召开专题会议部署整改。" } })).body;
    check = (await call(office, "GET", `/api/notices/${notice.id}/check`)).body;
    expect(check.mismatches).toEqual([]);
    const warning = check.warnings.find((w: { code: string }) => w.code === "PLAN_MISSING");
    expect(warning).toMatchObject({ severity: "warning", needsAcknowledgement: true, acknowledgement: null, key: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(check.canApprove).toBe(false);
    expect(check.blockers.join("")).toMatch(/还有 \d+ 条提醒尚未逐条确认：.*没有填写整改计划/);
    const unacknowledged = await call(leader, "POST", `/api/notices/${notice.id}/transition`, { to: "approved", version: fixed.version, figures: check.figures });
    expect(unacknowledged.status).toBe(422);
    expect(unacknowledged.body.error.message).toMatch(/尚未逐条确认/);

    const stale = await call(office, "POST", `/api/notices/${notice.id}/acknowledgements`, { key: "0".repeat(64) });
    expect(stale.status).toBe(409);
    for (const item of check.warnings.filter((w: { needsAcknowledgement: boolean }) => w.needsAcknowledgement)) {
      const acknowledged = await call(office, "POST", `/api/notices/${notice.id}/acknowledgements`, { key: item.key, note: "整改计划将在下周补录" });
      expect(acknowledged.status).toBe(201);
    }
    // The approver sees who acknowledged which warning, and when.
    check = (await call(leader, "GET", `/api/notices/${notice.id}/check`)).body;
    expect(check.canApprove).toBe(true);
    expect(check.warnings.find((w: { code: string }) => w.code === "PLAN_MISSING").acknowledgement).toMatchObject({
      acknowledgedByName: "整改办王五",
      acknowledgedAt: expect.any(String),
      note: "整改计划将在下周补录",
      code: "PLAN_MISSING",
    });
    const approved = await call(leader, "POST", `/api/notices/${notice.id}/transition`, { to: "approved", version: fixed.version, figures: check.figures });
    expect(approved.status).toBe(200);
    const audit = await context.db.query<{ action: string; after: { acknowledgedWarnings?: unknown[] } }>(
      "select action, after from audit_log where entity = 'notice' and entity_id = $1 order by id",
      [String(notice.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["acknowledge", "approved"]));
    expect(audit.find((a) => a.action === "approved")!.after.acknowledgedWarnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "PLAN_MISSING", by: "整改办王五" })]),
    );
  });

  it("asks again when the warning changes: an acknowledgement is of one warning as it was worded", async () => {
    const round = (await call(office, "POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "提醒变化测试" })).body;
    const first = (await call(office, "POST", `/api/inspections/${round.id}/findings`, { title: "问题甲" })).body;
    await call(office, "POST", `/api/findings/${first.id}/measures`, { text: "措施甲" });
    const notice = (await call(office, "POST", `/api/inspections/${round.id}/notices`, {})).body;
    let check = (await call(office, "GET", `/api/notices/${notice.id}/check`)).body;
    for (const item of check.warnings.filter((w: { needsAcknowledgement: boolean }) => w.needsAcknowledgement)) {
      await call(office, "POST", `/api/notices/${notice.id}/acknowledgements`, { key: item.key });
    }
    expect((await call(office, "GET", `/api/notices/${notice.id}/check`)).body.canApprove).toBe(true);
    const second = (await call(office, "POST", `/api/inspections/${round.id}/findings`, { title: "问题乙" })).body;
    await call(office, "POST", `/api/findings/${second.id}/measures`, { text: "措施乙" });
    check = (await call(office, "GET", `/api/notices/${notice.id}/check`)).body;
    expect(check.warnings.find((w: { code: string }) => w.code === "PLAN_MISSING")).toMatchObject({ acknowledgement: null, message: expect.stringMatching(/^2个未完成的问题/) });
    expect(check.canApprove).toBe(false);
  });
});
