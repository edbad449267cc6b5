/** Category of an evidence file (佐证材料类别). */
export type EvidenceCategory = "minutes" | "regulation" | "photo" | "ledger" | "other";

/** All evidence categories, in the order forms offer them. */
export const EVIDENCE_CATEGORIES: readonly EvidenceCategory[] = ["minutes", "regulation", "photo", "ledger", "other"];

/** Returns the Chinese label of an evidence category. */
export function labelEvidenceCategory(category: EvidenceCategory): string {
  switch (category) {
    case "minutes":
      return "会议纪要";
    case "regulation":
      return "制度文件";
    case "photo":
      return "照片";
    case "ledger":
      return "台账";
    case "other":
      return "其他";
  }
}

/** True for a known evidence category code. */
export function isEvidenceCategory(value: unknown): value is EvidenceCategory {
  return typeof value === "string" && (EVIDENCE_CATEGORIES as readonly string[]).includes(value);
}
