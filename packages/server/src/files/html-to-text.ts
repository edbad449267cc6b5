// HTML → plain text for notices published as web pages and for Word files converted by mammoth.
// A single pass over the tags with a small element stack; navigation, scripts and page chrome are dropped.

const SKIPPED_ELEMENTS = new Set([
  "head", "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe", "select", "button", "object", "canvas", "menu",
]);
const VOID_ELEMENTS = new Set(["br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"]);
const BLOCK_ELEMENTS = new Set([
  "p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tbody", "thead", "tr", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "center", "address", "h1", "h2", "h3", "h4", "h5", "h6",
]);
// Page chrome recognised by class or id (breadcrumbs, share bars, related-article lists, site footers).
const CHROME_ATTRIBUTE = /\b(?:class|id)\s*=\s*["'][^"']*\b(?:nav|navbar|menu|breadcrumb|crumb|footer|header|sidebar|side-bar|share|related|copyright|toolbar|topbar|banner|login|search|pager|pagination|position|location|weizhi|dqwz|bottom|foot)[\w-]*\b[^"']*["']/i;

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", mdash: "—", ndash: "–", hellip: "…", middot: "·", ensp: " ", emsp: " ", thinsp: " ", times: "×", copy: "©", reg: "®", bull: "•", laquo: "«", raquo: "»",
};

/** Decodes HTML character references (&amp;, &#x4e00;, &nbsp; …). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Converts HTML to text: one line per block, headings as Markdown #, ordered-list items numbered, bold as **, page chrome removed. */
export function convertHtmlToText(html: string): string {
  const out: string[] = [];
  const stack: string[] = [];
  const listCounters: (number | null)[] = [];
  let skipName: string | null = null;
  let skipDepth = 0;
  let position = 0;
  const newline = () => out.push("\n");
  while (position < html.length) {
    const lt = html.indexOf("<", position);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > position && skipName === null) out.push(decodeEntities(html.slice(position, textEnd).replace(/\s+/g, " ")));
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      position = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf(">", lt + 1);
    if (gt < 0) break;
    const tag = html.slice(lt + 1, gt);
    position = gt + 1;
    const match = /^(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(tag);
    if (!match) continue;
    const isClose = match[1] === "/";
    const name = match[2].toLowerCase();
    const isSelfClosing = VOID_ELEMENTS.has(name) || tag.endsWith("/");
    if (skipName !== null) {
      if (name === skipName && !isSelfClosing) skipDepth += isClose ? -1 : 1;
      if (skipDepth === 0) skipName = null;
      continue;
    }
    if (!isClose && !isSelfClosing && (SKIPPED_ELEMENTS.has(name) || (name !== "body" && name !== "html" && CHROME_ATTRIBUTE.test(tag)))) {
      skipName = name;
      skipDepth = 1;
      continue;
    }
    if (name === "br") {
      newline();
      continue;
    }
    if (isClose) {
      const index = stack.lastIndexOf(name);
      if (index >= 0) stack.length = index;
      if (name === "ol" || name === "ul") listCounters.pop();
      if (name === "strong" || name === "b") out.push("**");
      if (BLOCK_ELEMENTS.has(name)) newline();
      if (name === "td" || name === "th") out.push(" ");
      continue;
    }
    if (isSelfClosing) {
      if (name === "hr") newline();
      continue;
    }
    stack.push(name);
    if (BLOCK_ELEMENTS.has(name)) newline();
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
  }
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").replace(/\*\*\s*\*\*/g, "").trim())
    .filter((line) => line !== "" && line !== "**")
    .join("\n");
}
