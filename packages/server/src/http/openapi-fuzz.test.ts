// Hostile values sent to every route of the OpenAPI document: no request may end in a 5xx, and every
// refusal must carry the error shape with a Chinese message. The routes come from the running app's
// own document, so a route added later is fuzzed without touching this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMultipart } from "../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, TEST_PASSWORD, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  default?: unknown;
}

interface Operation {
  method: string;
  path: string;
  parameters: { in: "path" | "query"; name: string; required?: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
}

const HOSTILE_STRINGS: unknown[] = [
  "\u0000",
  "正文\u0000尾",
  "\ud800",
  "尾部\udfff",
  "x".repeat(100_000),
  "'; drop table audit_log; --",
  "<img src=x onerror=alert(1)>",
];
const HOSTILE_NUMBERS: unknown[] = [9223372036854775807, -9223372036854775808, 1e20, 2147483648, -1, 0, 1.5, 1e308];
const TYPE_CONFUSION: unknown[] = [null, [], {}, true, "9223372036854775808"];
const HOSTILE_PATH_IDS = ["9223372036854775807", "-1", "0", "1e20", "1.5", "abc", "%00", "%F0%9F", "99999999999999999999999"];
const HOSTILE_QUERY = ["%00", "%ED%A0%80", "9223372036854775807", "1e20", "-1", encodeURIComponent("x".repeat(5000))];

let context: TestContext;
let orgs: OrgFixture;
let admin: TestUser;
const ids: Record<string, number> = {};

function typesOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** A value that passes the schema, so that one hostile field at a time reaches the service. */
function validValue(name: string, schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum.find((v) => v !== null) ?? null;
  const types = typesOf(schema);
  if (types.includes("integer") || types.includes("number")) {
    if (/version/i.test(name)) return 1;
    if (/departmentId/.test(name)) return orgs.deptA1;
    if (/orgId|parentId/.test(name)) return orgs.unitA;
    if (/findingId/.test(name)) return ids.finding;
    if (/inspectionId/.test(name)) return ids.inspection;
    return Math.max(schema.minimum ?? 1, 1);
  }
  if (types.includes("boolean")) return false;
  if (types.includes("array")) return schema.minItems ? [validValue(name, schema.items ?? { type: "string" })] : [];
  if (types.includes("object")) return validObject(schema);
  if (types.includes("string")) {
    if (schema.pattern?.includes("\\d{4}")) return "2026-06-01";
    if (/password/i.test(name)) return "Passw0rd-fuzz";
    if (/username/i.test(name)) return "fuzz_user";
    return "模糊测试文本";
  }
  return null;
}

function validObject(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (schema.required?.includes(name)) out[name] = validValue(name, property);
  }
  return out;
}

function hostileValuesFor(schema: JsonSchema): unknown[] {
  const types = typesOf(schema);
  const values = [...TYPE_CONFUSION];
  if (types.includes("string") || types.length === 0) values.push(...HOSTILE_STRINGS);
  if (types.includes("integer") || types.includes("number")) values.push(...HOSTILE_NUMBERS);
  if (types.includes("array")) values.push([...HOSTILE_STRINGS], [...HOSTILE_NUMBERS], new Array(5000).fill(1));
  if (types.includes("object")) values.push({ "\u0000": "x" }, { "a\ud800": 1 }, { nested: { deeper: "\u0000" } });
  return values;
}

/** The id a path parameter should carry for a route, so hostile bodies reach real records. */
function pathIdFor(path: string): number {
  const resource = /^\/api\/(?:public\/)?([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? "";
  const byResource: Record<string, number | undefined> = {
    orgs: orgs.unitA,
    users: ids.victim,
    inspections: ids.inspection,
    findings: ids.finding,
    measures: ids.measure,
    evidence: ids.evidence,
    closures: ids.closure,
    notices: ids.notice,
    comments: ids.comment,
    rules: ids.rule,
  };
  return byResource[resource] ?? 1;
}

function operationsOf(document: { paths: Record<string, Record<string, { parameters?: Operation["parameters"]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content["application/json"]?.schema ?? null,
      });
    }
  }
  // Deletions last, so earlier routes still find the records they are pointed at.
  return operations.sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
}

interface Attempt {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  label: string;
}

function buildUrl(operation: Operation, pathValue: string | null, query: Record<string, string>): string {
  const path = operation.path.replace("{id}", pathValue ?? String(pathIdFor(operation.path)));
  const search = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join("&");
  return search ? `${path}?${search}` : path;
}

function attemptsFor(operation: Operation): Attempt[] {
  const attempts: Attempt[] = [];
  const baseQuery: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === "query" && parameter.required) baseQuery[parameter.name] = encodeURIComponent(String(validValue(parameter.name, parameter.schema)));
  }
  const baseBody = operation.body ? validObject(operation.body) : undefined;
  const send = (label: string, url: string, payload?: unknown, headers?: Record<string, string>) => attempts.push({ method: operation.method, url, payload, headers, label });

  if (operation.path.includes("{id}")) {
    for (const value of HOSTILE_PATH_IDS) send(`path id ${value}`, buildUrl(operation, value, baseQuery), baseBody);
  }
  for (const parameter of operation.parameters.filter((p) => p.in === "query")) {
    for (const value of HOSTILE_QUERY) send(`query ${parameter.name}=${value.slice(0, 20)}`, buildUrl(operation, null, { ...baseQuery, [parameter.name]: value }), baseBody);
  }
  if (operation.body) {
    const url = buildUrl(operation, null, baseQuery);
    for (const [name, property] of Object.entries(operation.body.properties ?? {})) {
      for (const value of hostileValuesFor(property)) send(`body ${name}=${JSON.stringify(value)?.slice(0, 30)}`, url, { ...baseBody, [name]: value });
    }
  }
  if (operation.method !== "GET") {
    const url = buildUrl(operation, null, baseQuery);
    send("body not JSON", url, "{\"broken\": ", { "content-type": "application/json" });
    send("body a bare string", url, JSON.stringify("\u0000"), { "content-type": "application/json" });
    send("body an array", url, JSON.stringify([1, 2, 3]), { "content-type": "application/json" });
    send("body deeply nested", url, `${"[".repeat(5000)}${"]".repeat(5000)}`, { "content-type": "application/json" });
    send("unknown content type", url, "a=b", { "content-type": "application/x-unknown" });
    send("multipart without boundary", url, "--x\r\n", { "content-type": "multipart/form-data" });
    send("multipart truncated", url, "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc", { "content-type": "multipart/form-data; boundary=zz" });
    const nulName = buildMultipart({ note: "\u0000" }, { field: "file", fileName: "a\u0000.txt", contentType: "text/plain", bytes: Buffer.from("正文") });
    send("multipart NUL in names", url, nulName.payload, nulName.headers);
  }
  return attempts;
}

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  admin = await createTestUser(context, "admin", orgs.office);
  const inject = async (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const response = await context.app.inject({ method: method as "POST", url, payload: payload as never, headers: { ...admin.headers, ...headers } });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.body}`);
    return response.json() as { id: number; version: number };
  };
  ids.inspection = (await inject("POST", `/api/orgs/${orgs.unitA}/inspections`, { name: "模糊测试轮次" })).id;
  ids.finding = (await inject("POST", `/api/inspections/${ids.inspection}/findings`, { title: "模糊测试问题" })).id;
  // Sign-off goes to people: the department's head, then the measure's 责任领导, then the unit's 整改办.
  const head = await createTestUser(context, "department", orgs.deptA1, "一股股长");
  const leader = await createTestUser(context, "leader", orgs.unitA, "分管领导");
  await createTestUser(context, "rectification_office", orgs.unitA, "整改办干事");
  const department = await inject("GET", `/api/orgs/${orgs.deptA1}`);
  await inject("PATCH", `/api/orgs/${orgs.deptA1}`, { version: department.version, headUserId: head.actor.userId });
  ids.measure = (await inject("POST", `/api/findings/${ids.finding}/measures`, { text: "模糊测试措施", departmentId: orgs.deptA1, leaderUserId: leader.actor.userId })).id;
  const upload = buildMultipart({}, { field: "file", fileName: "证明.txt", contentType: "text/plain", bytes: Buffer.from("佐证材料正文") });
  ids.evidence = (await inject("POST", `/api/measures/${ids.measure}/evidence`, upload.payload, upload.headers)).id;
  ids.closure = (await inject("POST", `/api/measures/${ids.measure}/closures`, { targetStatus: "completed" })).id;
  ids.notice = (await inject("POST", `/api/inspections/${ids.inspection}/notices`, { title: "模糊测试通报" })).id;
  ids.rule = (await inject("POST", `/api/inspections/${ids.inspection}/rules`, { title: "模糊测试制度" })).id;
  const victim = await createTestUser(context, "readonly", orgs.unitB);
  ids.victim = victim.actor.userId;
});

afterAll(async () => {
  await context?.close();
});

/** Signs the administrator in again when a fuzzed request (logout, say) ended the session. */
async function keepAdminSignedIn(): Promise<void> {
  const me = await context.app.inject({ method: "GET", url: "/api/auth/me", headers: admin.headers });
  if (me.statusCode === 200) return;
  const login = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: admin.actor.username, password: TEST_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`re-login failed: ${login.body}`);
  admin.headers.cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  admin.headers["x-csrf-token"] = (login.json() as { csrfToken: string }).csrfToken;
}

describe("OpenAPI-driven fuzz", () => {
  it("answers every hostile request to every documented route with a 4xx in Chinese, never a 5xx", async () => {
    const document = (await context.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(60);
    const failures: string[] = [];
    let sent = 0;
    let unauthenticated = 0;
    for (const operation of operations) {
      await keepAdminSignedIn();
      for (const attempt of attemptsFor(operation)) {
        const headers = { ...admin.headers, ...(attempt.headers ?? {}) };
        const response = await context.app.inject({
          method: attempt.method as "POST",
          url: attempt.url,
          headers,
          payload: attempt.payload as never,
          remoteAddress: `10.77.${sent % 250}.${(sent >> 8) % 250}`,
        });
        sent += 1;
        if (response.statusCode === 401) unauthenticated += 1;
        const where = `${attempt.method} ${operation.path} [${attempt.label}]`;
        if (response.statusCode >= 500) {
          failures.push(`${where} → ${response.statusCode} ${response.body.slice(0, 200)}`);
        } else if (response.statusCode >= 400) {
          const error = (response.json() as { error?: { code?: string; message?: string } }).error;
          if (!error?.code || !/[\u4e00-\u9fff]/.test(error.message ?? "")) failures.push(`${where} → ${response.statusCode} without a Chinese error: ${response.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures, `${failures.length} of ${sent} requests failed:\n${failures.slice(0, 80).join("\n")}`).toHaveLength(0);
    expect(sent).toBeGreaterThan(2000);
    // The fuzz must reach the services: almost every request runs signed in as an administrator.
    expect(unauthenticated / sent).toBeLessThan(0.02);
  }, 600_000);
});
