import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openPostgres, type Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { createClockFixture, describeFiredEvents, eachDay, morningOf, type ClockFixture } from "../test/clock-fixture.ts";
import { createTestContext, type TestContext } from "../test/test-app.ts";
import { createScratchDatabaseUrl } from "../test/test-database.ts";
import { createServices } from "./index.ts";
import { SweepGate } from "./scheduler.service.ts";

// Every event of the scenario in createClockFixture, in firing order, with the people it reached.
const ALL_EVENTS = [
  "inspection:window:plan_due:7@2026-06-01 → 整改办丁",
  "inspection:window:plan_due:1@2026-06-01 → 整改办丁",
  "measure:silent@2026-05-10 → 责任人甲",
  "inspection:window:concentrated_end:14@2026-07-01 → 主要负责人丙、整改办丁",
  "inspection:window:report_due:14@2026-07-01 → 主要负责人丙、整改办丁",
  "inspection:window:concentrated_end:3@2026-07-01 → 主要负责人丙、整改办丁",
  "inspection:window:report_due:3@2026-07-01 → 主要负责人丙、整改办丁",
  "inspection:window:report_due:0@2026-07-01 → 主要负责人丙、整改办丁",
  "directive:due_soon@2026-07-10 → 整改办丁",
  "directive:overdue@2026-07-10 → 主要负责人丙、巡察办戊、整改办丁、纪检组己",
  "measure:green@2026-07-31 → 责任人甲",
  "measure:yellow@2026-07-31 → 分管领导乙、责任人甲",
  "inspection:window:evaluation:7@2026-08-01 → 巡察办戊、整改办丁、纪检组己",
  "inspection:window:public_period:7@2026-08-01 → 整改办丁",
  "measure:red@2026-07-31 → 主要负责人丙、巡察办戊、纪检组己、责任人甲",
];

async function countRows(db: Database, sql: string): Promise<number> {
  return Number((await db.query<{ n: number }>(sql))[0].n);
}

describe("the scheduler with a controllable clock", () => {
  let context: TestContext;
  let fixture: ClockFixture;

  beforeAll(async () => {
    context = await createTestContext({ now: morningOf("2026-05-10") });
    fixture = await createClockFixture(context.services, context.db);
  });
  afterAll(async () => context?.close());

  it("fires each window and each ladder step once, on its day, to the right people", async () => {
    const firedOn = new Map<string, string>();
    for (const day of eachDay("2026-05-10", "2026-08-15")) {
      context.clock.now = morningOf(day);
      // Two runs a day: the second finds nothing new.
      await context.services.scheduler.tick();
      const second = await context.services.scheduler.tick();
      expect(second.fired, day).toBe(0);
      for (const line of await describeFiredEvents(context.db)) if (!firedOn.has(line)) firedOn.set(line, day);
    }
    expect(await describeFiredEvents(context.db)).toEqual(ALL_EVENTS);
    expect(firedOn.get("measure:green@2026-07-31 → 责任人甲")).toBe("2026-07-11");
    expect(firedOn.get("measure:yellow@2026-07-31 → 分管领导乙、责任人甲")).toBe("2026-07-21");
    expect(firedOn.get("measure:red@2026-07-31 → 主要负责人丙、巡察办戊、纪检组己、责任人甲")).toBe("2026-08-01");
    expect(firedOn.get("directive:overdue@2026-07-10 → 主要负责人丙、巡察办戊、整改办丁、纪检组己")).toBe("2026-07-11");
    expect(firedOn.get("inspection:window:report_due:0@2026-07-01 → 主要负责人丙、整改办丁")).toBe("2026-07-01");
    // The other unit's 整改办 heard nothing of this unit's clock.
    expect(await countRows(context.db, `select count(*) as n from notifications where user_id = ${fixture.people.otherOffice.userId}`)).toBe(0);
    // The owner's red notice is an escalation with a link to the measure.
    const red = await context.db.query<{ kind: string; link: string; title: string; body: string }>(
      `select n.kind, n.link, n.title, n.body from notifications n join clock_events e on e.id = n.event_id where e.step_key = 'red' and n.user_id = $1`,
      [fixture.people.owner.userId],
    );
    expect(red).toEqual([{ kind: "escalation", link: `/measures/${fixture.measureId}`, title: "【逾期督办】建立时钟测试制度", body: expect.stringContaining("已逾期1天") }]);
    // Every event is in the measure's history (audit trail) as the system's act.
    const history = await context.db.query<{ action: string; actorName: string }>(
      `select action, actor_name as "actorName" from audit_log where entity = 'measure' and entity_id = $1 and action in ('remind', 'escalate') order by id`,
      [String(fixture.measureId)],
    );
    expect(history.map((h) => `${h.action}/${h.actorName}`)).toEqual(["remind/系统", "remind/系统", "remind/系统", "escalate/系统"]);
  });

  it("generates one weekly report per unit and week, on the configured weekday", async () => {
    const reports = await context.db.query<{ periodStart: string; periodEnd: string; orgId: number }>(
      `select period_start as "periodStart", period_end as "periodEnd", org_id as "orgId" from weekly_reports order by period_start`,
    );
    // The first run (Sunday 05-10) caught up the week ending Friday 05-08; then every Friday to 08-14.
    expect(reports.map((r) => r.periodEnd)).toEqual(eachDay("2026-05-08", "2026-08-14").filter((_, i) => i % 7 === 0));
    expect(new Set(reports.map((r) => r.orgId))).toEqual(new Set([fixture.orgs.unitA]));
    expect(await countRows(context.db, `select count(*) as n from notifications where kind = 'weekly_report' and user_id = ${fixture.people.office.userId}`)).toBe(reports.length);
  });

  it("sweeps on its first run, after any change from any process, on a new day and after the safety interval; not otherwise", async () => {
    context.clock.now = morningOf("2026-08-20");
    const gate = new SweepGate(context.db, () => context.clock.now, 60_000);
    const sweep = async (): Promise<boolean> => {
      const check = await gate.check();
      if (check.isDue) check.markSwept();
      return check.isDue;
    };
    expect(await sweep()).toBe(true);
    expect(await sweep()).toBe(false);
    context.clock.now = new Date(morningOf("2026-08-20").getTime() + 3 * 3_600_000);
    expect(await sweep(), "later the same day, nothing changed").toBe(false);
    // Any audited change, here a sign-in (another process would write the same table).
    const before = await countRows(context.db, "select count(*) as n from audit_log");
    await context.services.auth.login(fixture.people.office.username, "Passw0rd-clock");
    expect(await countRows(context.db, "select count(*) as n from audit_log")).toBeGreaterThan(before);
    expect(await sweep(), "after a change").toBe(true);
    expect(await sweep()).toBe(false);
    context.clock.now = morningOf("2026-08-21");
    expect(await sweep(), "a new day").toBe(true);
    expect(await sweep()).toBe(false);
    const safety = new SweepGate(context.db, () => context.clock.now, 0);
    expect(await safety.check().then((c) => (c.markSwept(), c.isDue))).toBe(true);
    expect((await safety.check()).isDue, "the safety interval has passed").toBe(true);
  });
});

describe("the scheduler after a downtime, with two schedulers on one database", () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext({ now: morningOf("2026-05-10") });
    await createClockFixture(context.services, context.db);
  });
  afterAll(async () => context?.close());

  it("catches up what became due while it was down, once, and skips reminders that went stale", async () => {
    for (const day of eachDay("2026-05-10", "2026-07-06")) {
      context.clock.now = morningOf(day);
      await context.services.scheduler.tick();
    }
    const beforeDowntime = await describeFiredEvents(context.db);
    // Down from 07-07 to 07-24; on 07-25 two freshly started processes run at once.
    context.clock.now = morningOf("2026-07-25");
    const restarted = [1, 2].map(() => createServices(context.db, { filesDir: context.filesDir, sessionTtlHours: 12, yellowDays: 10 }, () => context.clock.now));
    const results = await Promise.all(restarted.map((s) => s.scheduler.tick()));
    const caughtUp = (await describeFiredEvents(context.db)).filter((line) => !beforeDowntime.includes(line));
    expect(caughtUp).toEqual([
      "directive:overdue@2026-07-10 → 主要负责人丙、巡察办戊、整改办丁、纪检组己",
      "measure:yellow@2026-07-31 → 分管领导乙、责任人甲",
      "inspection:window:evaluation:7@2026-08-01 → 巡察办戊、整改办丁、纪检组己",
      "inspection:window:public_period:7@2026-08-01 → 整改办丁",
    ]);
    // The two runs split the work: together they fired each event exactly once.
    expect(results[0].fired + results[1].fired).toBe(4);
    expect(results[0].weeklyReports + results[1].weeklyReports).toBe(1);
    for (const day of eachDay("2026-07-25", "2026-08-15")) {
      context.clock.now = morningOf(day);
      await Promise.all(restarted.map((s) => s.scheduler.tick()));
    }
    const expected = ALL_EVENTS.filter((line) => !line.startsWith("directive:due_soon") && !line.startsWith("measure:green"));
    expect(await describeFiredEvents(context.db)).toEqual(expected);
    expect(await countRows(context.db, "select count(*) as n from notifications where event_id is not null")).toBe(
      expected.reduce((sum, line) => sum + line.split("→")[1].split("、").length, 0),
    );
  });
});

const isPostgres = inject("testDbKind") === "postgres";
if (!isPostgres) console.warn("[scheduler] two scheduler processes on one PostgreSQL: SKIPPED on the PGlite pass (runs when DATABASE_URL is set, as in CI)");

describe.skipIf(!isPostgres)("two scheduler processes on one PostgreSQL", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabaseUrl>>;
  let db: Database;
  let filesDir: string;

  beforeAll(async () => {
    scratch = await createScratchDatabaseUrl("postgres");
    db = await openPostgres(scratch.url as string, 3);
    await migrate(db);
    filesDir = mkdtempSync(path.join(os.tmpdir(), "zg-files-"));
    const now = { value: morningOf("2026-05-10") };
    const services = createServices(db, { filesDir, sessionTtlHours: 12, yellowDays: 10 }, () => now.value);
    await createClockFixture(services, db);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  it("fires every event exactly once between them", async () => {
    const worker = fileURLToPath(new URL("../test/scheduler-worker.ts", import.meta.url));
    const days = JSON.stringify(eachDay("2026-05-10", "2026-08-15"));
    const run = (): Promise<{ fired: number; notifications: number; weeklyReports: number }> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", worker, days], { env: { ...process.env, DATABASE_URL: scratch.url as string }, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (chunk) => (out += chunk));
        child.stderr.on("data", (chunk) => (err += chunk));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1) as string)) : reject(new Error(`worker exited ${code}: ${err}`))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(await describeFiredEvents(db)).toEqual(ALL_EVENTS);
    expect(a.fired + b.fired).toBe(ALL_EVENTS.length);
    expect(a.notifications + b.notifications).toBe(await countRows(db, "select count(*) as n from notifications where event_id is not null"));
    expect(a.weeklyReports + b.weeklyReports).toBe(await countRows(db, "select count(*) as n from weekly_reports"));
    expect(await countRows(db, "select count(*) as n from (select org_id, period_start from weekly_reports group by 1, 2 having count(*) > 1) t")).toBe(0);
  });
});
