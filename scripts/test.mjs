// `npm test`: the whole suite on the embedded database, then the database suites again on
// PostgreSQL when DATABASE_URL is set (CI), so both storage engines see the same tests.
import { spawnSync } from "node:child_process";

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const extra = process.argv.slice(2);

function run(label, env, args) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const result = spawnSync(process.execPath, [...vitest, ...args, ...extra], {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

let status = run("全部测试（嵌入式 PGlite）/ all tests on embedded PGlite", { ZG_TEST_DB: "pglite" }, []);
if (process.env.DATABASE_URL) {
  status ||= run(
    "数据库测试（PostgreSQL）/ database suites on PostgreSQL",
    { ZG_TEST_DB: "postgres" },
    ["--project", "db"],
  );
} else {
  process.stdout.write(
    "\n*** 已跳过 PostgreSQL 测试：未设置 DATABASE_URL。/ SKIPPED the PostgreSQL pass: DATABASE_URL is not set (.ci/run sets it). ***\n",
  );
}
process.exit(status);
