// Uploads are judged by their bytes, not their names: a binary renamed .pdf, or a web page named
// .jpg, is refused before it is stored. Downloads are inline only for types a browser shows
// without running anything (PDF, PNG, JPEG); everything else is an attachment.
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../errors.ts";

const LABELS: Record<string, string> = {
  pdf: "PDF 文件",
  docx: "Word（.docx）文档",
  doc: "旧版 Word（.doc）文档",
  xlsx: "Excel（.xlsx）表格",
  xls: "旧版 Excel（.xls）表格",
  jpg: "JPEG 图片",
  jpeg: "JPEG 图片",
  png: "PNG 图片",
  txt: "纯文本文件",
  ofd: "OFD 版式文件",
  zip: "ZIP 压缩包",
};

// What file-type must report for each extension we accept. OFD and ZIP are zip containers; the old
// Office formats are OLE compound files ("cfb"); text has no signature and is checked separately.
const ZIP_FAMILY = ["zip", "docx", "xlsx", "pptx", "odt", "ods", "epub"];
const EXPECTED: Record<string, string[]> = {
  pdf: ["pdf"],
  docx: ["docx"],
  xlsx: ["xlsx"],
  doc: ["cfb", "doc"],
  xls: ["cfb", "xls"],
  jpg: ["jpg"],
  jpeg: ["jpg"],
  png: ["png"],
  ofd: ZIP_FAMILY,
  zip: ZIP_FAMILY,
};

// Markup a browser would render as a page or run as script if it were ever served as text/html.
const MARKUP_START = /^\s*(?:<!doctype\s+html|<html|<head|<body|<script|<iframe|<svg|<\?xml|<!--|<meta|<a\s|<img\s|<div|<p>)/i;

function describeDetected(ext: string | undefined, bytes: Uint8Array): string {
  if (ext) return `实际内容为 ${ext.toUpperCase()} 格式`;
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\ufeff/, "");
  if (MARKUP_START.test(head)) return "实际内容为网页（HTML/XML）";
  return "无法识别其内容格式";
}

/**
 * Checks that an upload's bytes are what its extension claims; throws UNSUPPORTED_FILE with a
 * Chinese message otherwise. `extension` is lower case without the dot.
 */
export async function ensureContentMatchesExtension(bytes: Uint8Array, extension: string, fileName: string): Promise<void> {
  const label = LABELS[extension] ?? `.${extension} 文件`;
  if (extension === "txt") {
    // Text has no signature (file-type's weak audio signatures match short texts), so it is judged
    // as text: no control characters but layout ones, and no markup a browser would render.
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
    const head = new TextDecoder(utf16 ?? "utf-8", { fatal: false }).decode(bytes.subarray(0, 65536)).replace(/^\ufeff/, "");
    const controls = head.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
    if (controls > 0 || MARKUP_START.test(head)) {
      const detected = controls > 0 ? await fileTypeFromBuffer(bytes) : undefined;
      throw new AppError("UNSUPPORTED_FILE", `文件“${fileName}”的内容与扩展名不符：不是${label}（${describeDetected(detected?.ext, bytes)}），请上传真实的文件`);
    }
    return;
  }
  const detected = await fileTypeFromBuffer(bytes);
  const expected = EXPECTED[extension];
  if (!expected) throw new AppError("UNSUPPORTED_FILE", `不支持的文件类型“.${extension}”`);
  if (!detected || !expected.includes(detected.ext)) {
    throw new AppError("UNSUPPORTED_FILE", `文件“${fileName}”的内容与扩展名不符：不是${label}（${describeDetected(detected?.ext, bytes)}），请上传真实的文件`);
  }
}

const INLINE_TYPES = new Set(["application/pdf", "image/png", "image/jpeg"]);

/** The Content-Disposition of a stored file: inline for PDF and plain images, attachment for everything else. */
export function contentDispositionFor(mimeType: string, fileName: string): string {
  const disposition = INLINE_TYPES.has(mimeType) ? "inline" : "attachment";
  // An ASCII fallback name for old clients, then the real name (RFC 6266 / 5987).
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] ?? "bin";
  return `${disposition}; filename="file.${extension}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The Content-Security-Policy of a served file: nothing may run in it. PDFs keep `object-src 'self'`
 * so the browser's own PDF viewer can show them; other files are sandboxed outright.
 */
export function contentSecurityPolicyFor(mimeType: string): string {
  if (mimeType === "application/pdf") return "default-src 'none'; object-src 'self'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
  return "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
}
