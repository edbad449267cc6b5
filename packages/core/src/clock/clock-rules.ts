import type { MeasureKind, Role } from "../domain/kinds.ts";
import type { Status } from "../domain/status.ts";
import { isCompletedStatus } from "../domain/status.ts";
import { daysBetween, type DeadlineLight } from "../workflow/deadline.ts";

/** The windows a round's clock computes from its feedback date (期限规则). */
export type WindowKey = "plan_due" | "report_due" | "concentrated_end" | "evaluation" | "follow_up" | "public_period";

/** All window keys in the order a round meets them. */
export const WINDOW_KEYS: readonly WindowKey[] = ["plan_due", "concentrated_end", "report_due", "evaluation", "public_period", "follow_up"];

/** Who a reminder goes to, resolved to people by the server's recipients module. */
export type RecipientKind = "owner" | "leader" | "department" | "rectification_office" | "principal" | "supervisor" | "issuer";

/** All recipient kinds. */
export const RECIPIENT_KINDS: readonly RecipientKind[] = ["owner", "leader", "department", "rectification_office", "principal", "supervisor", "issuer"];

/** One window rule: a date `months` + `days` after its anchor (the feedback date or an earlier window). */
export interface WindowRule {
  key: WindowKey;
  label: string;
  anchor: "feedback" | WindowKey;
  months: number;
  days: number;
  /** Length of a period that starts on the window's date (the public period); 0 for a single day. */
  durationDays: number;
  /** Days before the date at which the recipients are reminded; 0 is the day itself. */
  remindDaysBefore: number[];
  recipients: RecipientKind[];
}

/** What starts a ladder step: days before the due date, days past it, or days without progress. */
export type LadderTrigger = "before_due" | "overdue" | "no_progress";

/** One step of the escalation ladder (提醒 / 预警), fired once per record and due date. */
export interface LadderStep {
  /** Stable key, part of the exactly-once key of each event. */
  key: string;
  label: string;
  trigger: LadderTrigger;
  days: number;
  /** The light the step stands for; a `before_due` yellow step sets the yellow window of the lights. */
  light: Exclude<DeadlineLight, "none"> | null;
  recipients: RecipientKind[];
}

/** The whole clock configuration of a supervising org, inherited down the org tree. */
export interface ClockRules {
  windows: WindowRule[];
  /** Ladder for measures, relative to their due date. */
  ladder: LadderStep[];
  /** Ladder for 督办 directives, relative to their reply due date. */
  directiveLadder: LadderStep[];
  /** Which window sets a new measure's default due date, per measure kind (null: none). */
  measureDefaults: Record<MeasureKind, WindowKey | null>;
  /** Role that decides extension requests (申请延期). */
  extensionApprover: Role;
  /** ISO weekday (1 = Monday … 7 = Sunday) on which the weekly report (周汇报) is generated. */
  weeklyReportDay: number;
  /** Overdue steps missed by more than this many days (e.g. a long-past imported round) are not sent late. */
  catchUpDays: number;
}

/** Chinese labels of recipient kinds. */
export function labelRecipientKind(kind: RecipientKind): string {
  switch (kind) {
    case "owner":
      return "责任人";
    case "leader":
      return "责任领导";
    case "department":
      return "责任部门";
    case "rectification_office":
      return "整改办";
    case "principal":
      return "主要负责人";
    case "supervisor":
      return "巡察办/纪检监察组";
    case "issuer":
      return "督办单位";
  }
}

/** Chinese labels of ladder triggers. */
export function labelLadderTrigger(trigger: LadderTrigger): string {
  switch (trigger) {
    case "before_due":
      return "到期前";
    case "overdue":
      return "逾期后";
    case "no_progress":
      return "未报送进展";
  }
}

/** The default rules (条例: report within 2 months of feedback; local rules: plan within 1 month). */
export function defaultClockRules(yellowDays = 10): ClockRules {
  return {
    windows: [
      { key: "plan_due", label: "报送整改方案", anchor: "feedback", months: 1, days: 0, durationDays: 0, remindDaysBefore: [7, 1], recipients: ["rectification_office"] },
      { key: "concentrated_end", label: "集中整改期结束", anchor: "feedback", months: 2, days: 0, durationDays: 0, remindDaysBefore: [14, 3], recipients: ["rectification_office", "principal"] },
      // 巡视工作条例第二十七条 / 巡察工作规定: the rectification report is due within two months of feedback.
      { key: "report_due", label: "报送整改情况报告", anchor: "feedback", months: 2, days: 0, durationDays: 0, remindDaysBefore: [14, 3, 0], recipients: ["rectification_office", "principal"] },
      { key: "evaluation", label: "整改评估", anchor: "feedback", months: 3, days: 0, durationDays: 0, remindDaysBefore: [7], recipients: ["rectification_office", "supervisor"] },
      { key: "public_period", label: "整改进展公开（公示期）", anchor: "report_due", months: 1, days: 0, durationDays: 10, remindDaysBefore: [7], recipients: ["rectification_office"] },
      { key: "follow_up", label: "回头看", anchor: "feedback", months: 6, days: 0, durationDays: 0, remindDaysBefore: [14], recipients: ["rectification_office", "supervisor"] },
    ],
    ladder: [
      { key: "green", label: "到期提醒", trigger: "before_due", days: 2 * yellowDays, light: "green", recipients: ["owner"] },
      { key: "yellow", label: "临期预警", trigger: "before_due", days: yellowDays, light: "yellow", recipients: ["owner", "leader"] },
      { key: "red", label: "逾期督办", trigger: "overdue", days: 0, light: "red", recipients: ["owner", "principal", "supervisor"] },
      { key: "silent", label: "长时间未报送进展", trigger: "no_progress", days: 30, light: null, recipients: ["owner"] },
    ],
    directiveLadder: [
      { key: "due_soon", label: "督办回复临期", trigger: "before_due", days: 3, light: "yellow", recipients: ["rectification_office"] },
      { key: "overdue", label: "督办逾期未回复", trigger: "overdue", days: 0, light: "red", recipients: ["rectification_office", "principal", "issuer"] },
    ],
    measureDefaults: { immediate: "plan_due", deadline: "concentrated_end", long_term: "follow_up" },
    extensionApprover: "rectification_office",
    weeklyReportDay: 5,
    catchUpDays: 30,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Adds whole calendar months; a day the target month lacks becomes its last day (1月31日 + 1个月 = 2月28日). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A window computed for one round. */
export interface RoundWindow {
  key: WindowKey;
  label: string;
  date: string;
  /** Last day of a period (the public period); equals `date` for a single day. */
  endDate: string;
  recipients: RecipientKind[];
  remindDaysBefore: number[];
}

/** Computes a round's windows from its feedback date; none without a feedback date. */
export function computeRoundWindows(rules: ClockRules, feedbackDate: string | null): RoundWindow[] {
  if (!feedbackDate || !ISO_DATE.test(feedbackDate)) return [];
  const dates = new Map<WindowKey, string>();
  const resolve = (rule: WindowRule, depth: number): string | null => {
    const known = dates.get(rule.key);
    if (known) return known;
    if (depth > WINDOW_KEYS.length) return null;
    let base: string | null = feedbackDate;
    if (rule.anchor !== "feedback") {
      const anchor = rules.windows.find((w) => w.key === rule.anchor);
      base = anchor ? resolve(anchor, depth + 1) : null;
    }
    if (!base) return null;
    const date = addDays(addMonths(base, rule.months), rule.days);
    dates.set(rule.key, date);
    return date;
  };
  const windows: RoundWindow[] = [];
  for (const rule of rules.windows) {
    const date = resolve(rule, 0);
    if (!date) continue;
    windows.push({
      key: rule.key,
      label: rule.label,
      date,
      endDate: rule.durationDays > 0 ? addDays(date, rule.durationDays - 1) : date,
      recipients: rule.recipients,
      remindDaysBefore: rule.remindDaysBefore,
    });
  }
  return windows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The default due date of a new measure of a kind, from the round's windows (null when no rule applies). */
export function defaultMeasureDueDate(rules: ClockRules, kind: MeasureKind, feedbackDate: string | null): string | null {
  const key = rules.measureDefaults[kind];
  if (!key) return null;
  return computeRoundWindows(rules, feedbackDate).find((w) => w.key === key)?.date ?? null;
}

/** Days before a due date at which the lights turn yellow: the widest yellow `before_due` step (0 when none). */
export function yellowDaysOf(rules: ClockRules): number {
  const days = rules.ladder.filter((s) => s.trigger === "before_due" && s.light === "yellow").map((s) => s.days);
  return days.length ? Math.max(...days) : 0;
}

/** The 红黄绿 light of an item under the rules: red overdue, yellow within the yellow step, green otherwise. */
export function lightUnderRules(rules: ClockRules, status: Status, dueDate: string | null, today: string): DeadlineLight {
  if (dueDate === null || isCompletedStatus(status)) return "none";
  const left = daysBetween(today, dueDate);
  if (left < 0) return "red";
  if (left <= yellowDaysOf(rules)) return "yellow";
  return "green";
}

function checkSteps(steps: readonly LadderStep[], what: string, problems: string[], allowed: readonly RecipientKind[]): void {
  const keys = new Set<string>();
  steps.forEach((step, index) => {
    const where = `${what}第${index + 1}步`;
    if (!/^[a-z0-9_]{1,40}$/.test(step.key)) problems.push(`${where}的标识应为 1–40 位小写字母、数字或下划线`);
    if (keys.has(step.key)) problems.push(`${where}的标识“${step.key}”重复`);
    keys.add(step.key);
    if (!step.label?.trim() || step.label.length > 40) problems.push(`${where}须有 1–40 字的名称`);
    if (!["before_due", "overdue", "no_progress"].includes(step.trigger)) problems.push(`${where}的触发条件无效`);
    if (!Number.isInteger(step.days) || step.days < 0 || step.days > 365) problems.push(`${where}的天数应为 0–365 的整数`);
    if (step.trigger === "no_progress" && step.days < 1) problems.push(`${where}“未报送进展”的天数至少为 1`);
    if (step.light !== null && !["red", "yellow", "green"].includes(step.light)) problems.push(`${where}的灯色无效`);
    if (!step.recipients.length) problems.push(`${where}至少要有一类接收人`);
    for (const r of step.recipients) if (!allowed.includes(r)) problems.push(`${where}的接收人“${r}”不适用`);
  });
}

/** Checks a rule set an administrator submits; returns Chinese problems (empty when valid). */
export function checkClockRules(rules: ClockRules, roles: readonly Role[]): string[] {
  const problems: string[] = [];
  const keys = new Set<WindowKey>();
  for (const w of rules.windows) {
    const where = `期限“${w.label || w.key}”`;
    if (!WINDOW_KEYS.includes(w.key)) problems.push(`${where}的类型无效`);
    if (keys.has(w.key)) problems.push(`${where}重复`);
    keys.add(w.key);
    if (!w.label?.trim() || w.label.length > 40) problems.push(`${where}须有 1–40 字的名称`);
    if (w.anchor !== "feedback" && !WINDOW_KEYS.includes(w.anchor)) problems.push(`${where}的起算点无效`);
    if (w.anchor === w.key) problems.push(`${where}不能以自身为起算点`);
    if (!Number.isInteger(w.months) || w.months < 0 || w.months > 36) problems.push(`${where}的月数应为 0–36 的整数`);
    if (!Number.isInteger(w.days) || w.days < 0 || w.days > 366) problems.push(`${where}的天数应为 0–366 的整数`);
    if (!Number.isInteger(w.durationDays) || w.durationDays < 0 || w.durationDays > 90) problems.push(`${where}的持续天数应为 0–90 的整数`);
    if (w.remindDaysBefore.some((d) => !Number.isInteger(d) || d < 0 || d > 90)) problems.push(`${where}的提前提醒天数应为 0–90 的整数`);
    if (!w.recipients.length) problems.push(`${where}至少要有一类接收人`);
    for (const r of w.recipients) if (!["rectification_office", "principal", "supervisor"].includes(r)) problems.push(`${where}的接收人“${labelRecipientKind(r)}”不适用于期限提醒`);
  }
  for (const w of rules.windows) {
    if (w.anchor !== "feedback" && !keys.has(w.anchor)) problems.push(`期限“${w.label}”的起算点未配置`);
  }
  if (problems.length === 0 && computeRoundWindows(rules, "2000-01-01").length !== rules.windows.length) problems.push("期限的起算点形成了循环");
  checkSteps(rules.ladder, "预警阶梯", problems, ["owner", "leader", "department", "rectification_office", "principal", "supervisor"]);
  checkSteps(rules.directiveLadder, "督办阶梯", problems, ["rectification_office", "principal", "supervisor", "issuer"]);
  if (rules.directiveLadder.some((s) => s.trigger === "no_progress")) problems.push("督办阶梯不支持“未报送进展”触发");
  for (const kind of ["immediate", "deadline", "long_term"] as const) {
    const key = rules.measureDefaults?.[kind];
    if (key !== null && key !== undefined && !keys.has(key)) problems.push("措施默认时限引用了未配置的期限");
  }
  if (!roles.includes(rules.extensionApprover)) problems.push("延期审批角色无效");
  if (!Number.isInteger(rules.weeklyReportDay) || rules.weeklyReportDay < 1 || rules.weeklyReportDay > 7) problems.push("周汇报生成日应为周一至周日之一");
  if (!Number.isInteger(rules.catchUpDays) || rules.catchUpDays < 0 || rules.catchUpDays > 365) problems.push("补发期限应为 0–365 天");
  return problems;
}
