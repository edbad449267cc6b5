import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import type { FileStore } from "../files/file-store.ts";
import { listAuditEntries, type AuditEntry } from "../repositories/audit.repository.ts";
import type { FindingRow, InspectionRow, MeasureRow } from "../repositories/ledger.repository.ts";
import { findRowById, insertRow, updateRowVersioned, type Page } from "../repositories/sql.ts";
import {
  findDirective,
  listDirectiveFiles,
  listDirectives,
  type DirectiveFileRow,
  type DirectiveListItem,
  type DirectiveRow,
} from "../repositories/supervision.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { EVIDENCE_TYPES } from "./measure.service.ts";
import { notifyDirectiveReceived, notifyDirectiveReplied } from "./notification-events.ts";
import { ensureNotVoided, ensureRoundOpen, readReason } from "./record-lifecycle.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found, staleVersion } from "./validation.ts";

/** What a supervisor issues: text, reply due date and a target (a measure, a finding or a whole unit). */
export interface DirectiveInput {
  text: string;
  replyDue: string;
  measureId?: number | null;
  findingId?: number | null;
  inspectionId?: number | null;
  orgId?: number | null;
}

/** The org whose grant lets the actor act as a supervisor over a unit (the 巡察办 / 纪检监察组 issuing). */
function issuingOrgOf(q: Queryable, actor: Actor, scope: AccessScope, unitId: number): Promise<number> {
  return grantOrgOver(q, actor, unitId, (orgId) => scope.can("issue_directive", [orgId]));
}

/** The org of the actor's first grant that covers the unit and allows what `may` asks, else the unit itself. */
export async function grantOrgOver(q: Queryable, actor: Actor, unitId: number, may: (orgId: number) => boolean): Promise<number> {
  for (const grant of actor.grants) {
    if (!may(grant.orgId)) continue;
    const rows = await q.query("select 1 from orgs g join orgs u on u.path like g.path || '%' where g.id = $1 and u.id = $2", [grant.orgId, unitId]);
    if (rows.length) return grant.orgId;
  }
  return unitId;
}

/** 督办: supervisors issue directives on a finding, measure or unit; the unit replies with evidence; the issuer closes. */
export class DirectiveService {
  constructor(
    private readonly db: Database,
    private readonly files: FileStore,
    private readonly now: () => Date,
    private readonly today: () => string,
  ) {}

  /** Issues a directive (督办单); the unit's 整改办, 主要负责人 and, for a measure, its 责任人 are notified. */
  async issue(actor: Actor, input: DirectiveInput): Promise<DirectiveRow> {
    ensure(input.text?.trim(), "请填写督办事项");
    ensure(input.text.length <= 4000, "督办事项过长（最多 4000 字）");
    ensure(input.replyDue, "请填写回复期限");
    ensureDates({ replyDue: { value: input.replyDue, label: "回复期限" } });
    ensure(input.replyDue >= this.today(), "回复期限不能早于今天");
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      const target = await this.resolveTarget(tx, input, scope);
      scope.require("issue_directive", [target.orgId], "督办对象");
      const issuedByOrgId = await issuingOrgOf(tx, actor, scope, target.orgId);
      const row = await insertRow<DirectiveRow>(tx, "directives", {
        values: { ...target, text: input.text.trim(), replyDue: input.replyDue, issuedByOrgId, issuedBy: actor.userId, createdAt: this.now().toISOString() },
      });
      await audit({ action: "create", entity: "directive", entityId: row.id, orgId: row.orgId, after: row });
      if (row.measureId) await audit({ action: "directive", entity: "measure", entityId: row.measureId, orgId: row.orgId, after: { directiveId: row.id, text: row.text, replyDue: row.replyDue } });
      const issuer = (await tx.query<{ name: string }>("select name from orgs where id = $1", [issuedByOrgId]))[0];
      const measure = row.measureId ? await findRowById<MeasureRow>(tx, "measures", row.measureId) : null;
      await notifyDirectiveReceived(tx, { ...row, issuerName: issuer?.name ?? "上级" }, measure, actor.userId);
      return row;
    });
  }

  /** Lists the directive register (督办台账) visible to the actor. */
  async list(
    actor: Actor,
    filter: { orgId?: number; inspectionId?: number; findingId?: number; measureId?: number; state?: string; isOverdue?: boolean; includeVoided?: boolean; page: number; pageSize: number },
  ): Promise<Page<DirectiveListItem>> {
    const scope = await AccessScope.load(this.db, actor);
    return listDirectives(this.db, { ...filter, visibleOrgIds: scope.visibleOrgIds(), today: this.today() });
  }

  /** Reads one directive with its reply files, history and what the actor may do. */
  async get(
    actor: Actor,
    id: number,
  ): Promise<{ directive: DirectiveListItem; files: DirectiveFileRow[]; history: AuditEntry[]; permissions: { canReply: boolean; canClose: boolean; canVoid: boolean } }> {
    const directive = found(await findDirective(this.db, id, this.today()), "督办单");
    const scope = await AccessScope.load(this.db, actor);
    scope.require("read", [directive.orgId], "督办单");
    const history = await listAuditEntries(this.db, { orgIds: [directive.orgId], entity: "directive", entityId: String(id), page: 1, pageSize: 100 });
    const isWritable = !directive.voidedAt && !(await isInArchivedRound(this.db, directive));
    return {
      directive,
      files: await listDirectiveFiles(this.db, id),
      history: history.items,
      permissions: {
        canReply: isWritable && directive.state !== "closed" && scope.can("reply_directive", [directive.orgId]),
        canClose: isWritable && directive.state === "replied" && scope.can("issue_directive", [directive.orgId]),
        canVoid: isWritable && directive.state !== "closed" && scope.can("issue_directive", [directive.orgId]),
      },
    };
  }

  /** The unit replies (or adds to its reply); the issuing office is notified. */
  async reply(actor: Actor, id: number, input: { replyText: string; version: number }): Promise<DirectiveRow> {
    ensure(input.replyText?.trim(), "请填写回复内容");
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<DirectiveRow>(tx, "directives", id, true), "督办单");
      (await AccessScope.load(tx, actor)).require("reply_directive", [before.orgId], "督办单");
      await ensureDirectiveWritable(tx, before);
      if (before.state === "closed") throw new AppError("CONFLICT", "督办单已办结，不能再回复");
      const after = await updateRowVersioned<DirectiveRow>(tx, "directives", id, input.version, {
        values: { replyText: input.replyText.trim(), repliedAt: this.now().toISOString(), repliedBy: actor.userId, state: "replied" },
      });
      if (!after) staleVersion("督办单");
      await audit({ action: "reply", entity: "directive", entityId: id, orgId: before.orgId, before: { state: before.state, replyText: before.replyText }, after: { state: after.state, replyText: after.replyText } });
      const unit = (await tx.query<{ name: string }>("select name from orgs where id = $1", [before.orgId]))[0];
      await notifyDirectiveReplied(tx, { ...after, unitName: unit?.name ?? "" }, actor.userId);
      return after;
    });
  }

  /** Attaches a reply file (佐证材料) to an open or replied directive. */
  async addFile(actor: Actor, id: number, input: { fileName: string; bytes: Uint8Array }): Promise<DirectiveFileRow> {
    const extension = input.fileName.split(".").pop()?.toLowerCase() ?? "";
    const mimeType = EVIDENCE_TYPES[extension];
    if (!mimeType) throw new AppError("UNSUPPORTED_FILE", `不支持的文件类型“.${extension}”：请上传 ${Object.keys(EVIDENCE_TYPES).join("、")} 格式`);
    ensure(input.bytes.byteLength > 0, "上传的文件为空");
    ensure(input.fileName.length <= 200, "文件名过长");
    const checked = found(await findRowById<DirectiveRow>(this.db, "directives", id), "督办单");
    (await AccessScope.load(this.db, actor)).require("reply_directive", [checked.orgId], "督办单");
    const sha256 = await this.files.put(input.bytes);
    return runMutation(this.db, actor, async (tx, audit) => {
      const directive = found(await findRowById<DirectiveRow>(tx, "directives", id, true), "督办单");
      (await AccessScope.load(tx, actor)).require("reply_directive", [directive.orgId], "督办单");
      await ensureDirectiveWritable(tx, directive);
      if (directive.state === "closed") throw new AppError("CONFLICT", "督办单已办结，不能再上传材料");
      const row = await insertRow<DirectiveFileRow>(tx, "directive_files", {
        values: { directiveId: id, orgId: directive.orgId, sha256, fileName: input.fileName, mimeType, sizeBytes: input.bytes.byteLength, uploadedBy: actor.userId },
      });
      await audit({ action: "evidence", entity: "directive", entityId: id, orgId: directive.orgId, after: { fileId: row.id, fileName: row.fileName, sha256 } });
      return row;
    });
  }

  /** Reads a reply file, checking scope. */
  async readFile(actor: Actor, fileId: number): Promise<{ file: DirectiveFileRow; bytes: Buffer }> {
    const file = found(await findRowById<DirectiveFileRow>(this.db, "directive_files", fileId), "督办材料");
    (await AccessScope.load(this.db, actor)).require("read", [file.orgId], "督办材料");
    return { file, bytes: await this.files.read(file.sha256) };
  }

  /** The issuing side closes a replied directive (办结), with a note. */
  async close(actor: Actor, id: number, input: { note?: string; version: number }): Promise<DirectiveRow> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<DirectiveRow>(tx, "directives", id, true), "督办单");
      (await AccessScope.load(tx, actor)).require("issue_directive", [before.orgId], "督办单");
      await ensureDirectiveWritable(tx, before);
      if (before.state !== "replied") throw new AppError("CONFLICT", before.state === "closed" ? "督办单已办结" : "单位尚未回复，不能办结");
      const after = await updateRowVersioned<DirectiveRow>(tx, "directives", id, input.version, {
        values: { state: "closed", closedAt: this.now().toISOString(), closedBy: actor.userId, closeNote: input.note?.trim() || null },
      });
      if (!after) staleVersion("督办单");
      await audit({ action: "close", entity: "directive", entityId: id, orgId: before.orgId, before: { state: before.state }, after: { state: "closed", note: after.closeNote } });
      return after;
    });
  }

  /**
   * Voids (作废) a directive issued by mistake, with a reason: it is kept with its reply and files,
   * shown struck through, and leaves the reminders and the roll-up. A closed (办结) directive is a
   * finished record and stays as it is; directives are never deleted.
   */
  async voidDirective(actor: Actor, id: number, input: { version: number; reason: string }): Promise<DirectiveRow> {
    const reason = readReason(input.reason);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<DirectiveRow>(tx, "directives", id, true), "督办单");
      (await AccessScope.load(tx, actor)).require("issue_directive", [before.orgId], "督办单");
      await ensureDirectiveWritable(tx, before);
      if (before.state === "closed") throw new AppError("CONFLICT", "督办单已办结，不能作废", { refusal: "CLOSED" });
      const after = await updateRowVersioned<DirectiveRow>(tx, "directives", id, input.version, { values: { voidedAt: this.now().toISOString(), voidedBy: actor.userId, voidReason: reason } });
      if (!after) staleVersion("督办单");
      await audit({ action: "void", entity: "directive", entityId: id, orgId: before.orgId, before: { voidedAt: null }, after: { voidedAt: after.voidedAt, reason } });
      return after;
    });
  }

  /** Works out the unit, round, finding and measure a directive is about. */
  private async resolveTarget(q: Queryable, input: DirectiveInput, scope: AccessScope): Promise<{ orgId: number; inspectionId: number | null; findingId: number | null; measureId: number | null }> {
    // Another unit's record is not found, whatever its state (checked before voided / archived).
    const visible = <T extends { orgId: number }>(row: T | null | undefined, what: string): T => {
      const checked = found(row, what);
      scope.require("read", [checked.orgId], what);
      return checked;
    };
    // A directive goes on records that count (not voided) of a round that is not archived.
    if (input.measureId) {
      const measure = visible(await findRowById<MeasureRow>(q, "measures", input.measureId), "整改措施");
      ensureNotVoided(measure, "整改措施");
      const finding = found(await findRowById<FindingRow>(q, "findings", measure.findingId), "问题");
      if (input.inspectionId) ensure(finding.inspectionId === input.inspectionId, "关联措施不属于该巡察轮次");
      ensureNotVoided(finding, "问题");
      ensureRoundOpen(found(await findRowById<InspectionRow>(q, "inspections", finding.inspectionId), "巡察轮次"));
      return { orgId: measure.orgId, inspectionId: finding.inspectionId, findingId: finding.id, measureId: measure.id };
    }
    if (input.findingId) {
      const finding = visible(await findRowById<FindingRow>(q, "findings", input.findingId), "问题");
      if (input.inspectionId) ensure(finding.inspectionId === input.inspectionId, "关联问题不属于该巡察轮次");
      ensureNotVoided(finding, "问题");
      ensureRoundOpen(found(await findRowById<InspectionRow>(q, "inspections", finding.inspectionId), "巡察轮次"));
      return { orgId: finding.orgId, inspectionId: finding.inspectionId, findingId: finding.id, measureId: null };
    }
    if (input.inspectionId) {
      const round = visible(await findRowById<InspectionRow>(q, "inspections", input.inspectionId), "巡察轮次");
      ensureRoundOpen(round);
      return { orgId: round.orgId, inspectionId: input.inspectionId, findingId: null, measureId: null };
    }
    ensure(input.orgId, "请选择督办对象（单位、问题或整改措施）");
    scope.require("read", [input.orgId], "单位");
    const rows = await q.query<{ kind: string }>("select kind from orgs where id = $1", [input.orgId]);
    ensure(found(rows[0], "单位").kind === "unit", "督办对象应为被巡察单位");
    return { orgId: input.orgId as number, inspectionId: null, findingId: null, measureId: null };
  }
}

/** True when the directive belongs to an archived (归档) round. */
async function isInArchivedRound(q: Queryable, directive: Pick<DirectiveRow, "inspectionId">): Promise<boolean> {
  if (!directive.inspectionId) return false;
  return !!(await findRowById<InspectionRow>(q, "inspections", directive.inspectionId))?.archivedAt;
}

/** Refuses to change a voided directive or one of an archived round (the database refuses the latter too). */
async function ensureDirectiveWritable(q: Queryable, directive: Pick<DirectiveRow, "inspectionId" | "voidedAt">): Promise<void> {
  ensureNotVoided(directive, "督办单");
  if (directive.inspectionId) ensureRoundOpen(found(await findRowById<InspectionRow>(q, "inspections", directive.inspectionId), "巡察轮次"));
}
