// The scaled query shapes (index-ordered pages, capped counts, trigram search, scope filters, flags
// of a page, SQL aggregates) give exactly what the straightforward computation over all rows gives.
import {
  computeCompletionStats,
  deadlineLight,
  flagLedgerFindings,
  groupCompletionStats,
  isCompletedStatus,
  isOverdue,
  type Status,
} from "@zhenggai/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listMeasures, type MeasureListItem } from "../repositories/ledger.repository.ts";
import { countCapped, findRowById, WhereBuilder } from "../repositories/sql.ts";
import { createTestContext, createTestUser, type TestContext, type TestUser } from "../test/test-app.ts";
import { buildLedgerSnapshot } from "./dashboard.service.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";

let context: TestContext;
let admin: TestUser;
let unitOffice: TestUser;
let unitId: number;
const TODAY = "2026-06-15";

interface Fact {
  id: number;
  findingId: number;
  seq: number;
  status: Status;
  dueDate: string | null;
  orgId: number;
  departmentId: number | null;
  category: string | null;
  departmentName: string | null;
  leaderName: string | null;
  leaderUserId: number | null;
  orgName: string;
  findingStatus: Status;
  text: string;
  ownerName: string | null;
  findingTitle: string;
  inspectionId: number;
}

let facts: Fact[];

const inject = (url: string, user: TestUser) => context.app.inject({ method: "GET", url, headers: user.headers });

beforeAll(async () => {
  context = await createTestContext({ now: new Date(`${TODAY}T02:00:00Z`) });
  await context.services.scaleDemo.generate(null, { measures: 1100, seed: "q1" });
  const [root] = await context.db.query<{ id: number }>("select id from orgs where parent_id is null order by id limit 1");
  admin = await createTestUser(context, "admin", root.id);
  [{ id: unitId }] = await context.db.query<{ id: number }>("select id from orgs where kind = 'unit' order by id limit 1");
  unitOffice = await createTestUser(context, "rectification_office", unitId);
  facts = (
    await context.db.query<Fact>(
      `select m.id, m.finding_id as "findingId", m.seq, m.status, m.due_date as "dueDate", m.org_id as "orgId", m.department_id as "departmentId",
              f.category, d.name as "departmentName", m.leader_name as "leaderName", f.status as "findingStatus", m.text, m.owner_name as "ownerName", f.title as "findingTitle", f.inspection_id as "inspectionId",
              m.leader_user_id as "leaderUserId", o.name as "orgName"
         from measures m join findings f on f.id = m.finding_id join orgs o on o.id = m.org_id left join orgs d on d.id = m.department_id`,
    )
  ).map((f) => ({ ...f, id: Number(f.id), findingId: Number(f.findingId), orgId: Number(f.orgId), inspectionId: Number(f.inspectionId) }));
});

afterAll(async () => {
  await context?.close();
});

/** The list order: due date (no date last), then finding, then number. */
function byListOrder(a: Fact, b: Fact): number {
  if (a.dueDate !== b.dueDate) return a.dueDate === null ? 1 : b.dueDate === null ? -1 : a.dueDate < b.dueDate ? -1 : 1;
  return a.findingId - b.findingId || a.seq - b.seq;
}

describe("ledger lists at scale", () => {
  it("pages measures in list order without gaps or repeats, counting the total", async () => {
    const expected = [...facts].sort(byListOrder).map((f) => f.id);
    const seen: number[] = [];
    let total = 0;
    for (let page = 1; page <= 4; page += 1) {
      const body = (await inject(`/api/measures?page=${page}&pageSize=50`, admin)).json() as { items: MeasureListItem[]; total: number };
      seen.push(...body.items.map((m) => m.id));
      total = body.total;
    }
    expect(seen).toEqual(expected.slice(0, 200));
    expect(total).toBe(facts.length);
    const last = (await inject(`/api/measures?page=${Math.ceil(facts.length / 50)}&pageSize=50`, admin)).json();
    expect(last.items.map((m: { id: number }) => m.id)).toEqual(expected.slice(Math.floor((facts.length - 1) / 50) * 50));
    expect(last.total).toBe(facts.length);
  });

  it("filters by status and overdue across all units as the rows say", async () => {
    const inProgress = facts.filter((f) => f.status === "in_progress").sort(byListOrder);
    const page = (await inject("/api/measures?status=in_progress&pageSize=100", admin)).json();
    expect(page.items.map((m: { id: number }) => m.id)).toEqual(inProgress.slice(0, 100).map((f) => f.id));
    expect(page.total).toBe(inProgress.length);
    const overdue = facts.filter((f) => isOverdue(f.status, f.dueDate, TODAY)).sort(byListOrder);
    const late = (await inject("/api/measures?overdue=true&pageSize=100", admin)).json();
    expect(late.items.map((m: { id: number }) => m.id)).toEqual(overdue.slice(0, 100).map((f) => f.id));
    expect(late.total).toBe(overdue.length);
    const findings = (await inject("/api/findings?status=completed&pageSize=500", admin)).json();
    const completedFindings = new Set(facts.filter((f) => f.findingStatus === "completed").map((f) => f.findingId));
    expect(findings.total).toBe(completedFindings.size);
    expect(new Set(findings.items.map((f: { id: number }) => f.id))).toEqual(completedFindings);
  });

  it("finds by text through the trigram index exactly what a plain substring match finds", async () => {
    const sample = facts.find((f) => /项目/.test(f.text)) as Fact;
    for (const word of [sample.text.slice(sample.text.indexOf("项目") - 4, sample.text.indexOf("项目") + 2), sample.ownerName as string, sample.findingTitle.slice(0, 5)]) {
      const expected = facts.filter((f) => f.text.includes(word) || (f.ownerName ?? "").includes(word) || (f.leaderName ?? "").includes(word) || f.findingTitle.includes(word) || (f.category ?? "").includes(word));
      const body = (await inject(`/api/measures?q=${encodeURIComponent(word)}&pageSize=500`, admin)).json();
      expect(body.total, word).toBe(expected.length);
      expect(new Set(body.items.map((m: { id: number }) => m.id)), word).toEqual(new Set(expected.slice(0, 500).map((f) => f.id)));
    }
  });

  it("limits a unit's staff to their unit, by ids or by org path alike", async () => {
    const own = facts.filter((f) => f.orgId === unitId).sort(byListOrder);
    const body = (await inject("/api/measures?pageSize=500", unitOffice)).json();
    expect(body.total).toBe(own.length);
    expect(body.items.map((m: { id: number }) => m.id)).toEqual(own.slice(0, 500).map((f) => f.id));
    const [{ path }] = await context.db.query<{ path: string }>("select path from orgs where id = $1", [unitId]);
    const byPath = await listMeasures(context.db, { scope: { kind: "paths", paths: [path] }, page: 1, pageSize: 500 });
    expect(byPath.items.map((m) => m.id)).toEqual(body.items.map((m: { id: number }) => m.id));
    expect(byPath.total).toBe(own.length);
  });

  it("counts exactly up to the limit and estimates beyond it", async () => {
    const exact = await countCapped(context.db, "measures m", new WhereBuilder(), 5000);
    expect(exact).toEqual({ total: facts.length, isEstimate: false });
    const capped = await countCapped(context.db, "measures m", new WhereBuilder(), 100);
    expect(capped.isEstimate).toBe(true);
    expect(capped.total).toBeGreaterThan(100);
  });

  it("flags the findings of a page as the whole round's snapshot flags them", async () => {
    const [{ id }] = await context.db.query<{ id: number }>("select inspection_id as id from findings group by inspection_id order by count(*) desc, inspection_id limit 1");
    const round = (await findRowById<InspectionRow>(context.db, "inspections", Number(id))) as InspectionRow;
    const expected = flagLedgerFindings(await buildLedgerSnapshot(context.db, round, TODAY), TODAY);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    const body = (await inject(`/api/findings?inspectionId=${round.id}&pageSize=10&page=2`, admin)).json();
    expect(body.items.length).toBeGreaterThan(0);
    for (const finding of body.items as { id: number; flags: string[] }[]) expect(finding.flags, String(finding.id)).toEqual(expected[String(finding.id)] ?? []);
  });
});

describe("dashboards and roll-up aggregated in SQL", () => {
  it("give the statistics of the rows themselves", async () => {
    const dashboard = (await inject("/api/dashboard", admin)).json();
    expect(dashboard.measures).toEqual(computeCompletionStats(facts.map((f) => f.status)));
    const findingStatuses = new Map(facts.map((f) => [f.findingId, f.findingStatus]));
    expect(dashboard.findings).toEqual(computeCompletionStats([...findingStatuses.values()]));
    const lights = { red: 0, yellow: 0, green: 0, none: 0 };
    for (const f of facts) lights[deadlineLight(f.status, f.dueDate, TODAY, 10)] += 1;
    expect(dashboard.lights).toEqual(lights);
    expect(dashboard.byCategory).toEqual(groupCompletionStats(facts, (f) => f.category ?? "未分类", (f) => f.status));
    // Departments and leaders are grouped by who they are (ids), labelled with their unit.
    expect(dashboard.byDepartment).toEqual(
      groupCompletionStats(
        facts,
        (f) => (f.departmentId === null ? `unit:${f.orgId}` : String(f.departmentId)),
        (f) => f.status,
        (f) => ({ label: f.departmentName ?? "未指定部门", unitName: f.orgName }),
      ),
    );
    expect(dashboard.byLeader).toEqual(
      groupCompletionStats(
        facts,
        (f) => (f.leaderUserId !== null ? `user:${f.leaderUserId}` : `name:${f.orgId}:${f.leaderName ?? ""}`),
        (f) => f.status,
        (f) => ({ label: f.leaderName ?? "未指定领导", unitName: f.orgName }),
      ),
    );
  });

  it("reuse the many-unit dashboard for a while, then serve it while it is recomputed behind", async () => {
    const first = (await inject("/api/dashboard", admin)).json();
    // A change the app did not make (another process): not seen while the figures are reused.
    const [open] = await context.db.query<{ id: number; status: string }>("select id, status from measures where status not in ('completed', 'completed_long_term') and voided_at is null order by id limit 1");
    await context.db.query("update measures set status = 'completed' where id = $1", [open.id]);
    expect((await inject("/api/dashboard", admin)).json().measures).toEqual(first.measures);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 31_000);
      // Expired: the figures in hand come back at once, and a recomputation starts behind them.
      expect((await inject("/api/dashboard", admin)).json().measures).toEqual(first.measures);
      let fresh = first;
      for (let i = 0; i < 100 && fresh.measures.completed === first.measures.completed; i += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        fresh = (await inject("/api/dashboard", admin)).json();
      }
      expect(fresh.measures.completed).toBe(first.measures.completed + 1);
    } finally {
      vi.useRealTimers();
      await context.db.query("update measures set status = $2 where id = $1", [open.id, open.status]);
    }
  });

  it("rank units by finding completion with their overdue findings", async () => {
    const rollup = (await inject("/api/rollup", admin)).json().items as { orgId: number; total: number; completed: number; overdue: number; rate: number | null; rank: number }[];
    const units = [...new Set(facts.map((f) => f.orgId))];
    expect(rollup).toHaveLength(units.length);
    for (const unit of units) {
      const mine = facts.filter((f) => f.orgId === unit);
      const statuses = new Map(mine.map((f) => [f.findingId, f.findingStatus]));
      const overdue = new Set(mine.filter((f) => isOverdue(f.status, f.dueDate, TODAY)).map((f) => f.findingId));
      const row = rollup.find((r) => r.orgId === unit);
      expect(row).toMatchObject({ ...computeCompletionStats([...statuses.values()]), overdue: overdue.size });
    }
    expect(rollup.map((r) => r.rank)).toEqual(rollup.map((_, i) => i + 1));
  });

  it("draws a round's weekly completion curve from its closing days", async () => {
    const [round] = await context.db.query<{ id: number }>("select id from inspections order by feedback_date limit 1");
    const points = (await inject(`/api/dashboard/timeline?inspectionId=${round.id}`, admin)).json().items as { date: string; completed: number; total: number }[];
    const mine = facts.filter((f) => f.inspectionId === Number(round.id));
    expect(points.length).toBeGreaterThan(10);
    expect(points.at(-1)?.date).toBe(TODAY);
    for (let i = 1; i < points.length; i += 1) expect(points[i].completed).toBeGreaterThanOrEqual(points[i - 1].completed);
    // Every closing day lies before today, so the last point counts every closed measure of the round.
    expect(points.at(-1)).toEqual({ date: TODAY, completed: mine.filter((f) => isCompletedStatus(f.status)).length, total: mine.length });
    expect(points[0].completed).toBeLessThan(mine.filter((f) => isCompletedStatus(f.status)).length);
  });
});
