import type { Command } from "commander";
import { grantAppRole, loadConfig, migrate, openDatabase, openPostgres, roleOfUrl } from "@zhenggai/server";
import { printLine } from "../output.ts";

/** `zhenggai migrate`: applies pending SQL migrations. */
export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("执行数据库迁移（服务启动时也会自动执行）")
    .action(async () => {
      const config = loadConfig();
      // With two roles, migrations run as the owner and the app role is granted its rights after.
      const db = config.databaseOwnerUrl ? await openPostgres(config.databaseOwnerUrl, 2) : await openDatabase(config);
      try {
        const applied = await migrate(db);
        if (config.databaseOwnerUrl && config.databaseUrl) await grantAppRole(db, roleOfUrl(config.databaseUrl));
        printLine(applied.length ? `已执行迁移：${applied.join("、")}` : "数据库已是最新结构，无需迁移");
      } finally {
        await db.close();
      }
    });
}
