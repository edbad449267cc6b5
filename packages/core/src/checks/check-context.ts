/** Facts about one problem that the checker needs beyond the contract. */
export interface ProblemEvidence {
  seq: number;
  /** Numeric value of the problem's number; null when it has none. */
  value: number | null;
  /** Index of the category the problem sits in. */
  categoryIndex: number;
  /** Where the status came from: a status line, a bracket, a sentence in the progress text, or nowhere. */
  statusSource: "label" | "bracket" | "clause" | null;
}

/** What the parser saw in the raw text that the contract does not carry; lets the checker explain more. */
export interface NoticeCheckContext {
  problems: ProblemEvidence[];
  /** Issuer named in the title (before 关于). */
  titleIssuer: string | null;
  /** Issuer in the signature block. */
  signatureIssuer: string | null;
  hasPublicInvitation: boolean;
  /** A date line was found in the signature block (even a damaged one). */
  hasDateLine: boolean;
  /** Blocks the parser moved back to their problem, with the words that were out of place. */
  outOfOrder: { seq: number; evidence: string }[];
  /** The notice claims completion as a whole: all (所有问题均已整改完毕) or basic (基本整改到位). */
  globalClaim: "all" | "basic" | null;
}
