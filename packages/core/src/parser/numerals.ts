const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, "○": 0, O: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Reads a number written in Arabic digits or Chinese numerals (一, 十二, 二十三, 一百零五); null when unreadable. */
export function readChineseNumber(text: string): number | null {
  if (/^\d{1,9}$/.test(text)) return Number(text);
  if (text.length === 0 || text.length > 8) return null;
  let total = 0;
  let section = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in DIGITS) {
      current = DIGITS[ch];
    } else if (ch === "十") {
      section += (current === 0 ? 1 : current) * 10;
      current = 0;
    } else if (ch === "百") {
      section += (current === 0 ? 1 : current) * 100;
      current = 0;
    } else if (ch === "千") {
      section += (current === 0 ? 1 : current) * 1000;
      current = 0;
    } else {
      return null;
    }
  }
  total += section + current;
  return total;
}

/** Reads a year written digit by digit in Chinese (二〇二四) or Arabic (2024); null when unreadable. */
export function readYearDigits(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (text.length !== 4) return null;
  let value = 0;
  for (const ch of text) {
    const digit = DIGITS[ch];
    if (digit === undefined) return null;
    value = value * 10 + digit;
  }
  return value;
}

/** Reads a circled number ①–⑳ as its value; null for any other character. */
export function readCircledNumber(ch: string): number | null {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2460 && code <= 0x2473) return code - 0x2460 + 1;
  return null;
}
