import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAuditEntries } from "../repositories/audit.repository.ts";
import { runMutation } from "./transaction.ts";
import { buildMultipart } from "../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
});

afterAll(async () => {
  await context?.close();
});

async function auditFor(entity: string, entityId: number): Promise<{ action: string; before: unknown; after: unknown; actor_name: string }[]> {
  return context.db.query("select action, before, after, actor_name from audit_log where entity = $1 and entity_id = $2 order by id", [entity, String(entityId)]);
}

describe("audit trail", () => {
  it("records every API mutation with actor and before/after, in the same transaction", async () => {
    const inject = context.app.inject.bind(context.app);
    const headers = office.headers;
    const inspection = (await inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers, payload: { name: "审计测试轮次" } })).json();
    const finding = (await inject({ method: "POST", url: `/api/inspections/${inspection.id}/findings`, headers, payload: { title: "审计测试问题" } })).json();
    await inject({ method: "PATCH", url: `/api/findings/${finding.id}`, headers, payload: { version: finding.version, title: "审计测试问题（改）" } });
    const measure = (await inject({ method: "POST", url: `/api/findings/${finding.id}/measures`, headers, payload: { text: "审计测试措施", departmentId: orgs.deptA1 } })).json();
    await inject({ method: "POST", url: `/api/measures/${measure.id}/progress`, headers, payload: { text: "已启动" } });
    const upload = buildMultipart({}, { field: "file", fileName: "a.txt", contentType: "text/plain", bytes: Buffer.from("佐证") });
    await inject({ method: "POST", url: `/api/measures/${measure.id}/evidence`, headers: { ...headers, ...upload.headers }, payload: upload.payload });
    const rule = (await inject({ method: "POST", url: `/api/inspections/${inspection.id}/rules`, headers, payload: { title: "审计制度", docNumber: "测〔2026〕1号" } })).json();
    const refused = await inject({ method: "DELETE", url: `/api/rules/${rule.id}?version=${rule.version}`, headers });
    expect(refused.statusCode).toBe(409);
    await inject({ method: "POST", url: `/api/rules/${rule.id}/void`, headers, payload: { version: rule.version, reason: "重复登记" } });

    const findingAudit = await auditFor("finding", finding.id);
    expect(findingAudit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(findingAudit[1].before).toMatchObject({ title: "审计测试问题" });
    expect(findingAudit[1].after).toMatchObject({ title: "审计测试问题（改）" });
    expect(findingAudit[1].actor_name).toContain(office.actor.username);

    const measureAudit = await auditFor("measure", measure.id);
    expect(measureAudit.map((a) => a.action)).toEqual(["create", "progress", "status", "evidence"]);
    expect(measureAudit[2]).toMatchObject({ before: { status: "not_started" }, after: { status: "in_progress" } });

    const ruleAudit = await auditFor("rule", rule.id);
    expect(ruleAudit.map((a) => a.action)).toEqual(["create", "void"]);
    expect(ruleAudit[1].after).toMatchObject({ reason: "重复登记" });
    const kept = await context.db.query<{ title: string; void_reason: string }>("select title, void_reason from rules where id = $1", [rule.id]);
    expect(kept).toEqual([{ title: "审计制度", void_reason: "重复登记" }]);
  });

  it("is append-only: updates and deletes are refused by the database", async () => {
    await expect(context.db.query("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(context.db.query("delete from audit_log")).rejects.toThrow(/append-only/);
  });

  it("leaves no partial rows and no audit entries when a request fails half-way", async () => {
    // The demo load inserts orgs first and then meets a taken user name: everything must roll back.
    const admin = await createTestUser(context, "admin", orgs.office);
    await context.services.users.createUser(null, { username: "demo_leader", displayName: "占用者", password: "Occupied2026", grants: [{ orgId: orgs.unitB, role: "readonly" }] });
    const orgsBefore = await context.db.query("select count(*) as n from orgs");
    const auditBefore = await countAuditEntries(context.db);
    const response = await context.app.inject({ method: "POST", url: "/api/demo", headers: admin.headers });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/demo_leader/);
    expect((await context.db.query("select count(*) as n from orgs"))[0].n).toBe(orgsBefore[0].n);
    expect((await context.db.query("select count(*) as n from inspections where name = '十五届县委第三轮巡察'"))[0].n).toBe(0);
    expect(await countAuditEntries(context.db)).toBe(auditBefore);
  });

  it("rolls back a status change whose guard fails after other writes", async () => {
    const inject = context.app.inject.bind(context.app);
    const inspection = (await inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: office.headers, payload: { name: "回滚测试" } })).json();
    const finding = (await inject({ method: "POST", url: `/api/inspections/${inspection.id}/findings`, headers: office.headers, payload: { title: "回滚测试问题" } })).json();
    const measure = (await inject({ method: "POST", url: `/api/findings/${finding.id}/measures`, headers: office.headers, payload: { text: "回滚测试措施" } })).json();
    const auditBefore = await countAuditEntries(context.db);
    const response = await inject({ method: "POST", url: `/api/measures/${measure.id}/status`, headers: office.headers, payload: { status: "completed", version: measure.version } });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe("INVALID_TRANSITION");
    expect(await countAuditEntries(context.db)).toBe(auditBefore);
    const after = await context.db.query("select status, version from measures where id = $1", [measure.id]);
    expect(after[0]).toEqual({ status: "not_started", version: measure.version });
  });
});

describe("database constraint errors", () => {
  it("turns a reference to a missing user into 400 with a Chinese message, writing nothing", async () => {
    const inject = context.app.inject.bind(context.app);
    const inspection = (await inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: office.headers, payload: { name: "外键测试" } })).json();
    const finding = (await inject({ method: "POST", url: `/api/inspections/${inspection.id}/findings`, headers: office.headers, payload: { title: "外键测试问题" } })).json();
    // The service checks the person first (issue 8: people are accounts of the unit)…
    const response = await inject({ method: "POST", url: `/api/findings/${finding.id}/measures`, headers: office.headers, payload: { text: "指定不存在的责任人", ownerUserId: 987654 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("所选责任人不是本单位的在用账号");
    expect((await context.db.query("select count(*) as n from measures where finding_id = $1", [finding.id]))[0].n).toBe(0);
    // …and a reference that reaches the database anyway is still translated, and rolled back.
    const failed = runMutation(context.db, office.actor, async (tx) => {
      await tx.query("insert into measures (finding_id, org_id, seq, text, owner_user_id) values ($1, $2, 1, '绕过服务的写入', 987654)", [finding.id, orgs.unitA]);
    });
    await expect(failed).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: "引用的记录不存在（例如用户、部门或问题编号有误）" });
    expect((await context.db.query("select count(*) as n from measures where finding_id = $1", [finding.id]))[0].n).toBe(0);
  });
});
