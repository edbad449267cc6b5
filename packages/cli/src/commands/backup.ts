import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { loadConfig } from "@zhenggai/server";
import { printLine } from "../output.ts";
import { callServer, findRunningServer } from "./server-client.ts";
import { withRuntime } from "./with-runtime.ts";

/** `zhenggai backup` and `zhenggai restore`: the whole database plus evidence files in one archive. */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("备份整个数据库及全部佐证材料到一个 zip 文件（一致性快照；服务运行时也可执行：嵌入式数据库经由正在运行的服务在线备份）")
    .requiredOption("-o, --output <file>", "备份文件路径，例如 zhenggai-20261122.zip")
    .action(async (options: { output: string }) => {
      const server = findRunningServer(loadConfig());
      if (server) {
        const bytes = new Uint8Array(await (await callServer(server, "POST", "/api/backup")).arrayBuffer());
        await writeFile(options.output, bytes);
        printLine(`已通过正在运行的服务（${server.url}）在线备份到 ${options.output}（${(bytes.byteLength / 1024).toFixed(0)} KB）`);
        return;
      }
      await withRuntime(async ({ services }) => {
        const { bytes, manifest } = await services.backup.createBackup();
        await writeFile(options.output, bytes);
        const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
        printLine(`已备份到 ${options.output}：${rows} 行数据，${manifest.files.length} 个佐证材料文件（${(bytes.byteLength / 1024).toFixed(0)} KB）`);
      });
    });
  program
    .command("restore")
    .description("从备份文件恢复到空数据库（校验每个文件的 sha256；不会覆盖已有数据）")
    .argument("<file>", "zhenggai backup 生成的 zip 文件")
    .action(async (file: string) => {
      const bytes = await readFile(file);
      await withRuntime(async ({ services }) => {
        const manifest = await services.backup.restoreBackup(bytes);
        printLine(`已从 ${file} 恢复（备份时间 ${manifest.createdAt}）：${manifest.counts.measures ?? 0} 项整改措施，${manifest.files.length} 个文件校验通过`);
        if (manifest.auditChain.sealed > 0) printLine(`备份中的 ${manifest.auditChain.sealed} 条早期审计记录已在恢复时纳入哈希链`);
        if (!manifest.auditChain.isIntact) printLine(`警告：备份中的审计链在第 ${manifest.auditChain.firstBrokenId} 条记录处断裂，恢复后仍可由 zhenggai audit verify 查出`);
      });
    });
}
