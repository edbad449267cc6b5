import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { findRowById, insertRow, updateRowVersioned, type Page } from "../repositories/sql.ts";
import { listInterviews, type InterviewRow } from "../repositories/supervision.repository.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { grantOrgOver } from "./directive.service.ts";
import { ensureNotVoided, ensureRoundOpen, readReason } from "./record-lifecycle.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found, staleVersion } from "./validation.ts";

/** What a 约谈 record holds. */
export interface InterviewInput {
  orgId: number;
  inspectionId?: number | null;
  interviewer: string;
  interviewee: string;
  heldOn: string;
  location?: string | null;
  subject: string;
  findingIds?: number[];
  measureIds?: number[];
  directiveId?: number | null;
  outcome?: string | null;
}

// A supervisor's 约谈 of a unit's leaders and a unit's own 约谈 of its staff are both recorded.
function canRecord(scope: AccessScope, unitId: number): boolean {
  return scope.can("issue_directive", [unitId]) || scope.can("manage_registers", [unitId]);
}

/** 约谈 records (who talked to whom, when, about which items, with what outcome) and their register. */
export class InterviewService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly today: () => string,
  ) {}

  /** Records a 约谈. */
  async create(actor: Actor, input: InterviewInput): Promise<InterviewRow> {
    this.validate(input);
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      this.requireRecorder(scope, input.orgId);
      await this.checkLinks(tx, input);
      // The recording org's register lists the record: take a grant over the unit, never one elsewhere.
      const recordedByOrgId = await grantOrgOver(tx, actor, input.orgId, (orgId) => canRecord(scope, orgId));
      const row = await insertRow<InterviewRow>(tx, "interviews", {
        values: { ...this.values(input), orgId: input.orgId, recordedBy: actor.userId, recordedByOrgId },
        jsonFields: ["findingIds", "measureIds"],
      });
      await audit({ action: "create", entity: "interview", entityId: row.id, orgId: row.orgId, after: row });
      return row;
    });
  }

  /** Edits a 约谈 record (optimistic concurrency on `version`). */
  async update(actor: Actor, id: number, input: InterviewInput & { version: number }): Promise<InterviewRow> {
    this.validate(input);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<InterviewRow>(tx, "interviews", id, true), "约谈记录");
      const scope = await AccessScope.load(tx, actor);
      this.requireRecorder(scope, before.orgId);
      ensureNotVoided(before, "约谈记录");
      await ensureOpenRound(tx, before.inspectionId);
      ensure(input.orgId === before.orgId, "约谈记录的单位不能更改");
      await this.checkLinks(tx, input);
      const after = await updateRowVersioned<InterviewRow>(tx, "interviews", id, input.version, { values: this.values(input), jsonFields: ["findingIds", "measureIds"] });
      if (!after) staleVersion("约谈记录");
      await audit({ action: "update", entity: "interview", entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /** Voids (作废) a 约谈 record with a reason: kept with its content, shown struck through, no longer counted. */
  async voidInterview(actor: Actor, id: number, input: { version: number; reason: string }): Promise<InterviewRow> {
    const reason = readReason(input.reason);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<InterviewRow>(tx, "interviews", id, true), "约谈记录");
      this.requireRecorder(await AccessScope.load(tx, actor), before.orgId);
      ensureNotVoided(before, "约谈记录");
      await ensureOpenRound(tx, before.inspectionId);
      const after = await updateRowVersioned<InterviewRow>(tx, "interviews", id, input.version, { values: { voidedAt: this.now().toISOString(), voidedBy: actor.userId, voidReason: reason } });
      if (!after) staleVersion("约谈记录");
      await audit({ action: "void", entity: "interview", entityId: id, orgId: before.orgId, before: { voidedAt: null }, after: { voidedAt: after.voidedAt, reason } });
      return after;
    });
  }

  /** Lists the 约谈 register visible to the actor (voided records only when asked for). */
  async list(
    actor: Actor,
    filter: { orgId?: number; inspectionId?: number; includeVoided?: boolean; page: number; pageSize: number },
  ): Promise<Page<InterviewRow & { unitName: string; recorderName: string | null }>> {
    const scope = await AccessScope.load(this.db, actor);
    return listInterviews(this.db, { ...filter, visibleOrgIds: scope.visibleOrgIds() });
  }

  private validate(input: InterviewInput): void {
    ensure(input.interviewer?.trim(), "请填写约谈人");
    ensure(input.interviewee?.trim(), "请填写被约谈人");
    ensure(input.subject?.trim(), "请填写约谈事由");
    ensure(input.heldOn, "请填写约谈日期");
    ensureDates({ heldOn: { value: input.heldOn, label: "约谈日期" } });
    ensure(input.heldOn <= this.today(), "约谈日期不能晚于今天");
  }

  private values(input: InterviewInput): Record<string, unknown> {
    return {
      inspectionId: input.inspectionId ?? null,
      interviewer: input.interviewer.trim(),
      interviewee: input.interviewee.trim(),
      heldOn: input.heldOn,
      location: input.location?.trim() || null,
      subject: input.subject.trim(),
      findingIds: [...new Set(input.findingIds ?? [])],
      measureIds: [...new Set(input.measureIds ?? [])],
      directiveId: input.directiveId ?? null,
      outcome: input.outcome?.trim() || null,
    };
  }

  private requireRecorder(scope: AccessScope, unitId: number): void {
    if (!scope.can("read", [unitId])) throw new AppError("NOT_FOUND", "单位不存在或无权查看");
    if (!canRecord(scope, unitId)) throw new AppError("FORBIDDEN", "只有巡察办、纪检监察组或本单位整改办可以登记约谈");
  }

  /** Linked rounds, findings, measures and directives must belong to the unit. */
  private async checkLinks(q: Queryable, input: InterviewInput): Promise<void> {
    const unit = (await q.query<{ kind: string }>("select kind from orgs where id = $1", [input.orgId]))[0];
    ensure(found(unit, "单位").kind === "unit", "约谈记录应登记在被巡察单位");
    const countIn = async (table: string, ids: readonly number[]): Promise<number> =>
      Number((await q.query<{ n: number }>(`select count(*) as n from ${table} where id = any($1::bigint[]) and org_id = $2`, [ids, input.orgId]))[0].n);
    if (input.inspectionId) {
      ensure((await countIn("inspections", [input.inspectionId])) === 1, "所选巡察轮次不属于该单位");
      await ensureOpenRound(q, input.inspectionId);
    }
    const findings = [...new Set(input.findingIds ?? [])];
    if (findings.length) ensure((await countIn("findings", findings)) === findings.length, "关联问题不属于该单位");
    const measures = [...new Set(input.measureIds ?? [])];
    if (measures.length) ensure((await countIn("measures", measures)) === measures.length, "关联整改措施不属于该单位");
    if (input.directiveId) ensure((await countIn("directives", [input.directiveId])) === 1, "关联督办单不属于该单位");
  }
}

/** Refuses to write a record of an archived (归档) round (the database refuses too; this gives the reason first). */
async function ensureOpenRound(q: Queryable, inspectionId: number | null): Promise<void> {
  if (inspectionId) ensureRoundOpen(found(await findRowById<InspectionRow>(q, "inspections", inspectionId), "巡察轮次"));
}
