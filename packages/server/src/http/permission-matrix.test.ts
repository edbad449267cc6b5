// The permission matrix: every route × every role × where the role is granted relative to the
// data (its own unit, the office above it, another unit, the responsible department below it),
// plus anonymous callers. Expected outcomes are written down in one table below, by hand; the test
// fails for any route the table does not list, so a new route cannot ship without its row.
//
// Outcome letters: "2" = 2xx, "3" = 403, "4" = 404, "1" = 401, "x" = another 4xx (a refusal on the
// merits, e.g. 409/422, after access was granted). Each role's string gives own/parent/other/child.
// List routes also must not show the subject unit's records to another unit (checked by a marker).
import type { Role } from "@zhenggai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../services/access.ts";
import { REGISTERS } from "../services/register.service.ts";
import { buildMultipart } from "../test/multipart.ts";
import { createOrgFixture, createTestContext, createTestUser, TEST_PASSWORD, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";

const ROLES: Role[] = ["admin", "inspection_office", "discipline", "rectification_office", "leader", "department", "readonly"];
const RELATIONS = ["own", "parent", "other", "child"] as const;
type Relation = (typeof RELATIONS)[number];
/** Marker written into the subject unit's records: another unit must never see it in a list. */
const MARK = "甲单位标记";

interface Targets {
  /** Unit A itself. */
  unit(): number;
  inspection(): Promise<number>;
  finding(): Promise<number>;
  measure(): Promise<{ id: number; version: number }>;
  evidence(): Promise<number>;
  closure(): Promise<number>;
  notice(): Promise<{ id: number; version: number }>;
  comment(): Promise<{ id: number; version: number }>;
  register(name: string): Promise<{ id: number; version: number }>;
  /** A fresh, empty department of unit A. */
  org(): Promise<{ id: number; version: number }>;
  evidenceFor(measureId: number): Promise<number>;
  user(): Promise<{ id: number; version: number }>;
  /** The current version of a row (for records whose version moved after creation). */
  versionOf(table: string, id: number): Promise<number>;
  /** A round of unit A, archived. */
  archivedInspection(): Promise<{ id: number; version: number }>;
  /** A measure of department A1 with a due date, and a pending extension request on it by department staff. */
  dueMeasure(): Promise<{ id: number; version: number }>;
  extension(): Promise<number>;
  progress(): Promise<{ id: number; version: number }>;
  /** A 督办 directive to unit A; replied (by its 整改办) when asked. */
  directive(isReplied?: boolean): Promise<{ id: number; version: number }>;
  directiveFile(): Promise<number>;
  interview(): Promise<{ id: number; version: number }>;
  /** A draft weekly report of unit A (each call: another week). */
  weeklyReport(): Promise<{ id: number; version: number }>;
  /** A delegation (代签) of a fresh unit-A user to a colleague of the same unit. */
  delegation(): Promise<number>;
  /** A user of unit A other than the target users: a delegate, a person to link. */
  colleague(): number;
}

interface Request {
  url: string;
  payload?: Record<string, unknown>;
  multipart?: { fileName: string; bytes: Buffer; fields?: Record<string, string> };
  /** Signs in a throwaway session for this request (the route ends the session it is called with). */
  throwawaySession?: boolean;
}

interface RouteCase {
  build(t: Targets): Promise<Request>;
  /** Role → outcomes for own/parent/other/child. */
  expect: Record<Role, string>;
  /** Outcome for a caller without a session. */
  anonymous: string;
}

const all = (outcomes: string): Record<Role, string> => Object.fromEntries(ROLES.map((r) => [r, outcomes])) as Record<Role, string>;
const table = (rows: Partial<Record<Role, string>>, others: string): Record<Role, string> => ({ ...all(others), ...rows }) as Record<Role, string>;

const PDF = Buffer.from("%PDF-1.4\n% matrix\n");
const VOID_REASON = "录入错误，作废";
const FAR_DATE = "2099-01-01";

/** Register routes follow one pattern: the unit's 整改办 (and administrators) write, everyone in the unit reads. */
function registerCases(): Record<string, RouteCase> {
  const cases: Record<string, RouteCase> = {};
  for (const spec of REGISTERS) {
    const sample: Record<string, Record<string, unknown>> = {
      rules: { title: `${MARK}制度` },
      accountabilities: { kind: "interview", personName: MARK },
      recoveries: { kind: "refunded", amountFen: 100, note: MARK },
      petitions: { subject: `${MARK}信访` },
      leads: { subject: `${MARK}线索` },
    };
    // Register rows belong to the unit: a grant on one of its departments does not see them.
    const writeExpect = table({ admin: "2244", rectification_office: "2244" }, "3344");
    cases[`GET /api/${spec.name}`] = { build: async () => ({ url: `/api/${spec.name}` }), expect: all("2222"), anonymous: "1" };
    cases[`GET /api/${spec.name}/{id}`] = { build: async (t) => ({ url: `/api/${spec.name}/${(await t.register(spec.name)).id}` }), expect: all("2244"), anonymous: "1" };
    cases[`GET /api/${spec.name}/{id}/history`] = { build: async (t) => ({ url: `/api/${spec.name}/${(await t.register(spec.name)).id}/history` }), expect: all("2244"), anonymous: "1" };
    cases[`GET /api/${spec.name}/export`] = { build: async (t) => ({ url: `/api/${spec.name}/export?inspectionId=${await t.inspection()}` }), expect: all("2244"), anonymous: "1" };
    cases[`POST /api/inspections/{id}/${spec.name}`] = {
      build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/${spec.name}`, payload: sample[spec.name] }),
      expect: writeExpect,
      anonymous: "1",
    };
    cases[`PATCH /api/${spec.name}/{id}`] = {
      build: async (t) => {
        const row = await t.register(spec.name);
        return { url: `/api/${spec.name}/${row.id}`, payload: { version: row.version } };
      },
      expect: writeExpect,
      anonymous: "1",
    };
    cases[`POST /api/${spec.name}/{id}/void`] = {
      build: async (t) => {
        const row = await t.register(spec.name);
        return { url: `/api/${spec.name}/${row.id}/void`, payload: { version: row.version, reason: VOID_REASON } };
      },
      expect: writeExpect,
      anonymous: "1",
    };
    // Outcome registers are voided, never deleted: the refusal is the same for everyone (it reads nothing).
    cases[`DELETE /api/${spec.name}/{id}`] = {
      build: async (t) => {
        const row = await t.register(spec.name);
        return { url: `/api/${spec.name}/${row.id}?version=${row.version}` };
      },
      expect: all("xxxx"),
      anonymous: "1",
    };
  }
  return cases;
}

function interviewOf(orgId: number): Record<string, unknown> {
  return { orgId, interviewer: "巡察办负责人", interviewee: `${MARK}主要负责人`, heldOn: "2026-01-05", subject: `${MARK}约谈事由` };
}

/** The table. Subject data lives in unit A; its measure belongs to department A1. */
const MATRIX: Record<string, RouteCase> = {
  "GET /api/health": { build: async () => ({ url: "/api/health" }), expect: all("2222"), anonymous: "2" },
  "GET /api/setup": { build: async () => ({ url: "/api/setup" }), expect: all("2222"), anonymous: "2" },
  // Setup is done: everyone, signed in or not, gets SETUP_DONE (or a wrong-token refusal).
  "POST /api/setup": {
    build: async () => ({ url: "/api/setup", payload: { token: "x", username: "later", displayName: "x", password: "Passw0rd-late", orgName: "x" } }),
    expect: all("xxxx"),
    anonymous: "x",
  },
  "POST /api/auth/login": { build: async () => ({ url: "/api/auth/login", payload: { username: "matrix_target", password: TEST_PASSWORD } }), expect: all("2222"), anonymous: "2" },
  "POST /api/auth/logout": { build: async () => ({ url: "/api/auth/logout", throwawaySession: true }), expect: all("2222"), anonymous: "2" },
  "GET /api/auth/me": { build: async () => ({ url: "/api/auth/me" }), expect: all("2222"), anonymous: "1" },
  // A wrong current password is refused on the merits for everyone signed in.
  "POST /api/auth/password": { build: async () => ({ url: "/api/auth/password", payload: { currentPassword: "wrong-one-1", newPassword: "NewPassw0rd-x" } }), expect: all("xxxx"), anonymous: "1" },
  "GET /api/orgs": { build: async () => ({ url: "/api/orgs" }), expect: all("2222"), anonymous: "1" },
  // A grant on a department does not reach up to its unit.
  "GET /api/orgs/{id}": { build: async (t) => ({ url: `/api/orgs/${t.unit()}` }), expect: all("2244"), anonymous: "1" },
  "POST /api/orgs": { build: async (t) => ({ url: "/api/orgs", payload: { parentId: t.unit(), kind: "department", name: `${MARK}新科室` } }), expect: table({ admin: "2244" }, "3344"), anonymous: "1" },
  "PATCH /api/orgs/{id}": { build: async (t) => { const org = await t.org(); return { url: `/api/orgs/${org.id}`, payload: { version: org.version, name: `${MARK}改名` } }; }, expect: table({ admin: "2244" }, "3344"), anonymous: "1" },
  "DELETE /api/orgs/{id}": { build: async (t) => { const org = await t.org(); return { url: `/api/orgs/${org.id}?version=${org.version}` }; }, expect: table({ admin: "2244" }, "3344"), anonymous: "1" },
  "GET /api/users": { build: async () => ({ url: "/api/users" }), expect: table({ admin: "2222" }, "3333"), anonymous: "1" },
  "POST /api/users": {
    build: async (t) => ({ url: "/api/users", payload: { username: `m_${Math.random().toString(36).slice(2, 10)}`, displayName: MARK, password: TEST_PASSWORD, grants: [{ orgId: t.unit(), role: "readonly" }] } }),
    expect: table({ admin: "2244" }, "3344"),
    anonymous: "1",
  },
  "PATCH /api/users/{id}": { build: async (t) => { const user = await t.user(); return { url: `/api/users/${user.id}`, payload: { version: user.version, displayName: `${MARK}改` } }; }, expect: table({ admin: "2244" }, "3344"), anonymous: "1" },
  "GET /api/inspections": { build: async () => ({ url: "/api/inspections" }), expect: all("2222"), anonymous: "1" },
  "GET /api/inspections/{id}": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}` }), expect: all("2242"), anonymous: "1" },
  "PATCH /api/inspections/{id}": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}`, payload: { version: 1, name: `${MARK}轮次改` } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "DELETE /api/inspections/{id}": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}?version=1` }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/orgs/{id}/inspections": { build: async (t) => ({ url: `/api/orgs/${t.unit()}/inspections`, payload: { name: `${MARK}新轮次` } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/findings": { build: async () => ({ url: "/api/findings" }), expect: all("2222"), anonymous: "1" },
  // A measure belongs to its unit and to its responsible department: roles granted on the
  // department act on it as on the unit.
  "POST /api/measures/bulk-assign": { build: async (t) => ({ url: "/api/measures/bulk-assign", payload: { ids: [(await t.measure()).id], ownerName: `${MARK}人` } }), expect: table({ admin: "2242", rectification_office: "2242" }, "3343"), anonymous: "1" },
  "GET /api/findings/{id}": { build: async (t) => ({ url: `/api/findings/${await t.finding()}` }), expect: all("2242"), anonymous: "1" },
  "PATCH /api/findings/{id}": { build: async (t) => ({ url: `/api/findings/${await t.finding()}`, payload: { version: 1, title: `${MARK}问题改` } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "DELETE /api/findings/{id}": { build: async (t) => ({ url: `/api/findings/${await t.finding()}?version=1` }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/inspections/{id}/findings": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/findings`, payload: { title: `${MARK}新问题` } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/measures": { build: async () => ({ url: "/api/measures" }), expect: all("2222"), anonymous: "1" },
  "GET /api/measures/{id}": { build: async (t) => ({ url: `/api/measures/${(await t.measure()).id}` }), expect: all("2242"), anonymous: "1" },
  "PATCH /api/measures/{id}": { build: async (t) => { const m = await t.measure(); return { url: `/api/measures/${m.id}`, payload: { version: m.version, note: MARK } }; }, expect: table({ admin: "2242", rectification_office: "2242" }, "3343"), anonymous: "1" },
  "DELETE /api/measures/{id}": { build: async (t) => { const m = await t.measure(); return { url: `/api/measures/${m.id}?version=${m.version}` }; }, expect: table({ admin: "2242", rectification_office: "2242" }, "3343"), anonymous: "1" },
  "POST /api/findings/{id}/measures": { build: async (t) => ({ url: `/api/findings/${await t.finding()}/measures`, payload: { text: `${MARK}新措施` } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/measures/{id}/status": { build: async (t) => { const m = await t.measure(); return { url: `/api/measures/${m.id}/status`, payload: { status: "in_progress", version: m.version } }; }, expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "POST /api/measures/{id}/progress": { build: async (t) => ({ url: `/api/measures/${(await t.measure()).id}/progress`, payload: { text: `${MARK}进展` } }), expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "POST /api/measures/{id}/evidence": { build: async (t) => ({ url: `/api/measures/${(await t.measure()).id}/evidence`, multipart: { fileName: "材料.pdf", bytes: PDF } }), expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "GET /api/evidence/{id}/file": { build: async (t) => ({ url: `/api/evidence/${await t.evidence()}/file` }), expect: all("2242"), anonymous: "1" },
  "POST /api/measures/{id}/closures": {
    build: async (t) => {
      const m = await t.measure();
      await t.evidenceFor(m.id);
      return { url: `/api/measures/${m.id}/closures`, payload: { targetStatus: "completed" } };
    },
    expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"),
    anonymous: "1",
  },
  "GET /api/closures/pending": { build: async () => ({ url: "/api/closures/pending" }), expect: all("2222"), anonymous: "1" },
  // The default chain's first step is the responsible department's head, a named person (or the
  // person's delegate): another holder of the role, even an administrator, may not sign it.
  "POST /api/closures/{id}/decision": { build: async (t) => ({ url: `/api/closures/${await t.closure()}/decision`, payload: { decision: "returned", reason: "请补充材料" } }), expect: all("3343"), anonymous: "1" },
  // Only the submitter may withdraw; everyone else who can see it is refused on the merits.
  "POST /api/closures/{id}/withdraw": { build: async (t) => ({ url: `/api/closures/${await t.closure()}/withdraw` }), expect: table({ admin: "xx4x", rectification_office: "xx4x", department: "xx4x" }, "3343"), anonymous: "1" },
  // 回头看: supervisors review, the unit's 整改办 reviews itself (自查); only a signed-off measure can be.
  "POST /api/measures/{id}/reviews": { build: async (t) => ({ url: `/api/measures/${(await t.measure()).id}/reviews`, payload: { outcome: "confirmed" } }), expect: table({ admin: "xx4x", inspection_office: "xx4x", discipline: "xx4x", rectification_office: "xx4x" }, "3343"), anonymous: "1" },
  "GET /api/notices": { build: async () => ({ url: "/api/notices" }), expect: all("2222"), anonymous: "1" },
  "GET /api/notices/{id}": { build: async (t) => ({ url: `/api/notices/${(await t.notice()).id}` }), expect: all("2244"), anonymous: "1" },
  "PATCH /api/notices/{id}": { build: async (t) => { const n = await t.notice(); return { url: `/api/notices/${n.id}`, payload: { version: n.version, title: `${MARK}通报改` } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/inspections/{id}/notices": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/notices`, payload: { title: `${MARK}通报` } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  // Back to draft from draft is allowed for editors; the others are refused before any version check.
  "POST /api/notices/{id}/transition": { build: async (t) => { const n = await t.notice(); return { url: `/api/notices/${n.id}/transition`, payload: { to: "draft", version: n.version } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/notices/{id}/comments": { build: async (t) => ({ url: `/api/notices/${(await t.notice()).id}/comments` }), expect: all("2244"), anonymous: "1" },
  "POST /api/comments/{id}/moderate": { build: async (t) => { const c = await t.comment(); return { url: `/api/comments/${c.id}/moderate`, payload: { state: "accepted", version: c.version } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/public/notices": { build: async () => ({ url: "/api/public/notices" }), expect: all("2222"), anonymous: "2" },
  // Drafts are not public: not found for everyone.
  "GET /api/public/notices/{id}": { build: async (t) => ({ url: `/api/public/notices/${(await t.notice()).id}` }), expect: all("4444"), anonymous: "4" },
  "POST /api/public/notices/{id}/comments": { build: async (t) => ({ url: `/api/public/notices/${(await t.notice()).id}/comments`, payload: { text: "对通报提出意见建议" } }), expect: all("4444"), anonymous: "4" },
  "GET /api/dashboard": { build: async () => ({ url: "/api/dashboard" }), expect: all("2222"), anonymous: "1" },
  "GET /api/dashboard/timeline": { build: async (t) => ({ url: `/api/dashboard/timeline?inspectionId=${await t.inspection()}` }), expect: all("2244"), anonymous: "1" },
  "GET /api/rollup": { build: async () => ({ url: "/api/rollup" }), expect: all("2222"), anonymous: "1" },
  "GET /api/inspections/{id}/snapshot": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/snapshot` }), expect: all("2244"), anonymous: "1" },
  "GET /api/audit": { build: async () => ({ url: "/api/audit" }), expect: all("2222"), anonymous: "1" },
  // Any administrator may load the fictional demo; it loads once (the first administrator asking,
  // admin@own) and conflicts afterwards.
  "POST /api/demo": { build: async () => ({ url: "/api/demo" }), expect: table({ admin: "2xxx" }, "3333"), anonymous: "1" },
  "POST /api/orgs/{id}/imports/notice/preview": {
    build: async (t) => ({ url: `/api/orgs/${t.unit()}/imports/notice/preview`, multipart: { fileName: "通报.txt", bytes: Buffer.from("关于整改情况的通报\n一、存在问题\n1.制度不健全。已完成。") } }),
    expect: table({ admin: "2244", rectification_office: "2244" }, "3344"),
    anonymous: "1",
  },
  "POST /api/orgs/{id}/imports/notice": {
    build: async (t) => ({ url: `/api/orgs/${t.unit()}/imports/notice`, multipart: { fileName: "通报.txt", bytes: Buffer.from(`关于整改情况的通报${Math.random()}\n一、存在问题\n1.制度不健全。已完成。`) } }),
    expect: table({ admin: "2244", rectification_office: "2244" }, "3344"),
    anonymous: "1",
  },
  "POST /api/inspections/{id}/imports/ledger/preview": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/imports/ledger/preview`, multipart: { fileName: "台账.xlsx", bytes: Buffer.from("not a workbook") } }), expect: table({ admin: "xx44", rectification_office: "xx44" }, "3344"), anonymous: "1" },
  "POST /api/inspections/{id}/imports/ledger": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/imports/ledger`, multipart: { fileName: "台账.xlsx", bytes: Buffer.from("not a workbook") } }), expect: table({ admin: "xx44", rectification_office: "xx44" }, "3344"), anonymous: "1" },
  "GET /api/inspections/{id}/exports": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/exports?kind=notice&format=txt` }), expect: all("2244"), anonymous: "1" },
  "GET /api/notices/{id}/check": { build: async (t) => ({ url: `/api/notices/${(await t.notice()).id}/check` }), expect: all("2244"), anonymous: "1" },
  "GET /api/audit/head": { build: async () => ({ url: "/api/audit/head" }), expect: all("2222"), anonymous: "1" },
  // The whole audit chain and a backup hold every unit's data: administrators of the whole tree only.
  "GET /api/audit/verify": { build: async () => ({ url: "/api/audit/verify" }), expect: table({ admin: "3233" }, "3333"), anonymous: "1" },
  "POST /api/backup": { build: async () => ({ url: "/api/backup" }), expect: table({ admin: "3233" }, "3333"), anonymous: "1" },
  "GET /api/immediate-fixes/export": { build: async (t) => ({ url: `/api/immediate-fixes/export?inspectionId=${await t.inspection()}` }), expect: all("2244"), anonymous: "1" },
  "GET /api/limits": { build: async () => ({ url: "/api/limits" }), expect: all("2222"), anonymous: "1" },
  // Part of the marker, so the echoed query does not itself count as a leak.
  "GET /api/search": { build: async () => ({ url: `/api/search?q=${encodeURIComponent(MARK.slice(1, 4))}` }), expect: all("2222"), anonymous: "1" },
  // The users list is the administrators' (as on screen).
  "GET /api/exports/lists/{kind}": { build: async () => ({ url: "/api/exports/lists/users" }), expect: table({ admin: "2222" }, "3333"), anonymous: "1" },
  "POST /api/users/{id}/reset-password": { build: async (t) => ({ url: `/api/users/${(await t.user()).id}/reset-password` }), expect: table({ admin: "2244" }, "3344"), anonymous: "1" },

  // Archiving and voiding records of the ledger: the unit's 整改办 (and administrators).
  "POST /api/inspections/{id}/archive": { build: async (t) => { const id = await t.inspection(); return { url: `/api/inspections/${id}/archive`, payload: { version: await t.versionOf("inspections", id) } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/inspections/{id}/unarchive": { build: async (t) => { const round = await t.archivedInspection(); return { url: `/api/inspections/${round.id}/unarchive`, payload: { version: round.version, reason: VOID_REASON } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/findings/{id}/void": { build: async (t) => { const id = await t.finding(); return { url: `/api/findings/${id}/void`, payload: { version: await t.versionOf("findings", id), reason: VOID_REASON } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/findings/{id}/history": { build: async (t) => ({ url: `/api/findings/${await t.finding()}/history` }), expect: all("2242"), anonymous: "1" },
  "POST /api/measures/{id}/void": { build: async (t) => { const m = await t.measure(); return { url: `/api/measures/${m.id}/void`, payload: { version: await t.versionOf("measures", m.id), reason: VOID_REASON } }; }, expect: table({ admin: "2242", rectification_office: "2242" }, "3343"), anonymous: "1" },
  // Progress and evidence are edited, voided and corrected by whoever may report progress on the measure.
  "PATCH /api/evidence/{id}": { build: async (t) => { const id = await t.evidence(); return { url: `/api/evidence/${id}`, payload: { version: await t.versionOf("evidence", id), description: `${MARK}说明` } }; }, expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "POST /api/evidence/{id}/void": { build: async (t) => { const id = await t.evidence(); return { url: `/api/evidence/${id}/void`, payload: { version: await t.versionOf("evidence", id), reason: VOID_REASON } }; }, expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "PATCH /api/progress/{id}": { build: async (t) => { const p = await t.progress(); return { url: `/api/progress/${p.id}`, payload: { version: p.version, text: `${MARK}进展改` } }; }, expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "POST /api/progress/{id}/void": { build: async (t) => { const p = await t.progress(); return { url: `/api/progress/${p.id}/void`, payload: { version: p.version, reason: VOID_REASON } }; }, expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "POST /api/progress/{id}/corrections": { build: async (t) => ({ url: `/api/progress/${(await t.progress()).id}/corrections`, payload: { text: `${MARK}更正`, reportDate: "2026-01-05" } }), expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },

  // Deadline rules: read by the unit, set by administrators and the 巡察办 over it.
  "GET /api/orgs/{id}/clock-rules": { build: async (t) => ({ url: `/api/orgs/${t.unit()}/clock-rules` }), expect: all("2244"), anonymous: "1" },
  "PUT /api/orgs/{id}/clock-rules": { build: async (t) => ({ url: `/api/orgs/${t.unit()}/clock-rules`, payload: { rules: null } }), expect: table({ admin: "2244", inspection_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/inspections/{id}/clock": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/clock` }), expect: all("2244"), anonymous: "1" },
  // Extensions (延期): requested by whoever reports progress, decided by the rules' approver (整改办 by default) or an administrator.
  "GET /api/measures/{id}/extensions": { build: async (t) => ({ url: `/api/measures/${(await t.dueMeasure()).id}/extensions` }), expect: all("2242"), anonymous: "1" },
  "POST /api/measures/{id}/extensions": { build: async (t) => ({ url: `/api/measures/${(await t.dueMeasure()).id}/extensions`, payload: { requestedDueDate: "2099-06-01", reason: `${MARK}延期理由` } }), expect: table({ admin: "2242", rectification_office: "2242", department: "2242" }, "3343"), anonymous: "1" },
  "POST /api/extensions/{id}/decision": { build: async (t) => ({ url: `/api/extensions/${await t.extension()}/decision`, payload: { decision: "approved" } }), expect: table({ admin: "2242", rectification_office: "2242" }, "3343"), anonymous: "1" },
  // Only the requester may withdraw; everyone else who can see it is refused on the merits.
  "POST /api/extensions/{id}/withdraw": { build: async (t) => ({ url: `/api/extensions/${await t.extension()}/withdraw` }), expect: all("xx4x"), anonymous: "1" },

  // 督办: issued by administrators, the 巡察办 and 纪检监察组 over the unit; replied by the unit's 整改办.
  "GET /api/directives": { build: async () => ({ url: "/api/directives" }), expect: all("2222"), anonymous: "1" },
  "GET /api/directives/{id}": { build: async (t) => ({ url: `/api/directives/${(await t.directive()).id}` }), expect: all("2244"), anonymous: "1" },
  "POST /api/directives": { build: async (t) => ({ url: "/api/directives", payload: { text: `${MARK}督办`, replyDue: FAR_DATE, orgId: t.unit() } }), expect: table({ admin: "2244", inspection_office: "2244", discipline: "2244" }, "3344"), anonymous: "1" },
  "POST /api/inspections/{id}/directives": { build: async (t) => ({ url: `/api/inspections/${await t.inspection()}/directives`, payload: { text: `${MARK}督办`, replyDue: FAR_DATE } }), expect: table({ admin: "2244", inspection_office: "2244", discipline: "2244" }, "3344"), anonymous: "1" },
  "POST /api/directives/{id}/reply": { build: async (t) => { const d = await t.directive(); return { url: `/api/directives/${d.id}/reply`, payload: { replyText: `${MARK}回复`, version: d.version } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/directives/{id}/files": { build: async (t) => ({ url: `/api/directives/${(await t.directive()).id}/files`, multipart: { fileName: "督办回复.pdf", bytes: PDF } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/directive-files/{id}": { build: async (t) => ({ url: `/api/directive-files/${await t.directiveFile()}` }), expect: all("2244"), anonymous: "1" },
  "POST /api/directives/{id}/close": { build: async (t) => { const d = await t.directive(true); return { url: `/api/directives/${d.id}/close`, payload: { version: d.version } }; }, expect: table({ admin: "2244", inspection_office: "2244", discipline: "2244" }, "3344"), anonymous: "1" },
  "POST /api/directives/{id}/void": { build: async (t) => { const d = await t.directive(); return { url: `/api/directives/${d.id}/void`, payload: { version: d.version, reason: VOID_REASON } }; }, expect: table({ admin: "2244", inspection_office: "2244", discipline: "2244" }, "3344"), anonymous: "1" },
  // 约谈: recorded by supervisors (巡察办, 纪检监察组) and by the unit's 整改办.
  "GET /api/interviews": { build: async () => ({ url: "/api/interviews" }), expect: all("2222"), anonymous: "1" },
  "POST /api/interviews": { build: async (t) => ({ url: "/api/interviews", payload: interviewOf(t.unit()) }), expect: table({ admin: "2244", inspection_office: "2244", discipline: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "PATCH /api/interviews/{id}": { build: async (t) => { const row = await t.interview(); return { url: `/api/interviews/${row.id}`, payload: { ...interviewOf(t.unit()), version: row.version } }; }, expect: table({ admin: "2244", inspection_office: "2244", discipline: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/interviews/{id}/void": { build: async (t) => { const row = await t.interview(); return { url: `/api/interviews/${row.id}/void`, payload: { version: row.version, reason: VOID_REASON } }; }, expect: table({ admin: "2244", inspection_office: "2244", discipline: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  // Weekly reports (周汇报): the unit's 整改办 writes and sends them; the unit and its supervisors read them.
  "GET /api/weekly-reports": { build: async () => ({ url: "/api/weekly-reports" }), expect: all("2222"), anonymous: "1" },
  "GET /api/weekly-reports/status": { build: async () => ({ url: "/api/weekly-reports/status" }), expect: all("2222"), anonymous: "1" },
  "POST /api/orgs/{id}/weekly-reports": { build: async (t) => ({ url: `/api/orgs/${t.unit()}/weekly-reports` }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "GET /api/weekly-reports/{id}": { build: async (t) => ({ url: `/api/weekly-reports/${(await t.weeklyReport()).id}` }), expect: all("2244"), anonymous: "1" },
  "GET /api/weekly-reports/{id}/export": { build: async (t) => ({ url: `/api/weekly-reports/${(await t.weeklyReport()).id}/export?format=txt` }), expect: all("2244"), anonymous: "1" },
  "PATCH /api/weekly-reports/{id}": { build: async (t) => { const r = await t.weeklyReport(); return { url: `/api/weekly-reports/${r.id}`, payload: { summary: `${MARK}总体情况`, nextSteps: "下一步", version: r.version } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/weekly-reports/{id}/send": { build: async (t) => { const r = await t.weeklyReport(); return { url: `/api/weekly-reports/${r.id}/send`, payload: { version: r.version } }; }, expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  // Notifications are each person's own.
  "GET /api/notifications": { build: async () => ({ url: "/api/notifications" }), expect: all("2222"), anonymous: "1" },
  "GET /api/notifications/unread-count": { build: async () => ({ url: "/api/notifications/unread-count" }), expect: all("2222"), anonymous: "1" },
  "POST /api/notifications/read": { build: async () => ({ url: "/api/notifications/read", payload: {} }), expect: all("2222"), anonymous: "1" },
  "GET /api/notifications/settings": { build: async () => ({ url: "/api/notifications/settings" }), expect: all("2222"), anonymous: "1" },
  "PUT /api/notifications/settings": { build: async () => ({ url: "/api/notifications/settings", payload: { email: null, emailKinds: [] } }), expect: all("2222"), anonymous: "1" },
  "GET /api/system/mail": { build: async () => ({ url: "/api/system/mail" }), expect: table({ admin: "2222" }, "3333"), anonymous: "1" },
  // An unknown warning key is refused on the merits, after the editor / approver check.
  "POST /api/notices/{id}/acknowledgements": { build: async (t) => ({ url: `/api/notices/${(await t.notice()).id}/acknowledgements`, payload: { key: "0".repeat(64) } }), expect: table({ admin: "xx44", rectification_office: "xx44", leader: "xx44" }, "3344"), anonymous: "1" },
  // People of the unit: everyone in it may pick them; linking names to accounts is the 整改办's.
  "GET /api/orgs/{id}/people": { build: async (t) => ({ url: `/api/orgs/${t.unit()}/people` }), expect: all("2244"), anonymous: "1" },
  "GET /api/orgs/{id}/unlinked-people": { build: async (t) => ({ url: `/api/orgs/${t.unit()}/unlinked-people` }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  "POST /api/orgs/{id}/link-people": { build: async (t) => ({ url: `/api/orgs/${t.unit()}/link-people`, payload: { field: "owner", name: `${MARK}责任人`, userId: t.colleague() } }), expect: table({ admin: "2244", rectification_office: "2244" }, "3344"), anonymous: "1" },
  // Delegations (代签): one's own, or those of users one administers.
  "GET /api/delegations": { build: async () => ({ url: "/api/delegations" }), expect: all("2222"), anonymous: "1" },
  "POST /api/delegations": { build: async (t) => ({ url: "/api/delegations", payload: { principalId: (await t.user()).id, delegateId: t.colleague(), reason: `${MARK}外出学习` } }), expect: table({ admin: "2244" }, "3344"), anonymous: "1" },
  "POST /api/delegations/{id}/revoke": { build: async (t) => ({ url: `/api/delegations/${await t.delegation()}/revoke` }), expect: table({ admin: "2244" }, "3344"), anonymous: "1" },
  ...registerCases(),
};

let context: TestContext;
let orgs: OrgFixture;
let setupAdmin: Actor;
let submitter: Actor;
let counter = 0;
/** A readonly user of department A1: a delegate, a person to link names to. */
let colleagueId: number;
let leaderId: number;
let weeklyBase: Promise<{ id: number }> | undefined;

/** Routes that change the round itself: each caller gets a round of its own. */
const ROUND_WRITES = new Set(["PATCH /api/inspections/{id}", "DELETE /api/inspections/{id}", "POST /api/inspections/{id}/archive"]);

/** Targets of unit A; `round` holds the subject round, shared by every target made with the same holder. */
function makeTargets(round: { id: Promise<number> | null } = { id: null }): Targets {
  const s = context.services;
  const unique = () => `${MARK}${(counter += 1)}`;
  // Every subject round has a finding with a measure of department A1, so department staff see
  // the round and the finding through their own measure.
  const newRound = async () => {
    const id = (await s.inspections.createInspection(setupAdmin, orgs.unitA, { name: unique() })).id;
    await measureOf(await bareFinding(id));
    return id;
  };
  const bareFinding = async (round: number) => (await s.findings.createFinding(setupAdmin, round, { title: unique() })).id;
  const measureOf = async (findingId: number) => {
    const row = await s.measures.createMeasure(setupAdmin, findingId, { text: unique(), departmentId: orgs.deptA1, leaderUserId: leaderId });
    return { id: row.id, version: row.version };
  };
  const inspection = () => (round.id ??= newRound());
  const finding = async () => {
    const id = await bareFinding(await inspection());
    await measureOf(id);
    return id;
  };
  const measure = async () => measureOf(await bareFinding(await inspection()));
  const dueMeasure = async () => {
    const row = await s.measures.createMeasure(setupAdmin, await bareFinding(await inspection()), { text: unique(), departmentId: orgs.deptA1, leaderUserId: leaderId, dueDate: FAR_DATE });
    return { id: row.id, version: row.version };
  };
  const evidenceFor = async (measureId: number) => (await s.measures.addEvidence(setupAdmin, measureId, { fileName: "佐证.pdf", mimeType: "application/pdf", bytes: PDF })).id;
  return {
    unit: () => orgs.unitA,
    inspection,
    finding,
    measure,
    evidenceFor,
    evidence: async () => evidenceFor((await measure()).id),
    closure: async () => {
      const m = await measure();
      await evidenceFor(m.id);
      return (await s.closures.submitClosure(submitter, m.id, { targetStatus: "completed" })).id;
    },
    notice: async () => {
      const row = await s.notices.createNotice(setupAdmin, await inspection(), { title: unique() });
      return { id: row.id, version: row.version };
    },
    comment: async () => {
      const notice = await s.notices.createNotice(setupAdmin, await inspection(), { title: unique() });
      // Set-up: a comment as if the public had sent one while the notice was published.
      const rows = await context.db.query<{ id: number; version: number }>(
        "insert into public_comments (notice_id, org_id, text) values ($1, $2, $3) returning id, version",
        [notice.id, orgs.unitA, `${MARK}群众意见`],
      );
      return rows[0];
    },
    register: async (name) => {
      const spec = REGISTERS.find((r) => r.name === name)!;
      const fields: Record<string, Record<string, unknown>> = {
        rules: { title: unique() },
        accountabilities: { kind: "interview", personName: unique() },
        recoveries: { kind: "refunded", amountFen: 100, note: unique() },
        petitions: { subject: unique() },
        leads: { subject: unique() },
        directives: { text: unique() },
      };
      const row = await s.registers.create(setupAdmin, spec, await inspection(), fields[name]);
      return { id: row.id as number, version: row.version as number };
    },
    org: async () => {
      // Set-up: an empty department of unit A, which org routes may rename or delete.
      const rows = await context.db.query<{ id: number; version: number }>("insert into orgs (parent_id, kind, name) values ($1, 'department', $2) returning id, version", [orgs.unitA, unique()]);
      return rows[0];
    },
    user: async () => {
      const view = await s.users.createUser(null, { username: `t_${(counter += 1)}`, displayName: unique(), password: TEST_PASSWORD, grants: [{ orgId: orgs.deptA2, role: "readonly" }] });
      return { id: view.id, version: view.version };
    },
    versionOf: async (name, id) => {
      const rows = await context.db.query<{ version: number }>(`select version from ${name} where id = $1`, [id]);
      return Number(rows[0].version);
    },
    archivedInspection: async () => {
      const id = await newRound();
      const row = await s.inspections.archiveInspection(setupAdmin, id, { version: (await s.inspections.getInspection(setupAdmin, id)).version });
      return { id: row.id, version: row.version };
    },
    dueMeasure,
    extension: async () => (await s.extensions.request(submitter, (await dueMeasure()).id, { requestedDueDate: "2099-06-01", reason: unique() })).id,
    progress: async () => {
      const row = await s.measures.addProgress(setupAdmin, (await measure()).id, { text: unique() });
      return { id: row.id, version: row.version };
    },
    directive: async (isReplied = false) => {
      let row = await s.directives.issue(setupAdmin, { text: unique(), replyDue: FAR_DATE, orgId: orgs.unitA });
      if (isReplied) row = await s.directives.reply(setupAdmin, row.id, { replyText: unique(), version: row.version });
      return { id: row.id, version: row.version };
    },
    directiveFile: async () => {
      const directive = await s.directives.issue(setupAdmin, { text: unique(), replyDue: FAR_DATE, orgId: orgs.unitA });
      return (await s.directives.addFile(setupAdmin, directive.id, { fileName: "督办材料.pdf", bytes: PDF })).id;
    },
    interview: async () => {
      const row = await s.interviews.create(setupAdmin, interviewOf(orgs.unitA) as never);
      return { id: row.id, version: row.version };
    },
    weeklyReport: async () => {
      // Set-up: one report per week and unit, so each caller gets a copy dated another (earlier) week.
      weeklyBase ??= s.weeklyReports.generateNow(setupAdmin, orgs.unitA);
      const base = await weeklyBase;
      const rows = await context.db.query<{ id: number; version: number }>(
        "insert into weekly_reports (org_id, period_start, period_end, content) select org_id, period_start - $2::int, period_end - $2::int, content from weekly_reports where id = $1 returning id, version",
        [base.id, 7 * (counter += 1)],
      );
      return rows[0];
    },
    delegation: async () => {
      const principal = await s.users.createUser(null, { username: `t_${(counter += 1)}`, displayName: unique(), password: TEST_PASSWORD, grants: [{ orgId: orgs.deptA2, role: "readonly" }] });
      return (await s.delegations.createDelegation(setupAdmin, { principalId: principal.id, delegateId: colleagueId, reason: unique() })).id;
    },
    colleague: () => colleagueId,
  };
}

/** Targets whose records are made once and then handed to every caller (for routes that only read). */
function sharedTargets(targets: Targets): Targets {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as Promise<T>;
  };
  return {
    ...targets,
    inspection: () => once("inspection", targets.inspection),
    finding: () => once("finding", targets.finding),
    measure: () => once("measure", targets.measure),
    evidence: () => once("evidence", targets.evidence),
    closure: () => once("closure", targets.closure),
    notice: () => once("notice", targets.notice),
    comment: () => once("comment", targets.comment),
    register: (name) => once(`register:${name}`, () => targets.register(name)),
    org: () => once("org", targets.org),
    user: () => once("user", targets.user),
    archivedInspection: () => once("archivedInspection", targets.archivedInspection),
    dueMeasure: () => once("dueMeasure", targets.dueMeasure),
    extension: () => once("extension", targets.extension),
    progress: () => once("progress", targets.progress),
    directive: (isReplied) => once(`directive:${isReplied === true}`, () => targets.directive(isReplied)),
    directiveFile: () => once("directiveFile", targets.directiveFile),
    interview: () => once("interview", targets.interview),
    weeklyReport: () => once("weeklyReport", targets.weeklyReport),
    delegation: () => once("delegation", targets.delegation),
  };
}

function outcomeOf(status: number): string {
  if (status >= 200 && status < 300) return "2";
  if (status === 401) return "1";
  if (status === 403) return "3";
  if (status === 404) return "4";
  if (status >= 400 && status < 500) return "x";
  return String(status);
}

const grantOrg = (relation: Relation): number => ({ own: orgs.unitA, parent: orgs.office, other: orgs.unitB, child: orgs.deptA1 })[relation];

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  setupAdmin = (await createTestUser(context, "admin", orgs.office, "矩阵管理员")).actor;
  submitter = (await createTestUser(context, "department", orgs.deptA1, "矩阵提交人")).actor;
  // Set-up: department A1 has a head, who signs the first step of its sign-offs (no matrix actor is that person).
  const head = await createTestUser(context, "department", orgs.deptA1, "矩阵股长");
  await context.db.query("update orgs set head_user_id = $2 where id = $1", [orgs.deptA1, head.actor.userId]);
  // Set-up: the leader (责任领导) of every subject measure, who signs its second step.
  leaderId = (await createTestUser(context, "leader", orgs.unitA, "矩阵责任领导")).actor.userId;
  colleagueId = (await context.services.users.createUser(null, { username: "matrix_colleague", displayName: "矩阵同事", password: TEST_PASSWORD, grants: [{ orgId: orgs.deptA1, role: "readonly" }] })).id;
  await context.services.users.createUser(null, { username: "matrix_target", displayName: "登录目标", password: TEST_PASSWORD, grants: [{ orgId: orgs.unitB, role: "readonly" }] });
}, 600_000);

afterAll(async () => {
  await context?.close();
});

describe("permission matrix", () => {
  it("lists every route of the API, and only those", async () => {
    const document = (await context.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(Object.keys(MATRIX).sort()).toEqual(routes.sort());
  });

  // A write that points at another unit's record must answer "not found" before it looks at the
  // record's state or names anyone in it: voided, archived or deactivated records exist too.
  it("does not reveal another unit's records through what a write points at", async () => {
    const s = context.services;
    const t = makeTargets();
    const supervisorOfB = await createTestUser(context, "inspection_office", orgs.unitB);
    const readerOfB = await createTestUser(context, "readonly", orgs.unitB);
    const voidedMeasure = await t.measure();
    await s.measureRecords.voidMeasure(setupAdmin, voidedMeasure.id, { version: voidedMeasure.version, reason: VOID_REASON });
    const voidedFinding = await t.finding();
    await s.findings.voidFinding(setupAdmin, voidedFinding, { version: await t.versionOf("findings", voidedFinding), reason: VOID_REASON });
    const archived = await t.archivedInspection();
    const stranger = await s.users.createUser(null, { username: "matrix_stranger", displayName: `${MARK}停用人`, password: TEST_PASSWORD, grants: [{ orgId: orgs.deptA2, role: "readonly" }] });
    await s.users.updateUser(setupAdmin, stranger.id, { version: stranger.version, isActive: false });
    const probes: { label: string; user: TestUser; url: string; payload: Record<string, unknown> }[] = [
      { label: "directive on a voided measure", user: supervisorOfB, url: "/api/directives", payload: { text: "督办", replyDue: FAR_DATE, measureId: voidedMeasure.id } },
      { label: "directive on a voided finding", user: supervisorOfB, url: "/api/directives", payload: { text: "督办", replyDue: FAR_DATE, findingId: voidedFinding } },
      { label: "directive on an archived round", user: supervisorOfB, url: `/api/inspections/${archived.id}/directives`, payload: { text: "督办", replyDue: FAR_DATE } },
      { label: "delegation to a deactivated user", user: readerOfB, url: "/api/delegations", payload: { delegateId: stranger.id, reason: "外出" } },
      { label: "delegation to a user of another unit", user: readerOfB, url: "/api/delegations", payload: { delegateId: colleagueId, reason: "外出" } },
    ];
    const answers: string[] = [];
    for (const probe of probes) {
      const response = await context.app.inject({ method: "POST", url: probe.url, headers: probe.user.headers, payload: probe.payload });
      if (response.statusCode !== 404 || response.body.includes(MARK) || response.body.includes("矩阵同事")) answers.push(`${probe.label}: ${response.statusCode} ${response.body.slice(0, 160)}`);
    }
    // A 约谈 of unit A recorded by someone who is also 整改办 of unit B stays out of unit B's register.
    const grants = [{ orgId: orgs.unitB, role: "rectification_office" as const }, { orgId: orgs.office, role: "inspection_office" as const }];
    const twoHats = await s.users.createUser(null, { username: "matrix_two_hats", displayName: "矩阵兼职", password: TEST_PASSWORD, grants });
    await s.interviews.create({ userId: twoHats.id, username: "matrix_two_hats", displayName: "矩阵兼职", grants }, interviewOf(orgs.unitA) as never);
    const register = await context.app.inject({ method: "GET", url: "/api/interviews", headers: readerOfB.headers });
    if (register.body.includes(MARK)) answers.push(`interview register of unit B: ${register.body.slice(0, 160)}`);
    expect(answers, answers.join("\n")).toEqual([]);
  }, 600_000);

  it("answers every route × role × org relation, and anonymous callers, as the table says", async () => {
    const actors: { label: string; role: Role | null; relation: Relation | null; user: TestUser | null }[] = [{ label: "anonymous", role: null, relation: null, user: null }];
    for (const role of ROLES) {
      for (const relation of RELATIONS) actors.push({ label: `${role}@${relation}`, role, relation, user: await createTestUser(context, role, grantOrg(relation)) });
    }
    const mismatches: string[] = [];
    const leaks: string[] = [];
    for (const [route, spec] of Object.entries(MATRIX)) {
      const [method] = route.split(" ");
      // Reads share one set of records; every write gets records of its own, in one round per route
      // (unless the write changes the round itself).
      const readTargets = method === "GET" ? sharedTargets(makeTargets()) : null;
      const routeRound: { id: Promise<number> | null } = { id: null };
      for (const actor of actors) {
        const expected = actor.role && actor.relation ? spec.expect[actor.role][RELATIONS.indexOf(actor.relation)] : spec.anonymous;
        const request = await spec.build(readTargets ?? makeTargets(ROUND_WRITES.has(route) ? undefined : routeRound));
        let headers: Record<string, string> = actor.user ? { ...actor.user.headers } : {};
        if (request.throwawaySession && actor.user) {
          const login = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: actor.user.actor.username, password: TEST_PASSWORD } });
          headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join("; "), "x-csrf-token": login.json().csrfToken };
        }
        let payload: unknown = request.payload;
        if (request.multipart) {
          const body = buildMultipart(request.multipart.fields ?? {}, { field: "file", fileName: request.multipart.fileName, contentType: "application/octet-stream", bytes: request.multipart.bytes });
          payload = body.payload;
          headers = { ...headers, ...body.headers };
        }
        const response = await context.app.inject({ method: method as "GET", url: request.url, headers, payload: payload as never, remoteAddress: `10.88.0.${(counter % 250) + 1}` });
        const actual = outcomeOf(response.statusCode);
        if (actual !== expected) mismatches.push(`${route} ${actor.label}: expected ${expected}, got ${actual} (${response.statusCode} ${response.body.slice(0, 120)})`);
        if (method === "GET" && actor.relation === "other" && response.statusCode === 200 && response.body.includes(MARK)) leaks.push(`${route} ${actor.label} sees unit A's records`);
      }
    }
    expect(leaks, leaks.join("\n")).toEqual([]);
    expect(mismatches, `${mismatches.length} outcomes differ from the table:\n${mismatches.slice(0, 400).join("\n")}`).toHaveLength(0);
  }, 1_800_000);
});
