import type { Role } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import type { Actor } from "../services/access.ts";
import type { Services } from "../services/index.ts";
import { createOrgFixture, type OrgFixture } from "./test-app.ts";

/** The people of a clock scenario, each an Actor for service calls. */
export interface ClockPeople {
  owner: Actor;
  /** 分管领导 of the measure (granted on the department, linked as the measure's leader). */
  leader: Actor;
  /** The unit's 主要负责人 (leader granted on the unit). */
  principal: Actor;
  office: Actor;
  inspector: Actor;
  discipline: Actor;
  otherOffice: Actor;
}

/** A round with one measure and one directive whose clock the tests run. */
export interface ClockFixture {
  orgs: OrgFixture;
  people: ClockPeople;
  inspectionId: number;
  measureId: number;
  directiveId: number;
}

let counter = 0;

async function addUser(services: Services, role: Role, orgId: number, name: string): Promise<Actor> {
  counter += 1;
  const view = await services.users.createUser(null, { username: `clk${counter}_${role}`.slice(0, 60), displayName: name, password: "Passw0rd-clock", grants: [{ orgId, role }] });
  return { userId: view.id, username: view.username, displayName: view.displayName, grants: [{ orgId, role }] };
}

/**
 * Feedback 2026-05-01 (windows: plan 06-01, concentrated end and report 07-01, evaluation and public
 * period 08-01, 回头看 11-01); one measure due 2026-07-31 assigned 2026-05-10; one directive issued with
 * a reply due 2026-07-10. `now` must be set to 2026-05-10 by the caller.
 */
export async function createClockFixture(services: Services, db: Database): Promise<ClockFixture> {
  const orgs = await createOrgFixture(db);
  const people: ClockPeople = {
    owner: await addUser(services, "department", orgs.deptA1, "责任人甲"),
    leader: await addUser(services, "leader", orgs.deptA1, "分管领导乙"),
    principal: await addUser(services, "leader", orgs.unitA, "主要负责人丙"),
    office: await addUser(services, "rectification_office", orgs.unitA, "整改办丁"),
    inspector: await addUser(services, "inspection_office", orgs.office, "巡察办戊"),
    discipline: await addUser(services, "discipline", orgs.office, "纪检组己"),
    otherOffice: await addUser(services, "rectification_office", orgs.unitB, "乙单位整改办庚"),
  };
  const inspection = await services.inspections.createInspection(people.office, orgs.unitA, { name: "时钟测试巡察", feedbackDate: "2026-05-01" });
  const finding = await services.findings.createFinding(people.office, inspection.id, { title: "时钟测试问题" });
  const measure = await services.measures.createMeasure(people.office, finding.id, {
    text: "建立时钟测试制度",
    departmentId: orgs.deptA1,
    ownerUserId: people.owner.userId,
    ownerName: people.owner.displayName,
    leaderUserId: people.leader.userId,
    leaderName: people.leader.displayName,
    dueDate: "2026-07-31",
  });
  // Set-up, not behaviour: the measure was assigned on the scenario's first day (created_at is wall time).
  await db.query("update measures set created_at = '2026-05-10T02:00:00Z' where id = $1", [measure.id]);
  const directive = await services.directives.issue(people.inspector, { measureId: measure.id, text: "请说明时钟测试制度的推进情况", replyDue: "2026-07-10" });
  return { orgs, people, inspectionId: inspection.id, measureId: measure.id, directiveId: directive.id };
}

/** The clock events fired so far, each as "type:step@anchor → recipients' names" (sorted). */
export async function describeFiredEvents(db: Database): Promise<string[]> {
  const rows = await db.query<{ recordType: string; stepKey: string; anchorDate: string; names: string[] | null }>(
    `select e.record_type as "recordType", e.step_key as "stepKey", e.anchor_date as "anchorDate",
            (select array_agg(u.display_name) from notifications n join users u on u.id = n.user_id where n.event_id = e.id) as names
       from clock_events e order by e.fire_date, e.record_type, e.step_key`,
  );
  return rows.map((r) => `${r.recordType}:${r.stepKey}@${r.anchorDate} → ${[...(r.names ?? [])].sort().join("、")}`);
}

/** Each day from `from` to `to` inclusive, as YYYY-MM-DD. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** 10:00 in Asia/Shanghai on a day. */
export function morningOf(day: string): Date {
  return new Date(`${day}T02:00:00Z`);
}
