// The audit trail is a hash chain: editing, removing or rewriting entries is found and named; and
// what the public says, every published notice version and every sign-off decision are in it whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditContent } from "../repositories/audit-hash.ts";
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

async function post(user: TestUser, url: string, payload: Record<string, unknown>): Promise<{ id: number; version: number }> {
  const response = await context.app.inject({ method: "POST", url, headers: user.headers, payload });
  if (response.statusCode >= 300) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

/** Runs SQL that the append-only trigger would refuse, as an owner (or a PGlite file holder) could. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await context.db.exec("alter table audit_log disable trigger audit_log_no_update");
  try {
    await context.db.query(sql, params);
  } finally {
    await context.db.exec("alter table audit_log enable trigger audit_log_no_update");
  }
}

describe("hash chain", () => {
  it("links every entry to the one before it and exposes the head", async () => {
    const inspection = await post(office, `/api/orgs/${orgs.unitA}/inspections`, { name: "审计链轮次" });
    await post(office, `/api/inspections/${inspection.id}/findings`, { title: "审计链问题" });
    const rows = await context.db.query<{ id: number; prev_hash: string; hash: string }>("select id, prev_hash, hash from audit_log order by id");
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    const head = await context.app.inject({ method: "GET", url: "/api/audit/head", headers: office.headers });
    expect(head.json().head).toMatchObject({ id: rows.at(-1)?.id, hash: rows.at(-1)?.hash });
    expect((await context.app.inject({ method: "GET", url: "/api/audit/head" })).statusCode).toBe(401);
    const verification = await context.services.audit.verifyChain(null, { anchor: rows[2].hash });
    expect(verification).toMatchObject({ isIntact: true, chained: rows.length, legacy: 0, anchorFound: true, firstBroken: null });
  });

  it("refuses an entry written around the app without a hash", async () => {
    await expect(context.db.query("insert into audit_log (actor_name, action, entity) values ('x', 'forged', 'user')")).rejects.toThrow(/audit_log_hash_required/);
  });

  it("names an edited entry, then the entry after a removed one, and catches a wholesale rewrite with an anchor", async () => {
    const admin = await createTestUser(context, "admin", orgs.office);
    const verifyOverHttp = async () => (await context.app.inject({ method: "GET", url: "/api/audit/verify", headers: admin.headers })).json();
    expect((await context.app.inject({ method: "GET", url: "/api/audit/verify", headers: office.headers })).statusCode).toBe(403);
    expect((await verifyOverHttp()).isIntact).toBe(true);
    const anchor = (await context.services.audit.getHead())!.hash;
    const [victim] = await context.db.query<{ id: number }>("select id from audit_log where action = 'create' order by id limit 1");

    await tamper("update audit_log set actor_name = '别人' where id = $1", [victim.id]);
    const edited = await verifyOverHttp();
    expect(edited.isIntact).toBe(false);
    expect(edited.firstBroken).toMatchObject({ id: victim.id, reason: "content_changed" });
    expect(edited.firstBroken.message).toContain(`第 ${victim.id} 条`);

    // Recomputing the edited entry's own hash moves the break to the next link.
    const row = (await context.db.query<Record<string, unknown>>("select * from audit_log where id = $1", [victim.id]))[0];
    const rehashed = hashAuditContent({
      id: Number(row.id), at: String(row.at), actorId: row.actor_id as number | null, actorName: String(row.actor_name), action: String(row.action),
      entity: String(row.entity), entityId: row.entity_id as string | null, orgId: row.org_id as number | null, before: row.before, after: row.after, prevHash: String(row.prev_hash),
    });
    await tamper("update audit_log set hash = $2 where id = $1", [victim.id, rehashed]);
    const next = (await context.db.query<{ id: number }>("select id from audit_log where id > $1 order by id limit 1", [victim.id]))[0].id;
    expect((await verifyOverHttp()).firstBroken).toMatchObject({ id: next, reason: "previous_missing" });

    // Rewriting every later link makes the chain look whole again, but not the anchor kept earlier.
    const all = await context.db.query<Record<string, unknown>>("select * from audit_log where id >= $1 order by id", [victim.id]);
    let prevHash = String(all[0].prev_hash);
    for (const entry of all) {
      const hash = hashAuditContent({
        id: Number(entry.id), at: String(entry.at), actorId: entry.actor_id as number | null, actorName: String(entry.actor_name), action: String(entry.action),
        entity: String(entry.entity), entityId: entry.entity_id as string | null, orgId: entry.org_id as number | null, before: entry.before, after: entry.after, prevHash,
      });
      await tamper("update audit_log set prev_hash = $2, hash = $3 where id = $1", [entry.id, prevHash, hash]);
      prevHash = hash;
    }
    expect((await context.services.audit.verifyChain(null)).isIntact).toBe(true);
    const anchored = await context.services.audit.verifyChain(null, { anchor });
    expect(anchored).toMatchObject({ isIntact: false, anchorFound: false });

    // Deleting an entry breaks the link of the one after it.
    await tamper("delete from audit_log where id = $1", [next]);
    const afterNext = (await context.db.query<{ id: number }>("select id from audit_log where id > $1 order by id limit 1", [next]))[0].id;
    expect((await context.services.audit.verifyChain(null)).firstBroken).toMatchObject({ id: afterNext, reason: "previous_missing" });
  });
});

describe("what the audit holds in full", () => {
  it("keeps public comment text, every published notice version and each sign-off decision", async () => {
    const context2 = await createTestContext();
    try {
      const o = await createOrgFixture(context2.db);
      const clerk = await createTestUser(context2, "rectification_office", o.unitA, "整改办");
      const leader = await createTestUser(context2, "leader", o.unitA, "分管领导");
      const dept = await createTestUser(context2, "department", o.deptA1, "经办人");
      const deptHead = await createTestUser(context2, "department", o.deptA1, "股长");
      const inject = context2.app.inject.bind(context2.app);
      const call = async (user: TestUser, method: "POST" | "PATCH", url: string, payload: Record<string, unknown>) => {
        const response = await inject({ method, url, headers: user.headers, payload });
        if (response.statusCode >= 300) throw new Error(`${url}: ${response.body}`);
        return response.json();
      };
      const inspection = await call(clerk, "POST", `/api/orgs/${o.unitA}/inspections`, { name: "全文留痕轮次", feedbackDate: "2026-03-01" });
      const finding = await call(clerk, "POST", `/api/inspections/${inspection.id}/findings`, { title: "全文留痕问题" });
      const measure = await call(clerk, "POST", `/api/findings/${finding.id}/measures`, { text: "全文留痕措施", departmentId: o.deptA1, leaderUserId: leader.actor.userId });
      // Sign-off goes to people: the department's head first.
      const admin = await createTestUser(context2, "admin", o.office, "管理员");
      const department = (await inject({ method: "GET", url: `/api/orgs/${o.deptA1}`, headers: admin.headers })).json();
      await call(admin, "PATCH", `/api/orgs/${o.deptA1}`, { version: department.version, headUserId: deptHead.actor.userId });

      // Sign-off: a decision is recorded with its step, person and reason.
      const pdf = buildMultipart({}, { field: "file", fileName: "材料.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.4 留痕") });
      await inject({ method: "POST", url: `/api/measures/${measure.id}/evidence`, headers: { ...dept.headers, ...pdf.headers }, payload: pdf.payload });
      const closure = await call(dept, "POST", `/api/measures/${measure.id}/closures`, { targetStatus: "completed" });
      await call(deptHead, "POST", `/api/closures/${closure.id}/decision`, { decision: "returned", reason: "材料不全，请补充会议纪要" });
      const decision = (await context2.db.query<{ after: Record<string, unknown> }>("select after from audit_log where entity = 'closure' and action = 'return'"))[0].after;
      expect(decision).toMatchObject({ closureId: closure.id, measureId: measure.id, stepIndex: 0, userId: deptHead.actor.userId, decision: "returned", opinion: "材料不全，请补充会议纪要" });

      // Notice published, withdrawn, edited and published again: both published texts stay in the audit.
      let notice = await call(clerk, "POST", `/api/inspections/${inspection.id}/notices`, { title: "第一版通报", noticeDate: "2026-06-15", publicStart: "2026-06-15", publicEnd: "2026-07-15" });
      const publish = async () => {
        const checkOf = async () => (await inject({ method: "GET", url: `/api/notices/${notice.id}/check`, headers: leader.headers })).json();
        // Each warning is acknowledged by the 整改办 before the leader may approve (the publishing gate).
        for (const warning of (await checkOf()).warnings.filter((w: { needsAcknowledgement: boolean }) => w.needsAcknowledgement)) {
          await call(clerk, "POST", `/api/notices/${notice.id}/acknowledgements`, { key: warning.key });
        }
        const check = await checkOf();
        notice = await call(leader, "POST", `/api/notices/${notice.id}/transition`, { to: "approved", version: notice.version, figures: check.figures });
        notice = await call(clerk, "POST", `/api/notices/${notice.id}/transition`, { to: "published", version: notice.version });
      };
      await publish();
      const firstText = (await context2.db.query<{ published_text: string }>("select published_text from notices where id = $1", [notice.id]))[0].published_text;
      expect(firstText).toContain("第一版通报");
      // The public's comment, in full.
      const comment = await inject({ method: "POST", url: `/api/public/notices/${notice.id}/comments`, payload: { text: "建议公开食堂采购的明细账目。", contact: "13800000000" } });
      expect(comment.statusCode).toBe(201);
      notice = await call(clerk, "POST", `/api/notices/${notice.id}/transition`, { to: "withdrawn", version: notice.version });
      notice = await call(clerk, "POST", `/api/notices/${notice.id}/transition`, { to: "draft", version: notice.version });
      notice = await call(clerk, "PATCH", `/api/notices/${notice.id}`, { title: "第二版通报", version: notice.version });
      await publish();
      const published = await context2.db.query<{ after: { publishedText: string; title: string } }>(
        "select after from audit_log where entity = 'notice' and action = 'published' order by id",
      );
      expect(published.map((p) => p.after.title)).toEqual(["第一版通报", "第二版通报"]);
      expect(published[0].after.publishedText).toBe(firstText);
      expect(published[1].after.publishedText).toContain("第二版通报");
      const commentAudit = (await context2.db.query<{ after: Record<string, unknown> }>("select after from audit_log where entity = 'public_comment' and action = 'create'"))[0].after;
      expect(commentAudit).toMatchObject({ text: "建议公开食堂采购的明细账目。", contact: "13800000000", noticeId: notice.id });
      expect((await context2.services.audit.verifyChain(null)).isIntact).toBe(true);
    } finally {
      await context2.close();
    }
  });
});
