// HTML → plain text for notices published as web pages and for Word files converted by mammoth.
// htmlparser2 builds the tree (forgiving of broken markup); one iterative walk writes one line per block,
// headings as Markdown #, ordered-list items numbered, bold as **, and data tables as tab-separated rows
// so the parser reads their columns. Navigation, scripts and page chrome are dropped.
import { parseDocument } from "htmlparser2";
import { isTag, isText, type AnyNode, type Element } from "domhandler";

const SKIPPED_ELEMENTS = new Set([
  "head", "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe", "select", "button", "object", "canvas", "menu",
]);
const BLOCK_ELEMENTS = new Set([
  "p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "center", "address", "h1", "h2", "h3", "h4", "h5", "h6",
]);
// Page chrome recognised by class or id (breadcrumbs, share bars, related-article lists, site footers).
const CHROME_NAME = /\b(?:nav|navbar|menu|breadcrumb|crumb|footer|header|sidebar|side-bar|share|related|copyright|toolbar|topbar|banner|login|search|pager|pagination|position|location|weizhi|dqwz|bottom|foot)[\w-]*\b/i;
const MAX_TABLE_CELLS = 20_000;

function isChrome(element: Element): boolean {
  if (element.name === "body" || element.name === "html") return false;
  const names = `${element.attribs.class ?? ""} ${element.attribs.id ?? ""}`;
  return names.trim() !== "" && CHROME_NAME.test(names);
}

function isSkipped(element: Element): boolean {
  return SKIPPED_ELEMENTS.has(element.name) || isChrome(element);
}

/** Collects the text of a node on one line: blocks inside it are separated by a space. */
function inlineText(root: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (isText(node)) parts.push(node.data);
    else if (isTag(node)) {
      if (isSkipped(node)) continue;
      if (node.name === "br" || BLOCK_ELEMENTS.has(node.name)) parts.push(" ");
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** The rows of a table (not of tables nested in it), each a list of cell elements, in document order. */
function rowsOf(table: Element): Element[][] {
  const rows: Element[][] = [];
  const addRow = (tr: Element) => rows.push(tr.children.filter((cell): cell is Element => isTag(cell) && (cell.name === "td" || cell.name === "th")));
  for (const child of table.children) {
    if (!isTag(child)) continue;
    if (child.name === "tr") addRow(child);
    else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
      for (const row of child.children) if (isTag(row) && row.name === "tr") addRow(row);
    }
  }
  return rows;
}

function hasDescendant(root: Element, predicate: (element: Element) => boolean): boolean {
  const stack: AnyNode[] = [...root.children];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isTag(node)) continue;
    if (predicate(node)) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

/** A data table holds rows of short records; a layout table (a page laid out in cells) holds the page's blocks. */
function isDataTable(table: Element, rows: Element[][]): boolean {
  if (rows.length < 2 || rows.every((row) => row.length < 2)) return false;
  return !hasDescendant(table, (element) => element.name === "table" || /^h[1-6]$/.test(element.name));
}

function spanOf(cell: Element, name: "rowspan" | "colspan"): number {
  const value = Number.parseInt(cell.attribs[name] ?? "1", 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 50) : 1;
}

/** Writes a data table as lines of tab-separated cells; a cell spanning rows repeats in each, a row that is one wide cell is a line of its own. */
function renderTable(rows: Element[][]): string[] {
  const width = rows.reduce((max, row) => Math.max(max, row.reduce((sum, cell) => sum + spanOf(cell, "colspan"), 0)), 0);
  const carried: ({ text: string; left: number } | undefined)[] = [];
  const lines: string[] = [];
  let cellCount = 0;
  for (const row of rows) {
    const texts: string[] = [];
    let column = 0;
    let cellIndex = 0;
    while (column < width && cellCount < MAX_TABLE_CELLS) {
      const pending = carried[column];
      if (pending && pending.left > 0) {
        texts.push(pending.text);
        pending.left--;
        column++;
        continue;
      }
      const cell = row[cellIndex++];
      if (!cell) break;
      cellCount++;
      const text = inlineText(cell);
      const colspan = spanOf(cell, "colspan");
      const rowspan = spanOf(cell, "rowspan");
      for (let k = 0; k < colspan && column < width; k++, column++) {
        texts.push(k === 0 ? text : "");
        carried[column] = rowspan > 1 ? { text, left: rowspan - 1 } : undefined;
      }
    }
    const filled = texts.filter((text) => text !== "");
    if (filled.length === 0) continue;
    lines.push(filled.length === 1 && row.length === 1 ? filled[0] : texts.join("\t"));
  }
  return lines;
}

/** Converts HTML to text: one line per block, headings as Markdown #, ordered-list items numbered, bold as **, data tables as tab-separated rows, page chrome removed. */
export function convertHtmlToText(html: string): string {
  const document = parseDocument(html);
  const out: string[] = [];
  const listCounters: (number | null)[] = [];
  // Iterative walk: an "exit" marker closes an element after its children.
  type Step = { node: AnyNode; isExit: boolean };
  const stack: Step[] = [];
  for (let i = document.children.length - 1; i >= 0; i--) stack.push({ node: document.children[i], isExit: false });
  while (stack.length > 0) {
    const { node, isExit } = stack.pop() as Step;
    if (isText(node)) {
      out.push(node.data.replace(/\s+/g, " "));
      continue;
    }
    if (!isTag(node)) continue;
    const name = node.name;
    if (isExit) {
      if (name === "ol" || name === "ul") listCounters.pop();
      if (name === "strong" || name === "b") out.push("**");
      if (BLOCK_ELEMENTS.has(name)) out.push("\n");
      continue;
    }
    if (isSkipped(node)) continue;
    if (name === "br" || name === "hr") {
      out.push("\n");
      continue;
    }
    if (name === "table") {
      const rows = rowsOf(node);
      if (isDataTable(node, rows)) {
        out.push("\n", renderTable(rows).join("\n"), "\n");
        continue;
      }
    }
    if (BLOCK_ELEMENTS.has(name)) out.push("\n");
    if (name === "ol") listCounters.push(0);
    else if (name === "ul") listCounters.push(null);
    else if (name === "li") {
      const counter = listCounters[listCounters.length - 1];
      if (typeof counter === "number") {
        listCounters[listCounters.length - 1] = counter + 1;
        out.push(`${counter + 1}. `);
      }
    } else if (/^h[1-6]$/.test(name)) out.push(`${"#".repeat(Number(name[1]))} `);
    else if (name === "strong" || name === "b") out.push("**");
    stack.push({ node, isExit: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], isExit: false });
  }
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/ +/g, " ").replace(/ *\t */g, "\t").replace(/\*\*\s*\*\*/g, "").replace(/^ +| +$/g, ""))
    .filter((line) => line.trim() !== "" && line !== "**")
    .join("\n");
}
