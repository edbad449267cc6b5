import { createHash } from "node:crypto";
import {
  ACCOUNTABILITY_KINDS,
  analyzeNotice,
  labelAccountabilityKind,
  labelStatus,
  rollupFindingStatus,
  type AccountabilityKind,
  type ClaimedSummary,
  type MeasureKind,
  type NoticeFinding,
  type ParsedNotice,
  type RecoveryKind,
  type SnapshotFinding,
  type Status,
} from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { ledgerRowsToSnapshotFindings, type LedgerColumnMapping, type LedgerField } from "../exports/xlsx/ledger-reader.ts";
import type { NoticeFileFormat } from "../files/extract-text.ts";
import { UntrustedFileReader } from "../files/untrusted-files.ts";
import {
  findInspectionByFeedback,
  findInspectionBySource,
  listDepartmentsOfUnit,
  listFindingsOfInspection,
  listMeasuresOfInspection,
  listUsersOfUnit,
  lockNoticeImports,
  readRegisterTotals,
  setMeasureStatusDirect,
  type RegisterTotals,
} from "../repositories/import.repository.ts";
import { nextFindingSeq, type FindingRow, type InspectionRow, type MeasureRow } from "../repositories/ledger.repository.ts";
import type { OrgRow } from "../repositories/org.repository.ts";
import { findRowById, insertRow, updateRow } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { rollupFinding } from "./finding.service.ts";
import { runMutation, type AuditFn } from "./transaction.ts";
import { ensure, found } from "./validation.ts";

/** A notice file handed to the import. */
export interface NoticeFileInput {
  fileName: string;
  bytes: Uint8Array;
}

/** One finding as the import would write it. */
export interface ImportedFinding {
  seq: number;
  number: string;
  category: string | null;
  title: string;
  subPoints: string[];
  /** Status the notice states (not_started when it states none). */
  status: Status;
  statusText: string | null;
  progressText: string | null;
  planText: string | null;
  docRefs: string[];
  moneyAmounts: string[];
}

/** Registers the import fills from the notice's claimed figures. */
export interface ImportedRegisters {
  rules: { title: string; docNumber: string | null; findingSeq: number | null }[];
  accountability: { kind: AccountabilityKind; label: string; people: number }[];
  recoveries: { kind: RecoveryKind; amountFen: number; note: string }[];
  petitions: { total: number; closed: number };
  leads: { total: number; transferred: number; closed: number };
}

/** What a notice file turns into: the round, its findings and registers. */
export interface NoticeImportPlan {
  inspection: {
    name: string;
    groupName: string | null;
    level: string | null;
    startDate: string | null;
    endDate: string | null;
    feedbackDate: string | null;
  };
  findings: ImportedFinding[];
  figures: ClaimedSummary;
  docRefs: string[];
  registers: ImportedRegisters;
  /** Things the import cannot carry over, in Chinese. */
  warnings: string[];
}

/** One change an import makes (or would make), with a Chinese description for the preview. */
export type ImportChange =
  | { op: "create_inspection"; description: string }
  | { op: "update_inspection"; inspectionId: number; values: Record<string, string | null>; description: string }
  | { op: "create_finding"; finding: ImportedFinding; description: string }
  | { op: "update_finding"; findingId: number; values: Record<string, unknown>; description: string }
  | { op: "create_measure"; findingId: number; finding: ImportedFinding; description: string }
  | { op: "set_measure_status"; measureId: number; findingId: number; from: Status; to: Status; description: string }
  | { op: "create_rule"; rule: ImportedRegisters["rules"][number]; description: string }
  | { op: "create_accountability"; kind: AccountabilityKind; people: number; description: string }
  | { op: "create_recovery"; kind: RecoveryKind; amountFen: number; note: string; description: string }
  | { op: "create_petitions"; state: "closed" | "received"; count: number; description: string }
  | { op: "create_leads"; state: "closed" | "transferred" | "received"; count: number; description: string };

/** What the preview of a notice import shows; nothing is written. */
export interface NoticeImportPreview {
  fileName: string;
  format: NoticeFileFormat;
  sha256: string;
  plan: NoticeImportPlan;
  /** The consistency checker's findings on the notice (STRUCTURE_NOT_FOUND first when no problem list was read). */
  checks: NoticeFinding[];
  /** False when the notice's problem list could not be read (STRUCTURE_NOT_FOUND): such a file is never imported. */
  canImport: boolean;
  /** The round this file matches, if any: by the same file, or by the same group and feedback date. */
  existing: { inspectionId: number; name: string; matchedBy: "source" | "feedback" } | null;
  /** What importing would change; empty when the import would change nothing. */
  changes: ImportChange[];
}

/** What an import did. */
export interface NoticeImportResult extends NoticeImportPreview {
  inspectionId: number;
  /** False when the import changed nothing (the same notice imported again). */
  isChanged: boolean;
}

/** A header → field override for a ledger sheet: keys are 1-based column numbers or header texts. */
export type ColumnMappingInput = Record<string, LedgerField | null>;

/** What the preview of an Excel ledger import shows; nothing is written. */
export interface LedgerWorkbookPreview {
  sheetName: string;
  headerRow: number;
  columns: LedgerColumnMapping[];
  warnings: string[];
  rowCount: number;
  findings: { number: string; category: string | null; title: string; status: Status; measureCount: number }[];
  measureCount: number;
  /** Department names of the sheet with the matching department of the unit (null when none matches). */
  departments: { name: string; departmentId: number | null }[];
  unmatchedDepartments: string[];
  /** Leader and owner names of the sheet that match exactly one user of the unit (linked on import). */
  matchedPeople: string[];
  /** Findings the round already holds; imported findings are appended after them. */
  existingFindingCount: number;
}

/** What an Excel ledger import did. */
export interface LedgerWorkbookImportResult {
  inspectionId: number;
  findingsCreated: number;
  measuresCreated: number;
  createdDepartments: string[];
  unmatchedDepartments: string[];
  warnings: string[];
}

const PLACEHOLDER_RULE_TITLE = "建立完善制度（名称待补充，由通报导入）";
const IMPORTED_RULE_TITLE = "通报所列制度文件";
const IMPORT_NOTE = "由通报导入";
// Registers created from stated counts are bounded so a damaged figure cannot flood the database.
const MAX_REGISTER_ROWS = 2000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Words notices use for accountability kinds beyond the register's own labels.
const ACCOUNTABILITY_SYNONYMS: readonly (readonly [RegExp, AccountabilityKind])[] = [
  [/党纪|处分/, "party_discipline"],
  [/政务/, "government_sanction"],
  [/组织处理|调整|免职|降职/, "organisational"],
  [/诫勉/, "admonishment"],
  [/约谈/, "interview"],
  [/批评|通报/, "criticism"],
  [/检查|检讨/, "written_review"],
  [/提醒|谈话/, "reminder_talk"],
  [/移送|移交|立案|审查调查/, "referred"],
];

/** Maps an accountability label as notices write it (诫勉, 约谈, 党纪处分…) to the register kind; null when unknown. */
export function mapAccountabilityLabel(label: string): AccountabilityKind | null {
  const exact = ACCOUNTABILITY_KINDS.find((kind) => labelAccountabilityKind(kind) === label);
  if (exact) return exact;
  return ACCOUNTABILITY_SYNONYMS.find(([pattern]) => pattern.test(label))?.[1] ?? null;
}

/** Maps the words before a claimed amount (清退… / 追缴… / 挽回…) to the recovery kind. */
export function mapRecoveryLabel(label: string | undefined): RecoveryKind {
  if (!label) return "recovered";
  if (/清退|退还|退回|退缴/.test(label)) return "refunded";
  if (/挽回/.test(label)) return "loss_retrieved";
  return "recovered";
}

function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function fullDate(value: string | null): string | null {
  // Dates the notice gives only to the month (2024-09) are not stored: the round's date columns hold days.
  return value && ISO_DATE.test(value) ? value : null;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function emptyToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

function nameRound(parsed: ParsedNotice, fileName: string): string {
  const year = (parsed.inspection.feedbackDate ?? parsed.inspection.start ?? parsed.publishedDate ?? "").slice(0, 4);
  const group = parsed.inspection.by;
  if (group) return `${year ? `${year}年` : ""}${group}巡察`;
  return clip(parsed.title ?? fileName, 200);
}

/** Turns a parsed notice into what the import writes: round fields, findings with statuses and texts, and registers from stated figures. */
export function planNoticeImport(parsed: ParsedNotice, fileName: string): NoticeImportPlan {
  const warnings: string[] = [];
  const findings: ImportedFinding[] = [];
  for (const category of parsed.categories) {
    for (const problem of category.problems) {
      findings.push({
        seq: findings.length + 1,
        number: problem.number || String(findings.length + 1),
        category: category.label,
        title: clip(problem.title.trim() || `问题${findings.length + 1}`, 2000),
        subPoints: problem.subPoints,
        status: problem.status ?? "not_started",
        statusText: problem.statusText,
        progressText: emptyToNull(problem.progressText),
        planText: emptyToNull(problem.planText),
        docRefs: problem.docRefs,
        moneyAmounts: problem.moneyAmounts,
      });
    }
  }
  const withoutStatus = parsed.categories.reduce((sum, category) => sum + category.problems.filter((problem) => problem.status === null).length, 0);
  if (withoutStatus > 0) warnings.push(`${withoutStatus} 个问题通报未载明整改状态，导入后记为“未启动”`);
  if (findings.length === 0) warnings.push("未能从通报中识别出问题清单");

  const claimed = parsed.claimedSummary;
  const docRefs: { docNumber: string; findingSeq: number }[] = [];
  for (const finding of findings) {
    for (const docNumber of finding.docRefs) {
      if (!docRefs.some((ref) => ref.docNumber === docNumber)) docRefs.push({ docNumber, findingSeq: finding.seq });
    }
  }
  const rules: ImportedRegisters["rules"] = [];
  const rulesMade = claimed.rulesMade;
  const refsUsed = rulesMade === undefined ? docRefs : docRefs.slice(0, rulesMade);
  for (const ref of refsUsed) rules.push({ title: IMPORTED_RULE_TITLE, docNumber: ref.docNumber, findingSeq: ref.findingSeq });
  if (rulesMade !== undefined) {
    for (let i = rules.length; i < Math.min(rulesMade, MAX_REGISTER_ROWS); i += 1) rules.push({ title: PLACEHOLDER_RULE_TITLE, docNumber: null, findingSeq: null });
  }

  const accountability: ImportedRegisters["accountability"] = [];
  for (const [label, people] of Object.entries(claimed.accountability?.byType ?? {})) {
    const kind = mapAccountabilityLabel(label);
    if (!kind || people <= 0) {
      warnings.push(`问责方式“${label}”${people}人无法对应到问责登记类别，未导入`);
      continue;
    }
    const same = accountability.find((entry) => entry.kind === kind);
    if (same) same.people += people;
    else accountability.push({ kind, label, people });
  }
  const byTypeTotal = accountability.reduce((sum, entry) => sum + entry.people, 0);
  if (claimed.accountability?.total !== undefined && claimed.accountability.total > byTypeTotal) {
    warnings.push(`通报称追责问责${claimed.accountability.total}人，其中${claimed.accountability.total - byTypeTotal}人未载明问责方式，未导入`);
  }

  const recoveries = (claimed.funds ?? []).map((fund) => ({
    kind: mapRecoveryLabel(fund.label),
    amountFen: Math.round(fund.yuan * 100),
    note: `${IMPORT_NOTE}：${fund.label ?? ""}${fund.text}`,
  }));

  const petitions = { total: claimed.petitions?.total ?? 0, closed: Math.min(claimed.petitions?.closed ?? 0, claimed.petitions?.total ?? 0) };
  const clueTotal = claimed.clues?.total ?? claimed.clues?.transferred ?? 0;
  const leads = {
    total: clueTotal,
    closed: Math.min(claimed.clues?.closed ?? 0, clueTotal),
    transferred: Math.min(claimed.clues?.transferred ?? 0, clueTotal),
  };
  if (claimed.immediateFix?.total) {
    warnings.push(`通报所称立行立改问题${claimed.immediateFix.total}个没有逐项列出，未导入，请在台账中补录`);
  }

  return {
    inspection: {
      name: nameRound(parsed, fileName),
      groupName: parsed.inspection.by,
      level: parsed.inspection.level,
      startDate: fullDate(parsed.inspection.start),
      endDate: fullDate(parsed.inspection.end),
      feedbackDate: fullDate(parsed.inspection.feedbackDate),
    },
    findings,
    figures: claimed,
    docRefs: docRefs.map((ref) => ref.docNumber),
    registers: { rules, accountability, recoveries, petitions, leads },
    warnings,
  };
}

function describeFinding(finding: ImportedFinding): string {
  return `新增问题 ${finding.number}：${clip(finding.title, 40)}（${labelStatus(finding.status)}）`;
}

function measureTextOf(finding: ImportedFinding): string {
  return clip(finding.progressText ?? `整改“${clip(finding.title, 60)}”问题`, 4000);
}

function measureKindOf(status: Status): MeasureKind {
  return status === "completed_long_term" ? "long_term" : "deadline";
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function planRegisterChanges(registers: ImportedRegisters, totals: RegisterTotals): ImportChange[] {
  const changes: ImportChange[] = [];
  const existingRules = [...totals.rules];
  for (const rule of registers.rules) {
    const index = existingRules.findIndex((entry) =>
      rule.docNumber ? entry.docNumber === rule.docNumber : entry.title === rule.title && entry.docNumber === null,
    );
    if (index >= 0) {
      existingRules.splice(index, 1);
      continue;
    }
    changes.push({ op: "create_rule", rule, description: `登记制度：${rule.docNumber ?? rule.title}` });
  }
  for (const entry of registers.accountability) {
    const missing = entry.people - (totals.accountabilityPeople[entry.kind] ?? 0);
    if (missing > 0) {
      changes.push({ op: "create_accountability", kind: entry.kind, people: missing, description: `登记问责：${labelAccountabilityKind(entry.kind)}${missing}人` });
    }
  }
  const fenByKind = new Map<RecoveryKind, { amountFen: number; notes: string[] }>();
  for (const entry of registers.recoveries) {
    const sum = fenByKind.get(entry.kind) ?? { amountFen: 0, notes: [] };
    sum.amountFen += entry.amountFen;
    sum.notes.push(entry.note);
    fenByKind.set(entry.kind, sum);
  }
  for (const [kind, sum] of fenByKind) {
    const missing = sum.amountFen - (totals.recoveryFen[kind] ?? 0);
    if (missing > 0) {
      changes.push({ op: "create_recovery", kind, amountFen: missing, note: sum.notes.join("；"), description: `登记清退追缴：${(missing / 100).toFixed(2)}元` });
    }
  }
  const petitionsClosed = registers.petitions.closed - totals.petitions.closed;
  const petitionsOpen = registers.petitions.total - registers.petitions.closed - totals.petitions.open;
  if (petitionsClosed > 0) changes.push({ op: "create_petitions", state: "closed", count: Math.min(petitionsClosed, MAX_REGISTER_ROWS), description: `登记已办结信访件${petitionsClosed}件` });
  if (petitionsOpen > 0) changes.push({ op: "create_petitions", state: "received", count: Math.min(petitionsOpen, MAX_REGISTER_ROWS), description: `登记在办信访件${petitionsOpen}件` });
  const leadsClosed = registers.leads.closed - totals.leads.closed;
  const leadsTransferred = Math.max(0, registers.leads.transferred - registers.leads.closed) - totals.leads.transferred;
  const leadsReceived = registers.leads.total - Math.max(registers.leads.transferred, registers.leads.closed) - totals.leads.received;
  if (leadsClosed > 0) changes.push({ op: "create_leads", state: "closed", count: Math.min(leadsClosed, MAX_REGISTER_ROWS), description: `登记已办结问题线索${leadsClosed}件` });
  if (leadsTransferred > 0) changes.push({ op: "create_leads", state: "transferred", count: Math.min(leadsTransferred, MAX_REGISTER_ROWS), description: `登记已移交问题线索${leadsTransferred}件` });
  if (leadsReceived > 0) changes.push({ op: "create_leads", state: "received", count: Math.min(leadsReceived, MAX_REGISTER_ROWS), description: `登记问题线索${leadsReceived}件` });
  return changes;
}

/**
 * Computes what importing a plan into an existing round changes: round fields the notice states
 * differently, findings (matched by position) whose texts or status differ, new findings, and
 * register entries the notice's figures call for beyond what the registers hold. Never removes anything.
 */
async function planChangesForExisting(q: Queryable, inspection: InspectionRow, plan: NoticeImportPlan, warnings: string[]): Promise<ImportChange[]> {
  const changes: ImportChange[] = [];
  const roundValues: Record<string, string | null> = {};
  for (const field of ["groupName", "level", "startDate", "endDate", "feedbackDate"] as const) {
    const value = plan.inspection[field];
    if (value !== null && value !== inspection[field]) roundValues[field] = value;
  }
  const findings = await listFindingsOfInspection(q, inspection.id);
  const measures = await listMeasuresOfInspection(q, inspection.id);
  for (const planned of plan.findings) {
    const existing = findings.find((finding) => finding.seq === planned.seq);
    if (!existing) {
      changes.push({ op: "create_finding", finding: planned, description: describeFinding(planned) });
      continue;
    }
    const values: Record<string, unknown> = {};
    if (existing.number !== planned.number) values.number = planned.number;
    if (existing.category !== planned.category) values.category = planned.category;
    if (existing.title !== planned.title) values.title = planned.title;
    if (!sameList(existing.subPoints, planned.subPoints)) values.subPoints = planned.subPoints;
    if (existing.progressText !== planned.progressText) values.progressText = planned.progressText;
    if (existing.planText !== planned.planText) values.planText = planned.planText;
    if (Object.keys(values).length > 0) {
      changes.push({ op: "update_finding", findingId: existing.id, values, description: `更新问题 ${planned.number}：${Object.keys(values).length} 项内容` });
    }
    const own = measures.filter((measure) => measure.findingId === existing.id);
    if (own.length === 0) {
      changes.push({ op: "create_measure", findingId: existing.id, finding: planned, description: `为问题 ${planned.number} 补建整改措施` });
    } else if (own.length === 1) {
      if (own[0].status !== planned.status) {
        changes.push({
          op: "set_measure_status",
          measureId: own[0].id,
          findingId: existing.id,
          from: own[0].status,
          to: planned.status,
          description: `问题 ${planned.number} 状态：${labelStatus(own[0].status)} → ${labelStatus(planned.status)}`,
        });
      }
    } else if (existing.status !== planned.status) {
      warnings.push(`问题 ${planned.number} 有多条整改措施，通报所载状态“${labelStatus(planned.status)}”未自动套用，请逐条更新`);
    }
  }
  changes.push(...planRegisterChanges(plan.registers, await readRegisterTotals(q, inspection.id)));
  if (changes.length > 0 || Object.keys(roundValues).length > 0) {
    changes.unshift({ op: "update_inspection", inspectionId: inspection.id, values: roundValues, description: `更新巡察轮次“${inspection.name}”` });
  }
  return changes;
}

function planChangesForNew(plan: NoticeImportPlan): ImportChange[] {
  const empty: RegisterTotals = { rules: [], accountabilityPeople: {}, recoveryFen: {}, petitions: { closed: 0, open: 0 }, leads: { closed: 0, transferred: 0, received: 0 } };
  return [
    { op: "create_inspection", description: `新建巡察轮次“${plan.inspection.name}”` },
    ...plan.findings.map((finding): ImportChange => ({ op: "create_finding", finding, description: describeFinding(finding) })),
    ...planRegisterChanges(plan.registers, empty),
  ];
}

/** Imports into the ledger: rectification notices (通报) and Excel ledgers (整改台账). */
export class LedgerImportService {
  private readonly db: Database;
  private readonly today: () => string;
  /** Uploaded files are read in worker threads, within decompression limits. */
  readonly files: UntrustedFileReader;

  constructor(db: Database, today: () => string, files: UntrustedFileReader = new UntrustedFileReader()) {
    this.db = db;
    this.today = today;
    this.files = files;
  }

  /** Shows what importing a notice file into a unit would create or change, with the checker's findings; writes nothing. */
  async previewNoticeImport(actor: Actor | null, orgId: number, file: NoticeFileInput): Promise<NoticeImportPreview> {
    // Permission first, so nobody can make the server read files for a unit they may not import into.
    await requireUnit(this.db, actor, orgId);
    return planNoticeChanges(this.db, orgId, await readNoticeFile(this.files, file));
  }

  /**
   * Imports a notice file in one transaction: creates or updates the round (matched by the file's
   * sha256, or by group and feedback date), its findings with one measure carrying the stated
   * status, and the registers its figures state. Importing the same file again changes nothing.
   */
  async importNotice(actor: Actor | null, orgId: number, file: NoticeFileInput): Promise<NoticeImportResult> {
    await requireUnit(this.db, actor, orgId);
    // The file is read outside the transaction: extraction can take seconds and must not hold locks.
    const read = await readNoticeFile(this.files, file);
    // A notice whose problem list could not be read would import as an empty round that looks complete.
    ensure(canImportNotice(read), "未能从通报中识别出问题清单，不能导入。请确认文件是整改进展情况通报（问题逐条列出），或改用 Excel 台账导入。");
    return runMutation(this.db, actor, async (tx, audit) => {
      await requireUnit(tx, actor, orgId);
      await lockNoticeImports(tx, orgId);
      const preview = await planNoticeChanges(tx, orgId, read);
      if (preview.changes.length === 0 && preview.existing) {
        return { ...preview, inspectionId: preview.existing.inspectionId, isChanged: false };
      }
      const inspectionId = await applyNoticeChanges(tx, audit, orgId, preview, read.fileName);
      return { ...preview, inspectionId, isChanged: true };
    });
  }

  /** Reads an Excel ledger and shows the column mapping, the findings it holds and how its departments match the unit's; writes nothing. */
  async previewLedgerWorkbook(actor: Actor | null, inspectionId: number, bytes: Uint8Array, options: { columnMapping?: ColumnMappingInput } = {}): Promise<LedgerWorkbookPreview> {
    const inspection = await loadInspectionFor(this.db, actor, inspectionId);
    const workbook = await this.files.readLedgerWorkbook(bytes, options.columnMapping);
    const findings = ledgerRowsToSnapshotFindings(workbook.rows);
    const departments = await matchDepartments(this.db, inspection.orgId, findings);
    const existing = await listFindingsOfInspection(this.db, inspectionId);
    const warnings = [...workbook.warnings];
    if (existing.length > 0) warnings.push(`本轮次已有 ${existing.length} 个问题，导入的问题将排在其后`);
    const unmatched = departments.filter((entry) => entry.departmentId === null).map((entry) => entry.name);
    if (unmatched.length > 0) warnings.push(`以下责任部门在本单位组织架构中不存在：${unmatched.join("、")}`);
    return {
      sheetName: workbook.sheetName,
      headerRow: workbook.headerRow,
      columns: workbook.columns,
      warnings,
      rowCount: workbook.rows.length,
      findings: findings.map((finding) => ({
        number: finding.number,
        category: finding.category,
        title: finding.title,
        status: finding.status,
        measureCount: finding.measures.length,
      })),
      measureCount: findings.reduce((sum, finding) => sum + finding.measures.length, 0),
      departments,
      unmatchedDepartments: unmatched,
      matchedPeople: [...(await matchPeople(this.db, inspection.orgId, findings)).keys()],
      existingFindingCount: existing.length,
    };
  }

  /**
   * Imports an Excel ledger into a round in one transaction: findings and measures with owners,
   * deadlines, statuses and progress; departments matched by name (created only when asked).
   */
  async importLedgerWorkbook(
    actor: Actor | null,
    inspectionId: number,
    bytes: Uint8Array,
    options: { columnMapping?: ColumnMappingInput; createDepartments?: boolean } = {},
  ): Promise<LedgerWorkbookImportResult> {
    await loadInspectionFor(this.db, actor, inspectionId);
    const workbook = await this.files.readLedgerWorkbook(bytes, options.columnMapping);
    const findings = ledgerRowsToSnapshotFindings(workbook.rows);
    ensure(findings.length > 0, "台账中没有可导入的问题行");
    return runMutation(this.db, actor, async (tx, audit) => {
      const inspection = await loadInspectionFor(tx, actor, inspectionId);
      const matched = await matchDepartments(tx, inspection.orgId, findings);
      const departmentIds = new Map<string, number>();
      const createdDepartments: string[] = [];
      for (const entry of matched) {
        if (entry.departmentId !== null) {
          departmentIds.set(entry.name, entry.departmentId);
        } else if (options.createDepartments) {
          const row = await insertRow<OrgRow>(tx, "orgs", { values: { parentId: inspection.orgId, kind: "department", name: clip(entry.name, 200) } });
          await audit({ action: "import", entity: "org", entityId: row.id, orgId: inspection.orgId, after: row });
          departmentIds.set(entry.name, row.id);
          createdDepartments.push(entry.name);
        }
      }
      const unmatched = matched.filter((entry) => !departmentIds.has(entry.name)).map((entry) => entry.name);
      const userIds = await matchPeople(tx, inspection.orgId, findings);
      let seq = await nextFindingSeq(tx, inspectionId);
      let measuresCreated = 0;
      const today = this.today();
      for (const finding of findings) {
        const leadDepartmentId = finding.leadDepartment ? (departmentIds.get(finding.leadDepartment) ?? null) : null;
        const findingRow = await insertRow<FindingRow>(tx, "findings", {
          values: {
            inspectionId,
            orgId: inspection.orgId,
            seq,
            number: clip(finding.number, 100),
            category: finding.category,
            title: clip(finding.title || "（未填写问题）", 2000),
            subPoints: finding.subPoints,
            source: finding.source,
            status: finding.status,
            leadLeader: finding.leadLeader,
            leadDepartmentId,
            dueDate: finding.dueDate,
          },
          jsonFields: ["subPoints"],
        });
        seq += 1;
        await audit({ action: "import", entity: "finding", entityId: findingRow.id, orgId: inspection.orgId, after: findingRow });
        for (const measure of finding.measures) {
          const measureRow = await insertRow<MeasureRow>(tx, "measures", {
            values: {
              findingId: findingRow.id,
              orgId: inspection.orgId,
              seq: measure.seq,
              text: clip(measure.text || "（未填写整改措施）", 4000),
              kind: measure.kind,
              leaderName: measure.leader,
              leaderUserId: measure.leader ? (userIds.get(measure.leader) ?? null) : null,
              departmentId: measure.department ? (departmentIds.get(measure.department) ?? null) : null,
              ownerName: measure.owner,
              ownerUserId: measure.owner ? (userIds.get(measure.owner) ?? null) : null,
              dueDate: measure.dueDate,
              originalDueDate: measure.dueDate,
              status: measure.status,
              note: measure.note,
            },
          });
          measuresCreated += 1;
          await audit({ action: "import", entity: "measure", entityId: measureRow.id, orgId: inspection.orgId, after: measureRow });
          if (measure.progress) {
            await insertRow(tx, "progress_reports", {
              values: { measureId: measureRow.id, orgId: inspection.orgId, reportDate: today, text: clip(measure.progress, 10000), figures: {}, authorId: actor?.userId ?? null },
              jsonFields: ["figures"],
            });
          }
        }
        await rollupFinding(tx, findingRow.id);
      }
      await audit({
        action: "import",
        entity: "inspection",
        entityId: inspectionId,
        orgId: inspection.orgId,
        after: { source: "xlsx", sheetName: workbook.sheetName, findings: findings.length, measures: measuresCreated, createdDepartments, unmatchedDepartments: unmatched },
      });
      return { inspectionId, findingsCreated: findings.length, measuresCreated, createdDepartments, unmatchedDepartments: unmatched, warnings: workbook.warnings };
    });
  }
}

interface ReadNotice {
  fileName: string;
  format: NoticeFileFormat;
  sha256: string;
  parsed: ParsedNotice;
  findings: NoticeFinding[];
  plan: NoticeImportPlan;
}

async function readNoticeFile(files: UntrustedFileReader, file: NoticeFileInput): Promise<ReadNotice> {
  ensure(file.bytes.byteLength > 0, "上传的文件为空");
  const { text, format } = await files.readNoticeText(file.bytes, file.fileName);
  const { notice: parsed, findings } = analyzeNotice(text, { file: file.fileName, format });
  return { fileName: file.fileName, format, sha256: sha256Of(file.bytes), parsed, findings, plan: planNoticeImport(parsed, file.fileName) };
}

function canImportNotice(read: ReadNotice): boolean {
  return !read.findings.some((finding) => finding.code === "STRUCTURE_NOT_FOUND");
}

async function requireUnit(q: Queryable, actor: Actor | null, orgId: number): Promise<OrgRow> {
  // A null actor is the trusted CLI running as the system; every other caller needs manage_ledger on the unit.
  if (actor) (await AccessScope.load(q, actor)).require("manage_ledger", [orgId], "单位");
  const org = found(await findRowById<OrgRow>(q, "orgs", orgId), "单位");
  ensure(org.kind === "unit", "通报只能导入到被巡察单位下（请选择单位，而不是巡察办或部门）");
  return org;
}

async function loadInspectionFor(q: Queryable, actor: Actor | null, inspectionId: number): Promise<InspectionRow> {
  const inspection = found(await findRowById<InspectionRow>(q, "inspections", inspectionId), "巡察轮次");
  if (actor) (await AccessScope.load(q, actor)).require("manage_ledger", [inspection.orgId], "巡察轮次");
  return inspection;
}

async function planNoticeChanges(q: Queryable, orgId: number, read: ReadNotice): Promise<NoticeImportPreview> {
  const { plan } = read;
  const warnings = [...plan.warnings];
  let existing: NoticeImportPreview["existing"] = null;
  let changes: ImportChange[];
  const bySource = await findInspectionBySource(q, orgId, read.sha256);
  const byFeedback =
    bySource === null && plan.inspection.groupName && plan.inspection.feedbackDate
      ? await findInspectionByFeedback(q, orgId, plan.inspection.groupName, plan.inspection.feedbackDate)
      : null;
  if (bySource) {
    // The very same file was imported before: nothing changes, even if the ledger moved on since.
    existing = { inspectionId: bySource.id, name: bySource.name, matchedBy: "source" };
    changes = [];
  } else if (byFeedback) {
    existing = { inspectionId: byFeedback.id, name: byFeedback.name, matchedBy: "feedback" };
    changes = await planChangesForExisting(q, byFeedback, plan, warnings);
  } else {
    changes = planChangesForNew(plan);
  }
  return {
    fileName: read.fileName,
    format: read.format,
    sha256: read.sha256,
    plan: { ...plan, warnings },
    checks: read.findings,
    canImport: canImportNotice(read),
    existing,
    changes,
  };
}

async function insertImportedMeasure(tx: Queryable, audit: AuditFn, orgId: number, findingId: number, finding: ImportedFinding): Promise<MeasureRow> {
  // Imports bypass the closure guards by design: the notice states the status, the import records it.
  const measure = await insertRow<MeasureRow>(tx, "measures", {
    values: { findingId, orgId, seq: 1, text: measureTextOf(finding), kind: measureKindOf(finding.status), status: finding.status, note: IMPORT_NOTE },
  });
  await audit({ action: "import", entity: "measure", entityId: measure.id, orgId, after: measure });
  return measure;
}

async function applyNoticeChanges(tx: Queryable, audit: AuditFn, orgId: number, preview: NoticeImportPreview, fileName: string): Promise<number> {
  const { plan } = preview;
  const source = { fileName, sha256: preview.sha256 };
  let inspectionId = preview.existing?.inspectionId ?? 0;
  const findingIdBySeq = new Map<number, number>();
  if (preview.existing) {
    for (const finding of await listFindingsOfInspection(tx, preview.existing.inspectionId)) findingIdBySeq.set(finding.seq, finding.id);
  }
  for (const change of preview.changes) {
    switch (change.op) {
      case "create_inspection": {
        const row = await insertRow<InspectionRow>(tx, "inspections", {
          values: { orgId, ...plan.inspection, kind: "regular", feedbackDocNumbers: [], sourceSha256: preview.sha256 },
          jsonFields: ["feedbackDocNumbers"],
        });
        inspectionId = row.id;
        await audit({ action: "import", entity: "inspection", entityId: row.id, orgId, after: { ...row, source } });
        break;
      }
      case "update_inspection": {
        const before = found(await findRowById<InspectionRow>(tx, "inspections", change.inspectionId, true), "巡察轮次");
        const after = await updateRow<InspectionRow>(tx, "inspections", change.inspectionId, { values: { ...change.values, sourceSha256: preview.sha256 } });
        await audit({ action: "import", entity: "inspection", entityId: after.id, orgId, before, after: { ...after, source } });
        break;
      }
      case "create_finding": {
        const finding = change.finding;
        const row = await insertRow<FindingRow>(tx, "findings", {
          values: {
            inspectionId,
            orgId,
            seq: finding.seq,
            number: finding.number,
            category: finding.category,
            title: finding.title,
            subPoints: finding.subPoints,
            source: "feedback",
            status: rollupFindingStatus([finding.status]),
            progressText: finding.progressText,
            planText: finding.planText,
          },
          jsonFields: ["subPoints"],
        });
        findingIdBySeq.set(finding.seq, row.id);
        await audit({ action: "import", entity: "finding", entityId: row.id, orgId, after: row });
        await insertImportedMeasure(tx, audit, orgId, row.id, finding);
        break;
      }
      case "update_finding": {
        const before = found(await findRowById<FindingRow>(tx, "findings", change.findingId, true), "问题");
        const after = await updateRow<FindingRow>(tx, "findings", change.findingId, { values: change.values, jsonFields: ["subPoints"] });
        await audit({ action: "import", entity: "finding", entityId: after.id, orgId, before, after });
        break;
      }
      case "create_measure":
        await insertImportedMeasure(tx, audit, orgId, change.findingId, change.finding);
        await rollupFinding(tx, change.findingId);
        break;
      case "set_measure_status":
        await setMeasureStatusDirect(tx, change.measureId, change.to);
        await audit({ action: "import", entity: "measure", entityId: change.measureId, orgId, before: { status: change.from }, after: { status: change.to, via: "import" } });
        await rollupFinding(tx, change.findingId);
        break;
      case "create_rule": {
        const findingId = change.rule.findingSeq === null ? undefined : findingIdBySeq.get(change.rule.findingSeq);
        const row = await insertRow<{ id: number }>(tx, "rules", {
          values: { orgId, inspectionId, title: change.rule.title, docNumber: change.rule.docNumber, findingIds: findingId ? [findingId] : [] },
          jsonFields: ["findingIds"],
        });
        await audit({ action: "import", entity: "rule", entityId: row.id, orgId, after: row });
        break;
      }
      case "create_accountability": {
        const row = await insertRow<{ id: number }>(tx, "accountabilities", { values: { orgId, inspectionId, kind: change.kind, people: change.people, note: IMPORT_NOTE } });
        await audit({ action: "import", entity: "accountability", entityId: row.id, orgId, after: row });
        break;
      }
      case "create_recovery": {
        const row = await insertRow<{ id: number }>(tx, "recoveries", { values: { orgId, inspectionId, kind: change.kind, amountFen: change.amountFen, note: change.note } });
        await audit({ action: "import", entity: "recovery", entityId: row.id, orgId, after: row });
        break;
      }
      case "create_petitions":
      case "create_leads": {
        const table = change.op === "create_petitions" ? "petitions" : "leads";
        const subject = change.op === "create_petitions" ? `巡察移交信访件（${IMPORT_NOTE}）` : `问题线索（${IMPORT_NOTE}）`;
        const ids: number[] = [];
        for (let i = 0; i < change.count; i += 1) {
          ids.push((await insertRow<{ id: number }>(tx, table, { values: { orgId, inspectionId, subject, state: change.state } })).id);
        }
        await audit({ action: "import", entity: change.op === "create_petitions" ? "petition" : "lead", entityId: null, orgId, after: { ids, state: change.state, count: change.count } });
        break;
      }
    }
  }
  return inspectionId;
}

async function matchDepartments(q: Queryable, unitId: number, findings: readonly SnapshotFinding[]): Promise<{ name: string; departmentId: number | null }[]> {
  const departments = await listDepartmentsOfUnit(q, unitId);
  const names = new Set<string>();
  for (const finding of findings) {
    for (const measure of finding.measures) if (measure.department) names.add(measure.department.trim());
  }
  return [...names].map((name) => ({ name, departmentId: departments.find((department) => department.name === name)?.id ?? null }));
}

/** Maps leader and owner names of the sheet to users of the unit; a name shared by several users stays unlinked. */
async function matchPeople(q: Queryable, unitId: number, findings: readonly SnapshotFinding[]): Promise<Map<string, number>> {
  const users = await listUsersOfUnit(q, unitId);
  const matches = new Map<string, number>();
  const names = new Set(findings.flatMap((finding) => finding.measures.flatMap((measure) => [measure.leader, measure.owner])).filter((name): name is string => !!name));
  for (const name of names) {
    const candidates = users.filter((user) => user.displayName === name.trim());
    if (candidates.length === 1) matches.set(name, candidates[0].id);
  }
  return matches;
}

