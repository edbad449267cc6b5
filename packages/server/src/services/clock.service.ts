import {
  checkClockRules,
  computeRoundWindows,
  defaultClockRules,
  defaultMeasureDueDate,
  lightUnderRules,
  ROLES,
  yellowDaysOf,
  type ClockRules,
  type DeadlineLight,
  type MeasureKind,
  type RoundWindow,
  type Status,
} from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import { findRowById } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { runMutation } from "./transaction.ts";
import { ensure, found } from "./validation.ts";

/** Rules that apply to an org, and where they come from. */
export interface ResolvedClockRules {
  rules: ClockRules;
  /** Org whose settings hold the rules; null when the defaults apply. */
  definedAt: number | null;
}

/**
 * Reads the clock rules of an org: its own `settings.clockRules` or the nearest ancestor's (a
 * supervising 巡察办 configures its units), else the defaults.
 */
export async function resolveClockRules(q: Queryable, orgId: number, fallback: ClockRules = defaultClockRules()): Promise<ResolvedClockRules> {
  const rows = await q.query<{ id: number; settings: { clockRules: ClockRules } }>(
    `select a.id, a.settings from orgs c join orgs a on c.path like a.path || '%'
      where c.id = $1 and a.settings ? 'clockRules' order by length(a.path) desc limit 1`,
    [orgId],
  );
  return rows[0] ? { rules: rows[0].settings.clockRules, definedAt: rows[0].id } : { rules: fallback, definedAt: null };
}

/** The rules of several orgs in one statement (each its own or the nearest ancestor's, else the fallback). */
export async function resolveClockRulesOfOrgs(q: Queryable, orgIds: readonly number[], fallback: ClockRules = defaultClockRules()): Promise<Map<number, ClockRules>> {
  const ids = [...new Set(orgIds)];
  const rulesOf = new Map<number, ClockRules>();
  if (ids.length === 0) return rulesOf;
  // orgs_clock_rules_idx holds the few orgs that set rules: each lookup reads only those.
  const rows = await q.query<{ id: number; rules: ClockRules | null }>(
    `select c.id, (select a.settings->'clockRules' from orgs a
                    where c.path like a.path || '%' and a.settings ? 'clockRules'
                    order by length(a.path) desc limit 1) as rules
       from orgs c where c.id = any($1::bigint[])`,
    [ids],
  );
  for (const row of rows) rulesOf.set(Number(row.id), row.rules ?? fallback);
  return rulesOf;
}

/** The default due date a new measure gets from its round's rules (null when the round has no feedback date). */
export async function defaultDueDateFor(q: Queryable, finding: { orgId: number; inspectionId: number }, kind: MeasureKind): Promise<string | null> {
  const inspection = await findRowById<InspectionRow>(q, "inspections", finding.inspectionId);
  if (!inspection?.feedbackDate) return null;
  const { rules } = await resolveClockRules(q, finding.orgId);
  return defaultMeasureDueDate(rules, kind, inspection.feedbackDate);
}

/** Computes deadline lights under each org's rules, reading each org's rules once per use. */
export class LightBook {
  private readonly cache = new Map<number, Promise<ClockRules>>();

  constructor(
    private readonly q: Queryable,
    private readonly today: string,
    private readonly fallback: ClockRules,
  ) {}

  /** Reads the rules of several orgs in one statement (a list page's units), so later lookups hit the cache. */
  async preload(orgIds: readonly number[]): Promise<void> {
    const missing = orgIds.filter((id) => !this.cache.has(id));
    for (const [id, rules] of await resolveClockRulesOfOrgs(this.q, missing, this.fallback)) this.cache.set(id, Promise.resolve(rules));
  }

  /** Rules of an org (cached). */
  rulesOf(orgId: number): Promise<ClockRules> {
    let rules = this.cache.get(orgId);
    if (!rules) {
      rules = resolveClockRules(this.q, orgId, this.fallback).then((r) => r.rules);
      this.cache.set(orgId, rules);
    }
    return rules;
  }

  /** The light of one item of an org. */
  async lightOf(orgId: number, status: Status, dueDate: string | null): Promise<DeadlineLight> {
    return lightUnderRules(await this.rulesOf(orgId), status, dueDate, this.today);
  }
}

/** A window on a round's timeline, with where today stands. */
export interface TimelineWindow extends RoundWindow {
  state: "past" | "current" | "upcoming";
}

/** Deadline rules (期限规则) per supervising org and each round's clock. */
export class ClockService {
  constructor(
    private readonly db: Database,
    private readonly today: () => string,
    private readonly fallback: () => ClockRules,
  ) {}

  /** Reads the rules that apply to an org (any reader of the org may see them). */
  async getRules(actor: Actor, orgId: number): Promise<ResolvedClockRules & { yellowDays: number; canEdit: boolean }> {
    const scope = await AccessScope.load(this.db, actor);
    scope.require("read", [orgId], "单位");
    const resolved = await resolveClockRules(this.db, orgId, this.fallback());
    return { ...resolved, yellowDays: yellowDaysOf(resolved.rules), canEdit: canConfigure(scope, orgId) };
  }

  /** Sets (or with null, removes so the parent's apply) an org's rules; administrators and the 巡察办 over it may. */
  async updateRules(actor: Actor, orgId: number, rules: ClockRules | null): Promise<ResolvedClockRules> {
    if (rules) {
      const problems = checkClockRules(rules, ROLES);
      ensure(problems.length === 0, `期限规则有误：${problems.join("；")}`, { problems });
    }
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      scope.require("read", [orgId], "单位");
      if (!canConfigure(scope, orgId)) throw new AppError("FORBIDDEN", "只有管理员或巡察办可以设置期限规则");
      const before = await resolveClockRules(tx, orgId, this.fallback());
      await tx.query(
        rules
          ? "update orgs set settings = settings || jsonb_build_object('clockRules', $2::jsonb), version = version + 1, updated_at = now() where id = $1"
          : "update orgs set settings = settings - 'clockRules', version = version + 1, updated_at = now() where id = $1",
        rules ? [orgId, JSON.stringify(rules)] : [orgId],
      );
      await audit({ action: "update_clock_rules", entity: "org", entityId: orgId, orgId, before: before.definedAt === orgId ? before.rules : null, after: rules });
      return resolveClockRules(tx, orgId, this.fallback());
    });
  }

  /** A round's clock: each window's date from the feedback date and where today stands. */
  async getRoundClock(actor: Actor, inspectionId: number): Promise<{ feedbackDate: string | null; today: string; windows: TimelineWindow[]; measureDefaults: ClockRules["measureDefaults"] }> {
    const scope = await AccessScope.load(this.db, actor);
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", inspectionId), "巡察轮次");
    scope.require("read", [inspection.orgId], "巡察轮次");
    const { rules } = await resolveClockRules(this.db, inspection.orgId, this.fallback());
    const today = this.today();
    const windows = computeRoundWindows(rules, inspection.feedbackDate).map((w) => ({
      ...w,
      state: (w.endDate < today ? "past" : w.date <= today ? "current" : "upcoming") as TimelineWindow["state"],
    }));
    return { feedbackDate: inspection.feedbackDate, today, windows, measureDefaults: rules.measureDefaults };
  }
}

function canConfigure(scope: AccessScope, orgId: number): boolean {
  const roles = scope.rolesAt([orgId]);
  return roles.includes("admin") || roles.includes("inspection_office");
}
