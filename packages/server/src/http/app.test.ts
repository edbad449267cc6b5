import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMultipart } from "../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let officeA: TestUser;
let inspectionId: number;
let findingId: number;
let measureId: number;

const CHINESE = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  officeA = await createTestUser(context, "rectification_office", orgs.unitA);
  const inspection = await context.app.inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: officeA.headers, payload: { name: "2026年第一轮巡察", feedbackDate: "2026-01-10" } });
  inspectionId = inspection.json().id;
  const finding = await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/findings`, headers: officeA.headers, payload: { title: "食堂管理不规范", category: "（一）作风方面" } });
  findingId = finding.json().id;
  const measure = await context.app.inject({
    method: "POST",
    url: `/api/findings/${findingId}/measures`,
    headers: officeA.headers,
    payload: { text: "修订食堂管理办法", departmentId: orgs.deptA1, leaderName: "张三", ownerName: "李四", dueDate: "2026-06-30" },
  });
  measureId = measure.json().id;
});

afterAll(async () => {
  await context?.close();
});

describe("health and OpenAPI", () => {
  it("reports the database engine", async () => {
    const response = await context.app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: context.db.kind });
  });

  it("serves the OpenAPI document listing the ledger routes", async () => {
    const response = await context.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(expect.arrayContaining(["/api/measures/{id}", "/api/inspections/{id}/findings", "/api/closures/{id}/decision"]));
  });
});

describe("authentication, CSRF and validation", () => {
  it("answers 401 with a Chinese message to anonymous requests", async () => {
    for (const url of ["/api/inspections", `/api/measures/${measureId}`, "/api/dashboard", "/api/users"]) {
      const response = await context.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe("UNAUTHENTICATED");
      expect(response.json().error.message).toMatch(CHINESE);
    }
  });

  it("refuses a bad password with 401", async () => {
    const response = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "nobody", password: "whatever1" } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe("用户名或密码错误");
  });

  it("refuses a write without the CSRF header", async () => {
    const response = await context.app.inject({ method: "POST", url: `/api/findings/${findingId}/measures`, headers: { cookie: officeA.headers.cookie }, payload: { text: "x" } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("CSRF_FAILED");
  });

  it.each([
    { name: "missing field", payload: { category: "x" }, message: /^请填写“问题”。$/, field: "title" },
    { name: "wrong type", payload: { title: 12 }, message: /^“问题”应为文字。$/, field: "title" },
    { name: "unknown field", payload: { title: "x", colour: "red" }, message: /不能提交名为“colour”的内容/, field: undefined },
    { name: "bad date format", payload: { title: "x", dueDate: "2026/06/30" }, message: /^“完成时限”应为 YYYY-MM-DD 格式的日期。$/, field: "dueDate" },
    { name: "bad date", payload: { title: "x", dueDate: "2026-13-45" }, message: /完成时限不是有效日期/, field: undefined },
    { name: "bad enum", payload: { title: "x", source: "rumour" }, message: /^“问题来源”的取值无效/, field: "source" },
    { name: "too long", payload: { title: "x".repeat(2001) }, message: /^“问题”最多 2000 个字。$/, field: "title" },
  ])("answers 400 VALIDATION_FAILED in Chinese naming the field as the form does for a $name", async ({ payload, message, field }) => {
    const response = await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/findings`, headers: officeA.headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("VALIDATION_FAILED");
    expect(response.json().error.message).toMatch(message);
    // The message is for people (labels, not JSON keys); the fields stay in the details for programs.
    expect(response.json().error.message).not.toMatch(/字段|title|dueDate|source/);
    if (field) expect(response.json().error.details.fields).toContain(field);
  });

  it("answers 404 in Chinese for an unknown id", async () => {
    const response = await context.app.inject({ method: "GET", url: "/api/measures/999999", headers: officeA.headers });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toMatch(CHINESE);
  });
});

describe("optimistic concurrency", () => {
  it("answers 409 to a stale version and keeps the newer data", async () => {
    const current = (await context.app.inject({ method: "GET", url: `/api/findings/${findingId}`, headers: officeA.headers })).json();
    const first = await context.app.inject({ method: "PATCH", url: `/api/findings/${findingId}`, headers: officeA.headers, payload: { version: current.version, title: "食堂管理制度执行不严" } });
    expect(first.statusCode).toBe(200);
    const stale = await context.app.inject({ method: "PATCH", url: `/api/findings/${findingId}`, headers: officeA.headers, payload: { version: current.version, title: "旧标题" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("CONFLICT");
    const after = (await context.app.inject({ method: "GET", url: `/api/findings/${findingId}`, headers: officeA.headers })).json();
    expect(after.title).toBe("食堂管理制度执行不严");
  });
});

describe("org scope", () => {
  it("hides unit A's data from unit B (404) and refuses writes", async () => {
    const officeB = await createTestUser(context, "rectification_office", orgs.unitB);
    for (const url of [`/api/inspections/${inspectionId}`, `/api/findings/${findingId}`, `/api/measures/${measureId}`]) {
      const response = await context.app.inject({ method: "GET", url, headers: officeB.headers });
      expect(response.statusCode, url).toBe(404);
    }
    const write = await context.app.inject({ method: "POST", url: `/api/findings/${findingId}/measures`, headers: officeB.headers, payload: { text: "越权新增" } });
    expect([403, 404]).toContain(write.statusCode);
    const list = (await context.app.inject({ method: "GET", url: "/api/measures", headers: officeB.headers })).json();
    expect(list.total).toBe(0);
    const rows = await context.db.query("select count(*) as n from measures where text = '越权新增'");
    expect(Number(rows[0].n)).toBe(0);
  });

  it("lets a department user see only measures of their department", async () => {
    const other = (await context.app.inject({
      method: "POST",
      url: `/api/findings/${findingId}/measures`,
      headers: officeA.headers,
      payload: { text: "二股的措施", departmentId: orgs.deptA2 },
    })).json();
    const dept1 = await createTestUser(context, "department", orgs.deptA1);
    const list = (await context.app.inject({ method: "GET", url: "/api/measures", headers: dept1.headers })).json();
    expect(list.items.map((m: { id: number }) => m.id)).toEqual([measureId]);
    expect((await context.app.inject({ method: "GET", url: `/api/measures/${other.id}`, headers: dept1.headers })).statusCode).toBe(404);
    expect((await context.app.inject({ method: "GET", url: `/api/measures/${measureId}`, headers: dept1.headers })).statusCode).toBe(200);
    const finding = (await context.app.inject({ method: "GET", url: `/api/findings/${findingId}`, headers: dept1.headers })).json();
    expect(finding.measures.map((m: { id: number }) => m.id)).toEqual([measureId]);
    const full = (await context.app.inject({ method: "GET", url: `/api/findings/${findingId}`, headers: officeA.headers })).json();
    expect(full.measures.map((m: { id: number }) => m.id)).toEqual([measureId, other.id]);
  });

  it("shows department staff the audit trail of their own measures", async () => {
    const dept1 = await createTestUser(context, "department", orgs.deptA1);
    await context.app.inject({ method: "POST", url: `/api/measures/${measureId}/progress`, headers: dept1.headers, payload: { text: "部门自己报送的进展" } });
    const audit = (await context.app.inject({ method: "GET", url: "/api/audit?entity=measure", headers: dept1.headers })).json();
    expect(audit.items.some((entry: { action: string; entityId: string }) => entry.action === "progress" && entry.entityId === String(measureId))).toBe(true);
    const me = (await context.app.inject({ method: "GET", url: "/api/auth/me", headers: dept1.headers })).json();
    expect(me.clock).toEqual({ today: "2026-06-15", yellowDays: 10 });
  });

  it("forbids a read-only user from writing (403)", async () => {
    const reader = await createTestUser(context, "readonly", orgs.unitA);
    expect((await context.app.inject({ method: "GET", url: `/api/measures/${measureId}`, headers: reader.headers })).statusCode).toBe(200);
    const response = await context.app.inject({ method: "POST", url: `/api/measures/${measureId}/progress`, headers: reader.headers, payload: { text: "只读用户的进展" } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("FORBIDDEN");
  });
});

describe("every role on every write route", () => {
  // Expected status for a user holding one role on unit A (departments: on 一股, the measure's department).
  const roles = ["admin", "inspection_office", "discipline", "rectification_office", "leader", "department", "readonly"] as const;
  const routes: { name: string; allowed: readonly string[]; call: (user: TestUser) => Promise<number> }[] = [
    {
      name: "create finding",
      allowed: ["admin", "rectification_office"],
      call: async (u) => (await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/findings`, headers: u.headers, payload: { title: "矩阵测试问题" } })).statusCode,
    },
    {
      name: "report progress",
      allowed: ["admin", "rectification_office", "department"],
      call: async (u) => (await context.app.inject({ method: "POST", url: `/api/measures/${measureId}/progress`, headers: u.headers, payload: { text: "矩阵测试进展" } })).statusCode,
    },
    {
      name: "register a rule",
      allowed: ["admin", "rectification_office"],
      call: async (u) => (await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/rules`, headers: u.headers, payload: { title: "矩阵测试制度" } })).statusCode,
    },
    {
      name: "issue a directive",
      allowed: ["admin", "inspection_office", "discipline"],
      call: async (u) => (await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/directives`, headers: u.headers, payload: { text: "请说明进度", replyDue: "2026-07-15" } })).statusCode,
    },
    {
      name: "create a notice draft",
      allowed: ["admin", "rectification_office"],
      call: async (u) => (await context.app.inject({ method: "POST", url: `/api/inspections/${inspectionId}/notices`, headers: u.headers, payload: {} })).statusCode,
    },
    {
      name: "list users",
      allowed: ["admin"],
      call: async (u) => (await context.app.inject({ method: "GET", url: "/api/users", headers: u.headers })).statusCode,
    },
  ];
  for (const role of roles) {
    for (const route of routes) {
      const expected = route.allowed.includes(role) ? "allowed" : "forbidden";
      it(`${role} → ${route.name}: ${expected}`, async () => {
        const orgId = role === "department" ? orgs.deptA1 : ["inspection_office", "discipline"].includes(role) ? orgs.office : orgs.unitA;
        const user = await createTestUser(context, role, orgId);
        const status = await route.call(user);
        if (expected === "allowed") expect(status).toBeLessThan(300);
        else expect(status).toBe(role === "department" && route.name !== "list users" ? 404 : 403);
      });
    }
  }
});

describe("closure workflow over HTTP", () => {
  it("needs evidence, refuses self-approval, walks the chain and moves the rate; a review reopens", async () => {
    const dept = await createTestUser(context, "department", orgs.deptA1, "经办人");
    const deptHead = await createTestUser(context, "department", orgs.deptA1, "股长");
    const leader = await createTestUser(context, "leader", orgs.unitA, "分管领导");
    const inspector = await createTestUser(context, "inspection_office", orgs.office, "巡察办干部");
    const inject = context.app.inject.bind(context.app);
    // Sign-off goes to people: the department's head and the measure's 责任领导 as an account.
    const admin = await createTestUser(context, "admin", orgs.office, "管理员");
    const dept1 = (await inject({ method: "GET", url: `/api/orgs/${orgs.deptA1}`, headers: admin.headers })).json();
    expect((await inject({ method: "PATCH", url: `/api/orgs/${orgs.deptA1}`, headers: admin.headers, payload: { version: dept1.version, headUserId: deptHead.actor.userId } })).statusCode).toBe(200);
    const current = (await inject({ method: "GET", url: `/api/measures/${measureId}`, headers: officeA.headers })).json().measure;
    expect((await inject({ method: "PATCH", url: `/api/measures/${measureId}`, headers: officeA.headers, payload: { version: current.version, leaderUserId: leader.actor.userId } })).statusCode).toBe(200);

    const noEvidence = await inject({ method: "POST", url: `/api/measures/${measureId}/closures`, headers: dept.headers, payload: { targetStatus: "completed" } });
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().error.message).toBe("销号前须至少上传一份佐证材料");

    const upload = buildMultipart({ effectiveDate: "2026-05-20", description: "印发文件" }, { field: "file", fileName: "食堂管理办法.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.4 test") });
    const uploaded = await inject({ method: "POST", url: `/api/measures/${measureId}/evidence`, headers: { ...dept.headers, ...upload.headers }, payload: upload.payload });
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json().fileName).toBe("食堂管理办法.pdf");
    expect(uploaded.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await inject({ method: "GET", url: `/api/evidence/${uploaded.json().id}/file`, headers: dept.headers });
    expect(download.body).toBe("%PDF-1.4 test");

    const bad = buildMultipart({}, { field: "file", fileName: "病毒.exe", contentType: "application/octet-stream", bytes: Buffer.from("MZ") });
    const refused = await inject({ method: "POST", url: `/api/measures/${measureId}/evidence`, headers: { ...dept.headers, ...bad.headers }, payload: bad.payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("UNSUPPORTED_FILE");

    const submitted = await inject({ method: "POST", url: `/api/measures/${measureId}/closures`, headers: dept.headers, payload: { targetStatus: "completed" } });
    expect(submitted.statusCode).toBe(201);
    const closureId = submitted.json().id;

    const self = await inject({ method: "POST", url: `/api/closures/${closureId}/decision`, headers: dept.headers, payload: { decision: "approved" } });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.message).toBe("不能审核本人提交的销号申请");
    const wrongRole = await inject({ method: "POST", url: `/api/closures/${closureId}/decision`, headers: leader.headers, payload: { decision: "approved" } });
    expect(wrongRole.statusCode).toBe(403);

    const before = (await inject({ method: "GET", url: `/api/dashboard?inspectionId=${inspectionId}`, headers: officeA.headers })).json();
    for (const approver of [deptHead, leader, officeA]) {
      const decided = await inject({ method: "POST", url: `/api/closures/${closureId}/decision`, headers: approver.headers, payload: { decision: "approved" } });
      expect(decided.statusCode).toBe(200);
    }
    const measure = (await inject({ method: "GET", url: `/api/measures/${measureId}`, headers: officeA.headers })).json();
    expect(measure.measure.status).toBe("completed");
    expect(measure.closures[0].state).toBe("approved");
    expect(measure.closures[0].decisions).toHaveLength(3);
    const after = (await inject({ method: "GET", url: `/api/dashboard?inspectionId=${inspectionId}`, headers: officeA.headers })).json();
    expect(after.measures.completed).toBe(before.measures.completed + 1);

    const plainReopen = await inject({ method: "POST", url: `/api/measures/${measureId}/status`, headers: officeA.headers, payload: { status: "in_progress", version: measure.measure.version } });
    expect(plainReopen.statusCode).toBe(422);
    const rebound = await inject({ method: "POST", url: `/api/measures/${measureId}/reviews`, headers: inspector.headers, payload: { outcome: "rebound", note: "抽查发现食堂台账又不完整", newDueDate: "2026-09-30" } });
    expect(rebound.statusCode).toBe(201);
    const reopened = (await inject({ method: "GET", url: `/api/measures/${measureId}`, headers: officeA.headers })).json();
    expect(reopened.measure.status).toBe("in_progress");
    expect(reopened.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(["status", "evidence", "submit_closure"]));
  });
});
