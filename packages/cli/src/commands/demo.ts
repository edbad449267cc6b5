import type { Command } from "commander";
import { labelRole } from "@zhenggai/core";
import { AppError } from "@zhenggai/server/errors";
import { printLine } from "../output.ts";
import { withRuntime } from "./with-runtime.ts";

/** Reads `--scale`: a number of measures, with an optional k/m suffix (100k, 1m). */
export function parseScale(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(value.trim());
  const measures = match ? Math.round(Number(match[1]) * (match[2].toLowerCase() === "k" ? 1000 : match[2].toLowerCase() === "m" ? 1_000_000 : 1)) : NaN;
  if (!Number.isSafeInteger(measures)) throw new AppError("VALIDATION_FAILED", `--scale 应为整改措施条数，例如 10000、100k 或 1m，收到“${value}”`);
  return measures;
}

/** `zhenggai demo`: loads the fictional 青禾县 round, or with `--scale N` a generated province-scale dataset; prints the demo accounts. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("加载演示数据（虚构的青禾县教育局巡察整改台账），并打印演示账号的一次性密码；--scale 生成规模测试数据")
    .option("--scale <measures>", "生成规模测试数据：整改措施条数（如 10000、100k、1m），含单位、人员、巡察轮次、问题、进展、佐证、销号、回头看、登记和操作留痕")
    .option("--seed <seed>", "规模测试数据的随机种子（同一种子、同一规模生成相同数据）", "zhenggai")
    .action(async (options: { scale?: string; seed: string }) => {
      if (options.scale !== undefined) {
        const measures = parseScale(options.scale);
        const { SingleBar } = await import("cli-progress");
        const bar = new SingleBar({ format: "生成中 [{bar}] {percentage}% {value}/{total} 条措施 {duration_formatted}", stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 });
        await withRuntime(async ({ services }) => {
          bar.start(measures, 0);
          const started = Date.now();
          try {
            const result = await services.scaleDemo.generate(null, { measures, seed: options.seed, onProgress: (done) => bar.update(done) });
            bar.stop();
            printLine(`已生成规模测试数据：${result.units} 个单位，${result.measures} 条整改措施（种子 ${result.seed}，用时 ${((Date.now() - started) / 1000).toFixed(0)} 秒）`);
            printLine(`文本检索示例：${result.sampleProject}`);
            printLine("可登录的账号（密码仅显示这一次）：");
            for (const account of result.accounts) printLine(`  ${account.username.padEnd(20)} ${account.password}  ${account.displayName}（${labelRole(account.role)}）`);
          } finally {
            bar.stop();
          }
        });
        return;
      }
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
