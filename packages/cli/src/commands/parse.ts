import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { formatNoticeSummary, parseNotice, type ParsedNotice } from "@zhenggai/core";
import { AppError, exitStatusOf } from "@zhenggai/server/errors";
import type { NoticeFileFormat } from "@zhenggai/server/extract-text";

/** One file's outcome: the parsed notice or the error that stopped it. */
export type NoticeFileResult = { file: string; notice: ParsedNotice } | { file: string; error: unknown };

/** Reads a notice file's text (NOT_FOUND / VALIDATION_FAILED in Chinese when it cannot be read). */
export async function readNoticeSource(file: string): Promise<{ text: string; format: NoticeFileFormat }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AppError("NOT_FOUND", `文件不存在：${file}`);
    if (code === "EISDIR") throw new AppError("VALIDATION_FAILED", `这是一个目录，不是文件：${file}`);
    throw new AppError("VALIDATION_FAILED", `无法读取文件：${file}（${code ?? String(error)}）`);
  }
  const { extractNoticeText } = await import("@zhenggai/server/extract-text");
  return extractNoticeText(bytes, path.basename(file));
}

async function readNoticeFile(file: string): Promise<ParsedNotice> {
  const { text, format } = await readNoticeSource(file);
  return parseNotice(text, { file: path.basename(file), format });
}

/** Reads and parses files one after another, with a progress bar on stderr when it is a terminal and there are several files. */
export async function parseNoticeFiles(files: string[]): Promise<NoticeFileResult[]> {
  const bar = files.length > 1 && process.stderr.isTTY ? new SingleBar({ format: "解析中 [{bar}] {value}/{total} {file}", stream: process.stderr, hideCursor: true }) : null;
  bar?.start(files.length, 0, { file: "" });
  const results: NoticeFileResult[] = [];
  for (const file of files) {
    try {
      results.push({ file, notice: await readNoticeFile(file) });
    } catch (error) {
      results.push({ file, error });
    }
    bar?.increment(1, { file: path.basename(file) });
  }
  bar?.stop();
  return results;
}

/** Prints each failed file's error to stderr and returns the exit status to use (0 when all files were read). */
export function reportFileErrors(results: NoticeFileResult[]): number {
  let status = 0;
  for (const result of results) {
    if (!("error" in result)) continue;
    const error = result.error;
    const code = error instanceof AppError ? error.code : "INTERNAL";
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`错误 [${code}]：${result.file}：${message}\n`);
    status = Math.max(status, exitStatusOf(code));
  }
  return status;
}

/** Registers `zhenggai parse FILE... [--json]`. */
export function registerParseCommand(program: Command): void {
  program
    .command("parse")
    .description("解析整改通报文件（.txt/.md/.docx/.pdf/.html），输出问题、状态、数字和检查发现")
    .argument("<files...>", "要解析的通报文件，可以是多个")
    .option("--json", "输出符合契约（notice.schema.json）的 JSON：一个文件输出一个对象，多个文件输出数组")
    .helpOption("-h, --help", "显示帮助")
    .action(async (files: string[], options: { json?: boolean }) => {
      const results = await parseNoticeFiles(files);
      const notices = results.flatMap((result) => ("notice" in result ? [result.notice] : []));
      if (options.json) {
        if (files.length === 1) {
          if (notices.length === 1) process.stdout.write(`${JSON.stringify(notices[0], null, 2)}\n`);
        } else {
          process.stdout.write(`${JSON.stringify(notices, null, 2)}\n`);
        }
      } else {
        for (const result of results) {
          if (!("notice" in result)) continue;
          process.stdout.write(`文件：${result.file}\n${formatNoticeSummary(result.notice)}\n\n`);
        }
      }
      process.exitCode = reportFileErrors(results);
    });
}
