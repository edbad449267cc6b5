// A scheduler process for the multi-process test: opens the PostgreSQL database named by
// DATABASE_URL, runs the scheduler twice on each day given (argv: JSON array of YYYY-MM-DD, the clock
// at 10:00 Asia/Shanghai) and prints its totals as JSON.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPostgres } from "../db/database.ts";
import { createServices } from "../services/index.ts";

const days = JSON.parse(process.argv[2] ?? "[]") as string[];
const db = await openPostgres(process.env.DATABASE_URL as string, 3);
const filesDir = mkdtempSync(path.join(os.tmpdir(), "zg-worker-"));
const clock = { now: new Date() };
const services = createServices(db, { filesDir, sessionTtlHours: 12, yellowDays: 10 }, () => clock.now);
const totals = { fired: 0, notifications: 0, weeklyReports: 0 };
try {
  for (const day of days) {
    clock.now = new Date(`${day}T02:00:00Z`);
    for (let run = 0; run < 2; run += 1) {
      const result = await services.scheduler.tick();
      totals.fired += result.fired;
      totals.notifications += result.notifications;
      totals.weeklyReports += result.weeklyReports;
    }
  }
  process.stdout.write(`${JSON.stringify(totals)}\n`);
} finally {
  await db.close();
  rmSync(filesDir, { recursive: true, force: true });
}
