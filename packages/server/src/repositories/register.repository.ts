import type { RegisterField } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import type { WhereBuilder } from "./sql.ts";

/** Totals of a register list over the rows that count (not voided). */
export interface RegisterSummary {
  /** Rows that count. */
  count: number;
  /** Voided rows matching the same filter (kept, not counted). */
  voided: number;
  /** Sum of `people` (accountability: people held accountable; leads: people involved). */
  people?: number;
  /** Sum of `amountFen` (recoveries). */
  amountFen?: number;
  /** Rows per code of the `kind` choice. */
  byKind?: Record<string, number>;
  /** Rows per code of the `state` choice. */
  byState?: Record<string, number>;
}

/** Computes a register's totals over a filter (which must not exclude voided rows itself). */
export async function summarizeRegister(
  q: Queryable,
  spec: { table: string; isVoidable: boolean; fields: Readonly<Record<string, RegisterField>> },
  where: WhereBuilder,
): Promise<RegisterSummary> {
  const live = spec.isVoidable ? "voided_at is null" : "true";
  const sums = ["people", "amountFen"].filter((f) => f in spec.fields);
  const sumColumns = sums.map((f) => `, coalesce(sum(${f === "amountFen" ? "amount_fen" : f}) filter (where ${live}), 0) as ${f === "amountFen" ? "amount_fen" : f}`).join("");
  const rows = await q.query<Record<string, number>>(
    `select count(*) filter (where ${live}) as count, count(*) filter (where not (${live})) as voided${sumColumns} from ${spec.table} ${where.toSql()}`,
    where.params,
  );
  const row = rows[0];
  const summary: RegisterSummary = { count: Number(row.count), voided: Number(row.voided) };
  if ("people" in spec.fields) summary.people = Number(row.people);
  if ("amountFen" in spec.fields) summary.amountFen = Number(row.amount_fen);
  for (const choice of ["kind", "state"] as const) {
    if (!(choice in spec.fields)) continue;
    const groups = await q.query<{ code: string; n: number }>(
      `select ${choice} as code, count(*) as n from ${spec.table} ${where.toSql()}${where.clauses.length ? " and" : " where"} ${live} group by ${choice}`,
      where.params,
    );
    summary[choice === "kind" ? "byKind" : "byState"] = Object.fromEntries(groups.map((g) => [g.code, Number(g.n)]));
  }
  return summary;
}

/** The findings of a round as registers name them (number and title), voided ones included. */
export async function listRegisterFindings(q: Queryable, inspectionId: number): Promise<{ id: number; number: string; title: string }[]> {
  return q.query<{ id: number; number: string; title: string }>("select id, number, title from findings where inspection_id = $1 order by seq", [inspectionId]);
}
