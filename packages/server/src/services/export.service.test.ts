import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareNoticeFigures, computeNoticeFigures, createSampleLedgerSnapshot, parseNotice, type LedgerSnapshot } from "@zhenggai/core";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCjkFonts } from "../exports/pdf/pdf-writer.ts";
import { writeLedgerWorkbook } from "../exports/xlsx/ledger-writer.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { findRowById } from "../repositories/sql.ts";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";
import { buildLedgerSnapshot } from "./dashboard.service.ts";
import type { ExportFormat, ExportKind } from "./export.service.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixturesDir = path.resolve(here, "../../../core/src/parser/fixtures");
const hasCjkFont = findCjkFonts() !== null;
if (!hasCjkFont) console.warn("[skip] no CJK font (fonts-noto-cjk) found: PDF exports are not tested");

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;
let leader: TestUser;
let inspectionId: number;
let noticeId: number;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  await context.db.query("update orgs set party_org_name = '中共甲单位党组' where id = $1", [orgs.unitA]);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
  leader = await createTestUser(context, "leader", orgs.unitA);
  const bytes = readFileSync(path.join(fixturesDir, "qinghe-culture-pdf.txt"));
  inspectionId = (await context.services.imports.importNotice(office.actor, orgs.unitA, { fileName: "qinghe.txt", bytes })).inspectionId;
  noticeId = (
    await context.services.notices.createNotice(office.actor, inspectionId, {
      title: "中共甲单位党组关于巡察整改进展情况的通报",
      texts: { organisation: "党组高度重视巡察整改工作，成立整改工作领导小组。", nextSteps: "持续巩固整改成果。" },
      contacts: { phones: ["0000-7654321"], emails: ["zhenggai@example.cn"], postal: [] },
      issuer: "中共甲单位党组",
      noticeDate: "2026-06-15",
      publicStart: "2026-06-15",
      publicEnd: "2026-06-21",
    })
  ).id;
});

afterAll(async () => {
  await context?.close();
});

async function snapshotOf(id: number): Promise<LedgerSnapshot> {
  const inspection = (await findRowById<InspectionRow>(context.db, "inspections", id))!;
  return buildLedgerSnapshot(context.db, inspection, "2026-06-15");
}

/** Reads an exported document back to text with a real reader for its format. */
async function readBack(format: ExportFormat, bytes: Uint8Array): Promise<string> {
  switch (format) {
    case "docx":
      return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    case "pdf":
      return (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text.replace(/\s+/g, "");
    case "html":
    case "md":
    case "txt":
      return Buffer.from(bytes).toString("utf8");
    case "xlsx": {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet("整改台账")!;
      const lines: string[] = [];
      sheet.eachRow((row) => lines.push((row.values as unknown[]).map((value) => (value instanceof Date ? value.toISOString() : String(value ?? ""))).join("\t")));
      return lines.join("\n");
    }
  }
}

const DOCUMENT_FORMATS = (["docx", "pdf", "html", "md", "txt"] as const).filter((format) => format !== "pdf" || hasCjkFont);
const CASES: [ExportKind, ExportFormat, string][] = [
  ...DOCUMENT_FORMATS.map((format): [ExportKind, ExportFormat, string] => ["notice", format, "景区门票收入管理不规范"]),
  ...DOCUMENT_FORMATS.map((format): [ExportKind, ExportFormat, string] => ["report", format, "整改情况的报告"]),
  ...DOCUMENT_FORMATS.map((format): [ExportKind, ExportFormat, string] => ["principal_report", format, "主要负责人"]),
  ["ledger", "xlsx", "景区门票收入管理不规范"],
];

describe("exporting a round", () => {
  it.each(CASES)("exports %s as %s that reads back with a real reader", async (kind, format, expected) => {
    const file = await context.services.exports.exportInspection(office.actor, inspectionId, { kind, format, noticeId: kind === "notice" ? noticeId : undefined });
    expect(file.fileName).toMatch(new RegExp(`^[\\u4e00-\\u9fff]+-.+\\.${format}$`));
    expect(file.mimeType).toBeTruthy();
    const text = await readBack(format, file.bytes);
    expect(text).toContain(expected);
    if (kind === "notice" && format !== "pdf") {
      expect(text).toContain("党组高度重视巡察整改工作");
      expect(text).toContain("0000-7654321");
    }
  });

  it("names the Excel ledger 整改台账-<round>.xlsx", async () => {
    const file = await context.services.exports.exportInspection(null, inspectionId, { kind: "ledger", format: "xlsx" });
    const inspection = (await findRowById<InspectionRow>(context.db, "inspections", inspectionId))!;
    expect(file.fileName).toBe(`整改台账-${inspection.name}.xlsx`);
    expect(file.mimeType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  it("refuses mismatched kind and format, a notice of another round and a user of another unit", async () => {
    await expect(context.services.exports.exportInspection(office.actor, inspectionId, { kind: "ledger", format: "docx" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(context.services.exports.exportInspection(office.actor, inspectionId, { kind: "notice", format: "xlsx" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const other = await context.services.inspections.createInspection(office.actor, orgs.unitA, { name: "另一轮" });
    await expect(context.services.exports.exportInspection(office.actor, other.id, { kind: "notice", format: "md", noticeId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const outsider = await createTestUser(context, "rectification_office", orgs.unitB);
    await expect(context.services.exports.exportInspection(outsider.actor, inspectionId, { kind: "report", format: "md" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("figures in a generated notice", () => {
  it.each([1, 2, 3])("equal the ledger's statistics for generated ledger #%i", async (seed) => {
    const round = await context.services.inspections.createInspection(office.actor, orgs.unitA, { name: `生成台账${seed}` });
    const generated = createSampleLedgerSnapshot({ seed, findings: 8 + seed * 3, immediateFindings: 0 });
    await context.services.imports.importLedgerWorkbook(office.actor, round.id, await writeLedgerWorkbook(generated), { createDepartments: true });
    const file = await context.services.exports.exportInspection(office.actor, round.id, { kind: "notice", format: "txt" });
    const claimed = parseNotice(Buffer.from(file.bytes).toString("utf8")).claimedSummary;
    const figures = computeNoticeFigures(await snapshotOf(round.id));
    expect(figures.problemsTotal).toBe(generated.findings.length);
    expect(compareNoticeFigures(figures, claimed)).toEqual([]);
  });

  it("equal the ledger's statistics for a ledger with registers (imported notice)", async () => {
    const file = await context.services.exports.exportInspection(office.actor, inspectionId, { kind: "notice", format: "txt", noticeId });
    const claimed = parseNotice(Buffer.from(file.bytes).toString("utf8")).claimedSummary;
    expect(compareNoticeFigures(computeNoticeFigures(await snapshotOf(inspectionId)), claimed)).toEqual([]);
    expect(claimed).toMatchObject({ problemsTotal: 6, completed: 4, phased: 2, rulesMade: 12, accountability: { total: 7 } });
  });
});

describe("checks before approving a notice", () => {
  it("refuses approval when the notice's texts state figures that differ from the ledger, listing them", async () => {
    const draft = await context.services.notices.createNotice(office.actor, inspectionId, {
      texts: { organisation: "截至2026年6月15日，巡察反馈的9个问题，已完成整改9个，整改完成率100%。" },
      noticeDate: "2026-06-15",
    });
    const check = await context.services.notices.checkNotice(office.actor, draft.id);
    expect(check.canApprove).toBe(false);
    expect(check.mismatches.map((m) => m.field)).toEqual(expect.arrayContaining(["problemsTotal", "completed"]));
    const refusal = context.services.notices.transitionNotice(leader.actor, draft.id, { to: "approved", version: draft.version });
    await expect(refusal).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    await expect(refusal).rejects.toThrow(/通报中问题总数为9，台账计算为6/);
    const stored = (await context.services.notices.getNotice(office.actor, draft.id)).state;
    expect(stored).toBe("draft");
  });

  it("approves when the figures agree, freezes the ledger's figures, and refuses figures the ledger no longer has", async () => {
    const draft = await context.services.notices.createNotice(office.actor, inspectionId, {
      texts: { organisation: "巡察反馈的6个问题，已完成整改4个，阶段性完成整改2个。" },
      noticeDate: "2026-06-15",
    });
    const check = await context.services.notices.checkNotice(office.actor, draft.id);
    expect(check.mismatches).toEqual([]);
    // The imported notice claims an item completed whose text says work goes on: an error that blocks until corrected.
    const contradicted = check.warnings.find((w) => w.code === "CLAIM_CONTRADICTED");
    expect(contradicted?.severity).toBe("error");
    await expect(context.services.notices.transitionNotice(leader.actor, draft.id, { to: "approved", version: draft.version, figures: check.figures })).rejects.toThrow(/检查发现 1 个错误/);
    const [claimed] = await context.db.query<{ id: number }>("select id from findings where inspection_id = $1 and progress_text like '%正在推进之中%'", [inspectionId]);
    const current = await context.services.findings.getFinding(office.actor, claimed.id);
    await context.services.findings.updateFinding(office.actor, claimed.id, { version: current.version, progressText: "已完成门票收入专项清理，建立收入日报制度。" });
    for (const warning of (await context.services.notices.checkNotice(office.actor, draft.id)).warnings.filter((w) => w.needsAcknowledgement)) {
      await context.services.notices.acknowledgeWarning(office.actor, draft.id, { key: warning.key as string });
    }
    // The approver reviewed these figures; then the ledger changes before they click approve.
    const reviewed = check.figures;
    const finding = (await context.db.query<{ id: number }>("select id from findings where inspection_id = $1 and status = 'phased' order by seq limit 1", [inspectionId]))[0];
    await context.db.query("update measures set status = 'completed' where finding_id = $1", [finding.id]);
    await context.db.query("update findings set status = 'completed' where id = $1", [finding.id]);
    const stale = context.services.notices.transitionNotice(leader.actor, draft.id, { to: "approved", version: draft.version, figures: reviewed });
    await expect(stale).rejects.toThrow(/已完成整改数为4，台账计算为5/);
    // Put the ledger back: now the same figures pass and are frozen on the notice.
    await context.db.query("update measures set status = 'phased' where finding_id = $1", [finding.id]);
    await context.db.query("update findings set status = 'phased' where id = $1", [finding.id]);
    const approved = await context.services.notices.transitionNotice(leader.actor, draft.id, { to: "approved", version: draft.version, figures: reviewed });
    expect(approved.state).toBe("approved");
    expect(approved.figures).toMatchObject({ problemsTotal: 6, completed: 4, phased: 2 });

    // The ledger moves after approval: publishing the approved figures is refused until re-approved.
    await context.db.query("update measures set status = 'completed' where finding_id = $1", [finding.id]);
    await context.db.query("update findings set status = 'completed' where id = $1", [finding.id]);
    const publish = context.services.notices.transitionNotice(office.actor, draft.id, { to: "published", version: approved.version });
    await expect(publish).rejects.toThrow(/审核后台账数据已变化.*已完成整改数为4，台账计算为5/);
    await context.db.query("update measures set status = 'phased' where finding_id = $1", [finding.id]);
    await context.db.query("update findings set status = 'phased' where id = $1", [finding.id]);
    const published = await context.services.notices.transitionNotice(office.actor, draft.id, { to: "published", version: approved.version });
    expect(published.state).toBe("published");
  });

  it("lists a finding marked completed with open measures, and the checker's findings on the rendered notice", async () => {
    const round = await context.services.inspections.createInspection(office.actor, orgs.unitA, { name: "检查警告" });
    const finding = await context.services.findings.createFinding(office.actor, round.id, { title: "资产管理不规范", progressText: "已完成资产清查，力争2027年底前完成全部处置。" });
    await context.services.measures.createMeasure(office.actor, finding.id, { text: "开展资产清查" });
    await context.db.query("update findings set status = 'completed' where id = $1", [finding.id]);
    const draft = await context.services.notices.createNotice(office.actor, round.id, { noticeDate: "2026-06-15" });
    const check = await context.services.notices.checkNotice(office.actor, draft.id);
    expect(check.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["COMPLETED_WITH_OPEN_MEASURES", "CLAIM_CONTRADICTED"]));
    expect(check.warnings.find((w) => w.code === "COMPLETED_WITH_OPEN_MEASURES")!.message).toMatch(/资产管理不规范.*1条整改措施未完成/);
    // Errors block approval, and cannot be acknowledged away.
    expect(check.canApprove).toBe(false);
    expect(check.blockers.join("")).toMatch(/检查发现 \d+ 个错误，须先改正：.*资产管理不规范/);
    const error = check.warnings.find((w) => w.code === "COMPLETED_WITH_OPEN_MEASURES")!;
    await expect(context.services.notices.acknowledgeWarning(office.actor, draft.id, { key: error.key as string })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
