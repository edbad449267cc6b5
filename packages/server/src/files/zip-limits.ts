// Decompression limits for untrusted Office files (.docx, .xlsx are zip archives). Checked twice:
// the central directory's declared sizes before anything is inflated (cheap, on the request's
// thread), then the real sizes by inflating every entry with a hard output cap (in the worker,
// before a parser sees the file), so an archive that lies about its sizes is caught too.
import { inflateRawSync } from "node:zlib";
import { AppError } from "../errors.ts";

/** Limits for one archive; byte and entry counts, never time. */
export interface ZipLimits {
  /** Entries in the archive. */
  maxEntries: number;
  /** Sum of all entries' uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed size of any one entry. */
  maxEntryBytes: number;
  /** Uncompressed ÷ compressed size of an entry, checked for entries above ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/**
 * Limits for notices and ledgers. A 60-page notice's document.xml is a few MB and compresses about
 * 10×; a 10,000-row ledger sheet is under 20 MB. A "zip bomb" is far beyond on ratio or size.
 */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntryBytes: 40 * 1024 * 1024,
  maxRatio: 120,
  ratioFloorBytes: 2 * 1024 * 1024,
};

/** One entry as the central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function limitExceeded(message: string, limit: string): AppError {
  return new AppError("FILE_LIMIT_EXCEEDED", `文件解压后过大或结构异常，已拒绝处理：${message}`, { limit });
}

function notZip(): AppError {
  return new AppError("UNSUPPORTED_FILE", "文件已损坏或不是有效的 Office 文档（无法读取其压缩结构）");
}

const MB = 1024 * 1024;

/** Reads the central directory (entries with their declared sizes); throws UNSUPPORTED_FILE for a broken archive. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the end of the file.
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65535); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notZip();
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new AppError("UNSUPPORTED_FILE", "不支持 ZIP64 格式的超大文档，请拆分后再上传");
  }
  if (offset + size > end) throw notZip();
  const entries: ZipEntry[] = [];
  let position = offset;
  for (let index = 0; index < count; index += 1) {
    if (position + 46 > end || view.getUint32(position, true) !== 0x02014b50) throw notZip();
    const method = view.getUint16(position + 10, true);
    const compressedSize = view.getUint32(position + 20, true);
    const uncompressedSize = view.getUint32(position + 24, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const localHeaderOffset = view.getUint32(position + 42, true);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new AppError("UNSUPPORTED_FILE", "不支持 ZIP64 格式的超大文档，请拆分后再上传");
    }
    const name = new TextDecoder().decode(bytes.subarray(position + 46, position + 46 + nameLength));
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Checks the declared entry count, sizes and ratios against the limits, before anything is inflated. */
export function checkDeclaredZipLimits(bytes: Uint8Array, limits: ZipLimits = OFFICE_ZIP_LIMITS): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  if (entries.length > limits.maxEntries) throw limitExceeded(`包含 ${entries.length} 个内部文件，上限为 ${limits.maxEntries} 个`, "entries");
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      throw limitExceeded(`内部文件“${entry.name}”解压后 ${(entry.uncompressedSize / MB).toFixed(1)} MB，单个上限为 ${limits.maxEntryBytes / MB} MB`, "entry_bytes");
    }
    if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
      const ratio = Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1));
      throw limitExceeded(`内部文件“${entry.name}”的压缩比为 ${ratio}:1，超过 ${limits.maxRatio}:1 的上限（疑似“压缩炸弹”）`, "ratio");
    }
  }
  if (total > limits.maxTotalBytes) throw limitExceeded(`解压后共 ${(total / MB).toFixed(1)} MB，上限为 ${limits.maxTotalBytes / MB} MB`, "total_bytes");
  return entries;
}

/**
 * Inflates every entry with its declared size as a hard cap, so an archive whose entries hold more
 * than they declare is refused before a parser inflates it without limits. CPU-bound: run it in a
 * worker. Returns the real total.
 */
export function checkActualZipSizes(bytes: Uint8Array, limits: ZipLimits = OFFICE_ZIP_LIMITS): number {
  const entries = checkDeclaredZipLimits(bytes, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    const header = entry.localHeaderOffset;
    if (header + 30 > bytes.byteLength || view.getUint32(header, true) !== 0x04034b50) throw notZip();
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (data.byteLength !== entry.compressedSize) throw notZip();
    let size: number;
    if (entry.method === 0) {
      size = data.byteLength;
    } else if (entry.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) }).byteLength;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          throw limitExceeded(`内部文件“${entry.name}”解压后的实际大小超过其声明的大小（疑似伪造的压缩文件）`, "declared_size");
        }
        throw notZip();
      }
    } else {
      throw new AppError("UNSUPPORTED_FILE", `文档使用了不支持的压缩方式（${entry.method}）`);
    }
    if (size !== entry.uncompressedSize) throw limitExceeded(`内部文件“${entry.name}”的实际大小与声明不符`, "declared_size");
    total += size;
  }
  return total;
}
