// Money amounts and document numbers (文号) inside a text; each scan is one pass with bounded patterns.

const AMOUNT = /(\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?)(余|多)?(万|亿|千)?(余|多)?元/g;

/** A money amount as printed. */
export interface MoneyMention {
  /** The amount as printed without spaces, e.g. 66.57万元. */
  text: string;
  yuan: number;
  start: number;
  end: number;
}

/** Finds money amounts in a compact text (2730元, 1.4亿元, 8000余万元). */
export function findMoney(compact: string): MoneyMention[] {
  const result: MoneyMention[] = [];
  AMOUNT.lastIndex = 0;
  for (let match = AMOUNT.exec(compact); match !== null; match = AMOUNT.exec(compact)) {
    // A digit glued before (part of a date or code) is not an amount start.
    if (match.index > 0 && /[\d.]/.test(compact[match.index - 1])) continue;
    const value = Number(match[1].replace(/,/g, ""));
    if (!Number.isFinite(value)) continue;
    const unit = match[3];
    const factor = unit === "亿" ? 100_000_000 : unit === "万" ? 10_000 : unit === "千" ? 1000 : 1;
    result.push({ text: match[0], yuan: Math.round(value * factor * 100) / 100, start: match.index, end: match.index + match[0].length });
  }
  return result;
}

const DOC_NUMBER = /([〔［[【(（])\s*((?:19|20)\d{2})\s*([〕］\]】)）])\s*(\d{1,4})\s*号/g;
const DOC_REF_MORE = /^[、,，和及]\s*(?:第)?(\d{1,4})\s*号/;
const PREFIX_STOP = /[的了和及与在以为即按照根据通过执行见是等将对向从由于]/;
const CJK = /[\u4e00-\u9fff]/;

function readPrefix(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 8 && CJK.test(text[start - 1]) && !PREFIX_STOP.test(text[start - 1])) start--;
  return text.slice(start, end).replace(/^(?:印发|下发|转发|制发|出台|发布|文件|通知|文)(?=[\u4e00-\u9fff]{2,})/, "");
}

/** Finds document numbers (平龙教体〔2022〕31号; a list 〔2022〕12号、49号 expands to one number each). */
export function findDocRefs(compact: string): string[] {
  const refs: string[] = [];
  if (!compact.includes("号")) return refs;
  DOC_NUMBER.lastIndex = 0;
  for (let match = DOC_NUMBER.exec(compact); match !== null; match = DOC_NUMBER.exec(compact)) {
    let prefixEnd = match.index;
    while (prefixEnd > 0 && /\s/.test(compact[prefixEnd - 1])) prefixEnd--;
    const prefix = readPrefix(compact, prefixEnd);
    if (prefix.length === 0) continue;
    const head = `${prefix}${match[1]}${match[2]}${match[3]}`;
    refs.push(`${head}${match[4]}号`);
    let position = match.index + match[0].length;
    for (let count = 0; count < 50; count++) {
      const more = DOC_REF_MORE.exec(compact.slice(position, position + 12));
      if (!more) break;
      refs.push(`${head}${more[1]}号`);
      position += more[0].length;
    }
    DOC_NUMBER.lastIndex = position;
  }
  return refs;
}

/** Removes repeated strings, keeping the first occurrence of each. */
export function uniqueStrings(values: string[]): string[] {
  return [...new Set(values)];
}
