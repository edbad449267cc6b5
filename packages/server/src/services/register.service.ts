import type { Action } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { deleteRowById, findRowById, insertRow, selectPage, updateRowVersioned, WhereBuilder, type Page } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found, staleVersion } from "./validation.ts";

/** Type of one register field, driving validation, SQL casts and the HTTP schema. */
export type RegisterFieldType = "text" | "date" | "integer" | "id" | "id_list";

/** One field of a register. */
export interface RegisterField {
  type: RegisterFieldType;
  label: string;
  isRequired?: boolean;
  values?: readonly string[];
  maxLength?: number;
}

/** A register (建章立制, 问责, 清退追缴, 信访件, 问题线索, 督办) described as data. */
export interface RegisterSpec {
  /** URL and audit name, e.g. "rules". */
  name: string;
  entity: string;
  table: string;
  label: string;
  writeAction: Action;
  fields: Readonly<Record<string, RegisterField>>;
}

const ACCOUNTABILITY_KINDS = [
  "party_discipline",
  "government_sanction",
  "organisational",
  "admonishment",
  "interview",
  "criticism",
  "written_review",
  "reminder_talk",
  "referred",
] as const;

/** The registers of outcomes every notice counts. */
export const REGISTERS: readonly RegisterSpec[] = [
  {
    name: "rules",
    entity: "rule",
    table: "rules",
    label: "制度",
    writeAction: "manage_registers",
    fields: {
      title: { type: "text", label: "制度名称", isRequired: true, maxLength: 500 },
      docNumber: { type: "text", label: "文号", maxLength: 100 },
      issuedDate: { type: "date", label: "印发日期" },
      findingIds: { type: "id_list", label: "关联问题" },
    },
  },
  {
    name: "accountabilities",
    entity: "accountability",
    table: "accountabilities",
    label: "问责记录",
    writeAction: "manage_registers",
    fields: {
      kind: { type: "text", label: "问责方式", isRequired: true, values: ACCOUNTABILITY_KINDS },
      personName: { type: "text", label: "被问责人", maxLength: 100 },
      people: { type: "integer", label: "人数" },
      decidedDate: { type: "date", label: "决定日期" },
      findingId: { type: "id", label: "关联问题" },
      note: { type: "text", label: "备注", maxLength: 2000 },
    },
  },
  {
    name: "recoveries",
    entity: "recovery",
    table: "recoveries",
    label: "清退追缴记录",
    writeAction: "manage_registers",
    fields: {
      kind: { type: "text", label: "类别", isRequired: true, values: ["refunded", "recovered", "loss_retrieved"] },
      amountFen: { type: "integer", label: "金额（分）", isRequired: true },
      recoveredDate: { type: "date", label: "日期" },
      findingId: { type: "id", label: "关联问题" },
      note: { type: "text", label: "备注", maxLength: 2000 },
    },
  },
  {
    name: "petitions",
    entity: "petition",
    table: "petitions",
    label: "信访件",
    writeAction: "manage_registers",
    fields: {
      subject: { type: "text", label: "事由", isRequired: true, maxLength: 1000 },
      receivedDate: { type: "date", label: "接收日期" },
      state: { type: "text", label: "办理状态", values: ["received", "transferred", "closed"] },
      closedDate: { type: "date", label: "办结日期" },
      note: { type: "text", label: "备注", maxLength: 2000 },
    },
  },
  {
    name: "leads",
    entity: "lead",
    table: "leads",
    label: "问题线索",
    writeAction: "manage_registers",
    fields: {
      subject: { type: "text", label: "线索摘要", isRequired: true, maxLength: 1000 },
      receivedDate: { type: "date", label: "接收日期" },
      state: { type: "text", label: "办理状态", values: ["received", "transferred", "filed", "closed"] },
      people: { type: "integer", label: "涉及人数" },
      note: { type: "text", label: "备注", maxLength: 2000 },
    },
  },
  {
    name: "directives",
    entity: "directive",
    table: "directives",
    label: "督办单",
    writeAction: "issue_directive",
    fields: {
      text: { type: "text", label: "督办事项", isRequired: true, maxLength: 4000 },
      replyDue: { type: "date", label: "回复期限" },
      findingId: { type: "id", label: "关联问题" },
    },
  },
];

/** Finds a register spec by its URL name. */
export function findRegister(name: string): RegisterSpec | undefined {
  return REGISTERS.find((r) => r.name === name);
}

function validateFields(spec: RegisterSpec, input: Record<string, unknown>, isCreate: boolean): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec.fields)) {
    const value = input[key];
    if (value === undefined) {
      ensure(!(isCreate && field.isRequired), `请填写${field.label}`);
      continue;
    }
    if (value === null) {
      ensure(!field.isRequired, `${field.label}不能为空`);
      values[key] = null;
      continue;
    }
    switch (field.type) {
      case "text":
        ensure(typeof value === "string" && (!field.isRequired || value.trim().length > 0), `请填写${field.label}`);
        ensure(!field.maxLength || (value as string).length <= field.maxLength, `${field.label}过长`);
        ensure(!field.values || field.values.includes(value as string), `${field.label}取值无效`);
        values[key] = (value as string).trim();
        break;
      case "date":
        ensureDates({ [key]: { value: value as string, label: field.label } });
        values[key] = value;
        break;
      case "integer":
      case "id":
        ensure(Number.isSafeInteger(value) && (value as number) >= 0, `${field.label}应为非负整数`);
        values[key] = value;
        break;
      case "id_list":
        ensure(Array.isArray(value) && value.every((v) => Number.isSafeInteger(v)), `${field.label}格式不正确`);
        values[key] = value;
        break;
    }
  }
  return values;
}

function jsonFieldsOf(spec: RegisterSpec): string[] {
  return Object.entries(spec.fields).filter(([, f]) => f.type === "id_list").map(([k]) => k);
}

/** A register row: common columns plus the spec's fields. */
export type RegisterRow = Record<string, unknown> & { id: number; orgId: number; inspectionId: number | null; version: number };

/** Generic CRUD over the outcome registers, with scope checks and audit. */
export class RegisterService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Lists a register's rows visible to the actor. */
  async list(actor: Actor, spec: RegisterSpec, filter: { inspectionId?: number; orgId?: number; findingId?: number; page: number; pageSize: number }): Promise<Page<RegisterRow>> {
    const scope = await AccessScope.load(this.db, actor);
    const where = new WhereBuilder();
    where.add(`org_id = any(${where.param(scope.visibleOrgIds())}::bigint[])`);
    if (filter.inspectionId) where.add(`inspection_id = ${where.param(filter.inspectionId)}`);
    if (filter.orgId) where.add(`org_id = ${where.param(filter.orgId)}`);
    if (filter.findingId) {
      // Rules link to many findings (a jsonb list); the other registers to one.
      if ("findingIds" in spec.fields) where.add(`finding_ids @> jsonb_build_array(${where.param(filter.findingId)}::bigint)`);
      else if ("findingId" in spec.fields) where.add(`finding_id = ${where.param(filter.findingId)}`);
      else where.add("false");
    }
    return selectPage<RegisterRow>(this.db, { columns: "*", from: spec.table, where, orderBy: "id desc", page: filter.page, pageSize: filter.pageSize });
  }

  /** Creates a row for an inspection round. */
  async create(actor: Actor, spec: RegisterSpec, inspectionId: number, input: Record<string, unknown>): Promise<RegisterRow> {
    const values = validateFields(spec, input, true);
    return runMutation(this.db, actor, async (tx, audit) => {
      const inspection = found(await findRowById<InspectionRow>(tx, "inspections", inspectionId), "巡察轮次");
      const scope = await AccessScope.load(tx, actor);
      scope.require(spec.writeAction, [inspection.orgId], "巡察轮次");
      if (values.findingId) {
        const rows = await tx.query("select 1 from findings where id = $1 and inspection_id = $2", [values.findingId, inspectionId]);
        ensure(rows.length, "关联问题不属于该巡察轮次");
      }
      const extra: Record<string, unknown> = {};
      if (spec.name === "directives") {
        // The issuing office is the actor's own org that grants the directive right.
        const grant = actor.grants.find((g) => scope.can("issue_directive", [g.orgId]));
        extra.issuedByOrgId = grant?.orgId ?? inspection.orgId;
        extra.issuedBy = actor.userId;
      }
      const row = await insertRow<RegisterRow>(tx, spec.table, {
        values: { ...values, ...extra, orgId: inspection.orgId, inspectionId },
        jsonFields: jsonFieldsOf(spec),
      });
      await audit({ action: "create", entity: spec.entity, entityId: row.id, orgId: row.orgId, after: row });
      return row;
    });
  }

  /** Updates a row (optimistic concurrency on `version`). */
  async update(actor: Actor, spec: RegisterSpec, id: number, input: Record<string, unknown> & { version: number }): Promise<RegisterRow> {
    const values = validateFields(spec, input, false);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<RegisterRow>(tx, spec.table, id, true), spec.label);
      const scope = await AccessScope.load(tx, actor);
      scope.require(spec.writeAction, [before.orgId], spec.label);
      const after = await updateRowVersioned<RegisterRow>(tx, spec.table, id, input.version, { values, jsonFields: jsonFieldsOf(spec) });
      if (!after) staleVersion(spec.label);
      await audit({ action: "update", entity: spec.entity, entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /** Deletes a row. */
  async remove(actor: Actor, spec: RegisterSpec, id: number, version: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<RegisterRow>(tx, spec.table, id, true), spec.label);
      const scope = await AccessScope.load(tx, actor);
      scope.require(spec.writeAction, [before.orgId], spec.label);
      if (before.version !== version) staleVersion(spec.label);
      await deleteRowById(tx, spec.table, id);
      await audit({ action: "delete", entity: spec.entity, entityId: id, orgId: before.orgId, before });
    });
  }
}
