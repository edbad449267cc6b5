import { readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { analyzeNotice, formatCheckReport, formatCheckSummaryTable, summarizeNoticeCheck, type FileFinding, type NoticeCheckRow, type NoticeFinding, type ParsedNotice } from "@zhenggai/core";
import { AppError } from "@zhenggai/server/errors";
import { readNoticeSource, reportFileErrors, type NoticeFileResult } from "./parse.ts";

/** Output formats of `zhenggai check`. */
type CheckFormat = "table" | "json" | "xlsx";

const NOTICE_EXTENSIONS = /\.(?:txt|text|md|markdown|docx|pdf|html?|xhtml)$/i;

interface CheckedNotice {
  file: string;
  notice: ParsedNotice;
  findings: NoticeFinding[];
}

/** Expands the arguments: files as given, directories to the notice files inside them (recursively, sorted). */
async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(input);
      continue;
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    const found = entries
      .filter((entry) => entry.isFile() && NOTICE_EXTENSIONS.test(entry.name) && !entry.name.startsWith("."))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort((a, b) => a.localeCompare(b, "zh-CN"));
    if (found.length === 0) throw new AppError("VALIDATION_FAILED", `目录中没有可检查的通报文件（.txt/.md/.docx/.pdf/.html）：${input}`);
    files.push(...found);
  }
  return files;
}

async function checkFile(file: string): Promise<CheckedNotice> {
  const { text, format } = await readNoticeSource(file);
  const analysis = analyzeNotice(text, { file: path.basename(file), format });
  return { file, notice: analysis.notice, findings: analysis.findings };
}

function formatOf(options: { format?: string; json?: boolean }): CheckFormat {
  const format = options.json ? "json" : (options.format ?? "table");
  if (format !== "table" && format !== "json" && format !== "xlsx") throw new AppError("VALIDATION_FAILED", `不支持的输出格式：${format}（可选 table、json、xlsx）`);
  return format;
}

/** Registers `zhenggai check DIR|FILE…`: checks one notice or a folder of notices and writes one summary (table, JSON or xlsx). */
export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("检查整改通报：数字是否对得上、编号是否重复或跳号、完成表述是否与内容矛盾、公开要素是否齐全等；可一次检查一个目录中的全部通报")
    .argument("<inputs...>", "要检查的通报文件或目录，可以是多个")
    .option("--format <format>", "输出格式：table（表格和逐份报告）、json、xlsx（通报汇总表和检查发现表）", "table")
    .option("--json", "同 --format json")
    .option("-o, --output <file>", "写入文件而不是标准输出（xlsx 格式必须指定）")
    .option("--strict", "发现“错误”级问题时以非零状态退出")
    .helpOption("-h, --help", "显示帮助")
    .action(async (inputs: string[], options: { format?: string; json?: boolean; output?: string; strict?: boolean }) => {
      const format = formatOf(options);
      if (format === "xlsx" && !options.output) throw new AppError("VALIDATION_FAILED", "xlsx 格式需要用 -o 指定输出文件，例如：zhenggai check 通报目录 --format xlsx -o 检查汇总.xlsx");
      const files = await expandInputs(inputs);
      const bar = files.length > 1 && process.stderr.isTTY ? new SingleBar({ format: "检查中 [{bar}] {value}/{total} {file}", stream: process.stderr, hideCursor: true }) : null;
      bar?.start(files.length, 0, { file: "" });
      const results: NoticeFileResult[] = [];
      const checked: CheckedNotice[] = [];
      for (const file of files) {
        try {
          const result = await checkFile(file);
          checked.push(result);
          results.push({ file, notice: result.notice });
        } catch (error) {
          results.push({ file, error });
        }
        bar?.increment(1, { file: path.basename(file) });
      }
      bar?.stop();

      const rows: NoticeCheckRow[] = checked.map((item) => summarizeNoticeCheck(item.file, item.notice, item.findings));
      const findings: FileFinding[] = checked.flatMap((item) => item.findings.map((finding) => ({ file: item.file, finding })));
      let output: string | Uint8Array;
      switch (format) {
        case "json":
          output = `${JSON.stringify(checked.map((item, index) => ({ ...rows[index], findings: item.findings })), null, 2)}\n`;
          break;
        case "xlsx": {
          const { writeCheckSummaryWorkbook } = await import("@zhenggai/server");
          output = await writeCheckSummaryWorkbook(rows, findings);
          break;
        }
        case "table": {
          const reports = checked.map((item) => formatCheckReport(item.notice, item.findings));
          const parts = checked.length > 1 ? [formatCheckSummaryTable(rows), ...reports] : reports;
          output = parts.length > 0 ? `${parts.join(`\n\n${"─".repeat(40)}\n\n`)}\n` : "";
          break;
        }
      }
      if (options.output) {
        await writeFile(options.output, output);
        process.stderr.write(`已写入 ${options.output}（${checked.length}份通报，${findings.length}项检查发现）\n`);
      } else {
        process.stdout.write(output);
      }
      const fileStatus = reportFileErrors(results);
      // A notice whose problem list could not be read is never a pass: the check could not do its job.
      const unread = checked.filter((item) => item.findings.some((finding) => finding.code === "STRUCTURE_NOT_FOUND"));
      for (const item of unread) process.stderr.write(`错误 [STRUCTURE_NOT_FOUND]：${item.file}：未能识别出问题清单，检查结果不完整\n`);
      const hasErrors = findings.some((item) => item.finding.severity === "error");
      process.exitCode = fileStatus !== 0 ? fileStatus : unread.length > 0 || (options.strict && hasErrors) ? 1 : 0;
    });
}
