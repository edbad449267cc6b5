import type { Command } from "commander";
import { loadConfig, type AuditVerification } from "@zhenggai/server";
import { printLine } from "../output.ts";
import { callServer, findRunningServer } from "./server-client.ts";
import { withRuntime } from "./with-runtime.ts";

/** `zhenggai audit verify` and `zhenggai audit head`: the tamper-evident audit trail. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("审计日志：校验哈希链、查看链头");
  audit
    .command("verify")
    .description("逐条校验审计日志的哈希链，指出第一处断裂（退出码 1 表示发现篡改）")
    .option("--anchor <hash>", "此前另行留存的链头哈希：校验它仍在链中")
    .option("--json", "以 JSON 输出结果")
    .action(async (options: { anchor?: string; json?: boolean }) => {
      const config = loadConfig();
      const server = findRunningServer(config);
      const result: AuditVerification = server
        ? ((await (await callServer(server, "GET", `/api/audit/verify${options.anchor ? `?anchor=${encodeURIComponent(options.anchor)}` : ""}`)).json()) as AuditVerification)
        : await withRuntime(({ services }) => services.audit.verifyChain(null, { anchor: options.anchor }));
      if (options.json) printLine(JSON.stringify(result, null, 2));
      else printVerification(result);
      if (!result.isIntact) process.exitCode = 1;
    });
  audit
    .command("head")
    .description("显示审计链头（最新记录的编号和哈希），可抄录到别处留存")
    .action(async () => {
      const config = loadConfig();
      const server = findRunningServer(config);
      const head = server
        ? ((await (await callServer(server, "GET", "/api/audit/head")).json()) as { head: { id: number; hash: string } | null }).head
        : await withRuntime(({ services }) => services.audit.getHead());
      printLine(head ? `${head.id}\t${head.hash}` : "（审计日志为空）");
    });
}

function printVerification(result: AuditVerification): void {
  if (result.firstBroken) {
    printLine(`审计链已被篡改：${result.firstBroken.message}`);
  } else if (result.anchorFound === false) {
    printLine("审计链自身连贯，但留存的链头哈希不在链中：此前的记录被整体重写过");
  } else {
    printLine(`审计链完整：共 ${result.entries} 条记录，其中 ${result.chained} 条在哈希链中${result.head ? `，链头 #${result.head.id} ${result.head.hash}` : ""}`);
  }
  if (result.legacy > 0) printLine(`注意：最早的 ${result.legacy} 条记录写于启用哈希链之前，未受保护`);
}
