import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { Services } from "@zhenggai/server";
import { AppError } from "@zhenggai/server/errors";
import { withRuntime } from "./with-runtime.ts";
import { parseIdOption } from "./import.ts";

type ExportRequest = Parameters<Services["exports"]["exportInspection"]>[2];

const KINDS: readonly ExportRequest["kind"][] = ["notice", "report", "principal_report", "ledger"];
const FORMATS: readonly ExportRequest["format"][] = ["docx", "pdf", "html", "md", "txt", "xlsx"];

interface ExportOptions {
  inspection: string;
  kind: string;
  format?: string;
  output?: string;
  notice?: string;
}

function chooseFormat(options: ExportOptions): ExportRequest["format"] {
  const fallback = options.kind === "ledger" ? "xlsx" : "docx";
  const requested = (options.format ?? (options.output ? path.extname(options.output).slice(1) : fallback)).toLowerCase();
  const format = requested === "markdown" ? "md" : requested || fallback;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new AppError("VALIDATION_FAILED", `不支持的输出格式“${requested}”：请使用 ${FORMATS.join("、")} 之一`);
  }
  return format as ExportRequest["format"];
}

/** Exports a round's notice, reports or Excel ledger from its ledger as the system: `zhenggai export --inspection ID --kind … --format … -o OUT`. */
export async function runExport(options: ExportOptions): Promise<string> {
  const inspectionId = parseIdOption(options.inspection, "巡察轮次编号（--inspection）");
  if (!(KINDS as readonly string[]).includes(options.kind)) {
    throw new AppError("VALIDATION_FAILED", `不支持的导出内容“${options.kind}”：请使用 ${KINDS.join("、")} 之一`);
  }
  const request: ExportRequest = {
    kind: options.kind as ExportRequest["kind"],
    format: chooseFormat(options),
    noticeId: options.notice === undefined ? undefined : parseIdOption(options.notice, "通报编号（--notice）"),
  };
  return withRuntime(async ({ services }) => {
    // The CLI is a trusted adapter: it exports as the system (null actor).
    const file = await services.exports.exportInspection(null, inspectionId, request);
    const output = options.output ?? file.fileName;
    await writeFile(output, file.bytes);
    process.stderr.write(`已生成 ${output}（${request.format}，${file.bytes.byteLength} 字节）\n`);
    return output;
  });
}

/** Registers `zhenggai export`. */
export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("从整改台账导出：整改进展情况通报、整改情况报告、主要负责人报告（docx/pdf/html/md/txt）或 Excel 整改台账（xlsx）")
    .requiredOption("--inspection <id>", "巡察轮次编号")
    .requiredOption("--kind <kind>", "导出内容：notice（通报）| report（整改情况报告）| principal_report（主要负责人报告）| ledger（整改台账）")
    .option("-f, --format <format>", `输出格式：${FORMATS.join("|")}（默认按 -o 的扩展名；台账为 xlsx，其余为 docx）`)
    .option("-o, --output <file>", "输出文件（默认在当前目录按中文文件名保存）")
    .option("--notice <id>", "通报编号：用该通报的正文、联系方式、署名和日期生成通报")
    .helpOption("-h, --help", "显示帮助")
    .action(async (options: ExportOptions) => {
      await runExport(options);
    });
}
