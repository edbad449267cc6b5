import { randomBytes } from "node:crypto";
import { isCompletedStatus, type Role } from "@zhenggai/core";
import { AppError } from "../errors.ts";
import { DEMO_EDUCATION, DEMO_INSPECTION, DEMO_OFFICE, DEMO_OTHER_UNITS, DEMO_REGISTERS, DEMO_USERS, type DemoUnit } from "../demo/demo-data.ts";
import { makeDemoEvidencePdf } from "../demo/evidence-pdf.ts";
import { insertRow } from "../repositories/sql.ts";
import type { Queryable } from "../db/database.ts";
import type { Actor } from "./access.ts";
import { AccessScope } from "./access.ts";
import type { Services } from "./index.ts";
import { resolveSignoffChain } from "./org.service.ts";
import { hashPassword } from "./passwords.ts";
import { runMutation, type AuditFn } from "./transaction.ts";
import { rollupFinding } from "./finding.service.ts";

/** What loading the demo created: the round to open and the demo accounts with their one-time passwords. */
export interface DemoResult {
  inspectionId: number;
  unitOrgId: number;
  accounts: { username: string; displayName: string; role: Role; password: string }[];
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Loads the fictional 青禾县 round so every screen has something real to show. */
export class DemoService {
  private readonly services: Services;
  private readonly today: () => string;

  constructor(services: Services, today: () => string) {
    this.services = services;
    this.today = today;
  }

  /** Loads the demo once; `actor` must administer the root (null: trusted CLI). */
  async loadDemo(actor: Actor | null): Promise<DemoResult> {
    const { db, files } = this.services;
    if (actor) {
      const scope = await AccessScope.load(db, actor);
      if (!scope.isAdminAnywhere()) throw new AppError("FORBIDDEN", "仅管理员可以加载演示数据");
    }
    const accounts = await Promise.all(
      DEMO_USERS.map(async (u) => {
        const password = `Demo${randomBytes(4).toString("hex")}9`;
        return { ...u, password, passwordHash: await hashPassword(password) };
      }),
    );
    const evidenceNames = new Set(DEMO_EDUCATION.findings.flatMap((f) => f.measures.flatMap((m) => m.evidence ?? [])));
    for (const unit of DEMO_OTHER_UNITS) for (const f of unit.findings) for (const m of f.measures) for (const e of m.evidence ?? []) evidenceNames.add(e);
    const evidenceFiles = new Map<string, { sha256: string; size: number }>();
    for (const name of evidenceNames) {
      const bytes = await makeDemoEvidencePdf(name);
      evidenceFiles.set(name, { sha256: await files.put(bytes), size: bytes.byteLength });
    }
    return runMutation(db, actor, async (tx, audit) => {
      const exists = await tx.query("select 1 from orgs where name = $1 and kind = 'unit'", [DEMO_EDUCATION.name]);
      if (exists.length) throw new AppError("CONFLICT", "演示数据已经加载过了");
      const root = await this.findOrCreateRoot(tx, actor);
      const office = root.kind === "office" ? root.id : (await insertRow<{ id: number }>(tx, "orgs", { values: { parentId: root.id, kind: "office", name: DEMO_OFFICE } })).id;
      const orgIds = new Map<string, number>();
      const userIds = new Map<string, number>();
      orgIds.set(DEMO_OFFICE, office);
      for (const unit of [DEMO_EDUCATION, ...DEMO_OTHER_UNITS]) {
        const unitRow = await insertRow<{ id: number }>(tx, "orgs", { values: { parentId: office, kind: "unit", name: unit.name, partyOrgName: unit.partyOrgName } });
        orgIds.set(unit.name, unitRow.id);
        for (const dept of unit.departments) {
          const deptRow = await insertRow<{ id: number }>(tx, "orgs", { values: { parentId: unitRow.id, kind: "department", name: dept } });
          orgIds.set(`${unit.name}/${dept}`, deptRow.id);
        }
      }
      for (const account of accounts) {
        const taken = await tx.query("select 1 from users where username = $1", [account.username]);
        if (taken.length) throw new AppError("CONFLICT", `用户名“${account.username}”已存在，无法加载演示数据`);
        const user = await insertRow<{ id: number }>(tx, "users", { values: { username: account.username, displayName: account.displayName, passwordHash: account.passwordHash } });
        await tx.query("insert into user_roles (user_id, org_id, role) values ($1, $2, $3)", [user.id, orgIds.get(account.org), account.role]);
        userIds.set(account.username, user.id);
      }
      await audit({ action: "load_demo", entity: "org", entityId: office, orgId: office, after: { units: [DEMO_EDUCATION, ...DEMO_OTHER_UNITS].map((u) => u.name), users: accounts.map((a) => a.username) } });
      let mainInspectionId = 0;
      for (const unit of [DEMO_EDUCATION, ...DEMO_OTHER_UNITS]) {
        const inspectionId = await this.loadUnitLedger(tx, audit, unit, orgIds, userIds, evidenceFiles);
        if (unit === DEMO_EDUCATION) mainInspectionId = inspectionId;
      }
      await this.loadRegisters(tx, audit, mainInspectionId, orgIds.get(DEMO_EDUCATION.name) as number, userIds);
      return {
        inspectionId: mainInspectionId,
        unitOrgId: orgIds.get(DEMO_EDUCATION.name) as number,
        accounts: accounts.map(({ username, displayName, role, password }) => ({ username, displayName, role, password })),
      };
    });
  }

  private async findOrCreateRoot(tx: Queryable, actor: Actor | null): Promise<{ id: number; kind: string }> {
    if (actor) {
      const grant = actor.grants.find((g) => g.role === "admin");
      const rows = await tx.query<{ id: number; kind: string }>("select id, kind from orgs where id = $1", [grant?.orgId]);
      if (rows[0]) return rows[0];
    }
    const roots = await tx.query<{ id: number; kind: string }>("select id, kind from orgs where parent_id is null order by id limit 1");
    if (roots[0]) return roots[0];
    return insertRow<{ id: number; kind: string }>(tx, "orgs", { values: { kind: "office", name: DEMO_OFFICE } });
  }

  private async loadUnitLedger(
    tx: Queryable,
    audit: AuditFn,
    unit: DemoUnit,
    orgIds: Map<string, number>,
    userIds: Map<string, number>,
    evidenceFiles: Map<string, { sha256: string; size: number }>,
  ): Promise<number> {
    const unitId = orgIds.get(unit.name) as number;
    const inspection = await insertRow<{ id: number }>(tx, "inspections", {
      values: { orgId: unitId, ...DEMO_INSPECTION },
      jsonFields: ["feedbackDocNumbers"],
    });
    await audit({ action: "create", entity: "inspection", entityId: inspection.id, orgId: unitId, after: inspection });
    const submitter = userIds.get("demo_jcjy") as number;
    const approvers = [userIds.get("demo_cw"), userIds.get("demo_leader"), userIds.get("demo_zgb")] as number[];
    const reviewer = userIds.get("demo_xcb") as number;
    let seq = 0;
    for (const f of unit.findings) {
      seq += 1;
      const finding = await insertRow<{ id: number }>(tx, "findings", {
        values: {
          inspectionId: inspection.id,
          orgId: unitId,
          seq,
          number: String(seq),
          category: f.category,
          title: f.title,
          subPoints: f.subPoints ?? [],
          leadLeader: f.leadLeader,
          leadDepartmentId: orgIds.get(`${unit.name}/${f.leadDepartment}`),
        },
        jsonFields: ["subPoints"],
      });
      await audit({ action: "create", entity: "finding", entityId: finding.id, orgId: unitId, after: finding });
      let mSeq = 0;
      for (const m of f.measures) {
        mSeq += 1;
        const departmentId = orgIds.get(`${unit.name}/${m.department}`) as number;
        const measure = await insertRow<{ id: number }>(tx, "measures", {
          values: {
            findingId: finding.id,
            orgId: unitId,
            seq: mSeq,
            text: m.text,
            kind: m.kind,
            leaderName: m.leader,
            departmentId,
            ownerName: m.owner,
            dueDate: m.dueDate,
            originalDueDate: m.dueDate,
            status: m.isRebound ? "in_progress" : m.status,
          },
        });
        await audit({ action: "create", entity: "measure", entityId: measure.id, orgId: departmentId, after: measure });
        let day = DEMO_INSPECTION.feedbackDate;
        for (const text of m.progress ?? []) {
          day = addDays(day, 30);
          const report = await insertRow<{ id: number }>(tx, "progress_reports", { values: { measureId: measure.id, orgId: unitId, reportDate: day, text, authorId: submitter } });
          await audit({ action: "progress", entity: "measure", entityId: measure.id, orgId: departmentId, after: { progressReportId: report.id, text } });
        }
        for (const name of m.evidence ?? []) {
          const file = evidenceFiles.get(name) as { sha256: string; size: number };
          await insertRow(tx, "evidence", {
            values: { measureId: measure.id, orgId: unitId, sha256: file.sha256, fileName: name, mimeType: "application/pdf", sizeBytes: file.size, effectiveDate: day, uploadedBy: submitter },
          });
          await audit({ action: "evidence", entity: "measure", entityId: measure.id, orgId: departmentId, after: { fileName: name, sha256: file.sha256 } });
        }
        if (isCompletedStatus(m.status) && unit === DEMO_EDUCATION) {
          const chain = await resolveSignoffChain(tx, departmentId);
          const closure = await insertRow<{ id: number }>(tx, "closures", {
            values: {
              measureId: measure.id,
              orgId: unitId,
              targetStatus: m.status,
              state: "approved",
              chain,
              submittedBy: submitter,
              submittedAt: `${addDays(day, 3)}T02:00:00Z`,
              decidedAt: `${addDays(day, 10)}T02:00:00Z`,
            },
            jsonFields: ["chain"],
          });
          for (let step = 0; step < chain.length; step += 1) {
            await tx.query("insert into closure_decisions (closure_id, step_index, user_id, decision) values ($1, $2, $3, 'approved')", [closure.id, step, approvers[step % approvers.length]]);
          }
          await audit({ action: "status", entity: "measure", entityId: measure.id, orgId: departmentId, before: { status: "in_progress" }, after: { status: m.status, via: "closure" } });
          if (m.isRebound) {
            await tx.query("insert into reviews (measure_id, org_id, review_date, outcome, note, reviewed_by) values ($1, $2, $3, 'rebound', $4, $5)", [
              measure.id,
              unitId,
              addDays(m.dueDate, 150),
              "回头看抽查发现两所学校消防通道再次被占用",
              reviewer,
            ]);
            await audit({ action: "status", entity: "measure", entityId: measure.id, orgId: departmentId, before: { status: m.status }, after: { status: "in_progress", via: "review" } });
          }
        }
      }
      await rollupFinding(tx, finding.id);
    }
    return inspection.id;
  }

  private async loadRegisters(tx: Queryable, audit: AuditFn, inspectionId: number, orgId: number, userIds: Map<string, number>): Promise<void> {
    const add = async (table: string, entity: string, values: Record<string, unknown>): Promise<void> => {
      const row = await insertRow<{ id: number }>(tx, table, { values: { ...values, orgId, inspectionId }, jsonFields: ["findingIds"] });
      await audit({ action: "create", entity, entityId: row.id, orgId, after: row });
    };
    const findingRows = await tx.query<{ id: number; title: string }>("select id, title from findings where inspection_id = $1", [inspectionId]);
    const findingId = (title: string): number => {
      const match = findingRows.find((f) => f.title === title);
      if (!match) throw new Error(`demo data names an unknown finding: ${title}`);
      return match.id;
    };
    for (const { findings, ...rule } of DEMO_REGISTERS.rules) await add("rules", "rule", { ...rule, findingIds: findings.map(findingId) });
    for (const { finding, ...a } of DEMO_REGISTERS.accountabilities) await add("accountabilities", "accountability", { ...a, findingId: findingId(finding) });
    for (const { finding, ...r } of DEMO_REGISTERS.recoveries) await add("recoveries", "recovery", { ...r, findingId: findingId(finding) });
    for (const p of DEMO_REGISTERS.petitions) await add("petitions", "petition", p);
    for (const l of DEMO_REGISTERS.leads) await add("leads", "lead", l);
    const office = await tx.query<{ id: number }>("select org_id as id from user_roles where user_id = $1", [userIds.get("demo_xcb")]);
    await add("directives", "directive", {
      text: "城东片区幼儿园建设进度滞后，请于 15 日内书面说明原因及下一步措施",
      replyDue: addDays(this.today(), 15),
      issuedByOrgId: office[0].id,
      issuedBy: userIds.get("demo_xcb"),
    });
  }
}
