import type { ParsedNotice } from "../parser/parsed-notice.ts";

const STATUSES = new Set(["completed", "completed_long_term", "phased", "in_progress", "not_completed"]);
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

type Check = (value: unknown, path: string, errors: string[]) => void;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const checkString: Check = (value, path, errors) => {
  if (value === undefined) errors.push(`缺少 ${path}`);
  else if (typeof value !== "string") errors.push(`${path} 应为字符串`);
};

const checkNullableString: Check = (value, path, errors) => {
  if (value === undefined) errors.push(`缺少 ${path}`);
  else if (value !== null && typeof value !== "string") errors.push(`${path} 应为字符串或 null`);
};

const checkDate: Check = (value, path, errors) => {
  if (value === null) return;
  if (value === undefined) {
    errors.push(`缺少 ${path}`);
    return;
  }
  if (typeof value !== "string" || !DATE.test(value)) errors.push(`${path} 应为 YYYY-MM-DD、YYYY-MM、YYYY 格式的日期或 null`);
};

function checkStringArray(value: unknown, path: string, errors: string[]): void {
  if (value === undefined) {
    errors.push(`缺少 ${path}`);
    return;
  }
  if (!Array.isArray(value)) {
    errors.push(`${path} 应为字符串数组`);
    return;
  }
  value.forEach((item, index) => checkString(item, `${path}[${index}]`, errors));
}

function checkInteger(value: unknown, path: string, errors: string[]): void {
  if (!Number.isInteger(value)) errors.push(`${path} 应为整数`);
}

function checkProblem(value: unknown, path: string, errors: string[]): void {
  if (!isObject(value)) {
    errors.push(`${path} 应为对象`);
    return;
  }
  checkString(value.number, `${path}.number`, errors);
  checkInteger(value.seq, `${path}.seq`, errors);
  checkString(value.title, `${path}.title`, errors);
  checkStringArray(value.subPoints, `${path}.subPoints`, errors);
  if (value.status !== null && !STATUSES.has(String(value.status))) {
    errors.push(`${path}.status 应为 ${[...STATUSES].join("、")} 之一或 null`);
  }
  checkNullableString(value.statusText, `${path}.statusText`, errors);
  if (typeof value.hasPlan !== "boolean") errors.push(`${path}.hasPlan 应为 true 或 false`);
  if (value.progressText !== undefined) checkString(value.progressText, `${path}.progressText`, errors);
  if (value.planText !== undefined) checkNullableString(value.planText, `${path}.planText`, errors);
  checkStringArray(value.moneyAmounts, `${path}.moneyAmounts`, errors);
  checkStringArray(value.docRefs, `${path}.docRefs`, errors);
}

/**
 * Checks that a value has the shape of the parse contract (notice.schema.json, schemaVersion 1) far
 * enough to render it; returns the notice, or every problem found as Chinese messages with JSON paths.
 */
export function validateParsedNoticeShape(value: unknown): { notice: ParsedNotice | null; errors: string[] } {
  const errors: string[] = [];
  if (!isObject(value)) return { notice: null, errors: ["顶层应为 JSON 对象（zhenggai parse --json 的输出）"] };
  if (value.schemaVersion !== 1) errors.push("schemaVersion 应为 1");
  checkNullableString(value.issuer, "issuer", errors);
  checkNullableString(value.title, "title", errors);
  if (!isObject(value.inspection)) errors.push(value.inspection === undefined ? "缺少 inspection" : "inspection 应为对象");
  else {
    checkNullableString(value.inspection.by, "inspection.by", errors);
    checkNullableString(value.inspection.level, "inspection.level", errors);
    for (const key of ["start", "end", "feedbackDate"]) checkDate(value.inspection[key], `inspection.${key}`, errors);
  }
  checkDate(value.publishedDate, "publishedDate", errors);
  if (value.publicPeriod === undefined) errors.push("缺少 publicPeriod");
  else if (value.publicPeriod !== null) {
    if (!isObject(value.publicPeriod)) errors.push("publicPeriod 应为对象或 null");
    else {
      checkDate(value.publicPeriod.start, "publicPeriod.start", errors);
      checkDate(value.publicPeriod.end, "publicPeriod.end", errors);
    }
  }
  if (!isObject(value.contacts)) errors.push(value.contacts === undefined ? "缺少 contacts" : "contacts 应为对象");
  else for (const key of ["phones", "emails", "postal"]) checkStringArray(value.contacts[key], `contacts.${key}`, errors);
  if (!isObject(value.claimedSummary)) errors.push(value.claimedSummary === undefined ? "缺少 claimedSummary" : "claimedSummary 应为对象");
  checkStringArray(value.sections, "sections", errors);
  if (!Array.isArray(value.categories)) errors.push(value.categories === undefined ? "缺少 categories" : "categories 应为数组");
  else {
    value.categories.forEach((category, index) => {
      const path = `categories[${index}]`;
      if (!isObject(category)) {
        errors.push(`${path} 应为对象`);
        return;
      }
      checkNullableString(category.label, `${path}.label`, errors);
      if (!Array.isArray(category.problems)) errors.push(`${path}.problems 应为数组`);
      else category.problems.forEach((problem, at) => checkProblem(problem, `${path}.problems[${at}]`, errors));
    });
  }
  // findings are the checker's output and play no part in rendering; expected-output files omit them.
  if (value.findings !== undefined && !Array.isArray(value.findings)) errors.push("findings 应为数组");
  if (errors.length > 0) return { notice: null, errors };
  return { notice: { ...(value as unknown as ParsedNotice), findings: (value.findings as ParsedNotice["findings"] | undefined) ?? [] }, errors };
}
