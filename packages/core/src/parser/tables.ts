// Tables flattened to text (a ledger pasted from Word or Excel, a PDF table, a Markdown table) become
// labelled blocks, so the structure step reads each row like any other problem: headline, then labels.
// One pass over the lines; each line is split once.

/** What a table column holds, from its header cell. */
type ColumnKind = "number" | "problem" | "label" | "other";

interface Column {
  kind: ColumnKind;
  /** The block label a cell of this column is printed under (整改措施, 责任单位, 整改结果…). */
  label: string;
}

// Header cells naming a column, matched on the whole cell (spaces removed).
const NUMBER_HEADER = /^(?:序号|编号|序|No\.?)$/i;
const PROBLEM_HEADER = /^(?:(?:巡察|巡视|审计)?(?:反馈|存在|具体|发现|指出)?(?:的)?问题(?:清单|描述|表现|内容|名称|事项)?|反馈意见|问题及表现|整改问题|整改事项|问题具体表现)$/;
const STATUS_HEADER = /^(?:整改(?:情况|结果|状态|进展|进度|完成情况|落实情况|进展情况)|完成情况|进展情况|办理结果|目前进展|是否完成|当前状态)$/;
const LABEL_HEADER =
  /^(?:整改(?:措施|举措|目标|时限|期限|责任人|计划)|具体措施|主要措施|责任(?:领导|单位|部门|人|科室|股室)|牵头(?:领导|单位|部门)|配合单位|完成(?:时限|时间)|时限)$/;

function readColumn(cell: string): Column | null {
  const text = cell.replace(/\s+/g, "");
  if (NUMBER_HEADER.test(text)) return { kind: "number", label: text };
  if (PROBLEM_HEADER.test(text)) return { kind: "problem", label: text };
  // Status columns print under 整改结果： so a status word there is read as the row's status.
  if (STATUS_HEADER.test(text)) return { kind: "label", label: "整改结果" };
  if (LABEL_HEADER.test(text)) return { kind: "label", label: text };
  return text.length > 0 && text.length <= 8 ? { kind: "other", label: text } : null;
}

type Separator = "tab" | "spaces" | "pipe";

function splitCells(line: string, separator: Separator): string[] {
  switch (separator) {
    case "tab":
      return line.split("\t").map((cell) => cell.trim());
    case "spaces":
      return line.trim().split(/ {2,}|\u3000+/).map((cell) => cell.trim());
    case "pipe":
      return line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());
  }
}

function separatorOf(line: string): Separator | null {
  if (line.includes("\t")) return "tab";
  if (/^\s*\|.*\|\s*$/.test(line)) return "pipe";
  if (/\S(?: {2,}|\u3000+)\S/.test(line)) return "spaces";
  return null;
}

/** Reads a header row: at least three columns, one of them the problem, and at least one other known column. */
function readHeader(line: string): { separator: Separator; columns: Column[] } | null {
  if (line.length > 200) return null;
  const separator = separatorOf(line);
  if (!separator) return null;
  const cells = splitCells(line, separator);
  if (cells.length < 3 || cells.length > 12) return null;
  const columns: Column[] = [];
  for (const cell of cells) {
    const column = readColumn(cell);
    if (!column) return null;
    columns.push(column);
  }
  const problems = columns.filter((column) => column.kind === "problem").length;
  const labels = columns.filter((column) => column.kind === "label").length;
  return problems === 1 && labels >= 1 ? { separator, columns } : null;
}

function isAlignmentRow(cells: string[]): boolean {
  return cells.every((cell) => /^:?-{2,}:?$/.test(cell) || cell === "");
}

/** Turns one table row into a headline line and labelled lines; null when the row does not fit the header. */
function expandRow(cells: string[], columns: Column[], rowIndex: number): string[] | null {
  if (cells.length !== columns.length) return null;
  let number: string | null = null;
  let problem: string | null = null;
  const labelled: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const cell = cells[i];
    switch (columns[i].kind) {
      case "number":
        number = cell.replace(/[.．、]$/, "");
        break;
      case "problem":
        problem = cell;
        break;
      case "label":
        if (cell) labelled.push(`${columns[i].label}：${cell}`);
        break;
      case "other":
        if (cell) labelled.push(`${columns[i].label}：${cell}`);
        break;
    }
  }
  if (!problem) return null;
  if (number !== null && !/^\d{1,3}$/.test(number)) return null;
  return [`${number ?? rowIndex + 1}.${problem}`, ...labelled];
}

/** The next non-blank line at or after `from`, or -1. */
function nextFilled(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i].trim() !== "") return i;
  return -1;
}

function readRowNumber(line: string): number | null {
  const match = /^\s*(\d{1,3})\s*[.．、]?\s*$/.exec(line);
  return match ? Number(match[1]) : null;
}

/**
 * A table whose cells come one per line (Word tables extracted as text): a run of header cells starting
 * with 序号, then rows that each start with their number. Returns the expanded lines and the index after the table.
 */
function expandVerticalTable(lines: string[], start: number): { lines: string[]; next: number } | null {
  const columns: Column[] = [];
  let at = start;
  while (at >= 0 && columns.length < 12) {
    const column = readColumn(lines[at].trim());
    if (!column || column.kind === "other" || (columns.length > 0 && column.kind === "number")) break;
    columns.push(column);
    at = nextFilled(lines, at + 1);
  }
  const problemIndex = columns.findIndex((column) => column.kind === "problem");
  if (columns.length < 3 || columns[0].kind !== "number" || problemIndex < 0 || at < 0 || readRowNumber(lines[at]) !== 1) return null;
  const result: string[] = [];
  let row = 1;
  while (at >= 0 && readRowNumber(lines[at]) === row) {
    // The row runs to the line holding the next row's number, or to its last column when it is the last row.
    const cells: string[] = [];
    let cursor = nextFilled(lines, at + 1);
    while (cursor >= 0 && cells.length < columns.length * 3 && readRowNumber(lines[cursor]) !== row + 1) {
      cells.push(lines[cursor].trim());
      cursor = nextFilled(lines, cursor + 1);
      if (cells.length === columns.length - 1 && (cursor < 0 || readRowNumber(lines[cursor]) !== row + 1) && !isContinuation(lines, cursor, row + 1, columns.length)) break;
    }
    if (cells.length < columns.length - 1) break;
    // A cell split over several lines: extra lines belong to the column after the problem (usually the measures).
    const extra = cells.length - (columns.length - 1);
    const joinAt = Math.min(problemIndex, columns.length - 2);
    const merged = extra > 0 ? [...cells.slice(0, joinAt), cells.slice(joinAt, joinAt + extra + 1).join(""), ...cells.slice(joinAt + extra + 1)] : cells;
    const expanded = expandRow([String(row), ...merged], columns, row - 1);
    if (!expanded) break;
    result.push(...expanded);
    row++;
    at = cursor;
  }
  if (row === 1) return null;
  return { lines: result, next: at < 0 ? lines.length : at };
}

/** Whether the row continues past its last expected cell: the next row number turns up within a few more lines. */
function isContinuation(lines: string[], from: number, nextRow: number, width: number): boolean {
  let cursor = from;
  for (let k = 0; k < width && cursor >= 0; k++) {
    if (readRowNumber(lines[cursor]) === nextRow) return true;
    cursor = nextFilled(lines, cursor + 1);
  }
  return false;
}

/**
 * A row of a table laid out sideways (one field per row, one column per group): 通信地址 | 一组的地址 | 二组的地址 |.
 * Each value is printed under the row's label, so 通信地址：… is read once per group.
 */
function expandLabelRow(line: string): string[] | null {
  if (line.length > 2000 || (line.match(/\|/g)?.length ?? 0) < 2) return null;
  const cells = line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());
  if (cells.length < 3) return null;
  const label = cells[0].replace(/\s+/g, "");
  const values = cells.slice(1).filter((cell) => cell !== "");
  if (!/^[\u4e00-\u9fff]{2,8}$/.test(label) || values.length < 2 || values.some((cell) => cell.replace(/\s+/g, "").length < 5)) return null;
  return values.map((value) => `${label}：${value}。`);
}

/** Rewrites tables found among the lines (tab-, space- or pipe-separated with a header row, or one cell per line) as labelled blocks; other lines pass through unchanged. */
export function expandTables(lines: string[]): string[] {
  const result: string[] = [];
  let table: { separator: Separator; columns: Column[]; rows: number } | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (!table && line.length <= 8 && NUMBER_HEADER.test(line.trim())) {
      const vertical = expandVerticalTable(lines, index);
      if (vertical) {
        result.push(...vertical.lines);
        index = vertical.next - 1;
        continue;
      }
    }
    if (table) {
      if (line.trim() === "") {
        result.push(line);
        continue;
      }
      const cells = separatorOf(line) === table.separator ? splitCells(line, table.separator) : null;
      if (cells && isAlignmentRow(cells)) continue;
      // A row that is one wide cell (一、党的建设方面) groups the rows after it: keep it as a line, stay in the table.
      if (!cells && line.trim().length <= 60 && !/[。；;]$/.test(line.trim())) {
        result.push(line.trim());
        continue;
      }
      const expanded = cells ? expandRow(cells, table.columns, table.rows) : null;
      if (expanded) {
        table.rows++;
        result.push(...expanded);
        continue;
      }
      table = null;
    }
    if (line.length <= 200 && (line.includes("\t") || line.includes("  ") || line.includes("|") || line.includes("\u3000"))) {
      const header = readHeader(line);
      if (header) {
        table = { ...header, rows: 0 };
        continue;
      }
      const labelRow = line.includes("|") ? expandLabelRow(line) : null;
      if (labelRow) {
        result.push(...labelRow);
        continue;
      }
    }
    result.push(line);
  }
  return result;
}
