import type { MeasureKind, SnapshotFinding, SnapshotMeasure, Status } from "@zhenggai/core";
import { parseStatusText, rollupFindingStatus } from "@zhenggai/core";
import type ExcelJS from "exceljs";
import { AppError } from "../../errors.ts";
import type { LedgerField } from "@zhenggai/core";
import { loadExcelJS } from "./load-exceljs.ts";
import { LEDGER_SHEET_NAME } from "./ledger-writer.ts";

export type { LedgerField };

/** How a 完成时限 cell was read. */
export type DueKind = "date" | "long_term" | "immediate" | "none" | "unreadable";

/** One detected column: its header as written and the field it maps to (null when unknown). */
export interface LedgerColumnMapping {
  /** 1-based column index. */
  column: number;
  header: string;
  field: LedgerField | null;
}

/** One data row of a ledger sheet, merged cells resolved to their top-left value. */
export interface LedgerSheetRow {
  rowNumber: number;
  number: string | null;
  category: string | null;
  finding: string | null;
  measure: string | null;
  leader: string | null;
  department: string | null;
  owner: string | null;
  dueDate: string | null;
  dueKind: DueKind;
  dueText: string | null;
  progress: string | null;
  status: Status | null;
  statusText: string | null;
  evidence: string | null;
  evidenceCount: number;
  note: string | null;
}

/** What reading a ledger workbook found: the column mapping for a preview, the rows, and warnings in Chinese. */
export interface LedgerWorkbook {
  sheetName: string;
  headerRow: number;
  columns: LedgerColumnMapping[];
  rows: LedgerSheetRow[];
  warnings: string[];
}

// Header words per field, as ledgers in use write them. Exact matches win; otherwise the longest
// synonym contained in the header does (so 问题类别 is a category, not a finding).
const HEADER_SYNONYMS: Record<LedgerField, readonly string[]> = {
  number: ["序号", "编号", "问题序号", "问题编号", "序"],
  category: ["问题类别", "类别", "问题类型", "问题分类", "方面", "所属方面", "板块", "问题方面"],
  finding: ["反馈问题", "问题", "问题描述", "存在问题", "问题内容", "巡察反馈问题", "具体问题", "问题清单", "反馈意见"],
  measure: ["整改措施", "措施", "整改任务", "任务清单", "整改举措", "具体措施", "整改目标及措施"],
  leader: ["责任领导", "牵头领导", "分管领导", "责任领导签字", "包保领导"],
  department: ["责任部门", "牵头单位", "责任单位", "责任科室", "牵头部门", "责任股室", "牵头科室"],
  owner: ["责任人", "具体责任人", "经办人", "承办人", "联系人"],
  dueDate: ["完成时限", "整改时限", "完成时间", "整改期限", "时限", "完成期限", "时间节点", "计划完成时间"],
  progress: ["整改进展", "进展情况", "整改情况", "完成情况", "推进情况", "整改进度", "整改落实情况"],
  status: ["整改状态", "状态", "完成状态", "整改结果", "是否完成", "销号情况"],
  evidence: ["佐证材料", "佐证", "证明材料", "附件", "整改佐证"],
  note: ["备注", "说明"],
};

const FIELDS = Object.keys(HEADER_SYNONYMS) as LedgerField[];

// Columns our own export adds for 申请延期; 完成时限 is the date in force, so these are not read back.
const INFORMATIONAL_HEADERS = new Set(["原定时限", "调整后时限"]);

function normaliseHeader(text: string): string {
  return text.replace(/\s+/g, "").replace(/[（(][^）)]*[）)]/g, "").replace(/[*＊:：]/g, "");
}

/** Maps one header text to a ledger field, or null when no synonym fits. */
export function detectLedgerField(header: string): LedgerField | null {
  const text = normaliseHeader(header);
  if (text === "" || INFORMATIONAL_HEADERS.has(text)) return null;
  for (const field of FIELDS) {
    if (HEADER_SYNONYMS[field].includes(text)) return field;
  }
  let best: { field: LedgerField; length: number } | null = null;
  for (const field of FIELDS) {
    for (const synonym of HEADER_SYNONYMS[field]) {
      if (synonym.length >= 2 && text.includes(synonym) && (!best || synonym.length > best.length)) {
        best = { field, length: synonym.length };
      }
    }
  }
  return best?.field ?? null;
}

/** Maps a header row to fields; the first column claiming a field keeps it, later ones are reported. */
export function detectLedgerColumns(headers: readonly string[]): { columns: LedgerColumnMapping[]; warnings: string[] } {
  const taken = new Set<LedgerField>();
  const warnings: string[] = [];
  const columns = headers.map((header, index) => {
    let field = detectLedgerField(header);
    if (field && taken.has(field)) {
      warnings.push(`第${index + 1}列“${header}”与前面的列重复对应同一字段，已忽略`);
      field = null;
    }
    if (field) taken.add(field);
    return { column: index + 1, header, field };
  });
  return { columns, warnings };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return formatIsoDate(value);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return "";
}

function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isValidDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function lastDayOfMonth(year: number, month: number): string {
  return formatIsoDate(new Date(Date.UTC(year, month, 0)));
}

const LONG_TERM_WORDS = /长期坚持|长期|持续推进|常态化|持续整改/;
const IMMEDIATE_WORDS = /立行立改|立即整改|即知即改/;

/** Reads a 完成时限 cell value (an Excel date, a serial number or text such as 2024年12月31日 / 2024.12.31 / 长期坚持). */
export function parseDueText(value: ExcelJS.CellValue | string): { dueDate: string | null; dueKind: DueKind } {
  if (value instanceof Date) return { dueDate: formatIsoDate(value), dueKind: "date" };
  if (typeof value === "number") {
    // Excel serial day numbers (1900 system) of 1954–2119: a date cell without a date format.
    if (value > 20_000 && value < 80_000) {
      return { dueDate: formatIsoDate(new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000)), dueKind: "date" };
    }
    return { dueDate: null, dueKind: "unreadable" };
  }
  const text = cellText(value as ExcelJS.CellValue).replace(/\s+/g, "");
  if (text === "") return { dueDate: null, dueKind: "none" };
  const isLongTerm = LONG_TERM_WORDS.test(text);
  const full = /(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})/.exec(text);
  if (full && isValidDate(Number(full[1]), Number(full[2]), Number(full[3]))) {
    const date = `${full[1]}-${full[2].padStart(2, "0")}-${full[3].padStart(2, "0")}`;
    return { dueDate: date, dueKind: isLongTerm ? "long_term" : "date" };
  }
  const month = /(\d{4})[年.\-/](\d{1,2})月?/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return { dueDate: lastDayOfMonth(Number(month[1]), Number(month[2])), dueKind: isLongTerm ? "long_term" : "date" };
  }
  const yearEnd = /(\d{4})年(?:底|末|年底)/.exec(text);
  if (yearEnd) return { dueDate: `${yearEnd[1]}-12-31`, dueKind: isLongTerm ? "long_term" : "date" };
  if (isLongTerm) return { dueDate: null, dueKind: "long_term" };
  if (IMMEDIATE_WORDS.test(text)) return { dueDate: null, dueKind: "immediate" };
  return { dueDate: null, dueKind: "unreadable" };
}

function countEvidence(text: string): number {
  const counted = /(\d+)\s*[份件个项张]/.exec(text);
  if (counted) return Number(counted[1]);
  const items = text.split(/[\n、；;,，]+/).filter((item) => item.trim() !== "" && !/^(无|—|-|\/)$/.test(item.trim()));
  return items.length;
}

function readCell(row: ExcelJS.Row, column: number): ExcelJS.CellValue {
  const cell = row.getCell(column);
  // A merged cell's value is the value of the merge's top-left (master) cell.
  return cell.isMerged ? cell.master.value : cell.value;
}

function scoreHeaderRow(texts: readonly string[]): number {
  return new Set(texts.map(detectLedgerField).filter((field) => field !== null)).size;
}

function rowTexts(row: ExcelJS.Row, width: number): string[] {
  return Array.from({ length: width }, (_, index) => cellText(readCell(row, index + 1)).trim());
}

function findHeaderRow(sheet: ExcelJS.Worksheet): number | null {
  const width = Math.max(sheet.columnCount, 1);
  for (let rowNumber = 1; rowNumber <= Math.min(sheet.rowCount, 15); rowNumber += 1) {
    const texts = rowTexts(sheet.getRow(rowNumber), width);
    const fields = new Set(texts.map(detectLedgerField));
    if (scoreHeaderRow(texts) >= 3 && (fields.has("finding") || fields.has("measure"))) return rowNumber;
  }
  return null;
}

/**
 * Reads an Excel ledger: finds the sheet and its header row, maps headers to fields (with synonyms),
 * and returns one row per data row with merged cells, dates and status words resolved.
 */
export async function readLedgerWorkbook(bytes: Uint8Array): Promise<LedgerWorkbook> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("UNSUPPORTED_FILE", "无法读取 Excel 文件：请上传 .xlsx 格式的整改台账（旧版 .xls 请先另存为 .xlsx）");
  }
  const sheets = [
    ...workbook.worksheets.filter((sheet) => sheet.name === LEDGER_SHEET_NAME),
    ...workbook.worksheets.filter((sheet) => sheet.name !== LEDGER_SHEET_NAME),
  ];
  for (const sheet of sheets) {
    const headerRow = findHeaderRow(sheet);
    if (headerRow === null) continue;
    return readSheet(sheet, headerRow);
  }
  throw new AppError("VALIDATION_FAILED", "未在工作簿中找到整改台账表头：表头应包含“反馈问题”“整改措施”“责任部门”等列");
}

function readSheet(sheet: ExcelJS.Worksheet, headerRow: number): LedgerWorkbook {
  const width = Math.max(sheet.columnCount, 1);
  const headers = rowTexts(sheet.getRow(headerRow), width);
  while (headers.length > 0 && headers.at(-1) === "") headers.pop();
  const { columns, warnings } = detectLedgerColumns(headers);
  const columnOf = new Map<LedgerField, number>();
  for (const mapping of columns) if (mapping.field) columnOf.set(mapping.field, mapping.column);
  for (const required of ["finding", "measure"] as const) {
    if (!columnOf.has(required)) warnings.push(`未识别到“${required === "finding" ? "反馈问题" : "整改措施"}”列`);
  }
  const rows: LedgerSheetRow[] = [];
  for (let rowNumber = headerRow + 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const raw = (field: LedgerField): ExcelJS.CellValue => {
      const column = columnOf.get(field);
      return column === undefined ? null : readCell(row, column);
    };
    const text = (field: LedgerField): string | null => {
      const value = cellText(raw(field)).trim();
      return value === "" ? null : value;
    };
    const texts = headers.map((_, index) => cellText(readCell(row, index + 1)).trim());
    if (texts.every((value) => value === "")) continue;
    // A header repeated inside the data (printed sheets pasted together) is not a row.
    if (texts.every((value, index) => value === headers[index])) continue;
    const dueValue = raw("dueDate");
    const due = parseDueText(dueValue);
    const dueText = text("dueDate");
    if (due.dueKind === "unreadable") warnings.push(`第${rowNumber}行完成时限“${dueText ?? ""}”无法识别为日期`);
    const statusText = text("status");
    const status = parseStatusText(statusText);
    if (statusText !== null && status === null) warnings.push(`第${rowNumber}行整改状态“${statusText}”无法识别`);
    const evidence = text("evidence");
    rows.push({
      rowNumber,
      number: text("number"),
      category: text("category"),
      finding: text("finding"),
      measure: text("measure"),
      leader: text("leader"),
      department: text("department"),
      owner: text("owner"),
      dueDate: due.dueDate,
      dueKind: due.dueKind,
      dueText,
      progress: text("progress"),
      status,
      statusText,
      evidence,
      evidenceCount: evidence === null ? 0 : countEvidence(evidence),
      note: text("note"),
    });
  }
  return { sheetName: sheet.name, headerRow, columns, rows, warnings };
}

const SUB_POINT_START = /(?=[一二三四五六七八九十]+是)/;

function splitFindingText(text: string): { title: string; subPoints: string[] } {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  if (lines.length > 1) return { title: lines[0], subPoints: lines.slice(1) };
  const single = lines[0] ?? "";
  const at = single.search(/一是/);
  if (at > 0) {
    const strip = (part: string): string => part.replace(/[。；;，,\s]+$/, "");
    return {
      title: strip(single.slice(0, at)),
      subPoints: single.slice(at).split(SUB_POINT_START).map(strip).filter((part) => part !== ""),
    };
  }
  return { title: single, subPoints: [] };
}

function kindOfDue(dueKind: DueKind): MeasureKind {
  switch (dueKind) {
    case "long_term":
      return "long_term";
    case "immediate":
      return "immediate";
    case "date":
    case "none":
    case "unreadable":
      return "deadline";
  }
}

/**
 * Groups sheet rows into findings with their measures: a row whose 序号 or 反馈问题 differs from the
 * previous one starts a finding; rows with both blank continue it (sheets without merged cells).
 */
export function ledgerRowsToSnapshotFindings(rows: readonly LedgerSheetRow[]): SnapshotFinding[] {
  const findings: SnapshotFinding[] = [];
  let current: { finding: SnapshotFinding; key: string } | null = null;
  for (const row of rows) {
    const key = `${row.number ?? ""}\u0000${row.finding ?? ""}`;
    const isContinuation = row.number === null && row.finding === null;
    if (current === null || (!isContinuation && key !== current.key)) {
      const seq = findings.length + 1;
      const { title, subPoints } = splitFindingText(row.finding ?? "（未填写问题）");
      const finding: SnapshotFinding = {
        id: `f-${seq}`,
        seq,
        number: row.number ?? String(seq),
        category: row.category,
        title,
        subPoints,
        source: "feedback",
        status: "not_started",
        leadLeader: null,
        leadDepartment: null,
        dueDate: null,
        progressText: null,
        planText: null,
        measures: [],
      };
      findings.push(finding);
      current = { finding, key };
    }
    const measureRow = row.measure !== null || row.leader !== null || row.department !== null || row.status !== null;
    if (!measureRow) continue;
    const { finding } = current;
    const measure: SnapshotMeasure = {
      id: `${finding.id}-m-${finding.measures.length + 1}`,
      seq: finding.measures.length + 1,
      text: row.measure ?? "",
      kind: kindOfDue(row.dueKind),
      leader: row.leader,
      department: row.department,
      owner: row.owner,
      dueDate: row.dueDate,
      status: row.status ?? "not_started",
      progress: row.progress,
      evidenceCount: row.evidenceCount,
      note: row.note,
    };
    finding.measures.push(measure);
  }
  for (const finding of findings) {
    finding.status = rollupFindingStatus(finding.measures.map((measure) => measure.status));
    finding.leadLeader = finding.measures.find((measure) => measure.leader)?.leader ?? null;
    finding.leadDepartment = finding.measures.find((measure) => measure.department)?.department ?? null;
    finding.dueDate =
      finding.measures
        .map((measure) => measure.dueDate)
        .filter((date): date is string => date !== null)
        .sort()
        .at(-1) ?? null;
  }
  return findings;
}
