import {
  buildNoticeDocument,
  buildNoticeModelFromLedger,
  buildPrincipalReportDocument,
  buildPrincipalReportModel,
  buildRectificationReportDocument,
  buildRectificationReportModel,
  type DocumentModel,
  type LedgerSnapshot,
} from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { mimeTypeOf, renderDocument, type DocumentFormat } from "../exports/render-document.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { findRowById } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { buildLedgerSnapshot } from "./dashboard.service.ts";
import { noticeTextsOf } from "./notice-check.ts";
import type { NoticeRow } from "./notice.service.ts";
import { ensure, found } from "./validation.ts";
import type { TaskPool } from "../workers/worker-pool.ts";

/** Documents an inspection round can be exported as. */
export type ExportKind = "notice" | "report" | "principal_report" | "ledger";

/** File formats of an export: the document formats and the Excel ledger. */
export type ExportFormat = DocumentFormat | "xlsx";

/** All export kinds, for option validation. */
export const EXPORT_KINDS: readonly ExportKind[] = ["notice", "report", "principal_report", "ledger"];

/** All export formats, for option validation. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ["docx", "pdf", "html", "md", "txt", "xlsx"];

/** What to export. */
export interface ExportRequest {
  kind: ExportKind;
  format: ExportFormat;
  /** The notice whose texts, contacts, issuer and date fill a notice export. */
  noticeId?: number;
}

/** An exported file. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function labelExportKind(kind: ExportKind): string {
  switch (kind) {
    case "notice":
      return "整改进展情况通报";
    case "report":
      return "整改情况报告";
    case "principal_report":
      return "主要负责人组织落实巡察整改情况报告";
    case "ledger":
      return "整改台账";
  }
}

/** Makes a round name safe as part of a file name on every system. */
function safeFilePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").replace(/\s+/g, "").slice(0, 80) || "巡察轮次";
}

/** Exports of a round's ledger: the public notice, the internal reports and the Excel ledger. */
export class ExportService {
  private readonly db: Database;
  private readonly today: () => string;
  private readonly workers: TaskPool | null;

  /** `workers`: where DOCX, PDF, HTML and XLSX are rendered, off the event loop (null: on it). */
  constructor(db: Database, today: () => string, workers: TaskPool | null = null) {
    this.db = db;
    this.today = today;
    this.workers = workers;
  }

  /** Renders one document of a round from its ledger snapshot (null actor: trusted CLI). */
  async exportInspection(actor: Actor | null, inspectionId: number, request: ExportRequest): Promise<ExportedFile> {
    const isLedger = request.kind === "ledger";
    ensure(isLedger === (request.format === "xlsx"), isLedger ? "整改台账只能导出为 xlsx 格式" : `${labelExportKind(request.kind)}不能导出为 xlsx，请选择 docx、pdf、html、md 或 txt`);
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", inspectionId), "巡察轮次");
    if (actor) (await AccessScope.load(this.db, actor)).require("read", [inspection.orgId], "巡察轮次");
    const notice = request.noticeId === undefined ? null : await this.loadNotice(request.noticeId, inspection);
    const snapshot = await buildLedgerSnapshot(this.db, inspection, this.today());
    const fileName = `${labelExportKind(request.kind)}-${safeFilePart(inspection.name)}.${request.format}`;
    if (request.kind === "ledger" || request.format === "xlsx") {
      const bytes = this.workers
        ? await this.workers.run("write-ledger-workbook", { snapshot })
        : await (await import("../exports/xlsx/ledger-writer.ts")).writeLedgerWorkbook(snapshot);
      return { fileName, mimeType: XLSX_MIME, bytes };
    }
    const document = this.buildDocument(request.kind, snapshot, notice);
    const format = request.format;
    // Markdown and text are a string walk; the other writers take long enough to block everyone.
    const bytes = this.workers && format !== "md" && format !== "txt" ? await this.workers.run("render-document", { document, format }) : await renderDocument(document, format);
    return { fileName, mimeType: mimeTypeOf(format), bytes };
  }

  private async loadNotice(noticeId: number, inspection: InspectionRow): Promise<NoticeRow> {
    const notice = found(await findRowById<NoticeRow>(this.db, "notices", noticeId), "通报");
    // The notice must belong to the exported round; otherwise its texts could leak into another unit's document.
    if (notice.inspectionId !== inspection.id) throw new AppError("NOT_FOUND", "通报不存在或不属于该巡察轮次");
    return notice;
  }

  private buildDocument(kind: Exclude<ExportKind, "ledger">, snapshot: LedgerSnapshot, notice: NoticeRow | null): DocumentModel {
    switch (kind) {
      case "notice": {
        const texts = notice
          ? noticeTextsOf(notice)
          : { organisation: [], nextSteps: [], contacts: { phones: [], emails: [], postal: [] }, publicPeriod: null, date: snapshot.asOf };
        return buildNoticeDocument(buildNoticeModelFromLedger(snapshot, texts));
      }
      case "report":
        return buildRectificationReportDocument(buildRectificationReportModel(snapshot));
      case "principal_report":
        return buildPrincipalReportDocument(buildPrincipalReportModel(snapshot));
    }
  }
}
