// Normalisation: turns extracted text (PDF, Word, web page, Markdown) into clean lines.
// Everything here is a single left-to-right pass per line; no regex can backtrack beyond a line.
import { expandTables } from "./tables.ts";

/** One cleaned line with the layout cues that survived conversion. */
export interface SourceLine {
  /** The line's text: trimmed, markdown markers removed, spaces inside numbers kept. */
  text: string;
  /** Markdown heading level (1–6); 0 when the line was not a heading. */
  heading: number;
  /** The whole line was wrapped in ** … ** (a bold paragraph in Markdown). */
  isBold: boolean;
}

/** Result of normalising a whole document. */
export interface NormalizedText {
  lines: SourceLine[];
  /** A publication date found in web-page metadata (发布时间：…), as written; null when none. */
  metadataDate: string | null;
  /** The publisher named in web-page metadata (来源：…), as written; null when none. */
  metadataSource: string | null;
}

// CJK Radicals Supplement → unified ideograph (Unicode EquivalentUnifiedIdeograph data, U+2E81–U+2EF3).
// Kangxi Radicals (U+2F00–U+2FD5) decompose under NFKC, so they need no table.
const RADICAL_TABLE =
  "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民" +
  "⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺫目⺬示⺭礻⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺶羊⺹耂⺺肀⺻聿⺼肉⺾艹⺿艹⻀艹⻁虎" +
  "⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠" +
  "⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟";

const RADICALS = new Map<string, string>();
for (let i = 0; i + 1 < RADICAL_TABLE.length; i += 2) RADICALS.set(RADICAL_TABLE[i], RADICAL_TABLE[i + 1]);

const SPECIAL_CHARS =
  /[\u2E80-\u2FDF\uF900-\uFAFF\uFF10-\uFF19\uFF20-\uFF3A\uFF41-\uFF5A\u3000\u00A0\u2002-\u200A\u202F\u205F\u200B-\u200D\u2060\uFEFF\u00AD\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceSpecialChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x2e80 && code <= 0x2eff) return RADICALS.get(ch) ?? ch;
  if (code >= 0x2f00 && code <= 0x2fdf) return ch.normalize("NFKC");
  if (code >= 0xf900 && code <= 0xfaff) return ch.normalize("NFKC");
  if (code >= 0xff10 && code <= 0xff5a) return String.fromCharCode(code - 0xfee0);
  if (code === 0x0b || code === 0x0c) return "\n";
  if (code === 0x3000 || code === 0xa0 || (code >= 0x2002 && code <= 0x200a) || code === 0x202f || code === 0x205f) return " ";
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return " ";
  return "";
}

/** Maps radicals and compatibility ideographs to normal characters, full-width letters, digits and ＠ to ASCII, and drops invisible or broken characters; punctuation is kept as written. */
export function normalizeCharacters(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(LONE_SURROGATES, "").replace(SPECIAL_CHARS, replaceSpecialChar);
}

// A CJK character or CJK punctuation: spaces between two of these are layout debris (justified PDF lines).
const CJK_SPACE = /(?<=[\u3001-\u303F\u3400-\u9FFF\uFF01-\uFF0F\uFF1A-\uFF20“”‘’…—]) +(?=[\u3001-\u303F\u3400-\u9FFF\uFF01-\uFF0F\uFF1A-\uFF20“”‘’…—])/g;

const PAGE_MARKER =
  /^(?:[-—–－~～_·•]\s*\d{1,4}\s*[-—–－~～_·•]|\d{1,3}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/i;
const RULE_LINE = /^(?:[-*_=]\s*){3,}$/;

// Web page navigation and metadata lines (only short lines are tested, so prose is never dropped).
const NAVIGATION_LINE =
  /^(?:首页|网站首页|主页|返回首页|当前位置|您的位置|您当前的位置|您现在的位置|所在位置|位置[:：]|来源[:：]|信息来源|文章来源|发布时间|发布日期|发文日期|成文日期|更新时间|时间[:：]|日期[:：]|浏览次数|浏览量|访问量|阅读次数|阅读量|点击数|点击量|作者[:：]|编辑[:：]|责任编辑|审核[:：]|字号|字体|[【\[](?:字体|字号|打印|关闭|大|收藏|返回|分享)|打印|关闭|分享到|分享|扫一扫|微信扫|上一篇|下一篇|相关链接|相关文章|相关阅读|附件下载|网站地图|联系我们|版权所有|copyright|主办单位|主办[:：]|承办单位|承办[:：]|技术支持|网站标识码|网站识别码|政府网站找错|ICP|备案号|无障碍|长者模式|繁體|English|登录|注册|搜索|索引号|主题分类|公开方式|公开范围|发布机构|信息索引)/i;
const NAVIGATION_INSIDE = /(?:首页\s*[>＞»›/]|[>＞»›]\s*正文|版权所有|备\d{6,}号|公网安备|ICP[备証证]|Copyright|©)/i;
const METADATA_DATE = /(?:发布时间|发布日期|发表时间|成文日期|发文日期|时间|日期)\s*[:：]\s*(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}(?:\s*日)?)/;
// A mirror's byline that opens with its timestamp: 2021-02-23 12:42:06来源:…
const TIMESTAMP_LINE = /^(\d{4}-\d{1,2}-\d{1,2})(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?=来源|作者|编辑|浏览|阅读|点击|$)/;
const METADATA_SOURCE = /(?:信息来源|文章来源|(?<![\u4e00-\u9fff])来源)\s*[:：]\s*([^\s|｜]{2,40})/;

function isNavigationLine(line: string): boolean {
  if (line.length > 80) return false;
  return NAVIGATION_LINE.test(line) || NAVIGATION_INSIDE.test(line);
}

const MARKDOWN_CHARS = /[#*_>\\|+•·-]/;

function cleanMarkdown(raw: string): SourceLine | null {
  if (!MARKDOWN_CHARS.test(raw)) return { text: raw, heading: 0, isBold: false };
  let text = raw;
  let heading = 0;
  const headingMatch = /^(#{1,6})(?:\s+|(?=\S))/.exec(text);
  if (headingMatch && !/^#{1,6}\d/.test(text)) {
    heading = headingMatch[1].length;
    text = text.slice(headingMatch[0].length);
    text = text.replace(/\s+#+\s*$/, "");
  }
  text = text.replace(/^(?:>\s?)+/, "");
  if (!/^[-*+]\s*\d{1,4}\s*[-*+]$/.test(text)) text = text.replace(/^[-*+•·]\s+/, "");
  text = text.replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, "$1");
  const trimmed = text.trim();
  const isBold = /^(?:\*\*|__)/.test(trimmed) && /(?:\*\*|__)$/.test(trimmed) && trimmed.length > 4;
  text = text.replace(/\*\*|__/g, "");
  if (/^\|.*\|$/.test(text.trim())) text = text.replace(/\s*\|\s*/g, " ");
  text = text.replace(/[ \t]+/g, " ").trim();
  if (text === "" || RULE_LINE.test(text)) return null;
  return { text, heading, isBold };
}

// Lines after which a web page has only its footer left (links, site owner, registration numbers).
const FOOTER_START = /^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|网站地图|版权所有|主办单位|主办[:：]|网站标识码|网站识别码|扫一扫在手机|用手机扫|打开手机扫|Copyright)/i;

const NUMBERED_START = /^(?:\d{1,4}\s*[.、．]|[（(][一二三四五六七八九十\d]{1,4}[)）]|[一二三四五六七八九十]{1,3}、)/;

/** Marks running headers and footers: a short line repeated next to page markers (the title or unit name printed on every page). */
function findRunningLines(trimmed: string[], isMarker: boolean[]): boolean[] {
  const isRunning = trimmed.map(() => false);
  const counts = new Map<string, number>();
  const keyOf = (line: string) => line.replace(/\s+/g, "");
  for (let i = 0; i < trimmed.length; i++) {
    // A running header is a title or unit name: never a labelled line (整改计划：…) or a numbered item,
    // which may legitimately repeat and happen to sit next to a page break.
    if (isMarker[i] || trimmed[i] === "" || trimmed[i].length > 60 || /[。；;：:]/.test(trimmed[i]) || NUMBERED_START.test(trimmed[i])) continue;
    const key = keyOf(trimmed[i]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let seen = 0;
  let previous = -1;
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] === "") continue;
    seen++;
    const before = previous;
    previous = i;
    if (isMarker[i] || seen <= 3 || (counts.get(keyOf(trimmed[i])) ?? 0) < 2) continue;
    let after = i + 1;
    while (after < trimmed.length && trimmed[after] === "") after++;
    // The first lines of the document are its title, even when a page marker precedes them.
    if ((before >= 0 && isMarker[before]) || (after < trimmed.length && isMarker[after])) isRunning[i] = true;
  }
  return isRunning;
}

/** Normalises a whole document into clean lines: characters, tables, page markers and running headers, markdown debris, web navigation, footer and metadata. */
export function normalizeNoticeText(rawText: string): NormalizedText {
  const text = normalizeCharacters(rawText);
  const lines: SourceLine[] = [];
  let metadataDate: string | null = null;
  let metadataSource: string | null = null;
  const rawLines = expandTables(text.split("\n"));
  const trimmedLines = rawLines.map((rawLine) => rawLine.replace(/[ \t]+/g, " ").trim());
  const isMarker = trimmedLines.map((line) => line !== "" && line.length <= 40 && PAGE_MARKER.test(line));
  const isRunning = findRunningLines(trimmedLines, isMarker);
  let isFooter = false;
  for (let i = 0; i < trimmedLines.length; i++) {
    const trimmed = trimmedLines[i];
    if (trimmed === "" || isMarker[i] || isRunning[i] || RULE_LINE.test(trimmed)) continue;
    const line = cleanMarkdown(trimmed);
    if (!line) continue;
    if (line.text.includes(" ")) line.text = line.text.replace(CJK_SPACE, "");
    if (line.text !== trimmed && PAGE_MARKER.test(line.text)) continue;
    // Once a page's footer starts, short lines are site furniture (address, phone and registration of the website itself).
    if (isFooter && line.text.length <= 80 && !/[。！？]/.test(line.text)) continue;
    isFooter = false;
    const timestamp = line.text.length <= 80 ? TIMESTAMP_LINE.exec(line.text) : null;
    if (timestamp || isNavigationLine(line.text)) {
      if (FOOTER_START.test(line.text)) isFooter = true;
      const date = timestamp ?? METADATA_DATE.exec(line.text);
      if (date && metadataDate === null) metadataDate = date[1];
      const source = isFooter ? null : METADATA_SOURCE.exec(line.text);
      if (source && metadataSource === null) metadataSource = source[1];
      continue;
    }
    lines.push(line);
  }
  return { lines, metadataDate, metadataSource };
}
