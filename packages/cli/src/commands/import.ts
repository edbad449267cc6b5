import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { formatFiguresSentence, labelSeverity, labelStatus } from "@zhenggai/core";
import type { Services } from "@zhenggai/server";
import { AppError, exitStatusOf } from "@zhenggai/server/errors";
import { printLine } from "../output.ts";
import { withRuntime } from "./with-runtime.ts";

type NoticePreview = Awaited<ReturnType<Services["imports"]["previewNoticeImport"]>>;
type NoticeImport = Awaited<ReturnType<Services["imports"]["importNotice"]>>;
type LedgerPreview = Awaited<ReturnType<Services["imports"]["previewLedgerWorkbook"]>>;
type LedgerImport = Awaited<ReturnType<Services["imports"]["importLedgerWorkbook"]>>;

/** Reads a positive integer option (an id), refusing anything else in Chinese. */
export function parseIdOption(value: string, label: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(id) || id < 1) {
    throw new AppError("VALIDATION_FAILED", `${label}应为正整数，收到“${value}”`);
  }
  return id;
}

/** Reads a file for import, turning file-system errors into Chinese AppErrors. */
export async function readInputFile(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AppError("NOT_FOUND", `文件不存在：${file}`);
    if (code === "EISDIR") throw new AppError("VALIDATION_FAILED", `这是一个目录，不是文件：${file}`);
    throw new AppError("VALIDATION_FAILED", `无法读取文件：${file}（${code ?? String(error)}）`);
  }
}

/** Formats the preview of a notice import: the round, its findings with statuses, figures, checks and changes. */
export function formatNoticePreview(preview: NoticePreview): string {
  const { plan } = preview;
  const lines = [`文件：${preview.fileName}（${preview.format}，sha256 ${preview.sha256.slice(0, 12)}…）`];
  const round = plan.inspection;
  lines.push(`巡察轮次：${round.name}　巡察组：${round.groupName ?? "（未识别）"}　反馈日期：${round.feedbackDate ?? "（未识别）"}`);
  if (preview.existing) {
    lines.push(`已有轮次：编号 ${preview.existing.inspectionId}“${preview.existing.name}”（${preview.existing.matchedBy === "source" ? "同一文件已导入过" : "同一巡察组、同一反馈日期"}）`);
  }
  lines.push(`问题：${plan.findings.length}个`);
  let category: string | null = null;
  for (const finding of plan.findings) {
    if (finding.category !== null && finding.category !== category) lines.push(`  ${finding.category}`);
    category = finding.category;
    lines.push(`    ${finding.number}. [${labelStatus(finding.status)}] ${finding.title}`);
  }
  const figures = formatFiguresSentence(plan.figures);
  if (figures) lines.push(`通报所载数字：${figures}`);
  if (plan.docRefs.length > 0) lines.push(`文号：${plan.docRefs.join("、")}`);
  if (preview.checks.length > 0) {
    lines.push(`检查发现：${preview.checks.length}项`);
    for (const check of preview.checks) lines.push(`  [${labelSeverity(check.severity)}] ${check.message}（${check.code}）`);
  }
  for (const warning of plan.warnings) lines.push(`提示：${warning}`);
  if (preview.changes.length === 0) {
    lines.push("变更：无（重复导入不会产生任何变化）");
  } else {
    lines.push(`变更：${preview.changes.length}项`);
    for (const change of preview.changes.slice(0, 50)) lines.push(`  - ${change.description}`);
    if (preview.changes.length > 50) lines.push(`  ……另有 ${preview.changes.length - 50} 项`);
  }
  return lines.join("\n");
}

function formatNoticeImport(result: NoticeImport): string {
  if (!result.isChanged) return `${result.fileName}：内容未变化（巡察轮次编号 ${result.inspectionId}），未写入任何数据`;
  const created = result.changes.filter((change) => change.op === "create_finding").length;
  return `${result.fileName}：已导入巡察轮次编号 ${result.inspectionId}，共 ${result.changes.length} 项变更（新增问题 ${created} 个）`;
}

type FileOutcome<T> = { file: string; value: T } | { file: string; error: unknown };

async function runForFiles<T>(files: string[], label: string, fn: (file: string, bytes: Uint8Array) => Promise<T>): Promise<FileOutcome<T>[]> {
  const bar = files.length > 1 && process.stderr.isTTY ? new SingleBar({ format: `${label} [{bar}] {value}/{total} {file}`, stream: process.stderr, hideCursor: true }) : null;
  bar?.start(files.length, 0, { file: "" });
  const outcomes: FileOutcome<T>[] = [];
  for (const file of files) {
    try {
      outcomes.push({ file, value: await fn(file, await readInputFile(file)) });
    } catch (error) {
      outcomes.push({ file, error });
    }
    bar?.increment(1, { file: path.basename(file) });
  }
  bar?.stop();
  return outcomes;
}

function reportErrors<T>(outcomes: FileOutcome<T>[]): number {
  let status = 0;
  for (const outcome of outcomes) {
    if (!("error" in outcome)) continue;
    const code = outcome.error instanceof AppError ? outcome.error.code : "INTERNAL";
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    process.stderr.write(`错误 [${code}]：${outcome.file}：${message}\n`);
    status = Math.max(status, exitStatusOf(code));
  }
  return status;
}

interface ImportOptions {
  org: string;
  preview?: boolean;
  json?: boolean;
}

/** Imports (or previews) notice files into a unit's ledger as the system: `zhenggai import FILE... --org ID`. */
export async function runImport(files: string[], options: ImportOptions): Promise<number> {
  const orgId = parseIdOption(options.org, "单位编号（--org）");
  return withRuntime(async ({ services }) => {
    const outcomes = await runForFiles(files, options.preview ? "预览中" : "导入中", async (file, bytes) => {
      const input = { fileName: path.basename(file), bytes };
      // The CLI is a trusted adapter: it acts as the system (null actor), like `user add` and `demo`.
      return options.preview ? services.imports.previewNoticeImport(null, orgId, input) : services.imports.importNotice(null, orgId, input);
    });
    const values = outcomes.flatMap((outcome) => ("value" in outcome ? [outcome.value] : []));
    if (options.json) {
      printLine(JSON.stringify(files.length === 1 ? (values[0] ?? null) : values, null, 2));
    } else {
      for (const value of values) {
        printLine(options.preview ? formatNoticePreview(value) : formatNoticeImport(value as NoticeImport));
        if (options.preview) printLine();
      }
      if (options.preview && values.length > 0) printLine("（预览模式：未写入任何数据）");
    }
    return reportErrors(outcomes);
  });
}

function formatLedgerPreview(preview: LedgerPreview): string {
  const lines = [`工作表：${preview.sheetName}（表头在第 ${preview.headerRow} 行，数据 ${preview.rowCount} 行）`, "列映射："];
  for (const column of preview.columns) lines.push(`  第${column.column}列 ${column.header || "（空）"} → ${column.field ?? "（不导入）"}`);
  lines.push(`问题：${preview.findings.length}个，整改措施：${preview.measureCount}条`);
  for (const finding of preview.findings) lines.push(`  ${finding.number}. [${labelStatus(finding.status)}] ${finding.title}（措施 ${finding.measureCount} 条）`);
  if (preview.unmatchedDepartments.length > 0) lines.push(`未匹配的责任部门：${preview.unmatchedDepartments.join("、")}（可加 --create-departments 自动创建）`);
  for (const warning of preview.warnings) lines.push(`提示：${warning}`);
  return lines.join("\n");
}

function formatLedgerImport(result: LedgerImport): string {
  const lines = [`已导入到巡察轮次编号 ${result.inspectionId}：问题 ${result.findingsCreated} 个，整改措施 ${result.measuresCreated} 条`];
  if (result.createdDepartments.length > 0) lines.push(`新建责任部门：${result.createdDepartments.join("、")}`);
  if (result.unmatchedDepartments.length > 0) lines.push(`未匹配的责任部门（措施未关联部门）：${result.unmatchedDepartments.join("、")}`);
  for (const warning of result.warnings) lines.push(`提示：${warning}`);
  return lines.join("\n");
}

interface ImportLedgerOptions {
  inspection: string;
  preview?: boolean;
  json?: boolean;
  createDepartments?: boolean;
}

/** Imports (or previews) an Excel ledger into a round as the system: `zhenggai import-ledger FILE.xlsx --inspection ID`. */
export async function runImportLedger(file: string, options: ImportLedgerOptions): Promise<void> {
  const inspectionId = parseIdOption(options.inspection, "巡察轮次编号（--inspection）");
  if (!/\.xlsx$/i.test(file)) throw new AppError("UNSUPPORTED_FILE", `不支持的文件类型：${file}。整改台账请使用 .xlsx 格式（旧版 .xls 请先另存为 .xlsx）`);
  const bytes = await readInputFile(file);
  await withRuntime(async ({ services }) => {
    if (options.preview) {
      const preview = await services.imports.previewLedgerWorkbook(null, inspectionId, bytes);
      printLine(options.json ? JSON.stringify(preview, null, 2) : `${formatLedgerPreview(preview)}\n（预览模式：未写入任何数据）`);
      return;
    }
    const result = await services.imports.importLedgerWorkbook(null, inspectionId, bytes, { createDepartments: options.createDepartments === true });
    printLine(options.json ? JSON.stringify(result, null, 2) : formatLedgerImport(result));
  });
}

/** Registers `zhenggai import` (notices) and `zhenggai import-ledger` (Excel ledgers). */
export function registerImportCommands(program: Command): void {
  program
    .command("import")
    .description("把整改通报（.txt/.md/.docx/.pdf/.html）导入单位的整改台账；重复导入同一文件不产生变化")
    .argument("<files...>", "要导入的通报文件，可以是多个")
    .requiredOption("--org <id>", "被巡察单位的编号")
    .option("--preview", "只预览将要创建的问题、状态、数字和检查发现，不写入数据")
    .option("--json", "以 JSON 输出结果")
    .helpOption("-h, --help", "显示帮助")
    .action(async (files: string[], options: ImportOptions) => {
      process.exitCode = await runImport(files, options);
    });
  program
    .command("import-ledger")
    .description("把 Excel 整改台账（.xlsx）导入巡察轮次：自动识别表头、合并单元格、日期和状态，按名称匹配责任部门")
    .argument("<file>", "Excel 整改台账（.xlsx）")
    .requiredOption("--inspection <id>", "巡察轮次编号")
    .option("--preview", "只预览列映射、问题清单和部门匹配，不写入数据")
    .option("--create-departments", "为本单位组织架构中不存在的责任部门自动创建部门")
    .option("--json", "以 JSON 输出结果")
    .helpOption("-h, --help", "显示帮助")
    .action(async (file: string, options: ImportLedgerOptions) => {
      await runImportLedger(file, options);
    });
}
