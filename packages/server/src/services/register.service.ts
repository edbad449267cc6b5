import {
  checkRegisterRecord,
  normalizeRegisterInput,
  OUTCOME_REGISTERS,
  type Action,
  type OutcomeRegisterSpec,
  type RegisterField,
} from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { writeRegisterWorkbook } from "../exports/xlsx/register-writer.ts";
import { listAuditEntries, type AuditEntry } from "../repositories/audit.repository.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { listRegisterFindings, summarizeRegister, type RegisterSummary } from "../repositories/register.repository.ts";
import { camelizeRow, findRowById, insertRow, selectPage, snakeName, updateRowVersioned, WhereBuilder, type Page } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { ensureNotVoided, ensureRoundOpen, readReason } from "./record-lifecycle.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureNoProblems, found, staleVersion } from "./validation.ts";

export type { RegisterField } from "@zhenggai/core";

/** A register (建章立制, 问责, 清退追缴, 信访件, 问题线索) described as data. */
export interface RegisterSpec {
  /** URL name, also the table name, e.g. "rules". */
  name: string;
  entity: string;
  table: string;
  /** What one record is called, e.g. 制度. */
  label: string;
  writeAction: Action;
  fields: Readonly<Record<string, RegisterField>>;
}

/**
 * The registers served by the generic routes: the five outcome registers described in core, voided
 * (作废), never deleted. 督办 directives and 约谈 records have their own services and routes
 * (directive.service.ts, interview.service.ts, supervision.routes.ts).
 */
export const REGISTERS: readonly RegisterSpec[] = OUTCOME_REGISTERS.map((spec: OutcomeRegisterSpec): RegisterSpec => ({
  name: spec.name,
  entity: spec.entity,
  table: spec.name,
  label: spec.noun,
  writeAction: "manage_registers",
  fields: spec.fields,
}));

/** Finds a register spec by its URL name. */
export function findRegister(name: string): RegisterSpec | undefined {
  return REGISTERS.find((r) => r.name === name);
}

function jsonFieldsOf(spec: RegisterSpec): string[] {
  return Object.entries(spec.fields).filter(([, f]) => f.type === "findings").map(([k]) => k);
}

/** A register row: common columns plus the spec's fields. */
export type RegisterRow = Record<string, unknown> & {
  id: number;
  orgId: number;
  inspectionId: number | null;
  version: number;
  voidedAt?: string | null;
  voidReason?: string | null;
};

/** Filters of a register list. */
export interface RegisterFilter {
  inspectionId?: number;
  orgId?: number;
  findingId?: number;
  /** Matches any text field. */
  text?: string;
  /** Code of the register's `kind` choice. */
  kind?: string;
  /** Code of the register's `state` choice. */
  state?: string;
  /** Bounds on the register's first date field. */
  dateFrom?: string;
  dateTo?: string;
  /** Voided (作废) rows are left out unless asked for. */
  includeVoided?: boolean;
  page: number;
  pageSize: number;
}

/** The first date field of a register: the one lists filter and sort by. */
export function dateFieldOf(spec: RegisterSpec): string | null {
  return Object.entries(spec.fields).find(([, f]) => f.type === "date")?.[0] ?? null;
}

function buildWhere(spec: RegisterSpec, visibleOrgIds: number[], filter: Omit<RegisterFilter, "page" | "pageSize">): WhereBuilder {
  const where = new WhereBuilder();
  where.add(`org_id = any(${where.param(visibleOrgIds)}::bigint[])`);
  if (filter.inspectionId) where.add(`inspection_id = ${where.param(filter.inspectionId)}`);
  if (filter.orgId) where.add(`org_id = ${where.param(filter.orgId)}`);
  if (filter.findingId) {
    // Rules link to many findings (a jsonb list); the other registers to one.
    if ("findingIds" in spec.fields) where.add(`finding_ids @> jsonb_build_array(${where.param(filter.findingId)}::bigint)`);
    else if ("findingId" in spec.fields) where.add(`finding_id = ${where.param(filter.findingId)}`);
    else where.add("false");
  }
  if (filter.kind) where.add("kind" in spec.fields ? `kind = ${where.param(filter.kind)}` : "false");
  if (filter.state) where.add("state" in spec.fields ? `state = ${where.param(filter.state)}` : "false");
  const dateField = dateFieldOf(spec);
  if (dateField && filter.dateFrom) where.add(`${snakeName(dateField)} >= ${where.param(filter.dateFrom)}::date`);
  if (dateField && filter.dateTo) where.add(`${snakeName(dateField)} <= ${where.param(filter.dateTo)}::date`);
  if (filter.text) {
    const pattern = where.param(`%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const texts = Object.entries(spec.fields).filter(([, f]) => f.type === "text").map(([k]) => `${snakeName(k)} ilike ${pattern}`);
    where.add(texts.length ? texts.join(" or ") : "false");
  }
  if (!filter.includeVoided) where.add("voided_at is null");
  return where;
}

/** CRUD over the registers with scope checks and audit; outcome registers are voided, never deleted. */
export class RegisterService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Lists a register's rows visible to the actor, with the totals of the rows that count (not voided). */
  async list(actor: Actor, spec: RegisterSpec, filter: RegisterFilter): Promise<Page<RegisterRow> & { summary: RegisterSummary }> {
    const scope = await AccessScope.load(this.db, actor);
    const { page, pageSize, ...rest } = filter;
    const where = buildWhere(spec, scope.visibleOrgIds(), rest);
    const dateField = dateFieldOf(spec);
    const orderBy = dateField ? `${snakeName(dateField)} desc nulls last, id desc` : "id desc";
    const rows = await selectPage<RegisterRow>(this.db, { columns: "*", from: spec.table, where, orderBy, page, pageSize });
    const summary = await summarizeRegister(this.db, spec, buildWhere(spec, scope.visibleOrgIds(), { ...rest, includeVoided: true }));
    return { ...rows, summary };
  }

  /** Reads one row. */
  async get(actor: Actor, spec: RegisterSpec, id: number): Promise<RegisterRow> {
    const row = found(await findRowById<RegisterRow>(this.db, spec.table, id), spec.label);
    (await AccessScope.load(this.db, actor)).require("read", [row.orgId], spec.label);
    return row;
  }

  /** The row's history: every change and void, newest first. */
  async history(actor: Actor, spec: RegisterSpec, id: number): Promise<AuditEntry[]> {
    const row = await this.get(actor, spec, id);
    const page = await listAuditEntries(this.db, { orgIds: [row.orgId], entity: spec.entity, entityId: String(id), page: 1, pageSize: 200 });
    return page.items;
  }

  /** Creates a row for an inspection round. */
  async create(actor: Actor, spec: RegisterSpec, inspectionId: number, input: Record<string, unknown>): Promise<RegisterRow> {
    const { values, problems } = normalizeRegisterInput(spec, input, true);
    ensureNoProblems(problems);
    ensureNoProblems(checkRegisterRecord(spec, values));
    return runMutation(this.db, actor, async (tx, audit) => {
      const inspection = found(await findRowById<InspectionRow>(tx, "inspections", inspectionId), "巡察轮次");
      const scope = await AccessScope.load(tx, actor);
      scope.require(spec.writeAction, [inspection.orgId], "巡察轮次");
      ensureRoundOpen(inspection);
      await this.ensureFindingsOfRound(tx, inspectionId, values);
      const row = await insertRow<RegisterRow>(tx, spec.table, {
        values: { ...values, orgId: inspection.orgId, inspectionId },
        jsonFields: jsonFieldsOf(spec),
      });
      await audit({ action: "create", entity: spec.entity, entityId: row.id, orgId: row.orgId, after: row });
      return row;
    });
  }

  /** Updates a row (optimistic concurrency on `version`); voided rows stay as they were. */
  async update(actor: Actor, spec: RegisterSpec, id: number, input: Record<string, unknown> & { version: number }): Promise<RegisterRow> {
    const { values, problems } = normalizeRegisterInput(spec, input, false);
    ensureNoProblems(problems);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<RegisterRow>(tx, spec.table, id, true), spec.label);
      const scope = await AccessScope.load(tx, actor);
      scope.require(spec.writeAction, [before.orgId], spec.label);
      ensureNotVoided(before, spec.label);
      ensureNoProblems(checkRegisterRecord(spec, { ...before, ...values }));
      if (before.inspectionId) await this.ensureFindingsOfRound(tx, before.inspectionId, values);
      const after = await updateRowVersioned<RegisterRow>(tx, spec.table, id, input.version, { values, jsonFields: jsonFieldsOf(spec) });
      if (!after) staleVersion(spec.label);
      await audit({ action: "update", entity: spec.entity, entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /** Voids a row (作废) with a reason: it keeps its content, shows struck through and no longer counts. */
  async voidRow(actor: Actor, spec: RegisterSpec, id: number, input: { version: number; reason: string }): Promise<RegisterRow> {
    const reason = readReason(input.reason);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<RegisterRow>(tx, spec.table, id, true), spec.label);
      (await AccessScope.load(tx, actor)).require(spec.writeAction, [before.orgId], spec.label);
      ensureNotVoided(before, spec.label);
      const after = await updateRowVersioned<RegisterRow>(tx, spec.table, id, input.version, { values: { voidedAt: new Date().toISOString(), voidedBy: actor.userId, voidReason: reason } });
      if (!after) staleVersion(spec.label);
      await audit({ action: "void", entity: spec.entity, entityId: id, orgId: before.orgId, before: { voidedAt: null }, after: { voidedAt: after.voidedAt, reason } });
      return after;
    });
  }

  /** Register records are never deleted, only voided: the refusal (409) says so. */
  remove(spec: RegisterSpec): never {
    throw new AppError("CONFLICT", `${spec.label}不能删除，只能作废（填写原因后保留原记录）`, { refusal: "VOID_INSTEAD" });
  }

  /** The register of one round as an Excel workbook (voided rows included, marked), with totals. */
  async exportWorkbook(actor: Actor, spec: RegisterSpec, inspectionId: number): Promise<{ fileName: string; bytes: Uint8Array }> {
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", inspectionId), "巡察轮次");
    const scope = await AccessScope.load(this.db, actor);
    scope.require("read", [inspection.orgId], "巡察轮次");
    const where = buildWhere(spec, scope.visibleOrgIds(), { inspectionId, includeVoided: true });
    const dateField = dateFieldOf(spec);
    const rows = (await this.db.query(`select * from ${spec.table} ${where.toSql()} order by ${dateField ? `${snakeName(dateField)} nulls last, ` : ""}id`, where.params)).map((r) => camelizeRow<RegisterRow>(r));
    const findings = await listRegisterFindings(this.db, inspectionId);
    const title = OUTCOME_REGISTERS.find((s) => s.name === spec.name)?.title ?? spec.label;
    const bytes = await writeRegisterWorkbook({ title: `${inspection.name}${title}登记表`, sheetName: title, fields: spec.fields, rows, findings });
    return { fileName: `${title}登记表-${inspection.name}.xlsx`, bytes };
  }

  private async ensureFindingsOfRound(tx: Parameters<typeof findRowById>[0], inspectionId: number, values: Record<string, unknown>): Promise<void> {
    const ids = [...(Array.isArray(values.findingIds) ? (values.findingIds as number[]) : []), ...(typeof values.findingId === "number" ? [values.findingId] : [])];
    if (ids.length === 0) return;
    const rows = await tx.query<{ n: number }>("select count(*) as n from findings where id = any($1::bigint[]) and inspection_id = $2", [[...new Set(ids)], inspectionId]);
    ensure(Number(rows[0].n) === new Set(ids).size, "“关联问题”须是本轮巡察的问题。");
  }
}
