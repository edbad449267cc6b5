/** Formatting of dates and money the way Chinese official documents print them. */

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Prints YYYY-MM-DD / YYYY-MM / YYYY as 2025年8月4日 / 2025年8月 / 2025年; null and malformed input give "". */
export function formatChineseDate(date: string | null | undefined): string {
  if (!date) return "";
  const match = PARTIAL_DATE.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  if (!month) return `${year}年`;
  if (!day) return `${year}年${Number(month)}月`;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/** Prints a date range as "2024年9月至2024年11月"; a missing end gives the start only. */
export function formatChineseDateRange(start: string | null | undefined, end: string | null | undefined): string {
  const from = formatChineseDate(start);
  const to = formatChineseDate(end);
  if (from && to) return from === to ? from : `${from}至${to}`;
  return from || to;
}

/**
 * Prints an amount of money given in fen: whole 百元 amounts of at least 1万 as 万元 ("66.57万元"),
 * anything else exactly in 元 ("2730元", "1234.5元"), so the printed figure never loses a fen.
 */
export function formatYuanFromFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.round(fen));
  if (abs >= 1_000_000 && abs % 10_000 === 0) {
    return `${sign}${trimDecimals((abs / 1_000_000).toFixed(2))}万元`;
  }
  return `${sign}${trimDecimals((abs / 100).toFixed(2))}元`;
}

function trimDecimals(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}
