// File bytes → notice text. The only place that knows file formats; the parser in core sees text only.
// mammoth and unpdf are loaded on first use, so reading a .txt notice never loads them.
import { AppError } from "../errors.ts";
import { convertHtmlToText } from "./html-to-text.ts";

/** File formats a notice can be read from. */
export type NoticeFileFormat = "txt" | "md" | "docx" | "pdf" | "html";

/** Text of a notice file and the format it was read as. */
export interface ExtractedNoticeText {
  text: string;
  format: NoticeFileFormat;
}

function formatOf(fileName: string): NoticeFileFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  switch (extension) {
    case "txt":
    case "text":
      return "txt";
    case "md":
    case "markdown":
      return "md";
    case "docx":
      return "docx";
    case "pdf":
      return "pdf";
    case "html":
    case "htm":
    case "xhtml":
      return "html";
    default:
      return null;
  }
}

/** Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise GB18030 (which covers GBK/GB2312). */
export function decodeTextBytes(bytes: Uint8Array, declaredCharset?: string | null): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (declaredCharset && /^(?:gb2312|gbk|gb18030|x-gbk)$/i.test(declaredCharset)) return new TextDecoder("gb18030").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  return /<meta[^>]{0,200}charset\s*=\s*["']?([\w-]{2,20})/i.exec(head)?.[1] ?? null;
}

async function extractPdfText(bytes: Uint8Array): Promise<string> {
  let pages: { str: string; x: number; y: number; fontSize: number; hasEOL?: boolean }[][];
  try {
    const { extractTextItems, getDocumentProxy } = await import("unpdf");
    const document = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractTextItems(document)).items;
  } catch (error) {
    throw new AppError("UNSUPPORTED_FILE", `无法读取该 PDF 文件：${error instanceof Error ? error.message : String(error)}`);
  }
  const pageTexts = pages.map((items) => {
    let text = "";
    let lastY: number | null = null;
    let lastSize = 10;
    for (const item of items) {
      // A change of baseline larger than half a character starts a new line.
      if (lastY !== null && Math.abs(item.y - lastY) > Math.max(2, Math.min(lastSize, item.fontSize || lastSize) * 0.5) && !text.endsWith("\n")) text += "\n";
      text += item.str;
      if (item.hasEOL) text += "\n";
      lastY = item.y;
      lastSize = item.fontSize || lastSize;
    }
    return text;
  });
  const text = pageTexts.join("\n\f\n");
  if (text.replace(/\s/g, "").length < 10) {
    throw new AppError("UNSUPPORTED_FILE", "该 PDF 没有可提取的文字层（可能是扫描件），请先进行文字识别（OCR）后再导入。");
  }
  return text;
}

/** Reads the text of a notice file (.txt, .md, .docx, .pdf, .html); throws UNSUPPORTED_FILE for other types or unreadable files. */
export async function extractNoticeText(bytes: Uint8Array, fileName: string): Promise<ExtractedNoticeText> {
  const format = formatOf(fileName);
  if (format === null) {
    const hint = /\.doc$/i.test(fileName) ? "旧版 Word（.doc）文件请另存为 .docx 后再导入。" : "支持的格式：.txt、.md、.docx、.pdf、.html。";
    throw new AppError("UNSUPPORTED_FILE", `不支持的文件类型：${fileName}。${hint}`);
  }
  switch (format) {
    case "txt":
    case "md":
      return { text: decodeTextBytes(bytes), format };
    case "html":
      return { text: convertHtmlToText(decodeTextBytes(bytes, declaredHtmlCharset(bytes))), format };
    case "docx": {
      try {
        const { default: mammoth } = await import("mammoth");
        const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        return { text: convertHtmlToText(result.value), format };
      } catch (error) {
        throw new AppError("UNSUPPORTED_FILE", `无法读取该 Word 文件：${error instanceof Error ? error.message : String(error)}`);
      }
    }
    case "pdf":
      return { text: await extractPdfText(bytes), format };
  }
}
