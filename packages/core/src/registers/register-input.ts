import { isIsoDate, checkDatesInOrder, type InputProblem } from "../domain/input-rules.ts";
import { formatFenAsYuan } from "./money.ts";
import { CASE_STAGES, type OutcomeRegisterSpec, type RegisterField } from "./register-specs.ts";

/** A register record's field values keyed by field name (null = empty). */
export type RegisterValues = Record<string, unknown>;

function checkField(field: RegisterField, value: unknown): string | null {
  const label = `“${field.label}”`;
  switch (field.type) {
    case "text":
      if (typeof value !== "string") return `${label}应为文字。`;
      if (field.isRequired && value.trim() === "") return `请填写${label}。`;
      if (field.maxLength !== undefined && value.length > field.maxLength) return `${label}最多 ${field.maxLength} 个字，当前 ${value.length} 个字。`;
      return null;
    case "choice":
      if (typeof value !== "string" || !field.choices?.some((c) => c.value === value)) {
        return `${label}的取值无效，可选：${(field.choices ?? []).map((c) => c.label).join("、")}。`;
      }
      return null;
    case "date":
      return typeof value === "string" && isIsoDate(value) ? null : `${label}应为有效日期（YYYY-MM-DD）。`;
    case "integer":
    case "money": {
      const isMoney = field.type === "money";
      if (!Number.isSafeInteger(value)) return isMoney ? `${label}应为金额，最多精确到分。` : `${label}应为整数。`;
      const n = value as number;
      const show = (v: number) => (isMoney ? `${formatFenAsYuan(v)} 元` : String(v));
      if (field.min !== undefined && n < field.min) return `${label}不能小于 ${show(field.min)}。`;
      if (field.max !== undefined && n > field.max) return `${label}不能大于 ${show(field.max)}。`;
      return null;
    }
    case "finding":
      return Number.isSafeInteger(value) && (value as number) >= 1 ? null : `${label}无效。`;
    case "findings":
      return Array.isArray(value) && value.length <= 200 && value.every((v) => Number.isSafeInteger(v) && v >= 1) ? null : `${label}无效。`;
  }
}

/**
 * Checks and normalises the fields of a register input (trims text; empty optional text becomes
 * null). On create, required fields must be present; on update, absent fields stay as they are.
 */
export function normalizeRegisterInput(spec: Pick<OutcomeRegisterSpec, "fields">, input: RegisterValues, isCreate: boolean): { values: RegisterValues; problems: InputProblem[] } {
  const values: RegisterValues = {};
  const problems: InputProblem[] = [];
  for (const [key, field] of Object.entries(spec.fields)) {
    let value = input[key];
    if (value === undefined) {
      if (isCreate && field.defaultValue !== undefined) values[key] = field.defaultValue;
      else if (isCreate && field.isRequired) problems.push({ field: key, message: `请填写“${field.label}”。` });
      continue;
    }
    if (typeof value === "string" && field.type === "text") {
      value = value.trim();
      if (value === "" && !field.isRequired) value = null;
    }
    if (value === null) {
      if (field.isRequired) problems.push({ field: key, message: `请填写“${field.label}”。` });
      else values[key] = field.type === "findings" ? [] : null;
      continue;
    }
    const problem = checkField(field, value);
    if (problem) problems.push({ field: key, message: problem });
    else values[key] = value;
  }
  return { values, problems };
}

/**
 * Cross-field rules of a whole record: a petition's or lead's stage dates never go backwards, and
 * a record in an earlier stage has no date for a later one.
 */
export function checkRegisterRecord(spec: Pick<OutcomeRegisterSpec, "fields">, record: RegisterValues): InputProblem[] {
  if (!("state" in spec.fields)) return [];
  const problems = checkDatesInOrder(CASE_STAGES.map((s) => ({ field: s.dateField, label: s.dateLabel, value: record[s.dateField] as string | null })));
  const reached = CASE_STAGES.findIndex((s) => s.value === record.state);
  if (reached >= 0) {
    for (const later of CASE_STAGES.slice(reached + 1)) {
      if (record[later.dateField]) {
        problems.push({ field: later.dateField, message: `办理状态为“${CASE_STAGES[reached].label}”时不应填写“${later.dateLabel}”；已${later.label.slice(1)}的请把办理状态改为“${later.label}”。` });
      }
    }
  }
  return problems;
}
