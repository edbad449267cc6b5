import { BLOCK_LABEL } from "./paragraphs.ts";

/** What a labelled paragraph inside a problem's write-up holds. */
export type LabelKind = "result" | "progress" | "plan" | "meta" | "description";

/** A block label at the start of a paragraph and the text after it. */
export interface BlockLabel {
  kind: LabelKind;
  /** The label as written, without the colon. */
  label: string;
  /** Text after the label (compact). */
  after: string;
}

function kindOf(label: string): LabelKind {
  if (/问题表现|具体表现|问题描述|主要表现/.test(label)) return "description";
  if (/计划|下一步|下步|后续/.test(label)) return "plan";
  if (/责任|牵头|配合|时限|期限|完成时间|目标/.test(label)) return "meta";
  if (/结果|状态|进度|完成情况|办理结果|成效|整改进展$|整改进展情况/.test(label)) return "result";
  return "progress";
}

/** Reads the block label (整改情况：, 整改结果：, 整改计划：…) at the start of a compact paragraph; null when there is none. */
export function readBlockLabel(compact: string): BlockLabel | null {
  const match = BLOCK_LABEL.exec(compact);
  if (!match) return null;
  const label = match[0].replace(/[：:]$/, "");
  return { kind: kindOf(label), label, after: compact.slice(match[0].length) };
}
