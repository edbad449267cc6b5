// Text extracted from PDFs set in Noto CJK may carry CJK radical code points instead of the
// ideographs (见 comes out as ⻅ U+2EC5) because of the fonts' ToUnicode maps; NFKC folds the
// Kangxi radicals (U+2F00–2FDF) but not the supplement (U+2E80–2EFF), which this table covers.
const RADICAL_SUPPLEMENT: Record<string, string> = {
  "\u2EA0": "民",
  "\u2EA9": "王",
  "\u2EAE": "竹",
  "\u2EB7": "羊",
  "\u2EBB": "聿",
  "\u2EC4": "西",
  "\u2EC5": "见",
  "\u2EC6": "角",
  "\u2EC8": "讠",
  "\u2EC9": "贝",
  "\u2ECB": "车",
  "\u2ED1": "長",
  "\u2ED3": "长",
  "\u2ED4": "门",
  "\u2ED7": "雨",
  "\u2ED8": "青",
  "\u2EDA": "页",
  "\u2EDB": "风",
  "\u2EDC": "飞",
  "\u2EDD": "食",
  "\u2EE0": "饣",
  "\u2EE2": "马",
  "\u2EE4": "鬼",
  "\u2EE5": "鱼",
  "\u2EE6": "鸟",
  "\u2EE7": "卤",
  "\u2EE8": "麦",
  "\u2EE9": "黄",
  "\u2EEA": "黾",
  "\u2EEC": "齐",
  "\u2EEE": "齿",
  "\u2EF0": "龙",
  "\u2EF3": "龟",
};

/** Replaces CJK radical code points in text extracted from a PDF with the ideographs they stand for. */
export function mapCjkRadicals(text: string): string {
  return text
    .replace(/[\u2E80-\u2EFF]/g, (char) => RADICAL_SUPPLEMENT[char] ?? char)
    .replace(/[\u2F00-\u2FDF]/g, (char) => char.normalize("NFKC"));
}
