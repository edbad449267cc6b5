// Nothing evidenced is destroyed: deletion refused (409) for records that hold anything, archiving,
// voiding that keeps content and history, and the date rules, all through the HTTP API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMultipart } from "../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let dept: TestUser;
let deptHead: TestUser;
let leader: TestUser;

const CHINESE = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA, "整改办干事");
  dept = await createTestUser(context, "department", orgs.deptA1, "一股经办人");
  // Sign-off goes to people: the department's head and each measure's 责任领导 account.
  deptHead = await createTestUser(context, "department", orgs.deptA1, "一股股长");
  leader = await createTestUser(context, "leader", orgs.unitA, "分管领导");
  const admin = await createTestUser(context, "admin", orgs.office, "管理员");
  const department = (await context.app.inject({ method: "GET", url: `/api/orgs/${orgs.deptA1}`, headers: admin.headers })).json();
  const headSet = await context.app.inject({ method: "PATCH", url: `/api/orgs/${orgs.deptA1}`, headers: admin.headers, payload: { version: department.version, headUserId: deptHead.actor.userId } });
  expect(headSet.statusCode, headSet.body).toBe(200);
});

afterAll(async () => {
  await context?.close();
});

async function call(user: TestUser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) {
  const response = await context.app.inject({ method, url, headers: user.headers, payload: payload as never });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

async function created<T = { id: number; version: number }>(user: TestUser, url: string, payload: unknown): Promise<T> {
  const response = await call(user, "POST", url, payload);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as T;
}

async function newRound(name: string, dates: Record<string, string> = { feedbackDate: "2026-01-10" }) {
  return created<{ id: number; version: number }>(office, `/api/orgs/${orgs.unitA}/inspections`, { name, ...dates });
}

async function newFindingWithMeasure(roundId: number, title: string) {
  const finding = await created(office, `/api/inspections/${roundId}/findings`, { title });
  const measure = await created(office, `/api/findings/${finding.id}/measures`, { text: `${title}的措施`, departmentId: orgs.deptA1, leaderUserId: leader.actor.userId, dueDate: "2026-09-30" });
  return { finding, measure };
}

async function uploadEvidence(user: TestUser, measureId: number, fileName = "会议纪要.pdf", fields: Record<string, string> = {}) {
  const upload = buildMultipart(fields, { field: "file", fileName, contentType: "application/pdf", bytes: Buffer.from(`%PDF-1.4 ${fileName}`) });
  const response = await context.app.inject({ method: "POST", url: `/api/measures/${measureId}/evidence`, headers: { ...user.headers, ...upload.headers }, payload: upload.payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number; category: string };
}

async function auditActions(entity: string, id: number): Promise<string[]> {
  const rows = await context.db.query<{ action: string }>("select action from audit_log where entity = $1 and entity_id = $2 order by id", [entity, String(id)]);
  return rows.map((r) => r.action);
}

describe("deleting a round, finding or measure that holds evidence", () => {
  it("is refused with 409 and a Chinese message, and nothing is removed", async () => {
    const round = await newRound("有佐证的轮次");
    const { finding, measure } = await newFindingWithMeasure(round.id, "公务接待超标准");
    const evidence = await uploadEvidence(dept, measure.id);

    const measureDelete = await call(office, "DELETE", `/api/measures/${measure.id}?version=${measure.version}`);
    expect(measureDelete.status).toBe(409);
    expect(measureDelete.body.error).toMatchObject({ code: "CONFLICT", details: { refusal: "HAS_RECORDS" } });
    expect(measureDelete.body.error.message).toBe("该整改措施已有1份佐证材料，不能删除，只能作废。删除仅适用于没有任何材料的空记录。");

    const currentFinding = (await call(office, "GET", `/api/findings/${finding.id}`)).body;
    const findingDelete = await call(office, "DELETE", `/api/findings/${finding.id}?version=${currentFinding.version}`);
    expect(findingDelete.status).toBe(409);
    expect(findingDelete.body.error.message).toMatch(/^该问题已有1份佐证材料，不能删除，只能作废/);

    const roundDelete = await call(office, "DELETE", `/api/inspections/${round.id}?version=${round.version}`);
    expect(roundDelete.status).toBe(409);
    expect(roundDelete.body.error.message).toMatch(/^该巡察轮次已有1份佐证材料，不能删除，只能归档/);

    // The database refuses too, whatever path a future change takes.
    await expect(context.db.query("delete from inspections where id = $1", [round.id])).rejects.toThrow();
    await expect(context.db.query("delete from measures where id = $1", [measure.id])).rejects.toThrow();
    const kept = await context.db.query<{ n: number }>("select count(*) as n from evidence where id = $1", [evidence.id]);
    expect(Number(kept[0].n)).toBe(1);
    expect(await auditActions("inspection", round.id)).toEqual(["create"]);
  });

  it("names what a round holds: progress, registers and a notice", async () => {
    const round = await newRound("有通报的轮次");
    const { measure } = await newFindingWithMeasure(round.id, "会议费管理不严");
    await created(dept, `/api/measures/${measure.id}/progress`, { text: "已开展自查" });
    await created(office, `/api/inspections/${round.id}/rules`, { title: "会议费管理办法" });
    await created(office, `/api/inspections/${round.id}/notices`, {});
    const response = await call(office, "DELETE", `/api/inspections/${round.id}?version=${round.version}`);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/1条整改进展、1条登记（建章立制、问责、清退追缴等）、1份通报，不能删除，只能归档/);
  });

  it("deletes an empty round with its empty findings and measures, each removal in the audit trail", async () => {
    const round = await newRound("误导入的轮次");
    const { finding, measure } = await newFindingWithMeasure(round.id, "误导入的问题");
    const emptyMeasure = await created(office, `/api/findings/${finding.id}/measures`, { text: "另一条空措施" });
    const measureDelete = await call(office, "DELETE", `/api/measures/${emptyMeasure.id}?version=${emptyMeasure.version}`);
    expect(measureDelete.status).toBe(204);
    const deleted = await call(office, "DELETE", `/api/inspections/${round.id}?version=${round.version}`);
    expect(deleted.status).toBe(204);
    expect((await call(office, "GET", `/api/inspections/${round.id}`)).status).toBe(404);
    expect(await auditActions("measure", measure.id)).toEqual(["create", "delete"]);
    expect(await auditActions("finding", finding.id)).toEqual(["create", "delete"]);
    expect(await auditActions("inspection", round.id)).toEqual(["create", "delete"]);
  });
});

describe("archiving a round", () => {
  it("makes it read-only, kept whole, until it is unarchived with a reason", async () => {
    const round = await newRound("要归档的轮次");
    const { finding, measure } = await newFindingWithMeasure(round.id, "档案管理不规范");
    await uploadEvidence(dept, measure.id);
    const archived = await call(office, "POST", `/api/inspections/${round.id}/archive`, { version: round.version, reason: "整改完成，转入归档" });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBeTruthy();

    const writes = [
      await call(office, "POST", `/api/inspections/${round.id}/findings`, { title: "归档后新增" }),
      await call(office, "PATCH", `/api/findings/${finding.id}`, { version: 1, title: "归档后修改" }),
      await call(dept, "POST", `/api/measures/${measure.id}/progress`, { text: "归档后报送" }),
      await call(office, "POST", `/api/inspections/${round.id}/rules`, { title: "归档后登记" }),
      await call(office, "PATCH", `/api/inspections/${round.id}`, { version: archived.body.version, name: "改名" }),
      await call(office, "POST", `/api/inspections/${round.id}/notices`, {}),
    ];
    for (const write of writes) {
      expect(write.status, JSON.stringify(write.body)).toBe(409);
      expect(write.body.error.message).toBe("该巡察轮次已归档，只能查看，不能修改；如需修改，请先取消归档。");
    }
    const upload = buildMultipart({}, { field: "file", fileName: "归档后.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.4") });
    const evidence = await context.app.inject({ method: "POST", url: `/api/measures/${measure.id}/evidence`, headers: { ...dept.headers, ...upload.headers }, payload: upload.payload });
    expect(evidence.statusCode).toBe(409);
    // Reads go on.
    expect((await call(office, "GET", `/api/measures/${measure.id}`)).body.evidence).toHaveLength(1);
    expect((await call(office, "GET", `/api/inspections?q=要归档`)).body.items[0].archivedAt).toBeTruthy();

    expect((await call(office, "POST", `/api/inspections/${round.id}/unarchive`, { version: archived.body.version, reason: " " })).status).toBe(400);
    const reopened = await call(office, "POST", `/api/inspections/${round.id}/unarchive`, { version: archived.body.version, reason: "巡察办要求补充材料" });
    expect(reopened.status).toBe(200);
    expect(reopened.body.archivedAt).toBeNull();
    await created(office, `/api/inspections/${round.id}/rules`, { title: "取消归档后登记" });
    expect(await auditActions("inspection", round.id)).toEqual(["create", "archive", "unarchive"]);
  });
});

describe("an archived round in a backup", () => {
  it("is restored whole and stays read-only", async () => {
    const round = await newRound("归档后备份的轮次");
    const { measure } = await newFindingWithMeasure(round.id, "备份中的问题");
    await uploadEvidence(dept, measure.id);
    await call(office, "POST", `/api/inspections/${round.id}/archive`, { version: round.version });
    const backup = await context.services.backup.createBackup();
    const target = await createTestContext();
    try {
      await target.services.backup.restoreBackup(backup.bytes);
      const restored = await target.db.query<{ archived_at: string | null; findings: number }>(
        "select archived_at, (select count(*) from findings f where f.inspection_id = i.id) as findings from inspections i where id = $1",
        [round.id],
      );
      expect(restored[0].archived_at).toBeTruthy();
      expect(Number(restored[0].findings)).toBe(1);
      await expect(target.db.query("insert into findings (inspection_id, org_id, seq, title) values ($1, $2, 99, '恢复后新增')", [round.id, orgs.unitA])).rejects.toThrow(/archived/);
    } finally {
      await target.close();
    }
  });
});

describe("voiding (作废)", () => {
  it("keeps a voided measure's content, shows it in history, and leaves it out of the figures", async () => {
    const round = await newRound("作废测试轮次");
    const { finding, measure } = await newFindingWithMeasure(round.id, "差旅费报销不规范");
    const second = await created(office, `/api/findings/${finding.id}/measures`, { text: "重复录入的措施", dueDate: "2026-08-31" });
    const noReason = await call(office, "POST", `/api/measures/${second.id}/void`, { version: second.version, reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(CHINESE);
    const voided = await call(office, "POST", `/api/measures/${second.id}/void`, { version: second.version, reason: "与措施（1）重复" });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ text: "重复录入的措施", voidReason: "与措施（1）重复" });

    const detail = (await call(office, "GET", `/api/measures/${second.id}`)).body;
    expect(detail.measure).toMatchObject({ text: "重复录入的措施", voidReason: "与措施（1）重复" });
    expect(detail.history.map((h: { action: string }) => h.action)).toContain("void");
    expect(detail.history.find((h: { action: string }) => h.action === "void").after).toMatchObject({ reason: "与措施（1）重复" });

    const live = (await call(office, "GET", `/api/measures?inspectionId=${round.id}`)).body;
    expect(live.items.map((m: { id: number }) => m.id)).toEqual([measure.id]);
    const all = (await call(office, "GET", `/api/measures?inspectionId=${round.id}&includeVoided=true`)).body;
    expect(all.items).toHaveLength(2);
    const snapshot = (await call(office, "GET", `/api/inspections/${round.id}/snapshot`)).body;
    expect(snapshot.findings[0].measures.map((m: { text: string }) => m.text)).toEqual(["差旅费报销不规范的措施"]);

    const again = await call(office, "POST", `/api/measures/${second.id}/void`, { version: voided.body.version, reason: "再次作废" });
    expect(again.status).toBe(409);
    const edit = await call(office, "PATCH", `/api/measures/${second.id}`, { version: voided.body.version, text: "改" });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toBe("该整改措施已作废，不能再修改。");
  });

  it("voids a finding: kept with its history, left out of the ledger and the notice figures", async () => {
    const round = await newRound("作废问题轮次");
    const kept = await created(office, `/api/inspections/${round.id}/findings`, { title: "保留的问题" });
    const wrong = await created(office, `/api/inspections/${round.id}/findings`, { title: "录错的问题" });
    const notice = await created(office, `/api/inspections/${round.id}/notices`, {});
    expect((await call(office, "GET", `/api/notices/${notice.id}/check`)).body.figures.problemsTotal).toBe(2);
    const edited = await call(office, "PATCH", `/api/findings/${wrong.id}`, { version: wrong.version, planText: "拟于年底前完成" });
    expect(edited.status).toBe(200);
    const voided = await call(office, "POST", `/api/findings/${wrong.id}/void`, { version: edited.body.version, reason: "不属于本轮反馈问题" });
    expect(voided.status).toBe(200);

    const finding = (await call(office, "GET", `/api/findings/${wrong.id}`)).body;
    expect(finding).toMatchObject({ title: "录错的问题", planText: "拟于年底前完成", voidReason: "不属于本轮反馈问题" });
    const history = (await call(office, "GET", `/api/findings/${wrong.id}/history`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["void", "update", "create"]);
    expect(history[1].after).toMatchObject({ planText: "拟于年底前完成" });

    const ledger = (await call(office, "GET", `/api/findings?inspectionId=${round.id}`)).body;
    expect(ledger.items.map((f: { id: number }) => f.id)).toEqual([kept.id]);
    expect((await call(office, "GET", `/api/findings?inspectionId=${round.id}&includeVoided=true`)).body.total).toBe(2);
    expect((await call(office, "GET", `/api/notices/${notice.id}/check`)).body.figures.problemsTotal).toBe(1);
  });

  it("edits progress and evidence while open, voids them with a reason, and corrects them once signed", async () => {
    const round = await newRound("进展与佐证轮次");
    const { measure } = await newFindingWithMeasure(round.id, "固定资产账实不符");
    const progress = await created<{ id: number; version: number }>(dept, `/api/measures/${measure.id}/progress`, { text: "已盘点一半" });
    const editedProgress = await call(dept, "PATCH", `/api/progress/${progress.id}`, { version: progress.version, text: "已盘点全部资产的一半" });
    expect(editedProgress.status).toBe(200);
    const evidence = await uploadEvidence(dept, measure.id, "盘点表.pdf", { category: "ledger", description: "资产盘点表" });
    expect(evidence.category).toBe("ledger");
    const photo = await uploadEvidence(dept, measure.id, "现场.pdf");
    expect(photo.category).toBe("other");
    const recategorised = await call(dept, "PATCH", `/api/evidence/${photo.id}`, { version: photo.version, category: "photo", description: "现场照片" });
    expect(recategorised.status).toBe(200);
    expect(recategorised.body).toMatchObject({ category: "photo", description: "现场照片" });
    const badCategory = await call(dept, "PATCH", `/api/evidence/${photo.id}`, { version: recategorised.body.version, category: "selfie" });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.message).toMatch(/^“材料类别”的取值无效/);

    const voidedEvidence = await call(dept, "POST", `/api/evidence/${photo.id}/void`, { version: recategorised.body.version, reason: "照片不清晰" });
    expect(voidedEvidence.status).toBe(200);
    const voidedProgress = await call(office, "POST", `/api/progress/${progress.id}/void`, { version: editedProgress.body.version, reason: "数据有误" });
    expect(voidedProgress.status).toBe(200);
    const detail = (await call(office, "GET", `/api/measures/${measure.id}`)).body;
    expect(detail.evidence.find((e: { id: number }) => e.id === photo.id)).toMatchObject({ fileName: "现场.pdf", voidReason: "照片不清晰", voidedByName: "一股经办人" });
    expect(detail.progress[0]).toMatchObject({ text: "已盘点全部资产的一半", voidReason: "数据有误" });
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(["update_progress", "update_evidence", "void_evidence", "void_progress"]));
    // The voided file is still there, hash-checked.
    expect((await context.app.inject({ method: "GET", url: `/api/evidence/${photo.id}/file`, headers: office.headers })).statusCode).toBe(200);

    // Once submitted for sign-off the records are frozen; after sign-off a correction points to the old one.
    const later = await created<{ id: number; version: number }>(dept, `/api/measures/${measure.id}/progress`, { text: "盘点完成，账实相符" });
    const closure = await created(dept, `/api/measures/${measure.id}/closures`, { targetStatus: "completed" });
    const frozen = await call(dept, "PATCH", `/api/progress/${later.id}`, { version: later.version, text: "改" });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.message).toMatch(/正在签字确认中，整改进展不能修改或作废；请先撤回销号申请/);
    for (const approver of [deptHead, leader, office]) {
      expect((await call(approver, "POST", `/api/closures/${closure.id}/decision`, { decision: "approved" })).status).toBe(200);
    }
    const signed = await call(dept, "POST", `/api/evidence/${evidence.id}/void`, { version: evidence.version, reason: "x" });
    expect(signed.status).toBe(409);
    expect(signed.body.error.message).toMatch(/已签字销号/);
    const correction = await call(dept, "POST", `/api/progress/${later.id}/corrections`, { text: "盘点完成，账实相符，差异3项已调账", reportDate: "2026-06-15" });
    expect(correction.status).toBe(201);
    expect(correction.body.correctsId).toBe(later.id);
    const after = (await call(office, "GET", `/api/measures/${measure.id}`)).body;
    expect(after.progress.find((p: { id: number }) => p.id === later.id).text).toBe("盘点完成，账实相符");
    expect(after.history.map((h: { action: string }) => h.action)).toContain("correct_progress");
  });

  it("does not count voided evidence for closure", async () => {
    const round = await newRound("佐证作废轮次");
    const { measure } = await newFindingWithMeasure(round.id, "公车管理不严");
    const only = await uploadEvidence(dept, measure.id);
    await call(dept, "POST", `/api/evidence/${only.id}/void`, { version: only.version, reason: "传错文件" });
    const refused = await call(dept, "POST", `/api/measures/${measure.id}/closures`, { targetStatus: "completed" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe("销号前须至少上传一份佐证材料");
  });

  it("keeps a signed finding's problem statement, while its notice texts stay writable", async () => {
    const round = await newRound("已销号问题轮次");
    const { finding, measure } = await newFindingWithMeasure(round.id, "食堂采购不规范");
    await uploadEvidence(dept, measure.id);
    const closure = await created(dept, `/api/measures/${measure.id}/closures`, { targetStatus: "completed" });
    for (const approver of [deptHead, leader, office]) await call(approver, "POST", `/api/closures/${closure.id}/decision`, { decision: "approved" });
    const current = (await call(office, "GET", `/api/findings/${finding.id}`)).body;
    expect(current.isSigned).toBe(true);
    const retitle = await call(office, "PATCH", `/api/findings/${finding.id}`, { version: current.version, title: "改写问题", planText: null });
    expect(retitle.status).toBe(409);
    expect(retitle.body.error.message).toBe("该问题已有整改措施签字销号，问题不能直接修改；整改情况和整改计划仍可填写。");
    const summary = await call(office, "PATCH", `/api/findings/${finding.id}`, { version: current.version, title: current.title, progressText: "已建立食堂采购台账并公示。" });
    expect(summary.status).toBe(200);
    const voiding = await call(office, "POST", `/api/findings/${finding.id}/void`, { version: summary.body.version, reason: "x" });
    expect(voiding.status).toBe(409);
  });
});

describe("dates checked against each other", () => {
  it.each([
    { name: "an inspection ending before it starts", dates: { startDate: "2026-03-10", endDate: "2026-03-01" }, message: "“巡察结束日期”（2026-03-01）不能早于“巡察开始日期”（2026-03-10）。" },
    { name: "a feedback before the inspection ends", dates: { startDate: "2026-03-01", endDate: "2026-04-30", feedbackDate: "2026-04-01" }, message: "“反馈日期”（2026-04-01）不能早于“巡察结束日期”（2026-04-30）。" },
  ])("refuses $name with a Chinese sentence naming the fields", async ({ dates, message }) => {
    const response = await call(office, "POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "日期测试", ...dates });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "VALIDATION_FAILED", message, details: { fields: [expect.any(String)] } });
  });

  it("refuses due dates before the feedback, except for 立行立改", async () => {
    const round = await newRound("时限测试", { startDate: "2026-03-01", endDate: "2026-04-30", feedbackDate: "2026-06-01" });
    const early = await call(office, "POST", `/api/inspections/${round.id}/findings`, { title: "时限早于反馈", dueDate: "2026-05-01" });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(/^“完成时限”（2026-05-01）不能早于本轮巡察的反馈日期（2026-06-01）/);
    const immediate = await created(office, `/api/inspections/${round.id}/findings`, { title: "巡察期间立行立改", source: "immediate", dueDate: "2026-04-15" });
    const finding = await created(office, `/api/inspections/${round.id}/findings`, { title: "普通问题" });
    const measure = await call(office, "POST", `/api/findings/${finding.id}/measures`, { text: "早于反馈的措施", dueDate: "2026-05-20" });
    expect(measure.status).toBe(400);
    expect(measure.body.error.message).toMatch(/^“完成时限”（2026-05-20）不能早于/);
    await created(office, `/api/findings/${finding.id}/measures`, { text: "当场整改", kind: "immediate", dueDate: "2026-04-20" });
    await created(office, `/api/findings/${immediate.id}/measures`, { text: "立行立改事项的措施", dueDate: "2026-04-16" });
    const onTime = await created(office, `/api/findings/${finding.id}/measures`, { text: "按期整改", dueDate: "2026-09-30" });
    // Moving the feedback past a due date already set is refused too.
    const moved = await call(office, "PATCH", `/api/inspections/${round.id}`, { version: round.version, feedbackDate: "2026-10-01" });
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toMatch(/“反馈日期”（2026-10-01）不能晚于本轮已有的完成时限（最早为 2026-09-30）/);
    const bulk = await call(office, "POST", "/api/measures/bulk-assign", { ids: [onTime.id], dueDate: "2026-05-01" });
    expect(bulk.status).toBe(400);
  });

  it("refuses a notice dated before the feedback and contacts that are not phone numbers or e-mail addresses", async () => {
    const round = await newRound("通报日期测试", { feedbackDate: "2026-06-01" });
    const early = await call(office, "POST", `/api/inspections/${round.id}/notices`, { noticeDate: "2026-05-20" });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toBe("“成文日期”（2026-05-20）不能早于本轮巡察的反馈日期（2026-06-01）。");
    const notice = await created(office, `/api/inspections/${round.id}/notices`, { noticeDate: "2026-06-15" });
    const phone = await call(office, "PATCH", `/api/notices/${notice.id}`, { version: notice.version, contacts: { phones: ["不是电话"], emails: ["zgb@example.org"], postal: ["人民路1号，邮编：2300"] } });
    expect(phone.status).toBe(400);
    expect(phone.body.error.message).toBe("“联系电话”中的“不是电话”不是有效的电话号码（例如 0551-12345678、13812345678 或 12388）。“通信地址”中的邮编“2300”应为 6 位数字。");
    expect(phone.body.error.details.fields).toEqual(["phones", "postal"]);
    const period = await call(office, "PATCH", `/api/notices/${notice.id}`, { version: notice.version, publicStart: "2026-05-30", publicEnd: "2026-06-20" });
    expect(period.status).toBe(400);
    expect(period.body.error.message).toMatch(/^“公示开始日期”（2026-05-30）不能早于本轮巡察的反馈日期/);
    const ok = await call(office, "PATCH", `/api/notices/${notice.id}`, { version: notice.version, publicStart: "2026-06-15", publicEnd: "2026-06-25", contacts: { phones: ["0551-12345678", "12388"], emails: ["zgb@example.org"], postal: ["人民路1号，邮编：230001"] } });
    expect(ok.status).toBe(200);
  });

  it("keeps a petition's and a lead's stages in order", async () => {
    const round = await newRound("信访日期测试");
    const backwards = await call(office, "POST", `/api/inspections/${round.id}/petitions`, { subject: "反映食堂问题", state: "closed", receivedDate: "2026-03-10", closedDate: "2026-03-01" });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe("“办结日期”（2026-03-01）不能早于“接收日期”（2026-03-10）。");
    const lead = await created<{ id: number; version: number }>(office, `/api/inspections/${round.id}/leads`, { subject: "某股长违规收受礼金", receivedDate: "2026-03-10" });
    const skipped = await call(office, "PATCH", `/api/leads/${lead.id}`, { version: lead.version, closedDate: "2026-04-01" });
    expect(skipped.status).toBe(400);
    expect(skipped.body.error.message).toMatch(/^办理状态为“已接收”时不应填写“办结日期”/);
  });
});
