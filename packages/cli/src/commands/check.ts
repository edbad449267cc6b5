import type { Command } from "commander";
import { formatCheckReport } from "@zhenggai/core";
import { parseNoticeFiles, reportFileErrors } from "./parse.ts";

/** Registers `zhenggai check FILE...`: a readable Chinese report of each notice's findings. */
export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("检查整改通报：数字是否对得上、编号是否重复或跳号、完成表述是否与内容矛盾、公开要素是否齐全等")
    .argument("<files...>", "要检查的通报文件，可以是多个")
    .option("--json", "以 JSON 输出每个文件的检查发现")
    .option("--strict", "发现“错误”级问题时以非零状态退出")
    .helpOption("-h, --help", "显示帮助")
    .action(async (files: string[], options: { json?: boolean; strict?: boolean }) => {
      const results = await parseNoticeFiles(files);
      let hasErrors = false;
      const reports: string[] = [];
      const json: { file: string; findings: unknown[] }[] = [];
      for (const result of results) {
        if (!("notice" in result)) continue;
        if (result.notice.findings.some((finding) => finding.severity === "error")) hasErrors = true;
        if (options.json) json.push({ file: result.file, findings: result.notice.findings });
        else reports.push(formatCheckReport(result.notice));
      }
      if (options.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else if (reports.length > 0) process.stdout.write(`${reports.join(`\n\n${"─".repeat(40)}\n\n`)}\n`);
      const status = reportFileErrors(results);
      process.exitCode = status !== 0 ? status : options.strict && hasErrors ? 1 : 0;
    });
}
