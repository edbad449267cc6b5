import type { RecoveryKind } from "../domain/kinds.ts";
import { ACCOUNTABILITY_KINDS, labelAccountabilityKind, RECOVERY_KINDS } from "../domain/kinds.ts";
import { isCompletedStatus } from "../domain/status.ts";
import type { ClaimedFunds, ClaimedSummary } from "../parser/parsed-notice.ts";
import { computeCompletionStats, formatRate } from "../stats/completion.ts";
import { formatChineseDate, formatYuanFromFen } from "./format.ts";
import type { LedgerSnapshot, SnapshotFinding } from "./ledger-snapshot.ts";

/**
 * The figures a notice publishes, computed from the ledger. Its keys are those of the parse
 * contract's ClaimedSummary, so a draft's or a parsed notice's claims compare key by key.
 */
export interface NoticeFigures {
  asOf: string;
  problemsTotal: number;
  completed: number;
  /** Of `completed`, how many are 长期坚持. */
  longTerm: number;
  phased: number;
  notCompleted: number;
  /** Percent as notices print it; absent when there are no problems. */
  completionRate?: number;
  measuresTotal: number;
  rulesMade: number;
  immediateFix: { total: number; completed: number };
  petitions: { total: number; closed: number };
  clues: { total: number; transferred: number; closed: number };
  accountability: { total: number; byType: Record<string, number> };
  funds: ClaimedFunds[];
}

/** One figure where a notice disagrees with the ledger. */
export interface NoticeFigureMismatch {
  /** Dotted key in NoticeFigures, e.g. "completed" or "accountability.byType.诫勉". */
  field: string;
  /** "different": both state it; "missing": the notice leaves out a figure it must state. */
  kind: "different" | "missing";
  expected: number | null;
  actual: number | null;
  /** Chinese message for the user. */
  message: string;
}

/** Findings counted as the notice's problems: everything except items fixed on the spot (立行立改), which are counted apart. */
export function selectNoticeFindings(snapshot: LedgerSnapshot): SnapshotFinding[] {
  return snapshot.findings.filter((finding) => finding.source !== "immediate");
}

/** The phrase naming money of a recovery kind, as notices print it. */
export function labelRecoveryPhrase(kind: RecoveryKind): string {
  switch (kind) {
    case "refunded":
      return "清退违规资金";
    case "recovered":
      return "追缴资金";
    case "loss_retrieved":
      return "挽回经济损失";
  }
}

/** Computes every figure a notice publishes from one ledger snapshot, with the shared completion statistics. */
export function computeNoticeFigures(snapshot: LedgerSnapshot): NoticeFigures {
  const problems = selectNoticeFindings(snapshot);
  const stats = computeCompletionStats(problems.map((finding) => finding.status));
  const immediate = snapshot.findings.filter((finding) => finding.source === "immediate");
  const byType: Record<string, number> = {};
  for (const kind of ACCOUNTABILITY_KINDS) {
    const count = snapshot.registers.accountability.filter((entry) => entry.kind === kind).length;
    if (count > 0) byType[labelAccountabilityKind(kind)] = count;
  }
  const funds: ClaimedFunds[] = [];
  for (const kind of RECOVERY_KINDS) {
    const fen = snapshot.registers.recoveries
      .filter((entry) => entry.kind === kind)
      .reduce((sum, entry) => sum + entry.amountFen, 0);
    if (fen !== 0) funds.push({ yuan: fen / 100, text: formatYuanFromFen(fen), label: labelRecoveryPhrase(kind) });
  }
  const figures: NoticeFigures = {
    asOf: snapshot.asOf,
    problemsTotal: stats.total,
    completed: stats.completed,
    longTerm: stats.longTerm,
    phased: stats.phased,
    notCompleted: stats.notCompleted,
    measuresTotal: problems.reduce((sum, finding) => sum + finding.measures.length, 0),
    rulesMade: snapshot.registers.rules.length,
    immediateFix: {
      total: immediate.length,
      completed: immediate.filter((finding) => isCompletedStatus(finding.status)).length,
    },
    petitions: { total: snapshot.registers.petitions.total, closed: snapshot.registers.petitions.closed },
    clues: {
      total: snapshot.registers.leads.total,
      transferred: snapshot.registers.leads.transferred,
      closed: snapshot.registers.leads.closed,
    },
    accountability: { total: snapshot.registers.accountability.length, byType },
    funds,
  };
  if (stats.rate !== null) figures.completionRate = stats.rate;
  return figures;
}

/**
 * Writes the figures paragraph of a notice from whatever figures are stated (all of them for a
 * ledger, only the claimed keys for a parsed notice); null when nothing is stated.
 */
export function formatFiguresSentence(figures: ClaimedSummary, options: { level?: string | null } = {}): string | null {
  const clauses: string[] = [];
  const asOf = figures.asOf ? `截至${/^\d{4}(-\d{2}){0,2}$/.test(figures.asOf) ? formatChineseDate(figures.asOf) : figures.asOf}，` : "";
  const problemParts: string[] = [];
  if (figures.problemsTotal !== undefined) {
    problemParts.push(`${options.level ?? ""}巡察反馈的${figures.problemsTotal}个问题`);
  }
  if (figures.completed !== undefined) {
    const longTerm = figures.longTerm ? `（其中需长期坚持${figures.longTerm}个）` : "";
    problemParts.push(`已完成整改${figures.completed}个${longTerm}`);
  }
  if (figures.phased !== undefined) problemParts.push(`阶段性完成整改${figures.phased}个`);
  if (figures.inProgress !== undefined) problemParts.push(`正在整改${figures.inProgress}个`);
  if (figures.notCompleted !== undefined) problemParts.push(`未完成整改${figures.notCompleted}个`);
  if (figures.completionRate !== undefined) problemParts.push(`整改完成率${formatRate(figures.completionRate)}`);
  if (problemParts.length > 0) clauses.push(problemParts.join("，"));
  if (figures.measuresTotal !== undefined) clauses.push(`共制定整改措施${figures.measuresTotal}条`);
  const immediate = figures.immediateFix;
  if (immediate?.total) {
    const done = immediate.completed !== undefined ? `，已完成整改${immediate.completed}个` : "";
    clauses.push(`巡察期间交办的${immediate.total}个立行立改问题${done}`);
  }
  const petitions = figures.petitions;
  if (petitions?.total) {
    const closed = petitions.closed !== undefined ? `，已办结${petitions.closed}件` : "";
    clauses.push(`巡察期间移交的${petitions.total}件信访件${closed}`);
  }
  const clues = figures.clues;
  if (clues?.total || clues?.transferred) {
    const parts = [clues.total ? `收到问题线索${clues.total}件` : `移交问题线索${clues.transferred}件`];
    if (clues.total && clues.transferred !== undefined) parts.push(`已移交${clues.transferred}件`);
    if (clues.closed !== undefined) parts.push(`已办结${clues.closed}件`);
    clauses.push(parts.join("，"));
  }
  const accountability = figures.accountability;
  if (accountability?.total) {
    const types = Object.entries(accountability.byType ?? {}).map(([label, count]) => `${label}${count}人`);
    clauses.push(`追责问责${accountability.total}人${types.length > 0 ? `，其中${types.join("、")}` : ""}`);
  }
  if (figures.rulesMade) clauses.push(`建立完善制度${figures.rulesMade}项`);
  const funds = (figures.funds ?? []).map((fund) => `${fund.label ?? "追缴资金"}${fund.text}`);
  if (funds.length > 0) clauses.push(funds.join("，"));
  if (clauses.length === 0) return null;
  return `${asOf}${clauses.join("；")}。`;
}

// Figures a notice must state for the publish check to pass.
const REQUIRED_FIELDS = ["problemsTotal", "completed"] as const;

const FIELD_NAMES: Record<string, string> = {
  problemsTotal: "问题总数",
  completed: "已完成整改数",
  longTerm: "需长期坚持数",
  phased: "阶段性完成数",
  notCompleted: "未完成整改数",
  completionRate: "整改完成率",
  measuresTotal: "整改措施数",
  rulesMade: "建立完善制度数",
  "immediateFix.total": "立行立改问题数",
  "immediateFix.completed": "立行立改已完成数",
  "petitions.total": "移交信访件数",
  "petitions.closed": "信访件办结数",
  "clues.total": "问题线索数",
  "clues.transferred": "问题线索移交数",
  "clues.closed": "问题线索办结数",
  "accountability.total": "追责问责人数",
  "funds.yuan": "清退追缴资金合计（元）",
};

function describeField(field: string): string {
  if (field.startsWith("accountability.byType.")) return `问责方式“${field.slice("accountability.byType.".length)}”人数`;
  return FIELD_NAMES[field] ?? field;
}

function formatFigure(field: string, value: number | null): string {
  if (value === null) return "未载明";
  if (field === "completionRate") return formatRate(value);
  return String(value);
}

/**
 * Compares the figures a notice states (a draft's or a parsed notice's claims) with the figures
 * computed from the ledger; returns one mismatch per disagreeing figure, empty when they agree.
 */
export function compareNoticeFigures(expected: NoticeFigures, actual: ClaimedSummary): NoticeFigureMismatch[] {
  const mismatches: NoticeFigureMismatch[] = [];
  const compare = (field: string, want: number, got: number | undefined, tolerance = 0): void => {
    if (got === undefined) return;
    if (Math.abs(want - got) <= tolerance) return;
    mismatches.push({
      field,
      kind: "different",
      expected: want,
      actual: got,
      message: `通报中${describeField(field)}为${formatFigure(field, got)}，台账计算为${formatFigure(field, want)}`,
    });
  };
  for (const field of REQUIRED_FIELDS) {
    if (actual[field] === undefined) {
      mismatches.push({
        field,
        kind: "missing",
        expected: expected[field],
        actual: null,
        message: `通报未载明${describeField(field)}（台账计算为${expected[field]}）`,
      });
    }
  }
  compare("problemsTotal", expected.problemsTotal, actual.problemsTotal);
  compare("completed", expected.completed, actual.completed);
  compare("longTerm", expected.longTerm, actual.longTerm);
  compare("phased", expected.phased, actual.phased);
  // A notice may split the ledger's 未完成 bucket into 正在整改 and 未完成; their sum is what the ledger counts.
  const statedNotCompleted =
    actual.inProgress === undefined ? actual.notCompleted : actual.inProgress + (actual.notCompleted ?? 0);
  compare("notCompleted", expected.notCompleted, statedNotCompleted);
  if (actual.completionRate !== undefined) {
    compare("completionRate", expected.completionRate ?? 0, actual.completionRate, 0.005);
  }
  compare("measuresTotal", expected.measuresTotal, actual.measuresTotal);
  compare("rulesMade", expected.rulesMade, actual.rulesMade);
  compare("immediateFix.total", expected.immediateFix.total, actual.immediateFix?.total);
  compare("immediateFix.completed", expected.immediateFix.completed, actual.immediateFix?.completed);
  compare("petitions.total", expected.petitions.total, actual.petitions?.total);
  compare("petitions.closed", expected.petitions.closed, actual.petitions?.closed);
  compare("clues.total", expected.clues.total, actual.clues?.total);
  compare("clues.transferred", expected.clues.transferred, actual.clues?.transferred);
  compare("clues.closed", expected.clues.closed, actual.clues?.closed);
  compare("accountability.total", expected.accountability.total, actual.accountability?.total);
  const statedTypes = actual.accountability?.byType;
  if (statedTypes) {
    const labels = new Set([...Object.keys(expected.accountability.byType), ...Object.keys(statedTypes)]);
    for (const label of labels) {
      compare(`accountability.byType.${label}`, expected.accountability.byType[label] ?? 0, statedTypes[label]);
    }
  }
  if (actual.funds !== undefined) {
    const sum = (funds: readonly ClaimedFunds[]): number => funds.reduce((total, fund) => total + fund.yuan, 0);
    compare("funds.yuan", sum(expected.funds), sum(actual.funds), 0.005);
  }
  return mismatches;
}
