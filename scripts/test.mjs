// `npm test`: the whole suite on the embedded database, then the database suites again on
// PostgreSQL when DATABASE_URL is set (CI), so both storage engines see the same tests.
// Ends with one plain summary line ("Tests: N passed, N failed, N skipped") over both passes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const extra = process.argv.slice(2);
const reportDir = mkdtempSync(path.join(os.tmpdir(), "zg-test-report-"));
const totals = { passed: 0, failed: 0, skipped: 0, failedFiles: 0 };

function run(label, env, args) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const report = path.join(reportDir, `${env.ZG_TEST_DB}.json`);
  const result = spawnSync(
    process.execPath,
    [...vitest, ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
    { stdio: "inherit", env: { ...process.env, ...env } },
  );
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    // A file can fail with no failed test (an error in beforeAll skips its tests): say so.
    totals.failedFiles += json.numFailedTestSuites ?? 0;
  } catch {
    totals.failed += 1;
  }
  return result.status ?? 1;
}

let status = run("全部测试（嵌入式 PGlite）/ all tests on embedded PGlite", { ZG_TEST_DB: "pglite" }, []);
if (process.env.DATABASE_URL) {
  const pgStatus = run("数据库测试（PostgreSQL）/ database suites on PostgreSQL", { ZG_TEST_DB: "postgres" }, ["--project", "db"]);
  status ||= pgStatus;
} else {
  process.stdout.write(
    "\n*** 已跳过 PostgreSQL 测试：未设置 DATABASE_URL。/ SKIPPED the PostgreSQL pass: DATABASE_URL is not set (.ci/run sets it). ***\n",
  );
}
rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${totals.failedFiles ? `; ${totals.failedFiles} test files failed` : ""}\n`);
process.exit(status);
