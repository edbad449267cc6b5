import { createHash } from "node:crypto";
import { buildNoticeDocument, buildNoticeModelFromLedger, checkContacts, checkNoticeDates, renderText, todayInShanghai } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { renderHtmlBody } from "../exports/html/html-writer.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { camelizeRow, findRowById, insertRow, selectPage, updateRowVersioned, WhereBuilder, type Page } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { buildLedgerSnapshot } from "./dashboard.service.ts";
import { listAcknowledgements } from "../repositories/notice.repository.ts";
import { applyPublishingGate, checkNoticeAgainstLedger, describeFigureMismatches, noticeTextsOf, type NoticeAcknowledgement, type NoticeCheck } from "./notice-check.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, ensureNoProblems, found, staleVersion } from "./validation.ts";
import { notifyCommentToTriage } from "./notification-events.ts";

/** Editable parts of a notice. */
export interface NoticeInput {
  title?: string;
  texts?: Record<string, string>;
  contacts?: { phones: string[]; emails: string[]; postal: string[] };
  issuer?: string | null;
  noticeDate?: string | null;
  publicStart?: string | null;
  publicEnd?: string | null;
}

/** A notice as stored. */
export interface NoticeRow {
  id: number;
  orgId: number;
  inspectionId: number;
  state: "draft" | "approved" | "published" | "withdrawn";
  title: string;
  texts: Record<string, string>;
  contacts: { phones: string[]; emails: string[]; postal: string[] };
  issuer: string | null;
  noticeDate: string | null;
  publicStart: string | null;
  publicEnd: string | null;
  figures: unknown;
  approvedBy: number | null;
  approvedAt: string | null;
  publishedAt: string | null;
  version: number;
}

/** True when today lies in the notice's public period (an open end counts as open). */
function isCommentPeriodOpen(notice: { publicStart: string | null; publicEnd: string | null }, today: string): boolean {
  return (!notice.publicStart || notice.publicStart <= today) && (!notice.publicEnd || today <= notice.publicEnd);
}

/** A published notice as the public reads it. */
export interface PublicNoticeView {
  id: number;
  title: string;
  issuer: string | null;
  noticeDate: string | null;
  publicStart: string | null;
  publicEnd: string | null;
  contacts: { phones: string[]; emails: string[]; postal: string[] };
  publishedAt: string | null;
  /** The notice body rendered at publication (escaped HTML). */
  html: string;
  sha256: string | null;
  isCommentOpen: boolean;
}

/** A public comment as stored. */
export interface PublicCommentRow {
  id: number;
  noticeId: number;
  orgId: number;
  text: string;
  contact: string | null;
  state: "pending" | "accepted" | "rejected";
  createdAt: string;
  version: number;
}

function validateNotice(input: NoticeInput): void {
  if (input.title !== undefined) ensure(input.title.trim(), "请填写通报标题");
  ensureDates({
    noticeDate: { value: input.noticeDate, label: "成文日期" },
    publicStart: { value: input.publicStart, label: "公示开始日期" },
    publicEnd: { value: input.publicEnd, label: "公示截止日期" },
  });
  if (input.contacts) ensureNoProblems(checkContacts(input.contacts));
}

/** Checks a notice's dates against its round: dated and published no earlier than the feedback, the public period forwards. */
function validateNoticeDates(notice: Pick<NoticeRow, "noticeDate" | "publicStart" | "publicEnd">, inspection: InspectionRow): void {
  ensureNoProblems(checkNoticeDates({ ...notice, feedbackDate: inspection.feedbackDate }));
}

const NOTICE_JSON = ["texts", "contacts", "figures"] as const;

/** Progress notices (通报/公示): draft → approved → published, and the public's comments. */
export class NoticeService {
  private readonly db: Database;
  private readonly now: () => Date;

  constructor(db: Database, now: () => Date) {
    this.db = db;
    this.now = now;
  }

  /** Lists notices visible to the actor. */
  async listNotices(actor: Actor, filter: { inspectionId?: number; page: number; pageSize: number }): Promise<Page<NoticeRow>> {
    const scope = await AccessScope.load(this.db, actor);
    const where = new WhereBuilder();
    where.add(`org_id = any(${where.param(scope.visibleOrgIds())}::bigint[])`);
    if (filter.inspectionId) where.add(`inspection_id = ${where.param(filter.inspectionId)}`);
    return selectPage<NoticeRow>(this.db, { columns: "*", from: "notices", where, orderBy: "id desc", page: filter.page, pageSize: filter.pageSize });
  }

  /** Reads one notice. */
  async getNotice(actor: Actor, id: number): Promise<NoticeRow> {
    const notice = found(await findRowById<NoticeRow>(this.db, "notices", id), "通报");
    (await AccessScope.load(this.db, actor)).require("read", [notice.orgId], "通报");
    return notice;
  }

  /** Creates a draft notice for a round. */
  async createNotice(actor: Actor, inspectionId: number, input: NoticeInput): Promise<NoticeRow> {
    validateNotice(input);
    return runMutation(this.db, actor, async (tx, audit) => {
      const inspection = found(await findRowById<InspectionRow>(tx, "inspections", inspectionId), "巡察轮次");
      (await AccessScope.load(tx, actor)).require("edit_notice", [inspection.orgId], "巡察轮次");
      validateNoticeDates({ noticeDate: input.noticeDate ?? null, publicStart: input.publicStart ?? null, publicEnd: input.publicEnd ?? null }, inspection);
      const row = await insertRow<NoticeRow>(tx, "notices", {
        values: {
          orgId: inspection.orgId,
          inspectionId,
          title: input.title?.trim() || `关于${inspection.name}整改进展情况的通报`,
          texts: input.texts ?? {},
          contacts: input.contacts ?? { phones: [], emails: [], postal: [] },
          issuer: input.issuer ?? null,
          noticeDate: input.noticeDate ?? null,
          publicStart: input.publicStart ?? null,
          publicEnd: input.publicEnd ?? null,
        },
        jsonFields: NOTICE_JSON,
      });
      await audit({ action: "create", entity: "notice", entityId: row.id, orgId: row.orgId, after: row });
      return row;
    });
  }

  /** Edits a draft (an approved notice returns to draft when edited). */
  async updateNotice(actor: Actor, id: number, input: NoticeInput & { version: number }): Promise<NoticeRow> {
    validateNotice(input);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<NoticeRow>(tx, "notices", id, true), "通报");
      (await AccessScope.load(tx, actor)).require("edit_notice", [before.orgId], "通报");
      if (before.state === "published") throw new AppError("INVALID_TRANSITION", "已发布的通报不能修改，请先撤回");
      const { version, ...values } = input;
      const inspection = found(await findRowById<InspectionRow>(tx, "inspections", before.inspectionId), "巡察轮次");
      validateNoticeDates(
        { noticeDate: values.noticeDate === undefined ? before.noticeDate : values.noticeDate, publicStart: values.publicStart === undefined ? before.publicStart : values.publicStart, publicEnd: values.publicEnd === undefined ? before.publicEnd : values.publicEnd },
        inspection,
      );
      const after = await updateRowVersioned<NoticeRow>(tx, "notices", id, version, {
        values: { ...values, state: "draft", approvedBy: null, approvedAt: null },
        jsonFields: NOTICE_JSON,
      });
      if (!after) staleVersion("通报");
      await audit({ action: "update", entity: "notice", entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /** Moves a notice through draft → approved → published (or withdraws it). */
  async transitionNotice(actor: Actor, id: number, input: { to: "approved" | "published" | "withdrawn" | "draft"; version: number; figures?: unknown }): Promise<NoticeRow> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<NoticeRow>(tx, "notices", id, true), "通报");
      const scope = await AccessScope.load(tx, actor);
      // Permission before version: another unit's notice is not found, whatever version is sent.
      scope.require("read", [before.orgId], "通报");
      if (before.version !== input.version) staleVersion("通报");
      const values: Record<string, unknown> = { state: input.to };
      let acknowledged: NoticeAcknowledgement[] = [];
      switch (input.to) {
        case "approved":
          scope.require("approve_notice", [before.orgId], "通报");
          if (before.state !== "draft") throw new AppError("INVALID_TRANSITION", "只有草稿可以审核通过");
          {
            // Every figure a notice publishes must come from the ledger: figures typed into its texts
            // or reviewed by the approver (input.figures) that differ from the ledger now block approval.
            // Errors of the check block too, and each warning must have been acknowledged by someone.
            const check = await this.checkAgainstLedger(tx, before, input.figures);
            if (!check.canApprove) throw new AppError("INVALID_TRANSITION", check.blockers.join(" "), { mismatches: check.mismatches, blockers: check.blockers });
            values.figures = check.figures;
            acknowledged = check.warnings.flatMap((w) => (w.acknowledgement ? [w.acknowledgement] : []));
          }
          values.approvedBy = actor.userId;
          values.approvedAt = this.now().toISOString();
          break;
        case "published":
          scope.require("edit_notice", [before.orgId], "通报");
          if (before.state !== "approved") throw new AppError("INVALID_TRANSITION", "通报须经审核通过后才能发布");
          ensure(before.noticeDate, "发布前须填写成文日期");
          {
            // The ledger may have moved since approval: publish only the figures the approver saw.
            const check = await this.checkAgainstLedger(tx, before, before.figures ?? undefined);
            if (check.mismatches.length > 0) {
              throw new AppError("INVALID_TRANSITION", `审核后台账数据已变化，请退回草稿重新审核：${describeFigureMismatches(check.mismatches)}`, { mismatches: check.mismatches });
            }
          }
          values.publishedAt = this.now().toISOString();
          Object.assign(values, await this.renderPublication(tx, before));
          break;
        case "withdrawn":
          scope.require("edit_notice", [before.orgId], "通报");
          if (before.state !== "published") throw new AppError("INVALID_TRANSITION", "只有已发布的通报可以撤回");
          break;
        case "draft":
          scope.require("edit_notice", [before.orgId], "通报");
          if (before.state === "published") throw new AppError("INVALID_TRANSITION", "已发布的通报须先撤回");
          values.approvedBy = null;
          values.approvedAt = null;
          break;
      }
      const after = await updateRowVersioned<NoticeRow>(tx, "notices", id, input.version, { values, jsonFields: NOTICE_JSON });
      if (!after) staleVersion("通报");
      // Whole rows: a publication's frozen text is in the audit, so every published version survives
      // a withdrawal and re-publication. Approval also records the acknowledged warnings the approver
      // accepted, with who acknowledged them.
      const accepted = acknowledged.length > 0 ? { acknowledgedWarnings: acknowledged.map((a) => ({ code: a.code, message: a.message, by: a.acknowledgedByName, at: a.acknowledgedAt })) } : {};
      await audit({ action: input.to, entity: "notice", entityId: id, orgId: before.orgId, before, after: { ...after, ...accepted } });
      return after;
    });
  }

  /** Checks a notice against its round's ledger: figure mismatches that block approval and warnings to review. */
  async checkNotice(actor: Actor, id: number): Promise<NoticeCheck> {
    const notice = await this.getNotice(actor, id);
    return this.checkAgainstLedger(this.db, notice);
  }

  private async checkAgainstLedger(q: Queryable, notice: NoticeRow, statedFigures?: unknown): Promise<NoticeCheck> {
    const inspection = found(await findRowById<InspectionRow>(q, "inspections", notice.inspectionId), "巡察轮次");
    const snapshot = await buildLedgerSnapshot(q, inspection, todayInShanghai(this.now()));
    return applyPublishingGate(checkNoticeAgainstLedger(snapshot, notice, statedFigures), await listAcknowledgements(q, notice.id));
  }

  /**
   * Acknowledges one warning of a draft's check (by its key), recording who and when: approval
   * waits until every warning has been acknowledged.
   */
  async acknowledgeWarning(actor: Actor, id: number, input: { key: string; note?: string }): Promise<NoticeCheck> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const notice = found(await findRowById<NoticeRow>(tx, "notices", id, true), "通报");
      const scope = await AccessScope.load(tx, actor);
      if (!scope.can("approve_notice", [notice.orgId])) scope.require("edit_notice", [notice.orgId], "通报");
      if (notice.state !== "draft") throw new AppError("INVALID_TRANSITION", "只有草稿状态的通报需要确认检查提醒");
      const check = await this.checkAgainstLedger(tx, notice);
      const warning = check.warnings.find((w) => w.key === input.key);
      if (!warning) throw new AppError("CONFLICT", "该提醒已不在最新的检查结果中（台账或通报可能已修改），请重新检查后再确认");
      ensure(warning.severity !== "error", "这一项是错误，须改正后才能审核通过，不能以确认代替");
      ensure(warning.needsAcknowledgement, "这一项仅供参考，不影响审核，无须确认");
      if (warning.acknowledgement) return check;
      const note = input.note?.trim() || null;
      ensure(!note || note.length <= 500, "“确认说明”最多 500 个字");
      await tx.query(
        "insert into notice_acknowledgements (notice_id, org_id, warning_key, code, message, note, acknowledged_by) values ($1, $2, $3, $4, $5, $6, $7)",
        [id, notice.orgId, warning.key, warning.code, warning.message, note, actor.userId],
      );
      await audit({ action: "acknowledge", entity: "notice", entityId: id, orgId: notice.orgId, after: { code: warning.code, message: warning.message, key: warning.key, note } });
      return this.checkAgainstLedger(tx, notice);
    });
  }

  /** Renders the notice as it is published, from the ledger now, to be stored and never re-rendered. */
  private async renderPublication(q: Queryable, notice: NoticeRow): Promise<{ publishedHtml: string; publishedText: string; publishedSha256: string }> {
    const inspection = found(await findRowById<InspectionRow>(q, "inspections", notice.inspectionId), "巡察轮次");
    const snapshot = await buildLedgerSnapshot(q, inspection, todayInShanghai(this.now()));
    const document = buildNoticeDocument(buildNoticeModelFromLedger(snapshot, noticeTextsOf(notice)));
    const publishedText = renderText(document);
    return {
      publishedHtml: renderHtmlBody(document),
      publishedText,
      publishedSha256: createHash("sha256").update(publishedText).digest("hex"),
    };
  }

  /** Published notices for the public (no login). */
  async listPublished(page: number, pageSize: number): Promise<Page<Pick<NoticeRow, "id" | "title" | "issuer" | "noticeDate" | "publicStart" | "publicEnd">>> {
    const where = new WhereBuilder().add("state = 'published'");
    return selectPage(this.db, { columns: "id, title, issuer, notice_date, public_start, public_end", from: "notices", where, orderBy: "published_at desc", page, pageSize });
  }

  /** One published notice for the public; anything else is not found. */
  async getPublished(
    id: number,
    q: Queryable = this.db,
  ): Promise<NoticeRow & { publishedHtml: string | null; publishedText: string | null; publishedSha256: string | null }> {
    const rows = await q.query("select * from notices where id = $1 and state = 'published'", [id]);
    return camelizeRow(found(rows[0], "通报"));
  }

  /** What the public sees of a published notice: the frozen text, contacts and whether comments are open. */
  async getPublicView(id: number): Promise<PublicNoticeView> {
    const notice = await this.getPublished(id);
    const today = todayInShanghai(this.now());
    return {
      id: notice.id,
      title: notice.title,
      issuer: notice.issuer,
      noticeDate: notice.noticeDate,
      publicStart: notice.publicStart,
      publicEnd: notice.publicEnd,
      contacts: notice.contacts,
      publishedAt: notice.publishedAt,
      html: notice.publishedHtml ?? "",
      sha256: notice.publishedSha256,
      isCommentOpen: isCommentPeriodOpen(notice, today),
    };
  }

  /** Accepts a public comment during the notice's public period (moderated before use). */
  async addPublicComment(noticeId: number, input: { text: string; contact?: string }): Promise<{ id: number }> {
    ensure(input.text?.trim().length >= 5, "意见内容至少 5 个字");
    ensure(input.text.length <= 5000, "意见内容过长（最多 5000 字）");
    return runMutation(this.db, null, async (tx, audit) => {
      // WARNING: inside a transaction every query must go through `tx`; PGlite serves one
      // connection, so a query on `this.db` here would wait for this transaction forever.
      const notice = await this.getPublished(noticeId, tx);
      if (!isCommentPeriodOpen(notice, todayInShanghai(this.now()))) throw new AppError("INVALID_TRANSITION", "不在公示期内，暂不接收意见");
      const row = await insertRow<PublicCommentRow>(tx, "public_comments", {
        values: { noticeId, orgId: notice.orgId, text: input.text.trim(), contact: input.contact?.trim() || null },
      });
      await audit({ action: "create", entity: "public_comment", entityId: row.id, orgId: notice.orgId, after: row });
      await notifyCommentToTriage(tx, notice);
      return { id: row.id };
    });
  }

  /** Lists the public's comments for moderation. */
  async listComments(actor: Actor, noticeId: number): Promise<PublicCommentRow[]> {
    const notice = await this.getNotice(actor, noticeId);
    (await AccessScope.load(this.db, actor)).require("read", [notice.orgId], "通报");
    const rows = await this.db.query("select * from public_comments where notice_id = $1 order by id desc", [noticeId]);
    return rows.map((r) => camelizeRow<PublicCommentRow>(r));
  }

  /** Accepts or rejects a public comment. */
  async moderateComment(actor: Actor, id: number, input: { state: "accepted" | "rejected"; version: number }): Promise<PublicCommentRow> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<PublicCommentRow>(tx, "public_comments", id, true), "群众意见");
      (await AccessScope.load(tx, actor)).require("moderate_comments", [before.orgId], "群众意见");
      const after = await updateRowVersioned<PublicCommentRow>(tx, "public_comments", id, input.version, { values: { state: input.state, moderatedBy: actor.userId } });
      if (!after) staleVersion("群众意见");
      await audit({ action: "moderate", entity: "public_comment", entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }
}
