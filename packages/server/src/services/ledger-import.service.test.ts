import { existsSync, readdirSync, readFileSync } from "node:fs";
import { comparableLedger } from "../test/ledger-compare.ts";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildNoticeDocument,
  buildNoticeModelFromLedger,
  compareNoticeFigures,
  computeNoticeFigures,
  createSampleLedgerSnapshot,
  parseNotice,
  renderText,
  type LedgerSnapshot,
  type SnapshotFinding,
} from "@zhenggai/core";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCjkFonts } from "../exports/pdf/pdf-writer.ts";
import { writeLedgerWorkbook } from "../exports/xlsx/ledger-writer.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { findRowById } from "../repositories/sql.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";
import { buildLedgerSnapshot } from "./dashboard.service.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixturesDir = path.resolve(here, "../../../core/src/parser/fixtures");
const seedsDir = path.resolve(here, "../../../../../shared/seeds");
const hasSeeds = existsSync(seedsDir);
const hasCjkFont = findCjkFonts() !== null;
if (!hasCjkFont) console.warn("[skip] no CJK font (fonts-noto-cjk) found: the PDF notice round trip is not tested");
const NOTICE_FORMATS = (["docx", "pdf", "html"] as const).filter((format) => format !== "pdf" || hasCjkFont);

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
});

afterAll(async () => {
  await context?.close();
});

function fixture(name: string): { fileName: string; bytes: Uint8Array } {
  return { fileName: name, bytes: readFileSync(path.join(fixturesDir, name)) };
}

const TABLES = ["inspections", "findings", "measures", "rules", "accountabilities", "recoveries", "petitions", "leads", "progress_reports", "orgs", "audit_log"];

async function countRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = Number((await context.db.query<{ n: number }>(`select count(*) as n from ${table}`))[0].n);
  return counts;
}

async function snapshotOf(inspectionId: number): Promise<LedgerSnapshot> {
  const inspection = (await findRowById<InspectionRow>(context.db, "inspections", inspectionId))!;
  return buildLedgerSnapshot(context.db, inspection, "2026-06-15");
}

async function createUnit(name: string): Promise<number> {
  return (await context.db.query<{ id: number }>("insert into orgs (parent_id, kind, name) values ($1, 'unit', $2) returning id", [orgs.office, name]))[0].id;
}

describe("importing a notice", () => {
  it("creates the ledger the notice describes: round, findings, statuses, texts and registers", async () => {
    const unit = await createUnit("青禾县文化旅游局");
    const result = await context.services.imports.importNotice(null, unit, fixture("qinghe-culture-pdf.txt"));
    expect(result.isChanged).toBe(true);
    const parsed = parseNotice(readFileSync(path.join(fixturesDir, "qinghe-culture-pdf.txt"), "utf8"));
    const inspection = (await findRowById<InspectionRow>(context.db, "inspections", result.inspectionId))!;
    expect(inspection).toMatchObject({ orgId: unit, groupName: "县委第三巡察组", level: "县委", startDate: "2023-08-20", endDate: "2023-10-15", feedbackDate: "2023-11-02" });
    expect(inspection.sourceSha256).toMatch(/^[0-9a-f]{64}$/);

    const snapshot = await snapshotOf(result.inspectionId);
    const problems = parsed.categories.flatMap((category) => category.problems);
    expect(snapshot.findings.map((finding) => [finding.number, finding.title, finding.status])).toEqual(problems.map((p) => [p.number, p.title, p.status]));
    expect(snapshot.findings.every((finding) => finding.measures.length === 1 && finding.measures[0].status === finding.status)).toBe(true);
    const phased = snapshot.findings.find((finding) => finding.status === "phased")!;
    expect(phased.progressText).toBeTruthy();
    expect(phased.planText).toBeTruthy();
    expect(snapshot.findings.find((finding) => finding.status === "completed_long_term")!.measures[0].kind).toBe("long_term");

    // Registers: 12 rules (one with the 文号 the text cites), 诫勉2/约谈5, money in fen, 5 closed petitions.
    expect(snapshot.registers.rules).toHaveLength(12);
    expect(snapshot.registers.rules.map((rule) => rule.docNumber)).toContain("青文旅〔2023〕45号");
    const figures = computeNoticeFigures(snapshot);
    expect(figures.accountability).toEqual({ total: 7, byType: { 诫勉: 2, 约谈: 5 } });
    expect(snapshot.registers.recoveries.map((entry) => [entry.kind, entry.amountFen]).sort()).toEqual([
      ["recovered", 12_000_000_000],
      ["refunded", 3_250_000],
    ]);
    expect(figures.petitions).toEqual({ total: 5, closed: 5 });
    // Every figure the notice states and the import can carry agrees with the ledger it built
    // (the 9 立行立改 items are not listed one by one, so they cannot be imported).
    const mismatches = compareNoticeFigures(figures, parsed.claimedSummary).filter((m) => !m.field.startsWith("immediateFix"));
    expect(mismatches).toEqual([]);
  });

  it("round-trips: notice → ledger → rendered notice → parse gives the same findings and statuses", async () => {
    const unit = await createUnit("松林县水利局");
    const result = await context.services.imports.importNotice(null, unit, fixture("songlin-water.md"));
    const snapshot = await snapshotOf(result.inspectionId);
    const texts = { organisation: [], nextSteps: [], contacts: { phones: ["0000-1234567"], emails: [], postal: [] }, publicPeriod: null, date: "2026-06-15" };
    const again = parseNotice(renderText(buildNoticeDocument(buildNoticeModelFromLedger(snapshot, texts))));
    const original = parseNotice(readFileSync(path.join(fixturesDir, "songlin-water.md"), "utf8"));
    // The parse contract has no 未启动: a finding without a stated status prints as 未启动 and reads back as not completed.
    const view = (notice: typeof original) => notice.categories.flatMap((c) => c.problems.map((p) => ({ category: c.label, title: p.title, status: p.status ?? "not_completed" })));
    expect(view(again).map((p) => [p.title, p.status])).toEqual(view(original).map((p) => [p.title, p.status]));
  });

  it.each(NOTICE_FORMATS)("reads back its own %s notice: ledger → notice file → import into another unit gives the same findings, statuses and figures", async (format) => {
    const source = await createUnit(`青禾县文化旅游局（${format}）`);
    const first = await context.services.imports.importNotice(null, source, fixture("qinghe-culture-pdf.txt"));
    const file = await context.services.exports.exportInspection(null, first.inspectionId, { kind: "notice", format });
    const target = await createUnit(`青禾县文化旅游局（${format}副本）`);
    const second = await context.services.imports.importNotice(null, target, { fileName: file.fileName, bytes: file.bytes });
    expect(second.format).toBe(format);
    const [a, b] = [await snapshotOf(first.inspectionId), await snapshotOf(second.inspectionId)];
    const view = (snapshot: LedgerSnapshot) => snapshot.findings.map((f) => [f.number, f.title, f.status, f.progressText, f.planText]);
    expect(view(b)).toEqual(view(a));
    expect(computeNoticeFigures(b)).toEqual(computeNoticeFigures(a));
  });

  it.each(["hexi-street.txt", "baishui-town.md", "qinghe-health-plain.txt"])("imports our fixture %s with one finding per problem", async (name) => {
    const unit = await createUnit(`单位-${name}`);
    const result = await context.services.imports.importNotice(null, unit, fixture(name));
    const parsed = parseNotice(readFileSync(path.join(fixturesDir, name), "utf8"));
    const snapshot = await snapshotOf(result.inspectionId);
    expect(snapshot.findings).toHaveLength(parsed.categories.flatMap((c) => c.problems).length);
    expect(snapshot.findings.map((f) => f.status)).toEqual(parsed.categories.flatMap((c) => c.problems.map((p) => p.status ?? "not_started")));
    expect(result.checks.map((check) => check.code)).toEqual(parsed.findings.map((finding) => finding.code));
  });

  it("changes nothing when the same notice is imported again: no new rows, no new audit entries", async () => {
    const unit = await createUnit("河西街道");
    const first = await context.services.imports.importNotice(null, unit, fixture("hexi-street.txt"));
    const before = await countRows();
    const second = await context.services.imports.importNotice(null, unit, fixture("hexi-street.txt"));
    expect(second.isChanged).toBe(false);
    expect(second.inspectionId).toBe(first.inspectionId);
    expect(second.existing).toMatchObject({ matchedBy: "source" });
    expect(second.changes).toEqual([]);
    expect(await countRows()).toEqual(before);
  });

  it("creates one round when the same notice is uploaded twice at the same time", async () => {
    const unit = await createUnit("并发导入单位");
    const results = await Promise.all([
      context.services.imports.importNotice(null, unit, fixture("qinghe-health-plain.txt")),
      context.services.imports.importNotice(null, unit, fixture("qinghe-health-plain.txt")),
    ]);
    expect(results.map((result) => result.isChanged).sort()).toEqual([false, true]);
    const rounds = await context.db.query<{ n: number }>("select count(*) as n from inspections where org_id = $1", [unit]);
    expect(Number(rounds[0].n)).toBe(1);
  });

  it("updates the same round from a later notice (same group and feedback date) and changes nothing the third time", async () => {
    const unit = await createUnit("河西街道（更新）");
    const text = readFileSync(path.join(fixturesDir, "hexi-street.txt"), "utf8");
    const first = await context.services.imports.importNotice(null, unit, { fileName: "v1.txt", bytes: Buffer.from(text) });
    const later = text.replace("违规使用公务用车\n\n整改情况：收回违规使用车辆1台，对相关人员诫勉1人。\n\n整改结果：正在整改", "违规使用公务用车\n\n整改情况：收回违规使用车辆1台，对相关人员诫勉1人。\n\n整改结果：已完成");
    expect(later).not.toBe(text);
    // The office user of unit A cannot even see this unit.
    await expect(context.services.imports.previewNoticeImport(office.actor, unit, { fileName: "v2.txt", bytes: Buffer.from(later) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const second = await context.services.imports.importNotice(null, unit, { fileName: "v2.txt", bytes: Buffer.from(later) });
    expect(second.existing).toMatchObject({ inspectionId: first.inspectionId, matchedBy: "feedback" });
    expect(second.changes.map((change) => change.op)).toEqual(["update_inspection", "set_measure_status"]);
    const snapshot = await snapshotOf(first.inspectionId);
    expect(snapshot.findings.map((f) => f.status)).toEqual(["completed", "completed", "completed", "completed"]);
    const audit = await context.db.query<{ action: string; entity: string; before: { status: string } }>(
      "select action, entity, before from audit_log where entity = 'measure' and action = 'import' and before is not null order by id desc limit 1",
    );
    expect(audit[0].before).toEqual({ status: "in_progress" });
    const counts = await countRows();
    const third = await context.services.imports.importNotice(null, unit, { fileName: "v2-copy.txt", bytes: Buffer.from(`${later}\n`) });
    expect(third.isChanged).toBe(false);
    expect(await countRows()).toEqual(counts);
  });

  it("previews the findings, statuses, figures and checks, and writes nothing", async () => {
    const before = await countRows();
    const preview = await context.services.imports.previewNoticeImport(office.actor, orgs.unitA, fixture("qinghe-culture-pdf.txt"));
    expect(await countRows()).toEqual(before);
    expect(preview.existing).toBeNull();
    expect(preview.plan.findings.map((f) => f.title)).toContain("景区门票收入管理不规范");
    expect(preview.plan.findings[1]).toMatchObject({ status: "phased", statusText: "阶段性完成" });
    expect(preview.plan.figures).toMatchObject({ problemsTotal: 6, completed: 4, phased: 2 });
    expect(preview.plan.docRefs).toEqual(["青文旅〔2023〕45号"]);
    expect(preview.plan.registers.accountability).toEqual([
      { kind: "admonishment", label: "诫勉", people: 2 },
      { kind: "interview", label: "约谈", people: 5 },
    ]);
    expect(preview.checks.map((check) => check.code)).toContain("CLAIM_CONTRADICTED");
    expect(preview.changes[0]).toMatchObject({ op: "create_inspection" });
    expect(preview.changes.filter((change) => change.op === "create_finding")).toHaveLength(6);
    expect(preview.plan.warnings.join("")).toMatch(/立行立改/);
  });

  it("previews a notice without a readable problem list as not importable, and refuses to import it", async () => {
    const unit = await createUnit("北岭乡（无问题清单）");
    const text = [
      "中共北岭乡委员会关于巡察整改进展情况的通报",
      "2024年5月，县委第一巡察组对北岭乡党委开展了巡察，6月反馈了意见。",
      "一、提高政治站位，压实整改责任",
      "乡党委成立整改工作领导小组，建立问题、任务、责任三张清单，逐项对账销号。",
    ].join("\n");
    const file = { fileName: "北岭乡通报.txt", bytes: new TextEncoder().encode(text) };
    const before = await countRows();
    const preview = await context.services.imports.previewNoticeImport(null, unit, file);
    expect(preview.canImport).toBe(false);
    expect(preview.checks[0]).toMatchObject({ code: "STRUCTURE_NOT_FOUND", severity: "error" });
    await expect(context.services.imports.importNotice(null, unit, file)).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("未能从通报中识别出问题清单") });
    expect(await countRows()).toEqual(before);
    expect((await context.services.imports.previewNoticeImport(null, unit, fixture("hexi-street.txt"))).canImport).toBe(true);
  });

  it("requires manage_ledger on a unit", async () => {
    const leader = await createTestUser(context, "leader", orgs.unitA);
    await expect(context.services.imports.importNotice(leader.actor, orgs.unitA, fixture("hexi-street.txt"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(context.services.imports.importNotice(office.actor, orgs.unitB, fixture("hexi-street.txt"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(context.services.imports.importNotice(null, orgs.office, fixture("hexi-street.txt"))).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(context.services.imports.previewNoticeImport(office.actor, orgs.unitA, { fileName: "a.doc", bytes: Buffer.from("x") })).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });
});

describe.skipIf(!hasSeeds)("importing the seed notices from ../shared/seeds", () => {
  const seeds = hasSeeds ? readdirSync(seedsDir).filter((name) => name.endsWith(".txt")) : [];
  it.each(seeds)("imports %s, then re-imports it without changes", async (name) => {
    const unit = await createUnit(`种子单位-${name}`);
    const bytes = readFileSync(path.join(seedsDir, name));
    const first = await context.services.imports.importNotice(null, unit, { fileName: name, bytes });
    const parsed = parseNotice(bytes.toString("utf8"));
    const snapshot = await snapshotOf(first.inspectionId);
    expect(snapshot.findings.map((f) => f.title)).toEqual(parsed.categories.flatMap((c) => c.problems.map((p) => p.title)));
    const counts = await countRows();
    expect((await context.services.imports.importNotice(null, unit, { fileName: name, bytes })).isChanged).toBe(false);
    expect(await countRows()).toEqual(counts);
  });
});
if (!hasSeeds) console.warn(`[skip] ../shared/seeds not found at ${seedsDir}: seed import tests skipped`);

function comparable(findings: readonly SnapshotFinding[]) {
  return comparableLedger(findings, { withEvidenceCount: false });
}

describe("importing an Excel ledger", () => {
  async function emptyRound(orgId: number, name: string): Promise<number> {
    return (await context.services.inspections.createInspection(office.actor, orgId, { name })).id;
  }

  it.each([1, 2, 3])("round-trips generated ledger #%i: ledger → XLSX → import into an empty round → the same ledger", async (seed) => {
    const unit = await createUnit(`桐溪县教育局-${seed}`);
    const admin = await createTestUser(context, "rectification_office", unit);
    const generated = createSampleLedgerSnapshot({ seed, findings: 5 + seed * 2, immediateFindings: 1 });
    const bytes = await writeLedgerWorkbook(generated);

    const roundA = (await context.services.inspections.createInspection(admin.actor, unit, { name: `第${seed}轮` })).id;
    const preview = await context.services.imports.previewLedgerWorkbook(admin.actor, roundA, bytes);
    expect(preview.findings).toHaveLength(generated.findings.length);
    expect(preview.unmatchedDepartments.length).toBeGreaterThan(0);
    expect(preview.columns.map((column) => column.field)).toEqual(["number", "category", "finding", "measure", "leader", "department", "owner", "dueDate", "progress", "status", "evidence", "note", null, null]);

    const result = await context.services.imports.importLedgerWorkbook(admin.actor, roundA, bytes, { createDepartments: true });
    expect(result.unmatchedDepartments).toEqual([]);
    const snapshotA = await snapshotOf(roundA);
    expect(comparable(snapshotA.findings)).toEqual(comparable(generated.findings));

    // Export the imported round through the export service and import it into another empty round.
    const exported = await context.services.exports.exportInspection(admin.actor, roundA, { kind: "ledger", format: "xlsx" });
    const roundB = (await context.services.inspections.createInspection(admin.actor, unit, { name: `第${seed}轮（副本）` })).id;
    const second = await context.services.imports.importLedgerWorkbook(admin.actor, roundB, exported.bytes);
    expect(second.createdDepartments).toEqual([]);
    expect(second.unmatchedDepartments).toEqual([]);
    expect(comparable((await snapshotOf(roundB)).findings)).toEqual(comparable(snapshotA.findings));
  });

  it("reads a hand-made sheet with merged cells, other header names and a column mapping; reports unknown departments", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("台账");
    sheet.addRow(["编号", "存在问题", "工作任务", "牵头领导", "责任单位", "经办人", "整改期限", "完成情况", "状态"]);
    sheet.addRow(["1", "食堂账目不清", "建立食堂台账", "王局长", "甲单位一股", "赵敏", "2026年3月31日", "已建立", "已完成"]);
    sheet.addRow(["", "", "开展食堂专项检查", "王局长", "后勤中心", "钱进", new Date(Date.UTC(2026, 5, 30)), "", "整改推进中"]);
    sheet.addRow(["2", "公车管理不严", "修订公车管理办法", "李书记", "甲单位二股", "孙丽", "长期坚持", "", "已整改，长期坚持"]);
    sheet.mergeCells(2, 1, 3, 1);
    sheet.mergeCells(2, 2, 3, 2);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const round = await emptyRound(orgs.unitA, "手工台账导入");
    const owner = await createTestUser(context, "department", orgs.deptA1, "赵敏");

    const preview = await context.services.imports.previewLedgerWorkbook(office.actor, round, bytes);
    expect(preview.columns.find((column) => column.header === "工作任务")!.field).toBeNull();
    const mapped = await context.services.imports.previewLedgerWorkbook(office.actor, round, bytes, { columnMapping: { 工作任务: "measure" } });
    expect(mapped.columns.find((column) => column.column === 3)!.field).toBe("measure");
    expect(mapped.findings).toEqual([
      { number: "1", category: null, title: "食堂账目不清", status: "in_progress", measureCount: 2 },
      { number: "2", category: null, title: "公车管理不严", status: "completed_long_term", measureCount: 1 },
    ]);
    expect(mapped.unmatchedDepartments).toEqual(["后勤中心"]);
    expect(mapped.matchedPeople).toEqual(["赵敏"]);

    const before = await countRows();
    const result = await context.services.imports.importLedgerWorkbook(office.actor, round, bytes, { columnMapping: { "3": "measure" } });
    expect(result).toMatchObject({ findingsCreated: 2, measuresCreated: 3, unmatchedDepartments: ["后勤中心"], createdDepartments: [] });
    const after = await countRows();
    expect(after.orgs).toBe(before.orgs);
    const snapshot = await snapshotOf(round);
    expect(snapshot.findings[0].measures.map((m) => [m.text, m.department, m.owner, m.dueDate, m.status])).toEqual([
      ["建立食堂台账", "甲单位一股", "赵敏", "2026-03-31", "completed"],
      ["开展食堂专项检查", null, "钱进", "2026-06-30", "in_progress"],
    ]);
    // People are matched to the unit's users by name, so the owner sees the measure under "my measures".
    const mine = await context.services.measures.listMeasures(owner.actor, { isMine: true, page: 1, pageSize: 20 });
    expect(mine.items.map((m) => m.text)).toEqual(["建立食堂台账"]);
    const audit = await context.db.query<{ action: string }>("select action from audit_log where entity = 'inspection' and entity_id = $1 order by id", [String(round)]);
    expect(audit.map((entry) => entry.action)).toEqual(["create", "import"]);
  });

  it("refuses a leader (read-only on the ledger), another unit's user and a file that is not a workbook", async () => {
    const round = await emptyRound(orgs.unitA, "权限测试");
    const leader = await createTestUser(context, "leader", orgs.unitA);
    const otherUnit = await createTestUser(context, "rectification_office", orgs.unitB);
    const bytes = await writeLedgerWorkbook(createSampleLedgerSnapshot({ seed: 9, findings: 2, immediateFindings: 0 }));
    await expect(context.services.imports.importLedgerWorkbook(leader.actor, round, bytes)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(context.services.imports.previewLedgerWorkbook(otherUnit.actor, round, bytes)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(context.services.imports.previewLedgerWorkbook(office.actor, round, Buffer.from("不是表格"))).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });
});
