import type { Command } from "commander";
import { labelRole } from "@zhenggai/core";
import { printLine } from "../output.ts";
import { withRuntime } from "./with-runtime.ts";

/** `zhenggai demo`: loads the fictional 青禾县 round and prints the demo accounts. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("加载演示数据（虚构的青禾县教育局巡察整改台账），并打印演示账号的一次性密码")
    .action(async () => {
      await withRuntime(async ({ services }) => {
        const result = await services.demo.loadDemo(null);
        printLine(`已加载演示数据：巡察轮次编号 ${result.inspectionId}`);
        printLine("演示账号（密码仅显示这一次）：");
        for (const account of result.accounts) {
          printLine(`  ${account.username.padEnd(15)} ${account.password}  ${account.displayName}（${labelRole(account.role)}）`);
        }
        printLine("错过了密码？管理员可在“系统管理 → 用户与角色”重置，或运行 npx zhenggai user reset-password -u 用户名");
      });
    });
}
