/**
 * Reads an amount typed in 元 with at most two decimals ("1234.5", "1,234.56", "0.01") as integer
 * fen, without floating-point rounding; null when the text is not such an amount.
 */
export function parseYuanToFen(text: string): number | null {
  const compact = text.trim().replace(/[,，\s]/g, "").replace(/元$/, "");
  const match = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(compact);
  if (!match) return null;
  const [, whole, decimals = ""] = match;
  return Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
}

/** Writes integer fen as a plain 元 amount with two decimals ("1234.50"), for inputs and spreadsheets. */
export function formatFenAsYuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
