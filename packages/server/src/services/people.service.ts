import type { Database, Queryable } from "../db/database.ts";
import { findUnitOf } from "../repositories/org.repository.ts";
import type { PersonOption, UnlinkedName } from "@zhenggai/core";
import { listPeopleOfUnit } from "../repositories/people.repository.ts";
import { findRowById } from "../repositories/sql.ts";
import type { MeasureRow } from "../repositories/ledger.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { auditOrgOf } from "./measure.service.ts";
import { runMutation } from "./transaction.ts";
import { ensure, found } from "./validation.ts";

/** Which person of a measure: its 责任领导 or its 责任人. */
export type PersonField = UnlinkedName["field"];

const COLUMNS: Record<PersonField, { name: string; userId: string; label: string }> = {
  leader: { name: "leader_name", userId: "leader_user_id", label: "责任领导" },
  owner: { name: "owner_name", userId: "owner_user_id", label: "责任人" },
};

/**
 * Settles the 责任领导 / 责任人 of a measure being written: a chosen account sets the name to the
 * account's name; a name alone links to the unit's one active user of that name, keeps the current
 * link when the name is unchanged, and otherwise stays a name-only (unlinked) value, as imports write.
 */
export async function resolveMeasurePeople<T extends { leaderName?: string | null; leaderUserId?: number | null; ownerName?: string | null; ownerUserId?: number | null }>(
  q: Queryable,
  unitId: number,
  input: T,
  before?: Pick<MeasureRow, "leaderName" | "leaderUserId" | "ownerName" | "ownerUserId">,
): Promise<T> {
  const out = { ...input };
  for (const field of ["leader", "owner"] as const) {
    const nameKey = `${field}Name` as const;
    const idKey = `${field}UserId` as const;
    const userId = input[idKey];
    const name = input[nameKey];
    if (userId) {
      const person = await findPersonInUnit(q, unitId, userId);
      ensure(person, `所选${COLUMNS[field].label}不是本单位的在用账号`);
      out[nameKey] = person.displayName;
    } else if (userId === null) {
      out[nameKey] = name?.trim() || null;
    } else if (name !== undefined) {
      const trimmed = name?.trim() || null;
      out[nameKey] = trimmed;
      if (trimmed === null) out[idKey] = null;
      else if (before && before[idKey] !== null && before[nameKey] === trimmed) out[idKey] = before[idKey];
      else out[idKey] = await findOnlyNamesake(q, unitId, trimmed);
    }
  }
  return out;
}

async function findPersonInUnit(q: Queryable, unitId: number, userId: number): Promise<{ displayName: string } | null> {
  const people = await listPeopleOfUnit(q, unitId);
  const person = people.find((p) => p.id === userId && p.isActive);
  return person ? { displayName: person.displayName } : null;
}

async function findOnlyNamesake(q: Queryable, unitId: number, name: string): Promise<number | null> {
  const matches = (await listPeopleOfUnit(q, unitId)).filter((p) => p.isActive && p.displayName === name);
  return matches.length === 1 ? matches[0].id : null;
}

/** People as accounts: choosing them for measures and linking name-only values in bulk. */
export class PeopleService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The users of the unit an org belongs to (for 责任领导 / 责任人 / delegate pickers). */
  async listPeople(actor: Actor, orgId: number): Promise<PersonOption[]> {
    const scope = await AccessScope.load(this.db, actor);
    scope.require("read", [orgId], "单位");
    const unit = found(await findUnitOf(this.db, orgId), "单位");
    return listPeopleOfUnit(this.db, unit.id);
  }

  /** Names on the unit's measures not linked to an account, with the account that likely matches. */
  async listUnlinkedNames(actor: Actor, unitId: number): Promise<UnlinkedName[]> {
    const scope = await AccessScope.load(this.db, actor);
    scope.require("manage_ledger", [unitId], "单位");
    const people = (await listPeopleOfUnit(this.db, unitId)).filter((p) => p.isActive);
    const out: UnlinkedName[] = [];
    for (const field of ["leader", "owner"] as const) {
      const { name, userId } = COLUMNS[field];
      const rows = await this.db.query<{ name: string; n: number }>(
        `select ${name} as name, count(*) as n from measures
          where org_id = $1 and ${userId} is null and coalesce(trim(${name}), '') <> ''
          group by ${name} order by ${name}`,
        [unitId],
      );
      for (const row of rows) {
        out.push({ field, name: row.name, measureCount: Number(row.n), suggestedUserIds: people.filter((p) => p.displayName === row.name).map((p) => p.id) });
      }
    }
    return out;
  }

  /**
   * Links every measure of the unit whose 责任领导 (or 责任人) reads `name` and has no account to
   * the chosen user, all at once; each measure's change is audited.
   */
  async linkName(actor: Actor, unitId: number, input: { field: PersonField; name: string; userId: number }): Promise<{ updated: number }> {
    ensure(input.name?.trim(), "请指定要关联的姓名");
    const { name, userId, label } = COLUMNS[input.field];
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [unitId], "单位");
      const person = await findPersonInUnit(tx, unitId, input.userId);
      ensure(person, `所选${label}不是本单位的在用账号`);
      const measures = await tx.query<{ id: number }>(
        `select id from measures where org_id = $1 and ${userId} is null and ${name} = $2 order by id for update`,
        [unitId, input.name],
      );
      for (const { id } of measures) {
        const before = found(await findRowById<MeasureRow>(tx, "measures", id), "整改措施");
        await tx.query(`update measures set ${userId} = $2, ${name} = $3, version = version + 1, updated_at = now() where id = $1`, [id, input.userId, person.displayName]);
        await audit({
          action: "link_person",
          entity: "measure",
          entityId: id,
          orgId: auditOrgOf(before),
          before: { [`${input.field}Name`]: before[`${input.field}Name`], [`${input.field}UserId`]: null },
          after: { [`${input.field}Name`]: person.displayName, [`${input.field}UserId`]: input.userId },
        });
      }
      return { updated: measures.length };
    });
  }
}
