import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildNoticeDocument, buildNoticeModelFromParsed, validateParsedNoticeShape } from "@zhenggai/core";
import type { Command } from "commander";
import { AppError } from "@zhenggai/server/errors";
import { DOCUMENT_FORMATS, renderDocument, type DocumentFormat } from "@zhenggai/server/render";

interface RenderOptions {
  format?: string;
  output?: string;
}

function isDocumentFormat(value: string): value is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(value);
}

function chooseFormat(options: RenderOptions): DocumentFormat {
  const requested = options.format ?? (options.output ? path.extname(options.output).slice(1).toLowerCase() : "");
  const format = requested === "markdown" ? "md" : requested;
  if (format === "") return "docx";
  if (!isDocumentFormat(format)) {
    throw new AppError("VALIDATION_FAILED", `不支持的输出格式“${requested}”：请使用 ${DOCUMENT_FORMATS.join("、")} 之一`);
  }
  return format;
}

async function readNoticeJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? error.code : null;
    if (code === "ENOENT") throw new AppError("NOT_FOUND", `找不到文件：${file}`);
    throw new AppError("VALIDATION_FAILED", `无法读取文件：${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("VALIDATION_FAILED", `${file} 不是有效的 JSON：${reason}`);
  }
}

/** Renders a parsed notice (the parse contract's JSON) into a notice file: `zhenggai render NOTICE.json --format docx -o OUT`. */
export async function runRender(file: string, options: RenderOptions): Promise<void> {
  const format = chooseFormat(options);
  if (!options.output && (format === "docx" || format === "pdf")) {
    throw new AppError("VALIDATION_FAILED", `${format.toUpperCase()} 是二进制文件，请用 -o 指定输出文件`);
  }
  const { notice, errors } = validateParsedNoticeShape(await readNoticeJson(file));
  if (!notice) {
    throw new AppError("VALIDATION_FAILED", `${file} 不符合通报解析结果（ParsedNotice）的格式：\n  ${errors.join("\n  ")}`, errors);
  }
  const bytes = await renderDocument(buildNoticeDocument(buildNoticeModelFromParsed(notice)), format);
  if (options.output) {
    await writeFile(options.output, bytes);
    process.stderr.write(`已生成 ${options.output}（${format}，${bytes.byteLength} 字节）\n`);
  } else {
    process.stdout.write(bytes);
  }
}

/** Registers `zhenggai render`. */
export function registerRenderCommand(program: Command): void {
  program
    .command("render")
    .description("把通报解析结果（zhenggai parse --json 的输出）渲染为标准格式的整改进展情况通报")
    .argument("<notice>", "ParsedNotice JSON 文件")
    .option("-f, --format <format>", `输出格式：${DOCUMENT_FORMATS.join("|")}（默认按 -o 的扩展名，否则 docx）`)
    .option("-o, --output <file>", "输出文件；md、txt、html 省略时写到标准输出")
    .action(async (file: string, options: RenderOptions) => {
      await runRender(file, options);
    });
}
