// Page geometry and type of the Party and government document format (GB/T 9704-2012, 《党政机关公文格式》),
// shared by the DOCX, PDF and HTML writers so the three print the same page.

/** Fonts named in the standard; writers without them substitute (see docs/documents.md). */
export const OFFICIAL_FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  pageNumber: "宋体",
} as const;

/** The page: A4, margins from the standard's 版心 (156 × 225 mm type area), 22 lines × 28 characters. */
export const OFFICIAL_PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  /** 二号. */
  titleSizePt: 22,
  /** 三号. */
  bodySizePt: 16,
  /** 四号. */
  pageNumberSizePt: 14,
  /** 五号, for table cells. */
  tableSizePt: 10.5,
  /** Fixed body line spacing. */
  lineSpacingPt: 28,
  /** Fixed spacing of the title's lines (二号 characters need more than the body's 28 pt). */
  titleLineSpacingPt: 36,
  linesPerPage: 22,
  charsPerLine: 28,
  /** The page number's 一字线 sits 7 mm below the type area. */
  pageNumberGapMm: 7,
} as const;

/** Converts millimetres to twentieths of a point (DOCX twips). */
export function convertMmToTwips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Converts millimetres to PostScript points (PDF, CSS pt). */
export function convertMmToPoints(mm: number): number {
  return (mm * 72) / 25.4;
}

/** Width of the type area in points. */
export function measureTypeAreaWidthPt(): number {
  return convertMmToPoints(OFFICIAL_PAGE.widthMm - OFFICIAL_PAGE.marginLeftMm - OFFICIAL_PAGE.marginRightMm);
}

/** Width of a text in body characters: CJK and full-width count 1, ASCII (digits, Latin) counts ½. */
export function measureTextChars(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x0100 ? 0.5 : 1;
  return width;
}

/**
 * Right indents (in characters) of the signature lines. GB/T 9704 §7.3.5.2 (no seal): the issuer
 * sits 2 characters from the right, the date on the next line starts 2 characters right of the
 * issuer's first character; when the date is the longer one it keeps 2 characters and the issuer moves left.
 */
export function computeSignatureIndents(lines: readonly string[]): number[] {
  if (lines.length === 0) return [];
  const issuer = measureTextChars(lines[0]);
  const rest = lines.slice(1).map(measureTextChars);
  const widest = Math.max(0, ...rest);
  const issuerIndent = widest + 2 > issuer ? 2 + widest + 2 - issuer : 2;
  return [issuerIndent, ...rest.map((width) => issuerIndent + issuer - 2 - width)];
}
