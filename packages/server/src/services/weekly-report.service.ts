import { buildWeeklyReportDocument, daysBetween, weeklyPeriodOf, type DocumentModel } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { renderDocument, mimeTypeOf, type DocumentFormat } from "../exports/index.ts";
import { findRowById, updateRowVersioned } from "../repositories/sql.ts";
import {
  findWeeklyReport,
  gatherWeeklyContent,
  insertWeeklyReport,
  listWeeklyReports,
  listWeeklyReportStatus,
  type WeeklyReportRow,
} from "../repositories/weekly-report.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { resolveClockRules } from "./clock.service.ts";
import { notifyWeeklyReport } from "./notification-events.ts";
import { runMutation } from "./transaction.ts";
import { ensure, found, staleVersion } from "./validation.ts";

// A report is generated for the week that just ended on the configured weekday; a run that finds it
// missing up to this many days later (a downtime) still generates it.
const CATCH_UP_DAYS = 6;

/** 周汇报: generated each week per unit, edited by the 整改办, sent to the supervisors. */
export class WeeklyReportService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly today: () => string,
  ) {}

  /** Generates a unit's report for the period that ended on its weekday, if due and missing (scheduler). */
  async generateDue(unitId: number, weeklyReportDay: number, today: string): Promise<boolean> {
    const period = weeklyPeriodOf(today, weeklyReportDay);
    if (daysBetween(period.periodEnd, today) > CATCH_UP_DAYS) return false;
    if (await findWeeklyReport(this.db, unitId, period.periodStart)) return false;
    const content = await gatherWeeklyContent(this.db, unitId, period);
    return runMutation(this.db, null, async (tx, audit) => {
      const row = await insertWeeklyReport(tx, unitId, content);
      if (!row) return false;
      await audit({ action: "generate", entity: "weekly_report", entityId: row.id, orgId: unitId, after: { periodStart: row.periodStart, periodEnd: row.periodEnd } });
      await notifyWeeklyReport(tx, { ...row, unitName: content.unitName }, "generated", null);
      return true;
    });
  }

  /** The 整改办 generates (or opens) the report of the latest period now. */
  async generateNow(actor: Actor, unitId: number): Promise<WeeklyReportRow> {
    const scope = await AccessScope.load(this.db, actor);
    scope.require("manage_ledger", [unitId], "单位");
    const unit = found((await this.db.query<{ kind: string }>("select kind from orgs where id = $1", [unitId]))[0], "单位");
    ensure(unit.kind === "unit", "周汇报按单位生成，请选择单位");
    const { rules } = await resolveClockRules(this.db, unitId);
    const period = weeklyPeriodOf(this.today(), rules.weeklyReportDay);
    const existing = await findWeeklyReport(this.db, unitId, period.periodStart);
    if (existing) return existing;
    const content = await gatherWeeklyContent(this.db, unitId, period);
    return runMutation(this.db, actor, async (tx, audit) => {
      const row = (await insertWeeklyReport(tx, unitId, content)) ?? (await findWeeklyReport(tx, unitId, period.periodStart));
      if (!row) throw new AppError("CONFLICT", "周汇报生成冲突，请重试");
      await audit({ action: "generate", entity: "weekly_report", entityId: row.id, orgId: unitId, after: { periodStart: row.periodStart, periodEnd: row.periodEnd } });
      return row;
    });
  }

  /** Lists the reports of the units the actor can see. */
  async list(actor: Actor): Promise<Awaited<ReturnType<typeof listWeeklyReports>>> {
    const scope = await AccessScope.load(this.db, actor);
    return listWeeklyReports(this.db, scope.visibleOrgIds(), 200);
  }

  /** Reads one report with what the actor may do with it. */
  async get(actor: Actor, id: number): Promise<WeeklyReportRow & { unitName: string; canEdit: boolean }> {
    const { report, scope } = await this.load(actor, id, "read");
    return { ...report, unitName: report.content.unitName, canEdit: report.state === "draft" && scope.can("manage_ledger", [report.orgId]) };
  }

  /** Edits the 整改办's own words (summary, next steps) of a draft. */
  async update(actor: Actor, id: number, input: { summary: string; nextSteps: string; version: number }): Promise<WeeklyReportRow> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const { report } = await this.load(actor, id, "manage_ledger", tx);
      if (report.state !== "draft") throw new AppError("CONFLICT", "周汇报已报送，不能再修改");
      const content = { ...report.content, summary: input.summary.trim(), nextSteps: input.nextSteps.trim() };
      const after = await updateRowVersioned<WeeklyReportRow>(tx, "weekly_reports", id, input.version, { values: { content, updatedBy: actor.userId }, jsonFields: ["content"] });
      if (!after) staleVersion("周汇报");
      await audit({ action: "update", entity: "weekly_report", entityId: id, orgId: report.orgId, before: { summary: report.content.summary, nextSteps: report.content.nextSteps }, after: { summary: content.summary, nextSteps: content.nextSteps } });
      return after;
    });
  }

  /** Sends a draft to the supervisors (报送); a sent report is frozen. */
  async send(actor: Actor, id: number, version: number): Promise<WeeklyReportRow> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const { report } = await this.load(actor, id, "manage_ledger", tx);
      if (report.state !== "draft") throw new AppError("CONFLICT", "周汇报已报送");
      const after = await updateRowVersioned<WeeklyReportRow>(tx, "weekly_reports", id, version, { values: { state: "sent", sentAt: this.now().toISOString(), sentBy: actor.userId } });
      if (!after) staleVersion("周汇报");
      await audit({ action: "send", entity: "weekly_report", entityId: id, orgId: report.orgId, before: { state: "draft" }, after: { state: "sent" } });
      await notifyWeeklyReport(tx, { ...after, unitName: report.content.unitName }, "sent", actor.userId);
      return after;
    });
  }

  /** The report as a document (DOCX and the other formats). */
  async render(actor: Actor, id: number, format: DocumentFormat): Promise<{ bytes: Uint8Array; fileName: string; mimeType: string; document: DocumentModel }> {
    const { report } = await this.load(actor, id, "read");
    const document = buildWeeklyReportDocument(report.content);
    return { bytes: await renderDocument(document, format), fileName: `${document.title}.${format}`, mimeType: mimeTypeOf(format), document };
  }

  /** For supervisors: each visible unit owing reports and whether it sent the one of the latest period. */
  async status(actor: Actor): Promise<{ periodStart: string; periodEnd: string; units: Awaited<ReturnType<typeof listWeeklyReportStatus>> }> {
    const scope = await AccessScope.load(this.db, actor);
    const root = actor.grants[0]?.orgId;
    const { rules } = root ? await resolveClockRules(this.db, root) : { rules: undefined };
    const period = weeklyPeriodOf(this.today(), rules?.weeklyReportDay ?? 5);
    return { ...period, units: await listWeeklyReportStatus(this.db, scope.visibleOrgIds(), period.periodStart) };
  }

  private async load(actor: Actor, id: number, action: "read" | "manage_ledger", q: Parameters<typeof findRowById>[0] = this.db): Promise<{ report: WeeklyReportRow; scope: AccessScope }> {
    const report = found(await findRowById<WeeklyReportRow>(q, "weekly_reports", id, action !== "read"), "周汇报");
    const scope = await AccessScope.load(q, actor);
    scope.require(action, [report.orgId], "周汇报");
    return { report, scope };
  }
}
