import { DEFAULT_SIGNOFF_CHAIN, defaultClockRules, dueLadderEvents, isCompletedStatus, rollupFindingStatus, todayInShanghai, type Status } from "@zhenggai/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../db/database.ts";
import { createTestContext, type TestContext } from "../test/test-app.ts";
import { createTestDatabase } from "../test/test-database.ts";
import { resolveClockRules } from "./clock.service.ts";
import { createServices } from "./index.ts";
import type { ScaleDemoResult } from "./scale-demo.service.ts";

const MEASURES = 1500;
let context: TestContext;
let result: ScaleDemoResult;
const progress: number[] = [];

beforeAll(async () => {
  context = await createTestContext({ now: new Date("2026-06-15T02:00:00Z") });
  result = await context.services.scaleDemo.generate(null, { measures: MEASURES, seed: "t1", onProgress: (done) => progress.push(done) });
});

afterAll(async () => {
  await context?.close();
});

const count = async (db: Database, sql: string, params: unknown[] = []): Promise<number> => Number((await db.query<{ n: number }>(sql, params))[0].n);

/** A digest of the generated content, ids included, to compare two runs. */
async function digest(db: Database): Promise<string> {
  const parts: string[] = [];
  for (const sql of [
    "select md5(string_agg(row(id, finding_id, org_id, seq, text, kind, department_id, owner_user_id, due_date, original_due_date, status)::text, '|' order by id)) as d from measures",
    "select md5(string_agg(row(id, inspection_id, seq, title, status, category)::text, '|' order by id)) as d from findings",
    "select md5(string_agg(row(id, measure_id, state, submitted_by, submitted_at, decided_at)::text, '|' order by id)) as d from closures",
    "select md5(string_agg(row(closure_id, step_index, user_id, decision)::text, '|' order by closure_id, step_index)) as d from closure_decisions",
    // The generated history; not what the running clock wrote when generation ended (this week's reports, stamped now()).
    "select md5(string_agg(row(action, entity, entity_id, actor_id, at)::text, '|' order by id)) as d from audit_log where action not in ('load_scale_demo', 'login') and entity <> 'weekly_report'",
  ]) {
    parts.push(String((await db.query<{ d: string }>(sql))[0].d));
  }
  return parts.join(":");
}

describe("zhenggai demo --scale (generated province-scale dataset)", () => {
  it("writes exactly the measures asked for, across units with departments, reporting progress", async () => {
    const db = context.db;
    expect(await count(db, "select count(*) as n from measures")).toBe(MEASURES);
    expect(result.units).toBe(3);
    expect(await count(db, "select count(*) as n from orgs where kind = 'department'")).toBe(3 * 8);
    expect(progress.at(-1)).toBe(MEASURES);
    for (const table of ["inspections", "findings", "progress_reports", "evidence", "closures", "closure_decisions", "audit_log"]) {
      expect(await count(db, `select count(*) as n from ${table}`), table).toBeGreaterThan(0);
    }
    const statuses = await db.query<{ status: Status; n: number }>("select status, count(*) as n from measures group by status");
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    expect(await count(db, "select count(*) as n from measures where due_date < '2026-06-15' and status not in ('completed', 'completed_long_term')")).toBeGreaterThan(0);
  });

  it("keeps every reference and org path valid although the load skips triggers", async () => {
    const db = context.db;
    const orphans = [
      "select count(*) as n from measures m left join findings f on f.id = m.finding_id where f.id is null",
      "select count(*) as n from findings f left join inspections i on i.id = f.inspection_id where i.id is null",
      "select count(*) as n from measures m left join orgs d on d.id = m.department_id where m.department_id is not null and d.id is null",
      "select count(*) as n from measures m left join users u on u.id = m.owner_user_id where m.owner_user_id is not null and u.id is null",
      "select count(*) as n from evidence e left join measures m on m.id = e.measure_id where m.id is null",
      "select count(*) as n from closure_decisions d left join closures c on c.id = d.closure_id where c.id is null",
      "select count(*) as n from closure_decisions d left join users u on u.id = d.user_id where u.id is null",
      "select count(*) as n from audit_log a left join users u on u.id = a.actor_id where a.actor_id is not null and u.id is null",
      "select count(*) as n from user_roles r left join orgs o on o.id = r.org_id where o.id is null",
      "select count(*) as n from orgs c join orgs p on p.id = c.parent_id where c.path <> p.path || c.id || '/'",
    ];
    for (const sql of orphans) expect(await count(db, sql), sql).toBe(0);
    // New rows still get identities after the explicit ids.
    const next = await db.query<{ id: number }>("insert into orgs (kind, name) values ('office', '之后新建') returning id");
    expect(next[0].id).toBeGreaterThan(await count(db, "select max(id) as n from orgs where name <> '之后新建'"));
    await db.query("delete from orgs where name = '之后新建'");
  });

  it("closes a measure only with evidence and a complete sign-off by distinct eligible people, never the submitter", async () => {
    const db = context.db;
    expect(await count(db, `select count(*) as n from measures m where m.status in ('completed', 'completed_long_term')
      and not exists (select 1 from evidence e where e.measure_id = m.id)`)).toBe(0);
    expect(await count(db, `select count(*) as n from measures m where m.status in ('completed', 'completed_long_term')
      and (select count(*) from closures c where c.measure_id = m.id and c.state = 'approved') <> 1`)).toBe(0);
    const approved = await count(db, "select count(*) as n from closures where state = 'approved'");
    expect(approved).toBeGreaterThan(100);
    // Every approved closure has one approval per step, by distinct people, none of them the submitter…
    expect(await count(db, `select count(*) as n from closures c where c.state = 'approved' and (
        (select count(*) from closure_decisions d where d.closure_id = c.id and d.decision = 'approved') <> ${DEFAULT_SIGNOFF_CHAIN.length}
        or (select count(distinct d.user_id) from closure_decisions d where d.closure_id = c.id) <> ${DEFAULT_SIGNOFF_CHAIN.length}
        or exists (select 1 from closure_decisions d where d.closure_id = c.id and d.user_id = c.submitted_by))`)).toBe(0);
    // …each holding the step's role on the measure's department or above it.
    expect(await count(db, `select count(*) as n from closure_decisions d join closures c on c.id = d.closure_id
        join measures m on m.id = c.measure_id join orgs dept on dept.id = m.department_id
       where not exists (select 1 from user_roles r join orgs o on o.id = r.org_id
                          where r.user_id = d.user_id and r.role = (c.chain -> d.step_index ->> 'role') and dept.path like o.path || '%')`)).toBe(0);
    expect(await count(db, `select count(*) as n from closures c where c.state = 'pending'
      and (not exists (select 1 from evidence e where e.measure_id = c.measure_id)
           or (select count(*) from closure_decisions d where d.closure_id = c.id) >= ${DEFAULT_SIGNOFF_CHAIN.length})`)).toBe(0);
    expect(await count(db, "select count(*) as n from closures where state = 'returned'")).toBeGreaterThan(0);
    expect(await count(db, `select count(*) as n from reviews r join measures m on m.id = r.measure_id
      where r.outcome = 'rebound' and m.status in ('completed', 'completed_long_term')`)).toBe(0);
  });

  it("rolls every finding's status up from its measures", async () => {
    const rows = await context.db.query<{ id: number; status: Status; statuses: Status[] }>(
      "select f.id, f.status, array_agg(m.status order by m.seq) as statuses from findings f join measures m on m.finding_id = f.id group by f.id, f.status",
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(row.status, `finding ${row.id}`).toBe(rollupFindingStatus(row.statuses));
    expect(rows.some((row) => isCompletedStatus(row.status))).toBe(true);
  });

  it("lets the printed accounts sign in and read the generated ledger through the API", async () => {
    const office = result.accounts.find((a) => a.role === "rectification_office");
    const login = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: office?.username, password: office?.password } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const all = await context.app.inject({ method: "GET", url: "/api/measures?pageSize=5", headers: { cookie } });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBeGreaterThan(100);
    const word = (all.json().items[0].text as string).slice(0, 6);
    const found = await context.app.inject({ method: "GET", url: `/api/measures?pageSize=5&q=${encodeURIComponent(word)}`, headers: { cookie } });
    expect(found.json().total).toBeGreaterThan(0);
    expect(found.json().total).toBeLessThanOrEqual(all.json().total);
  });

  it("refuses a second run on the same database", async () => {
    await expect(context.services.scaleDemo.generate(null, { measures: 200, seed: "t1" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("reproduces the same rows from the same seed on another empty database", async () => {
    const other = await createTestDatabase({ kind: inject("testDbKind"), pgliteDumpPath: inject("pgliteDumpPath"), postgresTemplate: inject("postgresTemplate") });
    try {
      const services = createServices(other, { filesDir: context.filesDir, sessionTtlHours: 1, yellowDays: 10 }, () => context.clock.now);
      await services.scaleDemo.generate(null, { measures: MEASURES, seed: "t1" });
      expect(await digest(other)).toBe(await digest(context.db));
    } finally {
      await other.close();
    }
  });

  it("records the reminders of its past as sent; later the clock fires exactly what a scan of every open measure finds due", async () => {
    const db = context.db;
    // Reminders are recorded as sent without notifying anyone (this week's reports do notify).
    expect(await count(db, "select count(*) as n from clock_events")).toBeGreaterThan(0);
    expect(await count(db, "select count(*) as n from notifications where event_id is not null")).toBe(0);
    expect(await count(db, "select count(*) as n from weekly_reports")).toBe(result.units);
    const next = await context.services.scheduler.sweep();
    expect(next).toMatchObject({ fired: 0, weeklyReports: 0 });
    expect(await count(db, "select count(*) as n from notifications where event_id is not null")).toBe(0);

    // Forty days on, the sweep (which reads only the measures the day concerns) against a brute
    // force over every open measure with its unit's rules.
    context.clock.now = new Date(context.clock.now.getTime() + 40 * 86_400_000);
    const today = todayInShanghai(context.clock.now);
    const open = await db.query<{ id: number; orgId: number; dueDate: string | null; lastProgress: string | null; createdAt: string }>(
      `select m.id, m.org_id as "orgId", m.due_date as "dueDate", m.created_at as "createdAt",
              (select max(p.report_date) from progress_reports p where p.measure_id = m.id and p.voided_at is null) as "lastProgress"
         from measures m join findings f on f.id = m.finding_id join inspections i on i.id = f.inspection_id
        where m.status not in ('completed', 'completed_long_term') and m.voided_at is null and f.voided_at is null and i.archived_at is null`,
    );
    const fired = new Set((await db.query<{ k: string }>("select record_id || '|' || step_key || '|' || anchor_date as k from clock_events where record_type = 'measure'")).map((r) => r.k));
    const expected = new Set<string>();
    for (const m of open) {
      const { rules } = await resolveClockRules(db, m.orgId, defaultClockRules(10));
      const record = { dueDate: m.dueDate, isOpen: true, lastActivityDate: m.lastProgress ?? todayInShanghai(new Date(m.createdAt)) };
      for (const event of dueLadderEvents(rules.ladder, record, today, rules.catchUpDays)) {
        const key = `${m.id}|${event.stepKey}|${event.anchorDate}`;
        if (!fired.has(key)) expected.add(key);
      }
    }
    expect(expected.size).toBeGreaterThan(10);
    await context.services.scheduler.sweep();
    const now = new Set((await db.query<{ k: string }>("select record_id || '|' || step_key || '|' || anchor_date as k from clock_events where record_type = 'measure'")).map((r) => r.k));
    expect([...now].filter((k) => !fired.has(k)).sort()).toEqual([...expected].sort());
  });
});
