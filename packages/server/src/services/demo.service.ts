import { randomBytes } from "node:crypto";
import { isCompletedStatus, type Role, type Status } from "@zhenggai/core";
import { AppError } from "../errors.ts";
import { DEMO_EDUCATION, DEMO_INSPECTION, DEMO_OFFICE, DEMO_OTHER_UNITS, DEMO_REGISTERS, DEMO_SUPERVISION, DEMO_USERS, type DemoUnit } from "../demo/demo-data.ts";
import { makeDemoEvidencePdf } from "../demo/evidence-pdf.ts";
import type { MeasureRow } from "../repositories/ledger.repository.ts";
import { insertRow } from "../repositories/sql.ts";
import type { Queryable } from "../db/database.ts";
import type { Actor } from "./access.ts";
import { AccessScope } from "./access.ts";
import type { Services } from "./index.ts";
import { resolveSignoffChain } from "./org.service.ts";
import { hashPassword } from "./passwords.ts";
import { runMutation, type AuditFn } from "./transaction.ts";
import { rollupFinding } from "./finding.service.ts";
import { auditOrgOf } from "./measure.service.ts";
import { listStepSigners, routeSignoffChain } from "./signoff-routing.ts";

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

  /**
   * Loads the demo once; `actor` must administer the root (null: trusted CLI). Its reminders, escalations
   * and this week's report come from the scheduler's next run (within a minute on a running server).
   */
  async loadDemo(actor: Actor | null): Promise<DemoResult> {
    const { db, files } = this.services;
    if (actor) {
      const scope = await AccessScope.load(db, actor);
      if (!scope.isAdminAnywhere()) throw new AppError("FORBIDDEN", "仅管理员可以加载演示数据");
    }
    const accounts = await Promise.all(
      DEMO_USERS.map(async (u) => {
        if (!u.hasLogin) return { ...u, password: null, passwordHash: null };
        const password = `Demo${randomBytes(4).toString("hex")}9`;
        return { ...u, password, passwordHash: await hashPassword(password) };
      }),
    );
    const evidenceNames = new Set(DEMO_EDUCATION.findings.flatMap((f) => f.measures.flatMap((m) => m.evidence ?? [])));
    for (const unit of DEMO_OTHER_UNITS) for (const f of unit.findings) for (const m of f.measures) for (const e of m.evidence ?? []) evidenceNames.add(e);
    const evidenceFiles = new Map<string, { sha256: string; size: number }>();
    evidenceNames.add(DEMO_SUPERVISION.directive.file);
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
        if (account.isHead) await tx.query("update orgs set head_user_id = $2 where id = $1", [orgIds.get(account.org), user.id]);
        userIds.set(account.username, user.id);
      }
      await audit({ action: "load_demo", entity: "org", entityId: office, orgId: office, after: { units: [DEMO_EDUCATION, ...DEMO_OTHER_UNITS].map((u) => u.name), users: accounts.map((a) => a.username) } });
      let mainInspectionId = 0;
      for (const unit of [DEMO_EDUCATION, ...DEMO_OTHER_UNITS]) {
        const people = new Map(DEMO_USERS.filter((u) => u.org === unit.name || u.org.startsWith(`${unit.name}/`)).map((u) => [u.displayName, userIds.get(u.username) as number]));
        const inspectionId = await this.loadUnitLedger(tx, audit, unit, orgIds, people, userIds.get("demo_xcb") as number, evidenceFiles);
        if (unit === DEMO_EDUCATION) mainInspectionId = inspectionId;
      }
      await this.loadRegisters(tx, audit, mainInspectionId, orgIds.get(DEMO_EDUCATION.name) as number, userIds);
      await this.loadSupervision(tx, audit, mainInspectionId, userIds, evidenceFiles);
      return {
        inspectionId: mainInspectionId,
        unitOrgId: orgIds.get(DEMO_EDUCATION.name) as number,
        accounts: accounts.flatMap(({ username, displayName, role, password }) => (password ? [{ username, displayName, role, password }] : [])),
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
    people: Map<string, number>,
    reviewer: number,
    evidenceFiles: Map<string, { sha256: string; size: number }>,
  ): Promise<number> {
    const unitId = orgIds.get(unit.name) as number;
    const inspection = await insertRow<{ id: number }>(tx, "inspections", {
      values: { orgId: unitId, ...DEMO_INSPECTION },
      jsonFields: ["feedbackDocNumbers"],
    });
    await audit({ action: "create", entity: "inspection", entityId: inspection.id, orgId: unitId, after: inspection });
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
        // The 责任人 reports, uploads and submits; their account is the author of all three.
        const owner = people.get(m.owner) ?? null;
        const measure = await insertRow<MeasureRow>(tx, "measures", {
          values: {
            findingId: finding.id,
            orgId: unitId,
            seq: mSeq,
            text: m.text,
            kind: m.kind,
            leaderName: m.leader,
            leaderUserId: people.get(m.leader) ?? null,
            departmentId,
            ownerName: m.owner,
            ownerUserId: owner,
            dueDate: m.dueInDays === undefined ? m.dueDate : addDays(this.today(), m.dueInDays),
            originalDueDate: m.dueInDays === undefined ? m.dueDate : addDays(this.today(), m.dueInDays),
            status: m.status,
          },
        });
        await audit({ action: "create", entity: "measure", entityId: measure.id, orgId: departmentId, after: measure });
        let day = DEMO_INSPECTION.feedbackDate;
        for (const text of m.progress ?? []) {
          day = addDays(day, 30);
          const report = await insertRow<{ id: number }>(tx, "progress_reports", { values: { measureId: measure.id, orgId: unitId, reportDate: day, text, authorId: owner } });
          await audit({ action: "progress", entity: "measure", entityId: measure.id, orgId: departmentId, after: { progressReportId: report.id, text } });
        }
        for (const name of m.evidence ?? []) {
          const file = evidenceFiles.get(name) as { sha256: string; size: number };
          await insertRow(tx, "evidence", {
            values: { measureId: measure.id, orgId: unitId, sha256: file.sha256, fileName: name, mimeType: "application/pdf", sizeBytes: file.size, effectiveDate: day, uploadedBy: owner },
          });
          await audit({ action: "evidence", entity: "measure", entityId: measure.id, orgId: departmentId, after: { fileName: name, sha256: file.sha256 } });
        }
        if (isCompletedStatus(m.status)) {
          if (owner === null) throw new Error(`demo measure "${m.text}" is completed but its 责任人 has no account`);
          await this.signOff(tx, audit, measure, m.status, owner, day);
          if (m.isRebound) await this.reopen(tx, audit, measure, m.status, reviewer);
        }
      }
      await rollupFinding(tx, finding.id);
    }
    return inspection.id;
  }

  /**
   * Writes the approved closure of a demo measure the way the product would have routed it: the
   * same routing picks each step's person, and role steps go to a holder of the role who is not
   * the submitter and has not signed before.
   */
  private async signOff(tx: Queryable, audit: AuditFn, measure: MeasureRow, status: Status, submitter: number, day: string): Promise<void> {
    const submittedOn = addDays(day, 3);
    const chain = await routeSignoffChain(tx, measure, await resolveSignoffChain(tx, measure.departmentId ?? measure.orgId), submitter, submittedOn);
    const signers: number[] = [];
    for (const step of chain) {
      const holders = (await listStepSigners(tx, measure, step, submittedOn)).map((p) => p.id);
      const signer = holders.find((id) => id !== submitter && !signers.includes(id));
      if (signer === undefined) throw new Error(`demo measure "${measure.text}" has nobody to sign “${step.label}”`);
      signers.push(signer);
    }
    const closure = await insertRow<{ id: number }>(tx, "closures", {
      values: {
        measureId: measure.id,
        orgId: measure.orgId,
        targetStatus: status,
        state: "approved",
        chain,
        submittedBy: submitter,
        submittedAt: `${submittedOn}T02:00:00Z`,
        decidedAt: `${addDays(day, 10)}T02:00:00Z`,
      },
      jsonFields: ["chain"],
    });
    for (const [step, signer] of signers.entries()) {
      await tx.query(
        "insert into closure_decisions (closure_id, step_index, user_id, decision, reason, decided_at) values ($1, $2, $3, 'approved', '同意', $4)",
        [closure.id, step, signer, `${addDays(day, 4 + step * 3)}T02:00:00Z`],
      );
    }
    await audit({ action: "status", entity: "measure", entityId: measure.id, orgId: auditOrgOf(measure), before: { status: "in_progress" }, after: { status, via: "closure" } });
  }

  /** 回头看 by the 巡察办 found the closed measure rebounded: reopened with a new due date, sign-off kept. */
  private async reopen(tx: Queryable, audit: AuditFn, measure: MeasureRow, status: Status, reviewer: number): Promise<void> {
    const reviewDate = addDays(measure.dueDate as string, 150);
    // The rebound gets two weeks (限期两周), so the demo keeps an overdue reopened item to chase.
    const newDueDate = addDays(reviewDate, 14);
    const review = await insertRow<{ id: number }>(tx, "reviews", {
      values: { measureId: measure.id, orgId: measure.orgId, reviewDate, outcome: "rebound", kind: "supervision", newDueDate, note: "回头看抽查发现两所学校消防通道再次被占用", reviewedBy: reviewer },
    });
    await tx.query("update closures set reopened_at = $2, reopen_review_id = $3 where measure_id = $1 and state = 'approved'", [measure.id, `${reviewDate}T02:00:00Z`, review.id]);
    await tx.query("update measures set status = 'in_progress', due_date = $2 where id = $1", [measure.id, newDueDate]);
    await audit({ action: "status", entity: "measure", entityId: measure.id, orgId: auditOrgOf(measure), before: { status }, after: { status: "in_progress", via: "review" } });
    await audit({ action: "reschedule", entity: "measure", entityId: measure.id, orgId: auditOrgOf(measure), before: { dueDate: measure.dueDate }, after: { dueDate: newDueDate, reason: "回头看发现反弹，重新确定完成时限" } });
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

  /** An approved extension (original date kept), a replied directive with its file, and a 约谈 record. */
  private async loadSupervision(
    tx: Queryable,
    audit: AuditFn,
    inspectionId: number,
    userIds: Map<string, number>,
    evidenceFiles: Map<string, { sha256: string; size: number }>,
  ): Promise<void> {
    const measureRows = await tx.query<{ id: number; text: string; orgId: number; departmentId: number; findingId: number; dueDate: string }>(
      `select m.id, m.text, m.org_id as "orgId", m.department_id as "departmentId", m.finding_id as "findingId", m.due_date as "dueDate"
         from measures m join findings f on f.id = m.finding_id where f.inspection_id = $1`,
      [inspectionId],
    );
    const measureOf = (text: string) => {
      const match = measureRows.find((m) => m.text === text);
      if (!match) throw new Error(`demo data names an unknown measure: ${text}`);
      return match;
    };
    const user = (name: string): number => userIds.get(name) as number;

    const e = DEMO_SUPERVISION.extension;
    const extended = measureOf(e.measure);
    const extension = await insertRow<{ id: number }>(tx, "extensions", {
      values: {
        measureId: extended.id,
        orgId: extended.orgId,
        previousDueDate: extended.dueDate,
        requestedDueDate: e.requestedDueDate,
        reason: e.reason,
        state: "approved",
        requestedBy: user(e.requestedBy),
        requestedAt: e.requestedAt,
        decidedBy: user(e.decidedBy),
        decidedAt: e.decidedAt,
        decisionNote: e.note,
      },
    });
    await tx.query("update measures set due_date = $2 where id = $1", [extended.id, e.requestedDueDate]);
    await audit({ action: "extend", entity: "measure", entityId: extended.id, orgId: extended.departmentId, before: { dueDate: extended.dueDate }, after: { dueDate: e.requestedDueDate, originalDueDate: extended.dueDate, extensionId: extension.id } });

    const d = DEMO_SUPERVISION.directive;
    const target = measureOf(d.measure);
    const office = (await tx.query<{ id: number }>("select org_id as id from user_roles where user_id = $1", [user(d.issuedBy)]))[0].id;
    const directive = await insertRow<{ id: number }>(tx, "directives", {
      values: {
        orgId: target.orgId,
        issuedByOrgId: office,
        inspectionId,
        findingId: target.findingId,
        measureId: target.id,
        text: d.text,
        replyDue: d.replyDue,
        replyText: d.reply,
        repliedAt: d.repliedAt,
        repliedBy: user(d.repliedBy),
        state: "replied",
        issuedBy: user(d.issuedBy),
        createdAt: d.issuedAt,
      },
    });
    const file = evidenceFiles.get(d.file) as { sha256: string; size: number };
    await insertRow(tx, "directive_files", {
      values: { directiveId: directive.id, orgId: target.orgId, sha256: file.sha256, fileName: d.file, mimeType: "application/pdf", sizeBytes: file.size, uploadedBy: user(d.repliedBy), createdAt: d.repliedAt },
    });
    await audit({ action: "create", entity: "directive", entityId: directive.id, orgId: target.orgId, after: { text: d.text, replyDue: d.replyDue } });
    await audit({ action: "reply", entity: "directive", entityId: directive.id, orgId: target.orgId, after: { state: "replied", replyText: d.reply } });

    const i = DEMO_SUPERVISION.interview;
    const recorderOrg = (await tx.query<{ id: number }>("select org_id as id from user_roles where user_id = $1", [user(i.recordedBy)]))[0].id;
    const interview = await insertRow<{ id: number }>(tx, "interviews", {
      values: {
        orgId: target.orgId,
        inspectionId,
        interviewer: i.interviewer,
        interviewee: i.interviewee,
        heldOn: i.heldOn,
        location: i.location,
        subject: i.subject,
        findingIds: [...new Set(i.measures.map((text) => measureOf(text).findingId))],
        measureIds: i.measures.map((text) => measureOf(text).id),
        directiveId: directive.id,
        outcome: i.outcome,
        recordedBy: user(i.recordedBy),
        recordedByOrgId: recorderOrg,
      },
      jsonFields: ["findingIds", "measureIds"],
    });
    await audit({ action: "create", entity: "interview", entityId: interview.id, orgId: target.orgId, after: interview });
  }
}
