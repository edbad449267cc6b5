import type { Queryable } from "../db/database.ts";

/** What a round, finding or measure holds that makes it more than an empty record. */
export interface Holdings {
  evidence: number;
  progress: number;
  closures: number;
  reviews: number;
  registers: number;
  notices: number;
  directives: number;
  extensions: number;
  interviews: number;
}

/** Which records to count under: a whole round, one finding or one measure. */
export type HoldingsScope = { inspectionId: number } | { findingId: number } | { measureId: number };

function measuresOf(scope: HoldingsScope): { sql: string; id: number } {
  if ("measureId" in scope) return { sql: "select $1::bigint as id", id: scope.measureId };
  if ("findingId" in scope) return { sql: "select id from measures where finding_id = $1", id: scope.findingId };
  return { sql: "select m.id from measures m join findings f on f.id = m.finding_id where f.inspection_id = $1", id: scope.inspectionId };
}

/**
 * Counts, voided or not, the evidence, progress, sign-offs, reviews, registers, notices, directives,
 * extension requests and 约谈 records under a record.
 */
export async function countHoldings(q: Queryable, scope: HoldingsScope): Promise<Holdings> {
  const measures = measuresOf(scope);
  const registerTables = ["rules", "accountabilities", "recoveries", "petitions", "leads"];
  let registers = "0";
  let notices = "0";
  let directives = "0";
  let interviews = "0";
  if ("inspectionId" in scope) {
    registers = registerTables.map((t) => `(select count(*) from ${t} where inspection_id = $1)`).join(" + ");
    notices = "(select count(*) from notices where inspection_id = $1)";
    directives = "(select count(*) from directives where inspection_id = $1)";
    interviews = "(select count(*) from interviews where inspection_id = $1)";
  } else if ("findingId" in scope) {
    registers = `(select count(*) from rules where finding_ids @> jsonb_build_array($1::bigint))
      + (select count(*) from accountabilities where finding_id = $1) + (select count(*) from recoveries where finding_id = $1)`;
    directives = "(select count(*) from directives where finding_id = $1)";
    interviews = "(select count(*) from interviews where finding_ids @> jsonb_build_array($1::bigint))";
  } else {
    directives = "(select count(*) from directives where measure_id = $1)";
    interviews = "(select count(*) from interviews where measure_ids @> jsonb_build_array($1::bigint))";
  }
  const rows = await q.query<Record<keyof Holdings, number>>(
    `with m as (${measures.sql})
     select (select count(*) from evidence where measure_id in (select id from m)) as evidence,
            (select count(*) from progress_reports where measure_id in (select id from m)) as progress,
            (select count(*) from closures where measure_id in (select id from m)) as closures,
            (select count(*) from reviews where measure_id in (select id from m)) as reviews,
            (select count(*) from extensions where measure_id in (select id from m)) as extensions,
            ${registers} as registers, ${notices} as notices, ${directives} as directives, ${interviews} as interviews`,
    [measures.id],
  );
  const row = rows[0];
  return {
    evidence: Number(row.evidence),
    progress: Number(row.progress),
    closures: Number(row.closures),
    reviews: Number(row.reviews),
    registers: Number(row.registers),
    notices: Number(row.notices),
    directives: Number(row.directives),
    extensions: Number(row.extensions),
    interviews: Number(row.interviews),
  };
}
