import type { Command } from "commander";
import { printLine } from "../output.ts";

/** `zhenggai migrate`: applies pending SQL migrations. */
export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("执行数据库迁移（服务启动时也会自动执行）")
    .action(async () => {
      const { loadConfig, migrate, openDatabase } = await import("@zhenggai/server/runtime");
      const config = loadConfig();
      const db = await openDatabase(config);
      try {
        const applied = await migrate(db);
        printLine(applied.length ? `已执行迁移：${applied.join("、")}` : "数据库已是最新结构，无需迁移");
      } finally {
        await db.close();
      }
    });
}
