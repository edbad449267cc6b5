// The outcome registers (建章立制, 问责, 清退追缴, 信访件, 问题线索) described once as data: the server
// validates, stores and exports by these specs and the web app builds its forms and tables from them.
import { ACCOUNTABILITY_KINDS, labelAccountabilityKind, labelRecoveryKind, RECOVERY_KINDS } from "../domain/kinds.ts";

/** URL and table name of an outcome register. */
export type OutcomeRegisterName = "rules" | "accountabilities" | "recoveries" | "petitions" | "leads";

/** Type of a register field, driving validation, SQL casts, forms and spreadsheet cells. */
export type RegisterFieldType = "text" | "date" | "integer" | "money" | "choice" | "finding" | "findings";

/** One field of a register. */
export interface RegisterField {
  type: RegisterFieldType;
  /** Label as the form and the spreadsheet show it. */
  label: string;
  isRequired?: boolean;
  /** Text: most characters; shown in the form. */
  maxLength?: number;
  isMultiline?: boolean;
  /** Choice: the allowed codes with their labels. */
  choices?: readonly { value: string; label: string }[];
  /** Integer and money (fen): bounds. */
  min?: number;
  max?: number;
  /** Value a new record starts with. */
  defaultValue?: string | number;
  /** Kept internal: never printed in notices or public pages (e.g. names of people held accountable). */
  isPrivate?: boolean;
  /** One line of help under the field. */
  hint?: string;
}

/** A register of outcomes. */
export interface OutcomeRegisterSpec {
  name: OutcomeRegisterName;
  /** Audit entity name, e.g. "rule". */
  entity: string;
  /** Title of the register as the menu shows it, e.g. 建章立制. */
  title: string;
  /** What one record is called, e.g. 制度. */
  noun: string;
  fields: Readonly<Record<string, RegisterField>>;
}

/** Stage of a petition (信访件) or lead (问题线索): received → transferred → filed → closed. */
export type CaseStage = "received" | "transferred" | "filed" | "closed";

/** Stages in order, each with its label and the field holding its date. */
export const CASE_STAGES: readonly { value: CaseStage; label: string; dateField: string; dateLabel: string }[] = [
  { value: "received", label: "已接收", dateField: "receivedDate", dateLabel: "接收日期" },
  { value: "transferred", label: "已移交", dateField: "transferredDate", dateLabel: "移交日期" },
  { value: "filed", label: "已立案", dateField: "filedDate", dateLabel: "立案日期" },
  { value: "closed", label: "已办结", dateField: "closedDate", dateLabel: "办结日期" },
];

const NOTE: RegisterField = { type: "text", label: "备注", maxLength: 2000, isMultiline: true };

const caseFields = (subjectLabel: string): Record<string, RegisterField> => ({
  subject: { type: "text", label: subjectLabel, isRequired: true, maxLength: 1000, isMultiline: true },
  state: { type: "choice", label: "办理状态", choices: CASE_STAGES.map((s) => ({ value: s.value, label: s.label })), defaultValue: "received" },
  ...Object.fromEntries(CASE_STAGES.map((s): [string, RegisterField] => [s.dateField, { type: "date", label: s.dateLabel }])),
});

/** The outcome registers every notice counts. */
export const OUTCOME_REGISTERS: readonly OutcomeRegisterSpec[] = [
  {
    name: "rules",
    entity: "rule",
    title: "建章立制",
    noun: "制度",
    fields: {
      title: { type: "text", label: "制度名称", isRequired: true, maxLength: 500 },
      docNumber: { type: "text", label: "文号", maxLength: 100, hint: "例如：青教发〔2026〕3号" },
      issuedDate: { type: "date", label: "印发日期" },
      findingIds: { type: "findings", label: "关联问题" },
    },
  },
  {
    name: "accountabilities",
    entity: "accountability",
    title: "问责",
    noun: "问责记录",
    fields: {
      kind: { type: "choice", label: "问责方式", isRequired: true, choices: ACCOUNTABILITY_KINDS.map((k) => ({ value: k, label: labelAccountabilityKind(k) })) },
      people: { type: "integer", label: "人数", isRequired: true, min: 1, max: 10000, defaultValue: 1 },
      personName: { type: "text", label: "被问责人姓名", maxLength: 200, isPrivate: true, hint: "可不填；仅内部可见，不在通报和公开页面中出现" },
      decidedDate: { type: "date", label: "决定日期" },
      findingId: { type: "finding", label: "关联问题" },
      note: NOTE,
    },
  },
  {
    name: "recoveries",
    entity: "recovery",
    title: "清退追缴",
    noun: "清退追缴记录",
    fields: {
      kind: { type: "choice", label: "类别", isRequired: true, choices: RECOVERY_KINDS.map((k) => ({ value: k, label: labelRecoveryKind(k) })) },
      amountFen: { type: "money", label: "金额（元）", isRequired: true, min: 1, max: 100_000_000_000_00, hint: "以元为单位，精确到分" },
      recoveredDate: { type: "date", label: "日期" },
      findingId: { type: "finding", label: "关联问题" },
      note: NOTE,
    },
  },
  {
    name: "petitions",
    entity: "petition",
    title: "信访件",
    noun: "信访件",
    fields: { ...caseFields("信访事项"), note: NOTE },
  },
  {
    name: "leads",
    entity: "lead",
    title: "问题线索",
    noun: "问题线索",
    fields: { ...caseFields("线索摘要"), people: { type: "integer", label: "涉及人数", min: 0, max: 10000, defaultValue: 0 }, note: NOTE },
  },
];

/** Totals of a register list over the records that count (not voided). */
export interface RegisterSummary {
  /** Records that count. */
  count: number;
  /** Voided records matching the same filter (kept, not counted). */
  voided: number;
  /** Sum of `people` (accountability: people held accountable; leads: people involved). */
  people?: number;
  /** Sum of `amountFen` (recoveries). */
  amountFen?: number;
  /** Records per code of the `kind` choice. */
  byKind?: Record<string, number>;
  /** Records per code of the `state` choice. */
  byState?: Record<string, number>;
  /** People per kind (accountability: what notices print as 诫勉3人). */
  peopleByKind?: Record<string, number>;
  /** Fen per kind (recoveries: 清退 / 追缴 / 挽回损失). */
  amountFenByKind?: Record<string, number>;
}

/** Finds an outcome register by its URL name. */
export function findOutcomeRegister(name: string): OutcomeRegisterSpec | undefined {
  return OUTCOME_REGISTERS.find((spec) => spec.name === name);
}
