import type { RegisterField, RegisterSummary } from "@zhenggai/core";

export type { RegisterSummary } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import type { WhereBuilder } from "./sql.ts";

/** Computes a register's totals over a filter (which must not exclude voided rows itself). */
export async function summarizeRegister(
  q: Queryable,
  spec: { table: string; fields: Readonly<Record<string, RegisterField>> },
  where: WhereBuilder,
): Promise<RegisterSummary> {
  const live = "voided_at is null";
  const sums = ["people", "amount_fen"].filter((column) => (column === "people" ? "people" : "amountFen") in spec.fields);
  const sumColumns = (filter: string) => sums.map((column) => `, coalesce(sum(${column})${filter}, 0) as ${column}`).join("");
  const rows = await q.query<Record<string, number>>(
    `select count(*) filter (where ${live}) as count, count(*) filter (where not (${live})) as voided${sumColumns(` filter (where ${live})`)} from ${spec.table} ${where.toSql()}`,
    where.params,
  );
  const row = rows[0];
  const summary: RegisterSummary = { count: Number(row.count), voided: Number(row.voided) };
  if ("people" in spec.fields) summary.people = Number(row.people);
  if ("amountFen" in spec.fields) summary.amountFen = Number(row.amount_fen);
  for (const choice of ["kind", "state"] as const) {
    if (!(choice in spec.fields)) continue;
    const extra = choice === "kind" ? sumColumns("") : "";
    const groups = await q.query<Record<string, string | number>>(
      `select ${choice} as code, count(*) as n${extra} from ${spec.table} ${where.toSql()}${where.clauses.length ? " and" : " where"} ${live} group by ${choice}`,
      where.params,
    );
    const byCode = (column: string) => Object.fromEntries(groups.map((g) => [String(g.code), Number(g[column])]));
    if (choice === "state") {
      summary.byState = byCode("n");
      continue;
    }
    summary.byKind = byCode("n");
    if ("people" in spec.fields) summary.peopleByKind = byCode("people");
    if ("amountFen" in spec.fields) summary.amountFenByKind = byCode("amount_fen");
  }
  return summary;
}

/** The findings of a round as registers name them (number and title), voided ones included. */
export async function listRegisterFindings(q: Queryable, inspectionId: number): Promise<{ id: number; number: string; title: string }[]> {
  return q.query<{ id: number; number: string; title: string }>("select id, number, title from findings where inspection_id = $1 order by seq", [inspectionId]);
}
