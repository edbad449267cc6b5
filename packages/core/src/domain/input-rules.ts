// Coherence rules for what users type: dates against each other, phone / e-mail / postcode formats.
// Each rule returns problems as values (field + Chinese sentence naming the field as the form shows it).

/** One problem with user input: the field's key and a Chinese sentence for the user. */
export interface InputProblem {
  field: string;
  message: string;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A dated field in a chain that must not go backwards. */
export interface DatedField {
  field: string;
  label: string;
  value: string | null | undefined;
}

/**
 * Checks that the given dates never go backwards along the chain (empty ones are skipped): each
 * date must be on or after every earlier one.
 */
export function checkDatesInOrder(chain: readonly DatedField[]): InputProblem[] {
  const problems: InputProblem[] = [];
  for (let later = 1; later < chain.length; later += 1) {
    const current = chain[later];
    if (!current.value || !isIsoDate(current.value)) continue;
    for (let earlier = later - 1; earlier >= 0; earlier -= 1) {
      const previous = chain[earlier];
      if (!previous.value || !isIsoDate(previous.value)) continue;
      if (current.value < previous.value) {
        problems.push({ field: current.field, message: `“${current.label}”（${current.value}）不能早于“${previous.label}”（${previous.value}）。` });
      }
      break;
    }
  }
  return problems;
}

/** The dates of an inspection round: the inspection period comes before the feedback. */
export function checkInspectionDates(dates: { startDate?: string | null; endDate?: string | null; feedbackDate?: string | null }): InputProblem[] {
  return checkDatesInOrder([
    { field: "startDate", label: "巡察开始日期", value: dates.startDate },
    { field: "endDate", label: "巡察结束日期", value: dates.endDate },
    { field: "feedbackDate", label: "反馈日期", value: dates.feedbackDate },
  ]);
}

/**
 * A due date (完成时限) must not come before the round's feedback date, except for items fixed on
 * the spot during the inspection (立行立改), which may predate the feedback.
 */
export function checkDueDate(input: { dueDate?: string | null; feedbackDate: string | null; isImmediate: boolean; label?: string }): InputProblem[] {
  const { dueDate, feedbackDate, isImmediate } = input;
  if (isImmediate || !dueDate || !feedbackDate || !isIsoDate(dueDate)) return [];
  if (dueDate >= feedbackDate) return [];
  const label = input.label ?? "完成时限";
  return [{ field: "dueDate", message: `“${label}”（${dueDate}）不能早于本轮巡察的反馈日期（${feedbackDate}）；巡察期间立行立改的事项请将问题来源或措施类型选为“立行立改”。` }];
}

/** A notice is dated and published no earlier than the feedback, and its public period runs forwards. */
export function checkNoticeDates(input: { noticeDate?: string | null; publicStart?: string | null; publicEnd?: string | null; feedbackDate: string | null }): InputProblem[] {
  const problems: InputProblem[] = [];
  const feedback = input.feedbackDate;
  for (const [field, label, value] of [
    ["noticeDate", "成文日期", input.noticeDate],
    ["publicStart", "公示开始日期", input.publicStart],
  ] as const) {
    if (feedback && value && isIsoDate(value) && value < feedback) {
      problems.push({ field, message: `“${label}”（${value}）不能早于本轮巡察的反馈日期（${feedback}）。` });
    }
  }
  problems.push(
    ...checkDatesInOrder([
      { field: "publicStart", label: "公示开始日期", value: input.publicStart },
      { field: "publicEnd", label: "公示截止日期", value: input.publicEnd },
    ]),
  );
  return problems;
}

const MOBILE = /^1[3-9]\d{9}$/;
// Area code 0xx / 0xxx, then a 7–8 digit number, an optional extension (转 123 / -123).
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:(?:转|-|ext\.?)\d{1,6})?$/;
// Service hotlines such as 12388 (纪检监察举报) and 12345, and 400/800 numbers.
const HOTLINE = /^(?:1\d{4}|[48]00-?\d{3}-?\d{4})$/;

/** True for a Chinese mobile, landline (with area code, optional extension) or service hotline number. */
export function isPhoneNumber(text: string): boolean {
  const compact = text.trim().replace(/[\s（）()]/g, "").replace(/^\+?86-?/, "");
  return MOBILE.test(compact) || LANDLINE.test(compact) || HOTLINE.test(compact);
}

/** True for a plausible e-mail address (one @, a dotted domain, no spaces). */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(text.trim());
}

/** Checks a notice's contacts: each phone and e-mail must be one, and a postcode (邮编) in an address has six digits. */
export function checkContacts(contacts: { phones?: readonly string[]; emails?: readonly string[]; postal?: readonly string[] }): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const phone of contacts.phones ?? []) {
    if (!isPhoneNumber(phone)) {
      problems.push({ field: "phones", message: `“联系电话”中的“${phone}”不是有效的电话号码（例如 0551-12345678、13812345678 或 12388）。` });
    }
  }
  for (const email of contacts.emails ?? []) {
    if (!isEmailAddress(email)) problems.push({ field: "emails", message: `“电子邮箱”中的“${email}”不是有效的电子邮箱地址（例如 xcb@example.gov.cn）。` });
  }
  for (const line of contacts.postal ?? []) {
    const postcode = /邮(?:政)?编(?:码)?[:：\s]*([0-9０-９]*)/.exec(line);
    if (postcode && !/^\d{6}$/.test(postcode[1])) {
      problems.push({ field: "postal", message: `“通信地址”中的邮编“${postcode[1] || "（空）"}”应为 6 位数字。` });
    }
  }
  return problems;
}
